import { Hono } from 'hono';
import { appealDecisionSchema, appealStatusSchema } from '../../core/appeals/appeal';
import { appealFor, listAppeals } from '../../core/appeals/appeals';
import { decideAppeal } from '../../core/appeals/decide-appeal';
import type { ApiDeps, ApiEnv } from '../env';
import { pageQuerySchema } from '../pagination';
import { jsonBody, parseWith } from '../validation';

const listQuerySchema = pageQuerySchema.extend({ status: appealStatusSchema.optional() });

/** `/api/v1/appeals`: appeals (申诉) against ratings, and the office's review (复核). */
export function appealRoutes(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const { limit, cursor, ...filter } = parseWith(listQuerySchema, c.req.query());
      return c.json(await listAppeals(core, c.get('principal'), filter, { limit, ...(cursor ? { cursor } : {}) }));
    })
    .get('/:id', async (c) => c.json(await appealFor(core, c.get('principal'), c.req.param('id'))))
    .post('/:id/decision', async (c) => {
      const input = await jsonBody(c, appealDecisionSchema);
      return c.json(await decideAppeal(core, c.get('principal'), c.req.param('id'), input));
    });
}
