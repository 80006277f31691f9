import { Hono } from 'hono';
import { scopeOf } from '../../core/auth/principal';
import { markOptedOut, markOptOutSchema } from '../../core/org/opt-out';
import type { ApiDeps, ApiEnv } from '../env';
import { pageQuerySchema } from '../pagination';
import { jsonBody, parseWith } from '../validation';

/** `/api/v1/zones`, `/teams`, `/enterprises`, each scoped to the caller; marking an enterprise opted out of SMS. */
export function orgRoutes(deps: ApiDeps) {
  const org = deps.core.org;
  return new Hono<ApiEnv>()
    .get('/zones', async (c) => {
      const scope = scopeOf(c.get('principal'));
      const zones = (await org.listZones()).filter((z) => scope.kind === 'all' || z.id === scope.zoneId);
      return c.json({ items: zones, nextCursor: null });
    })
    .get('/teams', async (c) => c.json({ items: await org.listTeams(scopeOf(c.get('principal'))), nextCursor: null }))
    .get('/enterprises', async (c) => {
      const { limit, cursor } = parseWith(pageQuerySchema, c.req.query());
      return c.json(await org.listEnterprises(scopeOf(c.get('principal')), { limit, ...(cursor ? { cursor } : {}) }));
    })
    .post('/enterprises/:id/opt-out', async (c) => {
      const input = await jsonBody(c, markOptOutSchema);
      return c.json(await markOptedOut(deps.core, c.get('principal'), c.req.param('id'), input));
    });
}
