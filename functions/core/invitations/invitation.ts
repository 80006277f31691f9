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

/** The invitation as the contract shows it. */
export function invitationView(inv: Invitation) {
  return { id: inv.id, status: inv.status, sendAfter: inv.sendAfter, sentAt: inv.sentAt ?? null, expiresAt: inv.expiresAt ?? null };
}
