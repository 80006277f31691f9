import { inScope, scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError, validationError } from '../errors';
import { scheduledInvitation, type Attribution, type Invitation } from '../invitations/invitation';
import { placeUnderCap, type BundleWrite } from '../invitations/survey-bundle';
import { checkResolutionAgreement } from '../ledger/two-sided-check';
import type { Page, PageRequest } from '../ports';
import { counterKeysFor } from '../scoring/counters';
import { completionCount, workDeltas } from '../scoring/work-counters';
import { callbackDueAt } from '../scheduling/working-days';
import { FOLLOWUP_SURVEY_ID } from '../surveys/definition';
import type { CallbackTask, CompleteTask, TaskKind, TaskStatus } from './callback-task';

/** The caller's tasks, open ones first, then by due time (a team sees its own, a zone its zone's). */
export function listTasks(
  deps: CoreDeps,
  principal: Principal,
  filter: { kind?: TaskKind; status?: TaskStatus; overdueAt?: Date },
  page: PageRequest,
): Promise<Page<CallbackTask>> {
  return deps.tasks.list(scopeOf(principal), filter, page);
}

/** A task inside the caller's scope, or `task.not_found`. */
export async function taskFor(deps: CoreDeps, principal: Principal, id: string): Promise<CallbackTask> {
  const task = await deps.tasks.get(id);
  if (!task || !inScope(scopeOf(principal), task)) throw new DomainError('task.not_found', `No task ${id}.`);
  return task;
}

/**
 * Records the outcome of a callback visit or a rectification; a task is completed once.
 * - `unreachable` keeps a callback open until the last allowed attempt (default 3), then closes it.
 * - A rating given on the phone counts in the `callback` channel, apart from the SMS answers, in
 *   the same transaction as the task; so does the task's on-time or late work count (once per task).
 * - A rectification closes only with a root cause and the action taken; closing it schedules a
 *   re-callback and the short follow-up survey, in the same transaction.
 * - A callback that disagrees with the enterprise's own survey about whether the problem is solved
 *   flags the issue for the zone dispatcher (the two-sided check).
 */
export async function completeTask(deps: CoreDeps, principal: Principal, id: string, input: CompleteTask): Promise<CallbackTask> {
  const task = await taskFor(deps, principal, id);
  if (task.status !== 'open') throw new DomainError('task.already_done', `Task ${id} is ${task.status}${task.completedAt ? ` since ${task.completedAt}` : ''}.`);
  if (task.kind === 'rectification') {
    const missing = (['rootCause', 'actionTaken'] as const).filter((f) => !input[f]);
    if (missing.length > 0) {
      throw validationError(missing.map((path) => ({ code: 'rectification.incomplete', path, message: 'a rectification is closed with its root cause and the action taken' })));
    }
  }
  const now = deps.clock.now();
  const at = now.toISOString();
  const attempts = task.attempts ?? [];

  if (input.outcome === 'unreachable' && attempts.length + 1 < deps.settings.callbackAttempts) {
    const retry: CallbackTask = { ...task, attempts: [...attempts, { at, by: principal.username, outcome: 'unreachable', ...(input.note ? { note: input.note } : {}) }] };
    if (!(await deps.tasks.recordAttempt(retry, attempts.length))) throw new DomainError('task.already_done', `Task ${id} changed meanwhile.`);
    return retry;
  }

  const done: CallbackTask = {
    ...task,
    status: 'done',
    completedAt: at,
    completedBy: principal.username,
    outcome: input.outcome,
    ...(input.enterpriseSaysResolved ? { enterpriseSaysResolved: input.enterpriseSaysResolved } : {}),
    ...(input.rating !== undefined ? { rating: input.rating } : {}),
    ...(input.note ? { note: input.note } : {}),
    ...(task.kind === 'rectification' ? { rootCause: input.rootCause, actionTaken: input.actionTaken } : {}),
  };
  const phone = input.rating !== undefined ? counterKeysFor(task, now, 'callback').map((key) => ({ key, rating: input.rating })) : [];
  const timeliness = completionCount(task, now);
  const counters = [...phone, ...(Object.keys(timeliness).length ? workDeltas(task, now, timeliness) : [])];
  for (let attempt = 1; ; attempt++) {
    const followUp = task.kind === 'rectification' ? await followUpOf(deps, done, now) : undefined;
    if (await deps.tasks.complete(done, { counters, ...followUp })) break;
    const current = await deps.tasks.get(id);
    // The sweeper may have raised it as overdue since it was read (counting it late): decide again on the task as it is.
    if (current?.status === 'open' && current.overdueLevel !== undefined && task.overdueLevel === undefined) return completeTask(deps, principal, id, input);
    // A follow-up survey under the frequency cap also fails when the enterprise's survey state moved
    // (a closure of the same enterprise won the race): while the task is still open, decide again.
    const stillOpen = followUp?.bundle !== undefined && attempt < 8 && current?.status === 'open';
    if (!stillOpen) throw new DomainError('task.already_done', `Task ${id} was completed meanwhile.`);
  }
  if (task.kind === 'callback' && done.enterpriseSaysResolved) await checkResolutionAgreement(deps, task.issueId);
  return done;
}

/** After a rectification: a re-callback for the team and the short second survey for the enterprise. */
async function followUpOf(deps: CoreDeps, rectification: CallbackTask, now: Date): Promise<{ followUpTask: CallbackTask; followUpInvitation?: Invitation; bundle?: BundleWrite }> {
  const at = now.toISOString();
  const owner: Attribution = {
    issueId: rectification.issueId,
    enterpriseId: rectification.enterpriseId,
    teamId: rectification.teamId,
    zoneId: rectification.zoneId,
    category: rectification.category,
    ...(rectification.functionGroupId ? { functionGroupId: rectification.functionGroupId } : {}),
  };
  const followUpTask: CallbackTask = {
    id: deps.ids.next(),
    kind: 'callback',
    ...owner,
    status: 'open',
    createdAt: at,
    dueAt: callbackDueAt(deps.calendar, now, deps.settings.callbackDueWorkingDays).toISOString(),
    followsRectificationId: rectification.id,
  };
  const [enterprise, survey] = [await deps.org.getEnterprise(rectification.enterpriseId), deps.surveys.current(FOLLOWUP_SURVEY_ID)];
  if (!enterprise || !survey) return { followUpTask };
  // The follow-up survey is under the frequency cap like any other: the enterprise that gave a
  // 差评 is not sent a second SMS within the week; it joins the waiting bundle, or waits for the cap.
  const scheduled = scheduledInvitation(deps, owner, enterprise, survey, now);
  const state = deps.settings.frequencyCapDays > 0 && scheduled.status === 'scheduled' ? await deps.bundles.state(enterprise.id) : undefined;
  const placed = placeUnderCap(deps, scheduled, state, now);
  return { followUpTask, followUpInvitation: placed.invitation, ...(placed.write ? { bundle: placed.write } : {}) };
}
