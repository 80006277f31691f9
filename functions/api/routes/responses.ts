import { Hono } from 'hono';
import { fileAppealSchema } from '../../core/appeals/appeal';
import { fileAppeal } from '../../core/appeals/appeals';
import { responseFor } from '../../core/responses/responses';
import type { ApiDeps, ApiEnv } from '../env';
import { jsonBody } from '../validation';

/** `/api/v1/responses/{invitationId}`: one recorded answer (kept, marked, when excluded), and appeals against it. */
export function responseRoutes(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .get('/:invitationId', async (c) => c.json(await responseFor(core, c.get('principal'), c.req.param('invitationId'))))
    .post('/:invitationId/appeals', async (c) => {
      const input = await jsonBody(c, fileAppealSchema);
      const appeal = await fileAppeal(core, c.get('principal'), c.req.param('invitationId'), input);
      return c.json(appeal, 201, { Location: `/api/v1/appeals/${appeal.id}` });
    });
}
