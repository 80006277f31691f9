/**
 * `scheduled` waits for its send time; `sending` is claimed by one sweeper under a lease;
 * `sent` has reached the gateway; `answered` is final; `expired` was never answered in time;
 * `cancelled` was withdrawn before sending (the issue was reopened).
 */
export type InvitationStatus = 'scheduled' | 'sending' | 'sent' | 'answered' | 'expired' | 'cancelled';

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
 * A new invitation to `survey` for the enterprise at `phone`, scheduled `surveyDelayMinutes` after
 * `now`. The one way huifang schedules a survey (after a closure, after a rectification).
 */
export function scheduledInvitation(
  deps: { ids: { next(): string }; settings: { surveyDelayMinutes: number } },
  owner: Attribution,
  phone: string,
  survey: { id: string; version: number },
  now: Date,
): Invitation {
  return {
    id: deps.ids.next(),
    ...owner,
    phone,
    surveyId: survey.id,
    surveyVersion: survey.version,
    status: 'scheduled',
    createdAt: now.toISOString(),
    sendAfter: new Date(now.getTime() + deps.settings.surveyDelayMinutes * 60_000).toISOString(),
    attempts: 0,
  };
}

/** The invitation as the contract shows it. */
export function invitationView(inv: Invitation) {
  return { id: inv.id, status: inv.status, sendAfter: inv.sendAfter, sentAt: inv.sentAt ?? null, expiresAt: inv.expiresAt ?? null };
}
