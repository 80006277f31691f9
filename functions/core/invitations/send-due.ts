import type { CoreDeps } from '../deps';
import { counterKeysFor, smsChannelOf } from '../scoring/counters';
import { inSendWindow, nextSendTime } from '../scheduling/send-window';
import { addMinutes } from '../scheduling/shanghai-time';
import { optOutReasonOf, sendWindowOf, type Invitation } from './invitation';
import { expireInvitation, remindInvitation } from './remind-and-expire';
import { remindBundle, sendBundle } from './send-bundle';
import { SmsSendError } from './sms-send-error';
import { sentMessageOf } from './sent-message';
import { codeClaimOf, mintSurveyAccess, surveySmsContent } from './survey-message';

export interface SendReport {
  due: number;
  sent: number;
  /** Reminders sent to non-responders. */
  reminded: number;
  /** Marked `expired`: sent, never answered before `expiresAt`. */
  expired: number;
  /** Never sent: the enterprise opted out. */
  suppressed: number;
  /** Came due outside the send window and moved to its next start. */
  deferred: number;
  /** Claimed by another sweeper first, or nothing to do yet (safe to run twice at once). */
  skipped: number;
  /** Attempts the gateway refused: `retryAt` is the next attempt, `null` when the invitation is now `failed` for good. */
  failed: Array<{ invitationId: string; reason: string; attempts: number; retryAt: string | null }>;
}

export type SendOutcome = 'sent' | 'skipped' | 'deferred' | 'suppressed' | { failed: string; attempts: number; retryAt: string | null };

/**
 * Acts on every invitation that is due: sends the first SMS (inside the send window, never to an
 * enterprise that opted out, retried with backoff on gateway errors), sends the one reminder to a
 * non-responder, and marks links past their expiry `expired`. Reads only the DUE index.
 */
export async function sendDueInvitations(deps: CoreDeps, limit = 100): Promise<SendReport> {
  const due = await deps.invitations.due(deps.clock.now(), limit);
  const report: SendReport = { due: due.length, sent: 0, reminded: 0, expired: 0, suppressed: 0, deferred: 0, skipped: 0, failed: [] };
  for (const invitation of due) {
    if (invitation.status === 'sent') {
      const now = deps.clock.now();
      if (invitation.expiresAt !== undefined && invitation.expiresAt <= now.toISOString()) {
        if (await expireInvitation(deps, invitation)) report.expired++;
        else report.skipped++;
        continue;
      }
      const outcome = invitation.bundleId ? await remindBundle(deps, { ...invitation, bundleId: invitation.bundleId }) : await remindInvitation(deps, invitation);
      if (outcome === 'reminded') report.reminded++;
      else if (outcome === 'deferred') report.deferred++;
      else report.skipped++;
      continue;
    }
    if (invitation.bundleId) {
      // Under the frequency cap: the whole bundle goes as one SMS; `sent` counts its invitations.
      const { outcome, invitations } = await sendBundle(deps, { ...invitation, bundleId: invitation.bundleId });
      if (typeof outcome === 'object') report.failed.push({ invitationId: invitation.id, reason: outcome.failed, attempts: outcome.attempts, retryAt: outcome.retryAt });
      else if (outcome === 'sent') report.sent += invitations;
      else if (outcome === 'deferred') report.deferred += invitations;
      else if (outcome === 'suppressed') report.suppressed += invitations;
      else report.skipped++;
      continue;
    }
    const outcome = await sendInvitation(deps, invitation);
    if (typeof outcome === 'object') report.failed.push({ invitationId: invitation.id, reason: outcome.failed, attempts: outcome.attempts, retryAt: outcome.retryAt });
    else if (outcome === 'sent') report.sent++;
    else if (outcome === 'deferred') report.deferred++;
    else if (outcome === 'suppressed') report.suppressed++;
    else report.skipped++;
  }
  return report;
}

/**
 * Sends one invitation if it is due now: outside the send window it waits for the window's next
 * start; to an enterprise that opted out it is `suppressed`; otherwise claim (conditional, with a
 * lease), mint the token, send, mark sent. A gateway error schedules attempt n+1 after a backoff
 * (1, 5, 15 min by default); after `maxSendAttempts`, or at once when the provider says retrying
 * cannot help (`SmsSendError` not retryable), the invitation is `failed` with the reason.
 */
export async function sendInvitation(deps: CoreDeps, invitation: Invitation): Promise<SendOutcome> {
  const now = deps.clock.now();
  if (!claimable(invitation, now)) return 'skipped';
  const window = sendWindowOf(deps.settings);
  if (!inSendWindow(deps.calendar, window, now)) {
    return (await deps.invitations.defer(invitation, nextSendTime(deps.calendar, window, now), now)) ? 'deferred' : 'skipped';
  }
  if (invitation.status === 'sending' && invitation.attempts >= deps.settings.maxSendAttempts) {
    // The last attempt's sweeper stopped before the gateway answered (its lease lapsed): no further attempt.
    const reason = invitation.failureReason ?? 'no answer from the gateway before the lease lapsed';
    await deps.invitations.markSendFailed(invitation, { reason, at: now });
    return { failed: reason, attempts: invitation.attempts, retryAt: null };
  }
  const enterprise = await deps.org.getEnterprise(invitation.enterpriseId);
  const optedOut = enterprise && optOutReasonOf(enterprise);
  if (optedOut) return (await deps.invitations.suppress(invitation, optedOut, now)) ? 'suppressed' : 'skipped';

  const access = mintSurveyAccess(deps);
  const hash = access.tokenHash;
  const leaseUntil = addMinutes(now, deps.settings.sendLeaseSeconds / 60);
  const claimed: Invitation = { ...invitation, status: 'sending', tokenHash: hash, leaseUntil: leaseUntil.toISOString(), attempts: invitation.attempts + 1 };
  if (!(await deps.invitations.claim(invitation, { tokenHash: hash, leaseUntil, now, ...codeClaimOf(access, deps.settings, now) }))) return 'skipped';
  let accepted: { providerMessageId: string };
  try {
    accepted = await deps.sms.send({ to: invitation.phone, ...surveySmsContent(deps.settings, access, 'invitation'), invitationId: invitation.id, purpose: 'invitation' }, now);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    // A refusal the provider calls permanent (bad number, unapproved template) is not tried again.
    const retryable = !(error instanceof SmsSendError) || error.retryable;
    const retryAt =
      retryable && claimed.attempts < deps.settings.maxSendAttempts ? addMinutes(now, backoffMinutes(deps.settings.sendRetryBackoffMinutes, claimed.attempts)) : undefined;
    await deps.invitations.markSendFailed(claimed, { reason, at: now, ...(retryAt ? { retryAt } : {}) });
    return { failed: reason, attempts: claimed.attempts, retryAt: retryAt?.toISOString() ?? null };
  }
  const expiresAt = addMinutes(now, deps.settings.invitationTtlDays * 24 * 60);
  const reminderAt = nextSendTime(deps.calendar, window, addMinutes(now, deps.settings.reminderAfterHours * 60));
  const counters = counterKeysFor(invitation, now, smsChannelOf(invitation)).map((key) => ({ key, invited: 1 }));
  // False: our lease lapsed mid-send and another sweeper took over; it counts the send, not us.
  const message = sentMessageOf(deps.sms.provider, accepted);
  const recorded = await deps.invitations.markSent(claimed, { sentAt: now, expiresAt, ...(reminderAt < expiresAt ? { reminderAt } : {}), counters, ...(message ? { message } : {}) });
  return recorded ? 'sent' : 'skipped';
}

/** The wait before the next attempt after failed attempt number `attempt` (1-based); the last step repeats. */
export function backoffMinutes(steps: number[], attempt: number): number {
  return steps[Math.min(attempt, steps.length) - 1] ?? 1;
}

function claimable(invitation: Invitation, now: Date): boolean {
  if (invitation.status === 'scheduled') return invitation.sendAfter <= now.toISOString();
  return invitation.status === 'sending' && (invitation.leaseUntil ?? '') <= now.toISOString();
}
