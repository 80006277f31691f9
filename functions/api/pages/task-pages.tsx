import { Hono } from 'hono';
import { completeTaskSchema } from '../../core/tasks/callback-task';
import { completeTask, listTasks } from '../../core/tasks/callback-tasks';
import { hrefWith } from '../../../web/staff/format';
import { flashOf } from '../../../web/staff/messages';
import { TasksPage } from '../../../web/staff/tasks-page';
import type { ApiDeps, ApiEnv } from '../env';
import { parseWith } from '../validation';
import { formFields, postThenRedirect } from './form-post';
import { taskRows } from './rows';

const PAGE_SIZE = 50;

/** `/app/tasks`: the team's callback and rectification tasks, and the outcome form's post. */
export function taskPages(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>()
    .get('/', async (c) => {
      const cursor = c.req.query('cursor');
      const page = await listTasks(core, c.get('principal'), {}, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      const nextHref = page.nextCursor ? hrefWith('/app/tasks', { cursor: page.nextCursor }) : undefined;
      const rows = await taskRows(core, page.items);
      return c.html(<TasksPage viewer={c.get('principal')} rows={rows} now={core.clock.now()} nextHref={nextHref} flash={flashOf((n) => c.req.query(n))} />);
    })
    .post('/:id/complete', (c) =>
      postThenRedirect(c, '/app/tasks', async () => {
        const { rating, ...fields } = await formFields(c);
        const input = parseWith(completeTaskSchema, { ...fields, ...(rating ? { rating: Number(rating) } : {}) });
        const task = await completeTask(core, c.get('principal'), c.req.param('id'), input);
        // An unreachable call before the last allowed attempt keeps the task open.
        return task.status === 'done' ? 'task.completed' : 'task.attempt';
      }),
    );
}
