import type { CoreDeps } from '../deps';
import { callbackDueAt } from '../scheduling/working-days';
import type { CallbackTask } from './callback-task';
import { raisedLateCount, workDeltas } from '../scoring/work-counters';

export interface OverdueReport {
  raisedToZone: number;
  raisedToOffice: number;
}

/**
 * Raises overdue tasks: past its due time a task goes to the zone dispatcher; if it is still open
 * `overdueToOfficeWorkingDays` working days after that, to the office. Each step is a conditional
 * write, so two sweepers never raise a task twice; the first raise counts the task late. Reads only what is due (the DUE index).
 */
export async function raiseOverdueTasks(deps: CoreDeps, limit = 100): Promise<OverdueReport> {
  const now = deps.clock.now();
  const report: OverdueReport = { raisedToZone: 0, raisedToOffice: 0 };
  for (const task of await deps.tasks.overdue(now, limit)) {
    if (task.status !== 'open') continue;
    const raised: CallbackTask =
      task.overdueLevel === undefined
        ? {
            ...task,
            overdueLevel: 'zone',
            overdueAt: now.toISOString(),
            nextOverdueCheckAt: callbackDueAt(deps.calendar, new Date(task.dueAt), deps.settings.overdueToOfficeWorkingDays).toISOString(),
          }
        : { ...task, overdueLevel: 'office' };
    if (raised.overdueLevel === 'office') delete raised.nextOverdueCheckAt;
    if (task.overdueLevel === 'office') continue;
    // The first raise is when a task that missed its due time counts late (once: not again when done).
    const counters = task.overdueLevel === undefined ? workDeltas(task, now, raisedLateCount(task)) : [];
    if (await deps.tasks.markOverdue(raised, task.overdueLevel, counters)) {
      if (raised.overdueLevel === 'zone') report.raisedToZone++;
      else report.raisedToOffice++;
    }
  }
  return report;
}
