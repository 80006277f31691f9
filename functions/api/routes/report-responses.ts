import { Hono } from 'hono';
import { parseDrilldownQuery, responseDrilldown, todayIn } from '../../core/scoring/response-drilldown';
import type { ApiDeps, ApiEnv } from '../env';
import { responseExport } from '../exports/response-export';

/** `/api/v1/reports/responses` (and `.csv`): the answers, with comments, behind a team's, zone's or category's score. */
export function reportResponseRoutes(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .get('/responses', async (c) => c.json(await responseDrilldown(core, c.get('principal'), parseDrilldownQuery(c.req.query(), todayIn(core)))))
    .get('/responses.csv', responseExport(core));
}
