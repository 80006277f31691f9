import { Hono } from 'hono';
import { scopeOf } from '../../core/auth/principal';
import { categoriesOf } from '../../core/ledger/categories';
import { drilldownGroup, groupResponses, parseDrilldownQuery, todayIn, type DrilldownQuery } from '../../core/scoring/response-drilldown';
import type { ResponseQuery } from '../../core/ports';
import type { Team, Zone } from '../../core/org/org';
import { hrefWith } from '../../../web/staff/format';
import { ResponsesPage } from '../../../web/staff/responses-page';
import type { ApiDeps, ApiEnv } from '../env';
import { responseExport } from '../exports/response-export';
import { scoreExport } from '../exports/score-export';

/** The heading of a drill-down: the team, zone or category asked for, or the whole scope. */
function groupName(group: ResponseQuery['group'], zones: Zone[], teams: Team[]): string {
  if (group.kind === 'team') return teams.find((t) => t.id === group.teamId)?.name ?? group.teamId;
  if (group.kind === 'zone') return zones.find((z) => z.id === group.zoneId)?.name ?? group.zoneId;
  if (group.kind === 'category') return `类别：${group.category}`;
  return '全区';
}

/** The query parameters of a drill-down page, for the next page's link. */
function paramsOf(q: DrilldownQuery): Record<string, string | undefined> {
  return { teamId: q.teamId, zoneId: q.zoneId, category: q.category, from: q.from, to: q.to, rating: q.rating?.toString(), limit: q.limit === 50 ? undefined : String(q.limit) };
}

/**
 * `/app/reports/...` for signed-in staff: the drill-down page (`/responses`, the same query as
 * `GET /api/v1/reports/responses`, and `/responses.csv` with all its pages) and the score downloads (`/scores.csv`, `/scores.xlsx`, the
 * same files as the API's) with the session cookie instead of a bearer token.
 */
export function reportDetailPages(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .get('/scores.csv', scoreExport(core, 'csv'))
    .get('/scores.xlsx', scoreExport(core, 'xlsx'))
    .get('/responses.csv', responseExport(core))
    .get('/responses', async (c) => {
      const principal = c.get('principal');
      const query = parseDrilldownQuery(c.req.query(), todayIn(core));
      const scope = scopeOf(principal);
      const group = await drilldownGroup(core, principal, query);
      const [page, zones, teams] = await Promise.all([groupResponses(core, group, query), core.org.listZones(), core.org.listTeams(scope)]);
      return c.html(
        <ResponsesPage
          viewer={principal}
          query={query}
          groupName={groupName(group, zones, teams)}
          zones={scope.kind === 'all' ? zones : scope.kind === 'zone' ? zones.filter((z) => z.id === scope.zoneId) : []}
          teams={teams}
          categories={scope.kind === 'all' ? categoriesOf(core.settings).map((cat) => cat.name) : []}
          teamName={new Map(teams.map((t) => [t.id, t.name]))}
          items={page.items}
          csvHref={hrefWith('/app/reports/responses.csv', { ...paramsOf(query), limit: undefined })}
          nextHref={page.nextCursor ? hrefWith('/app/reports/responses', { ...paramsOf(query), cursor: page.nextCursor }) : undefined}
          now={core.clock.now()}
        />,
      );
    });
}
