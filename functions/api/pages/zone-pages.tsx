import { Hono } from 'hono';
import type { Principal } from '../../core/auth/principal';
import type { CoreDeps } from '../../core/deps';
import { DomainError } from '../../core/errors';
import { listIssues } from '../../core/ledger/issues';
import type { CallbackTask } from '../../core/tasks/callback-task';
import { listTasks } from '../../core/tasks/callback-tasks';
import { flagsOf } from '../../../web/staff/issue-list';
import { flashOf } from '../../../web/staff/messages';
import { ZonePage } from '../../../web/staff/zone-page';
import type { ApiDeps, ApiEnv } from '../env';
import { issueRows, taskRows } from './rows';

/** The most rows a section of the dispatch view reads. */
const SECTION_LIMIT = 200;

/**
 * Open tasks past due, read in due order (the task index sorts open tasks by due time) until the
 * first one that is not yet due.
 */
async function overdueTasks(core: CoreDeps, principal: Principal, zoneId: string | undefined, now: Date): Promise<CallbackTask[]> {
  const found: CallbackTask[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await listTasks(core, principal, { status: 'open' }, { limit: 100, ...(cursor ? { cursor } : {}) });
    for (const task of page.items) {
      if (Date.parse(task.dueAt) >= now.getTime()) return found;
      if (!zoneId || task.zoneId === zoneId) found.push(task);
    }
    cursor = page.nextCursor ?? undefined;
    if (!cursor || found.length >= SECTION_LIMIT) return found;
  }
}

/** `/app/zone`: the dispatch view for zone dispatchers (their zone) and the office (any zone, or all). */
export function zonePages(deps: ApiDeps) {
  const core = deps.core;
  return new Hono<ApiEnv>().get('/', async (c) => {
    const principal = c.get('principal');
    if (principal.role !== 'zone-dispatcher' && principal.role !== 'office') {
      throw new DomainError('auth.forbidden', 'The dispatch view is for zone dispatchers and the office.');
    }
    const zones = await core.org.listZones();
    const asked = c.req.query('zoneId');
    const zoneId = principal.role === 'office' ? zones.find((z) => z.id === asked)?.id : principal.zoneId;
    const filter = zoneId ? { zoneId } : {};
    const now = core.clock.now();
    const [overdue, escalated, recent, teams] = await Promise.all([
      overdueTasks(core, principal, zoneId, now),
      listIssues(core, principal, { ...filter, status: 'escalated' }, { limit: SECTION_LIMIT }),
      // Flags have no index of their own yet: look through the latest issues, active ones first.
      listIssues(core, principal, filter, { limit: SECTION_LIMIT }),
      core.org.listTeams(zoneId ? { kind: 'zone', zoneId } : { kind: 'all' }),
    ]);
    // Flagged issues still being handled get their own section; each issue shows once.
    const flagged = recent.items.filter((i) => i.status !== 'closed' && flagsOf(i).length > 0);
    const flaggedIds = new Set(flagged.map((i) => i.id));
    // A dispatcher acts on what was escalated to the zone; the office sees every escalation.
    const waiting = escalated.items.filter((i) => !flaggedIds.has(i.id) && (principal.role === 'office' || i.level === 'zone'));
    const zoneName = zones.find((z) => z.id === zoneId)?.name;
    return c.html(
      <ZonePage
        viewer={principal}
        zones={principal.role === 'office' ? zones : []}
        zoneId={zoneId}
        title={`调度 · ${zoneName ?? '全区'}`}
        overdue={await taskRows(core, overdue)}
        escalated={await issueRows(core, waiting, teams)}
        flagged={await issueRows(core, flagged, teams)}
        now={now}
        flash={flashOf((n) => c.req.query(n))}
      />,
    );
  });
}
