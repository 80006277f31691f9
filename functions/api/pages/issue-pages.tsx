import { Hono } from 'hono';
import { z } from 'zod';
import { scopeOf, type Principal } from '../../core/auth/principal';
import type { CoreDeps } from '../../core/deps';
import { DomainError } from '../../core/errors';
import { closeIssue } from '../../core/ledger/close-issue';
import { bounceIssueSchema, closeIssueSchema, escalateIssueSchema, issueStatusSchema, reopenIssueSchema, startIssueSchema } from '../../core/ledger/issue';
import { issueFor, listIssues } from '../../core/ledger/issues';
import { bounceIssue, escalateIssue, reopenIssue, startIssue } from '../../core/ledger/transitions';
import { hrefWith } from '../../../web/staff/format';
import { IssuePage } from '../../../web/staff/issue-page';
import { IssuesPage } from '../../../web/staff/issues-page';
import { flashOf } from '../../../web/staff/messages';
import type { ApiDeps, ApiEnv } from '../env';
import { parseWith } from '../validation';
import { formFields, postThenRedirect } from './form-post';
import { newIssuePages } from './new-issue-pages';
import { issueRows } from './rows';

const PAGE_SIZE = 30;
const blank = (v: unknown) => (v === '' ? undefined : v);
const filterSchema = z.object({
  status: z.preprocess(blank, issueStatusSchema.optional()),
  zoneId: z.preprocess(blank, z.string().max(64).optional()),
  teamId: z.preprocess(blank, z.string().max(64).optional()),
  cursor: z.preprocess(blank, z.string().max(2048).optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(200).default(PAGE_SIZE)),
});

/** Each ledger action of the issue page: its form's schema and the core function it calls. */
const issueActions: Record<string, (core: CoreDeps, p: Principal, id: string, fields: Record<string, string>) => Promise<unknown>> = {
  start: (core, p, id, f) => startIssue(core, p, id, parseWith(startIssueSchema, f)),
  escalate: (core, p, id, f) => escalateIssue(core, p, id, parseWith(escalateIssueSchema, f)),
  bounce: (core, p, id, f) => bounceIssue(core, p, id, parseWith(bounceIssueSchema, f)),
  close: (core, p, id, f) => closeIssue(core, p, id, parseWith(closeIssueSchema, f)),
  reopen: (core, p, id, f) => reopenIssue(core, p, id, parseWith(reopenIssueSchema, f)),
};

/** `/app/issues`: the ledger with filters, an issue's page with its timeline, and the actions' posts. */
export function issuePages(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .route('/new', newIssuePages(deps))
    .get('/', async (c) => {
      const principal = c.get('principal');
      const { cursor, limit, ...filter } = parseWith(filterSchema, c.req.query());
      const scope = scopeOf(principal);
      const [page, zones, teams] = await Promise.all([
        listIssues(core, principal, filter, { limit, ...(cursor ? { cursor } : {}) }),
        scope.kind === 'all' ? core.org.listZones() : Promise.resolve([]),
        core.org.listTeams(scope),
      ]);
      const teamsShown = filter.zoneId ? teams.filter((t) => t.zoneId === filter.zoneId) : teams;
      const nextHref = page.nextCursor ? hrefWith('/app/issues', { ...filter, ...(limit !== PAGE_SIZE ? { limit: String(limit) } : {}), cursor: page.nextCursor }) : undefined;
      const rows = await issueRows(core, page.items, teams);
      const flash = flashOf((n) => c.req.query(n));
      return c.html(<IssuesPage viewer={principal} filter={filter} zones={zones} teams={teamsShown} rows={rows} now={core.clock.now()} nextHref={nextHref} flash={flash} />);
    })
    .get('/:id', async (c) => {
      const principal = c.get('principal');
      const issue = await issueFor(core, principal, c.req.param('id'));
      const [events, enterprise, team, invitation] = await Promise.all([
        core.issues.events(issue.id),
        core.org.getEnterprise(issue.enterpriseId),
        core.org.getTeam(issue.teamId),
        issue.invitationId ? core.invitations.get(issue.invitationId) : undefined,
      ]);
      return c.html(
        <IssuePage
          viewer={principal}
          issue={issue}
          events={events}
          enterprise={enterprise}
          teamName={team?.name}
          functionGroups={core.settings.functionGroups}
          invitation={invitation}
          now={core.clock.now()}
          flash={flashOf((n) => c.req.query(n))}
        />,
      );
    })
    .post('/:id/:action', async (c) => {
      const { id, action } = c.req.param();
      const act = Object.hasOwn(issueActions, action) ? issueActions[action] : undefined;
      if (!act) throw new DomainError('not_found', `No action ${action}.`);
      return postThenRedirect(c, `/app/issues/${encodeURIComponent(id)}`, async () => {
        await act(core, c.get('principal'), id, await formFields(c));
        return `issue.${action}`;
      });
    });
}
