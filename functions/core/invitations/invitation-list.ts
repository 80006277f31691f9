import { scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import type { Page, PageRequest } from '../ports';
import type { Invitation, InvitationListing } from './invitation';

/**
 * Invitations in a final state the office acts on, newest first: `failed` (the gateway gave up,
 * with `failureReason`), `suppressed` (opted out, with `suppressedReason`), `expired`, or
 * `undelivered` (sent, but the provider reported it undelivered, with `delivery.providerCode`). The
 * office sees the district's, a dispatcher the zone's, a team its own.
 */
export function listInvitations(deps: CoreDeps, principal: Principal, status: InvitationListing, page: PageRequest): Promise<Page<Invitation>> {
  return deps.invitations.list(scopeOf(principal), status, page);
}
