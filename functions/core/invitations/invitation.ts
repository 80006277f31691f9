import type { Delivery } from './delivery';
import type { Enterprise } from '../org/org';
import { minutesOf, nextSendTime, type SendWindow } from '../scheduling/send-window';
import type { WorkingDayCalendar } from '../scheduling/working-days';

/**
 * `scheduled` waits for its send time (or for its next attempt after a gateway error); `sending`
 * is claimed by one sweeper under a lease; `sent` has reached the gateway; `answered` is final;
 * `expired` was never answered in time; `cancelled` was withdrawn before sending (the issue was
 * reopened); `suppressed` is never sent because the enterprise opted out; `failed` gave up after
 * the last attempt, with the provider's reason.
 */
export const invitationStatuses = ['scheduled', 'sending', 'sent', 'answered', 'expired', 'cancelled', 'suppressed', 'failed'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

/** Final states the office lists and acts on (`GET /api/v1/invitations?status=`). */
export const listedInvitationStatuses = ['failed', 'suppressed', 'expired'] as const satisfies readonly InvitationStatus[];
export type ListedInvitationStatus = (typeof listedInvitationStatuses)[number];

/**
 * What the office can list: those final states, and `undelivered`, a sent invitation whose provider
 * reported the SMS undelivered (it leaves that list when answered, expired or later delivered).
 */
export const invitationListings = [...listedInvitationStatuses, 'undelivered'] as const;
export type InvitationListing = (typeof invitationListings)[number];

/** The list an invitation is in (GSI1-3 `INV#<listing>#id`), if any: its final state, or `undelivered` while sent. */
export function listingOf(inv: Pick<Invitation, 'status' | 'delivery'>): InvitationListing | undefined {
  if ((listedInvitationStatuses as readonly string[]).includes(inv.status)) return inv.status as ListedInvitationStatus;
  return inv.status === 'sent' && inv.delivery?.status === 'undelivered' ? 'undelivered' : undefined;
}

/** A survey invitation: one per closure, pinned to one survey definition and version. */
export interface Invitation {
  id: string;
  issueId: string;
  enterpriseId: string;
  teamId: string;
  zoneId: string;
  /** The service function group credited with the closure, if any. */
  functionGroupId?: string;
  category: string;
  phone: string;
  surveyId: string;
  surveyVersion: number;
  status: InvitationStatus;
  createdAt: string;
  sendAfter: string;
  attempts: number;
  /** SHA-256 of the link token, set when the link is minted; the token itself is never stored. */
  tokenHash?: string;
  leaseUntil?: string;
  sentAt?: string;
  expiresAt?: string;
  answeredAt?: string;
  /** The provider's reason for the last failed attempt; on a `failed` invitation, why it gave up. */
  failureReason?: string;
  failedAt?: string;
  /** When the one reminder is due (inside the send window); absent when it would fall after expiry. */
  reminderAt?: string;
  /** Lease of the sweeper sending the reminder. */
  reminderLeaseUntil?: string;
  remindedAt?: string;
  /** The provider's reason when the reminder could not be sent (it is not tried again). */
  reminderFailure?: string;
  /** Why a `suppressed` invitation is never sent, e.g. `opted-out: 退订`. */
  suppressedReason?: string;
  suppressedAt?: string;
  expiredAt?: string;
  /** The provider's delivery receipt, once one came (`POST /api/v1/sms/receipts/{provider}`). */
  delivery?: Delivery;
  /** The bundle sent with it as one SMS under the per-enterprise frequency cap (see survey-bundle.ts). */
  bundleId?: string;
}

/**
 * When the sweeper next has something to do with an invitation: send it, retry a lapsed claim,
 * remind, or mark it expired. `undefined` once nothing is left to do (the DUE index drops it).
 */
export function nextActionAt(inv: Invitation): string | undefined {
  if (inv.status === 'scheduled') return inv.sendAfter;
  if (inv.status === 'sending') return inv.leaseUntil;
  if (inv.status !== 'sent') return undefined;
  const reminderPending = inv.reminderAt !== undefined && inv.remindedAt === undefined && inv.reminderFailure === undefined;
  if (reminderPending) return inv.reminderLeaseUntil && inv.reminderLeaseUntil > inv.reminderAt! ? inv.reminderLeaseUntil : inv.reminderAt;
  return inv.expiresAt;
}

/** The send window of the settings, in minutes. */
export function sendWindowOf(settings: { sendWindow: { start: string; end: string } }): SendWindow {
  return { startMinute: minutesOf(settings.sendWindow.start), endMinute: minutesOf(settings.sendWindow.end) };
}

/** Why an opted-out enterprise is not messaged, as kept on the suppressed invitation. */
export function optOutReasonOf(enterprise: Pick<Enterprise, 'optedOutAt' | 'optOutReason'>): string | undefined {
  return enterprise.optedOutAt ? `opted-out: ${enterprise.optOutReason ?? 'unknown'}` : undefined;
}

/** Who a piece of follow-up work is credited to, copied onto tasks and invitations at creation. */
export interface Attribution {
  issueId: string;
  enterpriseId: string;
  teamId: string;
  zoneId: string;
  category: string;
  functionGroupId?: string;
}

/**
 * A new invitation to `survey` for `enterprise`, scheduled `surveyDelayMinutes` after `now` and
 * then moved into the send window (a closure at 19:30 is surveyed at 09:00 the next working day).
 * An enterprise that opted out gets a `suppressed` invitation that is never sent. The one way
 * huifang schedules a survey (after a closure, after a rectification).
 */
export function scheduledInvitation(
  deps: { ids: { next(): string }; calendar: WorkingDayCalendar; settings: { surveyDelayMinutes: number; sendWindow: { start: string; end: string } } },
  owner: Attribution,
  enterprise: Pick<Enterprise, 'contactPhone' | 'optedOutAt' | 'optOutReason'>,
  survey: { id: string; version: number },
  now: Date,
): Invitation {
  const afterDelay = new Date(now.getTime() + deps.settings.surveyDelayMinutes * 60_000);
  const invitation: Invitation = {
    id: deps.ids.next(),
    ...owner,
    phone: enterprise.contactPhone,
    surveyId: survey.id,
    surveyVersion: survey.version,
    status: 'scheduled',
    createdAt: now.toISOString(),
    sendAfter: nextSendTime(deps.calendar, sendWindowOf(deps.settings), afterDelay).toISOString(),
    attempts: 0,
  };
  const suppressedReason = optOutReasonOf(enterprise);
  return suppressedReason ? { ...invitation, status: 'suppressed', suppressedReason, suppressedAt: now.toISOString() } : invitation;
}

/** The invitation as the contract shows it; a suppressed one says why, a failed one the provider's reason. */
export function invitationView(inv: Invitation) {
  return {
    id: inv.id,
    status: inv.status,
    sendAfter: inv.sendAfter,
    sentAt: inv.sentAt ?? null,
    expiresAt: inv.expiresAt ?? null,
    ...(inv.suppressedReason ? { suppressedReason: inv.suppressedReason } : {}),
    ...(inv.status === 'failed' && inv.failureReason ? { failureReason: inv.failureReason } : {}),
  };
}
