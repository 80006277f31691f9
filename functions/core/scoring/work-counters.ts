import type { Issue } from '../ledger/issue';
import { levelOf } from '../ledger/levels';
import type { CallbackTask } from '../tasks/callback-task';
import { counterKeysFor, type Attribution, type CounterDelta, type WorkCount, type WorkCounts } from './counters';

/**
 * The counter changes that add `counts` to the `work` rows of every group `owner` counts in, for
 * the Shanghai day and month of `at` (the day of the event, not of the issue).
 *
 * @example
 * workDeltas(task, now, { callbackOnTime: 1 }) // 10 or 12 deltas: team, zone, category, overall, zone x category (, function group)
 */
export function workDeltas(owner: Attribution, at: Date, counts: Partial<WorkCounts>): CounterDelta[] {
  return counterKeysFor(owner, at, 'work').map((key) => ({ key, work: counts }));
}

/**
 * Who a closure of `issue` is credited to: the team, and the function group only when the issue is
 * closed (or was closed) in its hands, as `closeIssue` copies onto the task and the invitation.
 */
export function closureAttribution(issue: Issue): Attribution {
  return {
    teamId: issue.teamId,
    zoneId: issue.zoneId,
    category: issue.category,
    ...(levelOf(issue) === 'function-group' && issue.functionGroupId ? { functionGroupId: issue.functionGroupId } : {}),
  };
}

const late: Record<CallbackTask['kind'], WorkCount> = { callback: 'callbackLate', rectification: 'rectificationLate' };
const onTime: Record<CallbackTask['kind'], WorkCount> = { callback: 'callbackOnTime', rectification: 'rectificationOnTime' };

/**
 * The work count a task adds when it is completed at `at`: on time at or before `dueAt`, late after
 * it, and nothing when the sweeper has raised it as overdue already (it was counted late then), so
 * every task counts exactly once.
 */
export function completionCount(task: CallbackTask, at: Date): Partial<WorkCounts> {
  if (task.overdueLevel !== undefined) return {};
  return { [at.getTime() <= Date.parse(task.dueAt) ? onTime[task.kind] : late[task.kind]]: 1 };
}

/** The work count of the sweeper first raising a task as overdue: late, once. */
export function raisedLateCount(task: CallbackTask): Partial<WorkCounts> {
  return { [late[task.kind]]: 1 };
}
