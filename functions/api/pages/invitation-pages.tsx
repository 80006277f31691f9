import { Hono } from 'hono';
import { z } from 'zod';
import { scopeOf } from '../../core/auth/principal';
import { DomainError } from '../../core/errors';
import { invitationListings, type Invitation, type InvitationListing } from '../../core/invitations/invitation';
import { listInvitations } from '../../core/invitations/invitation-list';
import { hrefWith } from '../../../web/staff/format';
import { InvitationsPage, type InvitationSection } from '../../../web/staff/invitations-page';
import type { ApiDeps, ApiEnv } from '../env';
import { parseWith } from '../validation';

/** Rows per list when all four are shown, and on the page of one list. */
const OVERVIEW_LIMIT = 20;
const PAGE_SIZE = 50;
const blank = (v: unknown) => (v === '' ? undefined : v);
const querySchema = z.object({
  status: z.preprocess(blank, z.enum(invitationListings).optional()),
  cursor: z.preprocess(blank, z.string().max(2048).optional()),
});

/** `/app/invitations`: the office's and dispatchers' view of survey SMS that did not do their job. */
export function invitationPages(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>().get('/', async (c) => {
    const principal = c.get('principal');
    if (principal.role !== 'zone-dispatcher' && principal.role !== 'office') {
      throw new DomainError('auth.forbidden', 'The SMS follow-up view is for zone dispatchers and the office.');
    }
    const { status, cursor } = parseWith(querySchema, c.req.query());
    const shown: readonly InvitationListing[] = status ? [status] : (['undelivered', 'failed', 'suppressed', 'expired'] as const);
    const limit = status ? PAGE_SIZE : OVERVIEW_LIMIT;
    const [pages, teams] = await Promise.all([
      Promise.all(shown.map((listing) => listInvitations(core, principal, listing, { limit, ...(status && cursor ? { cursor } : {}) }))),
      core.org.listTeams(scopeOf(principal)),
    ]);
    // One read per enterprise shown, at most 80 on the overview.
    const enterpriseIds = [...new Set(pages.flatMap((p) => p.items.map((i: Invitation) => i.enterpriseId)))];
    const enterprises = new Map((await Promise.all(enterpriseIds.map((id) => core.org.getEnterprise(id)))).filter((e) => e !== undefined).map((e) => [e.id, e.name]));
    const teamNames = new Map(teams.map((t) => [t.id, t.name]));
    const sections: InvitationSection[] = shown.map((listing, i) => ({
      listing,
      rows: pages[i]!.items.map((invitation) => ({ invitation, enterpriseName: enterprises.get(invitation.enterpriseId), teamName: teamNames.get(invitation.teamId) })),
      nextHref: pages[i]!.nextCursor ? hrefWith('/app/invitations', { status: listing, ...(status ? { cursor: pages[i]!.nextCursor! } : {}) }) : undefined,
    }));
    return c.html(<InvitationsPage viewer={principal} sections={sections} only={status} now={core.clock.now()} />);
  });
}
