import { Hono } from 'hono';
import { z } from 'zod';
import { completeTaskSchema, taskKinds, taskStatuses } from '../../core/tasks/callback-task';
import { completeTask, listTasks, taskFor } from '../../core/tasks/callback-tasks';
import type { ApiDeps, ApiEnv } from '../env';
import { pageQuerySchema } from '../pagination';
import { jsonBody, parseWith } from '../validation';

const listQuerySchema = pageQuerySchema.extend({
  kind: z.enum(taskKinds).optional(),
  status: z.enum(taskStatuses).optional(),
  /** `true`: only open tasks past their due time (the dispatcher's overdue list). */
  overdue: z.enum(['true', 'false']).optional(),
});

/** `/api/v1/callback-tasks`: the teams' callback and rectification work. */
export function callbackTaskRoutes(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const { limit, cursor, overdue, ...filter } = parseWith(listQuerySchema, c.req.query());
      const overdueAt = overdue === 'true' ? { overdueAt: core.clock.now() } : {};
      return c.json(await listTasks(core, c.get('principal'), { ...filter, ...overdueAt }, { limit, ...(cursor ? { cursor } : {}) }));
    })
    .get('/:id', async (c) => c.json(await taskFor(core, c.get('principal'), c.req.param('id'))))
    .post('/:id/complete', async (c) => {
      const input = await jsonBody(c, completeTaskSchema);
      return c.json(await completeTask(core, c.get('principal'), c.req.param('id'), input));
    });
}
