import type { CoreDeps } from '../deps';
import { counterKeysFor, smsChannelOf } from '../scoring/counters';
import { addMinutes } from '../scheduling/shanghai-time';
import type { Invitation } from './invitation';
import { invitationSms, surveyLink } from './sms-text';

export interface SendReport {
  due: number;
  sent: number;
  /** Claimed by another sweeper first (safe to run twice at once). */
  skipped: number;
  failed: Array<{ invitationId: string; reason: string }>;
}

/**
 * Sends every invitation that is due: claims it under a lease with a conditional write (so two
 * sweepers never send one twice), mints a fresh link token (only its hash is stored), sends the
 * SMS, and marks it sent. A gateway failure leaves the claim to lapse, and the next sweep retries.
 */
export async function sendDueInvitations(deps: CoreDeps, limit = 100): Promise<SendReport> {
  const due = await deps.invitations.due(deps.clock.now(), limit);
  const report: SendReport = { due: due.length, sent: 0, skipped: 0, failed: [] };
  for (const invitation of due) {
    const outcome = await sendInvitation(deps, invitation);
    if (outcome === 'sent') report.sent++;
    else if (outcome === 'skipped') report.skipped++;
    else report.failed.push({ invitationId: invitation.id, reason: outcome.failed });
  }
  return report;
}

/**
 * Sends one invitation if it is due now: claim (conditional, with a lease), mint the token, send,
 * mark sent. `skipped` when it is not due or another sweeper holds it; `{failed}` when the gateway
 * refused, leaving the lease to lapse so that a later sweep retries.
 */
export async function sendInvitation(deps: CoreDeps, invitation: Invitation): Promise<'sent' | 'skipped' | { failed: string }> {
  const now = deps.clock.now();
  if (!claimable(invitation, now)) return 'skipped';
  const { token, hash } = deps.tokens.mint();
  const leaseUntil = new Date(now.getTime() + deps.settings.sendLeaseSeconds * 1000);
  const claimed: Invitation = { ...invitation, status: 'sending', tokenHash: hash, leaseUntil: leaseUntil.toISOString() };
  if (!(await deps.invitations.claim(invitation, { tokenHash: hash, leaseUntil, now }))) return 'skipped';
  try {
    const body = invitationSms(deps.settings.smsSignature, surveyLink(deps.settings.publicBaseUrl, token));
    await deps.sms.send({ to: invitation.phone, body, invitationId: invitation.id }, now);
  } catch (error) {
    return { failed: error instanceof Error ? error.message : String(error) };
  }
  const counters = counterKeysFor(invitation, now, smsChannelOf(invitation)).map((key) => ({ key, invited: 1 }));
  await deps.invitations.markSent(claimed, { sentAt: now, expiresAt: addMinutes(now, deps.settings.invitationTtlDays * 24 * 60), counters });
  return 'sent';
}

function claimable(invitation: Invitation, now: Date): boolean {
  if (invitation.status === 'scheduled') return invitation.sendAfter <= now.toISOString();
  return invitation.status === 'sending' && (invitation.leaseUntil ?? '') <= now.toISOString();
}
