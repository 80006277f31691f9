import type { CoreDeps } from '../deps';
import { inSendWindow, nextSendTime } from '../scheduling/send-window';
import { addMinutes } from '../scheduling/shanghai-time';
import { optOutReasonOf, sendWindowOf, type Invitation } from './invitation';
import { sentMessageOf } from './sent-message';
import { codeClaimOf, mintSurveyAccess, surveySmsContent } from './survey-message';

/**
 * Sends the one reminder to an enterprise that has not answered, inside the send window. The
 * first link's token is not stored (only its hash), so the reminder carries a newly minted token
 * for the same invitation; the first link keeps working. A reminder that fails, or that could only
 * go out after the link expires, is not tried again: at most one reminder, ever.
 */
export async function remindInvitation(deps: CoreDeps, invitation: Invitation): Promise<'reminded' | 'deferred' | 'skipped'> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const dueAt = invitation.reminderLeaseUntil ?? invitation.reminderAt;
  if (invitation.status !== 'sent' || invitation.remindedAt || invitation.reminderFailure || !dueAt || dueAt > at) return 'skipped';
  const window = sendWindowOf(deps.settings);
  if (!inSendWindow(deps.calendar, window, now)) {
    const next = nextSendTime(deps.calendar, window, now);
    if (invitation.expiresAt && next.toISOString() >= invitation.expiresAt) {
      await deps.invitations.markReminded(invitation, { at: now, failure: 'no send window before the link expires' });
      return 'skipped';
    }
    return (await deps.invitations.defer(invitation, next, now)) ? 'deferred' : 'skipped';
  }
  const enterprise = await deps.org.getEnterprise(invitation.enterpriseId);
  const optedOut = enterprise && optOutReasonOf(enterprise);
  if (optedOut) {
    await deps.invitations.markReminded(invitation, { at: now, failure: optedOut });
    return 'skipped';
  }
  const access = mintSurveyAccess(deps);
  const hash = access.tokenHash;
  const leaseUntil = addMinutes(now, deps.settings.sendLeaseSeconds / 60);
  if (!(await deps.invitations.claimReminder(invitation, { tokenHash: hash, leaseUntil, now, ...codeClaimOf(access, deps.settings, now) }))) return 'skipped';
  const claimed: Invitation = { ...invitation, tokenHash: hash, reminderLeaseUntil: leaseUntil.toISOString() };
  let accepted: { providerMessageId: string };
  try {
    accepted = await deps.sms.send({ to: invitation.phone, ...surveySmsContent(deps.settings, access, 'reminder'), invitationId: invitation.id, purpose: 'reminder' }, now);
  } catch (error) {
    await deps.invitations.markReminded(claimed, { at: now, failure: error instanceof Error ? error.message : String(error) });
    return 'skipped';
  }
  const message = sentMessageOf(deps.sms.provider, accepted);
  await deps.invitations.markReminded(claimed, { at: now, ...(message ? { message } : {}) });
  return 'reminded';
}

/**
 * Marks a sent invitation that was never answered `expired` once `expiresAt` has passed, so the
 * office's numbers see it. Links are refused after expiry on every request anyway; this only
 * records it. False when it was answered meanwhile.
 */
export async function expireInvitation(deps: CoreDeps, invitation: Invitation): Promise<boolean> {
  const now = deps.clock.now();
  if (invitation.status !== 'sent' || !invitation.expiresAt || invitation.expiresAt > now.toISOString()) return false;
  return deps.invitations.markExpired(invitation, now);
}
