import { Hono } from 'hono';
import { scoreQuerySchema, scoreReport } from '../../core/scoring/score-report';
import { addMonths, trendQuerySchema, trendReport } from '../../core/scoring/trend-report';
import { addDays, shanghaiDate } from '../../core/scheduling/shanghai-time';
import type { ApiDeps, ApiEnv } from '../env';
import { parseWith } from '../validation';

/** `/api/v1/reports`: scores and trends read from counters. */
export function reportRoutes(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .get('/scores', async (c) => {
      // Without a range: the last 30 days up to today in Shanghai.
      const today = shanghaiDate(core.clock.now());
      const query = parseWith(scoreQuerySchema, { from: addDays(today, -29), to: today, ...c.req.query() });
      return c.json(await scoreReport(core, c.get('principal'), query));
    })
    .get('/trend', async (c) => {
      // Without a range: the twelve months up to today in Shanghai, this month cut at today.
      const today = shanghaiDate(core.clock.now());
      const query = parseWith(trendQuerySchema, { from: `${addMonths(today.slice(0, 7), -11)}-01`, to: today, ...c.req.query() });
      return c.json(await trendReport(core, c.get('principal'), query));
    });
}
