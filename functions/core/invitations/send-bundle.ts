import type { CoreDeps } from '../deps';
import { counterKeysFor, smsChannelOf } from '../scoring/counters';
import { inSendWindow, nextSendTime } from '../scheduling/send-window';
import { addMinutes } from '../scheduling/shanghai-time';
import { optOutReasonOf, sendWindowOf, type Invitation } from './invitation';
import { backoffMinutes, type SendOutcome } from './send-due';
import { sentMessageOf } from './sent-message';
import { SmsSendError } from './sms-send-error';
import { codeClaimOf, mintSurveyAccess, surveySmsContent } from './survey-message';

/** What sending a bundle did, and to how many of its invitations. */
export interface BundleOutcome {
  outcome: SendOutcome;
  invitations: number;
}

/**
 * Sends a bundle (invitations of one enterprise merged by the frequency cap) as ONE SMS with one
 * link (in code mode: one code), when any of its members comes due. Every member still waiting (scheduled, or claimed by a
 * sweeper whose lease lapsed) is claimed in ONE transaction under one token, so of two sweepers
 * exactly one sends; members withdrawn meanwhile (the issue was reopened) are left out. Outside
 * the send window the members wait for its next start; to an enterprise that opted out they are
 * `suppressed`; a gateway error schedules every member's next attempt together (or fails them).
 * The claim of the open bundle also seals it and records the enterprise's `lastSentAt`.
 */
export async function sendBundle(deps: CoreDeps, trigger: Invitation & { bundleId: string }): Promise<BundleOutcome> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const bundle = await deps.bundles.get(trigger.bundleId);
  const fresh = bundle ? await Promise.all(bundle.memberIds.map((id) => deps.invitations.get(id))) : [trigger];
  const waiting = fresh.filter((i): i is Invitation => i !== undefined && (i.status === 'scheduled' || (i.status === 'sending' && (i.leaseUntil ?? '') <= at)));
  const self = waiting.find((i) => i.id === trigger.id);
  // Another sweeper has the bundle, or this member is not due yet (its companions decide when it goes).
  if (!self || (self.status === 'scheduled' && self.sendAfter > at)) return { outcome: 'skipped', invitations: 0 };

  const window = sendWindowOf(deps.settings);
  if (!inSendWindow(deps.calendar, window, now)) {
    const next = nextSendTime(deps.calendar, window, now);
    const moved = await Promise.all(waiting.map((i) => deps.invitations.defer(i, next, now)));
    return { outcome: moved.some(Boolean) ? 'deferred' : 'skipped', invitations: moved.filter(Boolean).length };
  }
  // A member whose last attempt's sweeper stopped before the gateway answered gets no further attempt.
  const exhausted = waiting.filter((i) => i.status === 'sending' && i.attempts >= deps.settings.maxSendAttempts);
  for (const inv of exhausted) await deps.invitations.markSendFailed(inv, { reason: inv.failureReason ?? 'no answer from the gateway before the lease lapsed', at: now });
  const members = waiting.filter((i) => !exhausted.includes(i));
  if (members.length === 0) return { outcome: { failed: exhausted[0]?.failureReason ?? 'no answer from the gateway before the lease lapsed', attempts: self.attempts, retryAt: null }, invitations: exhausted.length };

  const enterprise = await deps.org.getEnterprise(trigger.enterpriseId);
  const optedOut = enterprise && optOutReasonOf(enterprise);
  if (optedOut) {
    const done = await Promise.all(members.map((i) => deps.invitations.suppress(i, optedOut, now)));
    return { outcome: done.some(Boolean) ? 'suppressed' : 'skipped', invitations: done.filter(Boolean).length };
  }

  const state = bundle ? await deps.bundles.state(bundle.enterpriseId) : undefined;
  const close = bundle && state?.openBundleId === bundle.id ? { bundleId: bundle.id, enterpriseId: bundle.enterpriseId, stateVersion: state.version } : undefined;
  // In code mode the code item, written in the same transaction, opens every member, as the token does.
  const access = mintSurveyAccess(deps);
  const hash = access.tokenHash;
  const leaseUntil = addMinutes(now, deps.settings.sendLeaseSeconds / 60);
  if (!(await deps.bundles.claim(members, { tokenHash: hash, leaseUntil, now, ...(close ? { close } : {}), ...codeClaimOf(access, deps.settings, now) }))) return { outcome: 'skipped', invitations: 0 };
  const claimed = members.map((i): Invitation => ({ ...i, status: 'sending', tokenHash: hash, leaseUntil: leaseUntil.toISOString(), attempts: i.attempts + 1 }));
  const attempts = Math.max(...claimed.map((i) => i.attempts));
  let accepted: { providerMessageId: string };
  try {
    const content = surveySmsContent(deps.settings, access, 'invitation', claimed.length > 1 ? claimed.length : undefined);
    accepted = await deps.sms.send({ to: trigger.phone, ...content, invitationId: claimed[0]!.id, purpose: 'invitation' }, now);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const retryable = !(error instanceof SmsSendError) || error.retryable;
    const retryAt = retryable && attempts < deps.settings.maxSendAttempts ? addMinutes(now, backoffMinutes(deps.settings.sendRetryBackoffMinutes, attempts)) : undefined;
    for (const inv of claimed) await deps.invitations.markSendFailed(inv, { reason, at: now, ...(retryAt ? { retryAt } : {}) });
    return { outcome: { failed: reason, attempts, retryAt: retryAt?.toISOString() ?? null }, invitations: claimed.length };
  }
  const expiresAt = addMinutes(now, deps.settings.invitationTtlDays * 24 * 60);
  const reminderAt = nextSendTime(deps.calendar, window, addMinutes(now, deps.settings.reminderAfterHours * 60));
  // The SMS names the first member, so the provider's receipt (by its message id) lands on it.
  const message = sentMessageOf(deps.sms.provider, accepted);
  let recorded = 0;
  for (const inv of claimed) {
    const counters = counterKeysFor(inv, now, smsChannelOf(inv)).map((key) => ({ key, invited: 1 }));
    const first = inv.id === claimed[0]!.id && message ? { message } : {};
    if (await deps.invitations.markSent(inv, { sentAt: now, expiresAt, ...(reminderAt < expiresAt ? { reminderAt } : {}), counters, ...first })) recorded++;
  }
  return { outcome: recorded > 0 ? 'sent' : 'skipped', invitations: recorded };
}

/**
 * Sends the one reminder of a bundle as ONE SMS: every member that is still unanswered and not yet
 * reminded is claimed in one transaction under one new token; the new link lists every member that
 * was sent (answered ones show as done). The first link keeps working. Outside the send window the
 * reminder waits (or is given up when no window comes before expiry), as for a single invitation.
 */
export async function remindBundle(deps: CoreDeps, trigger: Invitation & { bundleId: string }): Promise<'reminded' | 'deferred' | 'skipped'> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const bundle = await deps.bundles.get(trigger.bundleId);
  const fresh = (bundle ? await Promise.all(bundle.memberIds.map((id) => deps.invitations.get(id))) : [trigger]).filter((i): i is Invitation => i !== undefined);
  const pending = fresh.filter(
    (i) => i.status === 'sent' && !i.remindedAt && !i.reminderFailure && i.reminderAt !== undefined && (i.reminderLeaseUntil ?? '') <= at,
  );
  const self = pending.find((i) => i.id === trigger.id);
  if (!self || (self.reminderLeaseUntil ?? self.reminderAt)! > at) return 'skipped';
  const window = sendWindowOf(deps.settings);
  if (!inSendWindow(deps.calendar, window, now)) {
    const next = nextSendTime(deps.calendar, window, now);
    if (self.expiresAt && next.toISOString() >= self.expiresAt) {
      for (const inv of pending) await deps.invitations.markReminded(inv, { at: now, failure: 'no send window before the link expires' });
      return 'skipped';
    }
    const moved = await Promise.all(pending.map((i) => deps.invitations.defer(i, next, now)));
    return moved.some(Boolean) ? 'deferred' : 'skipped';
  }
  const enterprise = await deps.org.getEnterprise(trigger.enterpriseId);
  const optedOut = enterprise && optOutReasonOf(enterprise);
  if (optedOut) {
    for (const inv of pending) await deps.invitations.markReminded(inv, { at: now, failure: optedOut });
    return 'skipped';
  }
  const linked = fresh.filter((i) => i.status === 'sent' || i.status === 'answered').map((i) => i.id);
  const access = mintSurveyAccess(deps);
  const hash = access.tokenHash;
  const leaseUntil = addMinutes(now, deps.settings.sendLeaseSeconds / 60);
  if (!(await deps.bundles.claimReminder(pending, { tokenHash: hash, leaseUntil, now, linked, ...codeClaimOf(access, deps.settings, now) }))) return 'skipped';
  const claimed = pending.map((i): Invitation => ({ ...i, tokenHash: hash, reminderLeaseUntil: leaseUntil.toISOString() }));
  let accepted: { providerMessageId: string };
  try {
    const content = surveySmsContent(deps.settings, access, 'reminder', linked.length > 1 ? pending.length : undefined);
    accepted = await deps.sms.send({ to: trigger.phone, ...content, invitationId: claimed[0]!.id, purpose: 'reminder' }, now);
  } catch (error) {
    for (const inv of claimed) await deps.invitations.markReminded(inv, { at: now, failure: error instanceof Error ? error.message : String(error) });
    return 'skipped';
  }
  const message = sentMessageOf(deps.sms.provider, accepted);
  for (const inv of claimed) await deps.invitations.markReminded(inv, { at: now, ...(inv.id === claimed[0]!.id && message ? { message } : {}) });
  return 'reminded';
}
