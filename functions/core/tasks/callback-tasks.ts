import { inScope, scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { Page, PageRequest } from '../ports';
import type { CallbackTask, CompleteTask, TaskKind, TaskStatus } from './callback-task';

/** The caller's tasks, open ones first, then by due time (a team sees its own, a zone its zone's). */
export function listTasks(
  deps: CoreDeps,
  principal: Principal,
  filter: { kind?: TaskKind; status?: TaskStatus },
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

/** Records the outcome of a callback visit or a rectification; a task is completed once. */
export async function completeTask(deps: CoreDeps, principal: Principal, id: string, input: CompleteTask): Promise<CallbackTask> {
  const task = await taskFor(deps, principal, id);
  if (task.status === 'done') throw new DomainError('task.already_done', `Task ${id} was completed at ${task.completedAt}.`);
  const done: CallbackTask = {
    ...task,
    status: 'done',
    completedAt: deps.clock.now().toISOString(),
    completedBy: principal.username,
    outcome: input.outcome,
    ...(input.enterpriseSaysResolved ? { enterpriseSaysResolved: input.enterpriseSaysResolved } : {}),
    ...(input.rating !== undefined ? { rating: input.rating } : {}),
    ...(input.note ? { note: input.note } : {}),
  };
  if (!(await deps.tasks.complete(done))) throw new DomainError('task.already_done', `Task ${id} was completed meanwhile.`);
  return done;
}
