import type { Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { scheduledInvitation, type Attribution, type Invitation } from '../invitations/invitation';
import { placeUnderCap } from '../invitations/survey-bundle';
import { callbackDueAt } from '../scheduling/working-days';
import { CALLBACK_SURVEY_ID } from '../surveys/definition';
import type { CallbackTask } from '../tasks/callback-task';
import { callbackDueWorkingDaysFor } from './categories';
import type { CloseIssue, Issue } from './issue';
import { issueFor } from './issues';
import { ledgerEvent } from './ledger-event';
import { holdsIssue, levelOf } from './levels';
import { workDeltas } from '../scoring/work-counters';

export interface Closure {
  issue: Issue;
  callbackTask: CallbackTask;
  invitation: Invitation;
}

/**
 * Closes an issue: the issue, its callback task (due N working days later), its survey invitation,
 * the ledger event and the `closed` work counters are written in one transaction. Closing a closed
 * issue changes nothing and answers the closure that exists, so a retried request or two racing clicks make one task.
 */
export async function closeIssue(deps: CoreDeps, principal: Principal, id: string, input: CloseIssue): Promise<Closure> {
  const issue = await issueFor(deps, principal, id);
  if (issue.status === 'closed') return existingClosure(deps, issue);
  if (!holdsIssue(principal, issue)) {
    throw new DomainError('auth.forbidden', `Only whoever holds the issue at the ${levelOf(issue)} level may close it.`);
  }

  const enterprise = await deps.org.getEnterprise(issue.enterpriseId);
  if (!enterprise) throw new DomainError('reference.unknown', `The issue's enterprise ${issue.enterpriseId} is gone.`);
  const survey = deps.surveys.current(CALLBACK_SURVEY_ID);
  if (!survey) throw new Error(`survey ${CALLBACK_SURVEY_ID} is not in the catalog`);

  const now = deps.clock.now();
  const at = now.toISOString();
  // Credit goes to the team, and to the function group if the issue was closed in its hands;
  // it is copied onto the task and the invitation so it never moves with the issue afterwards.
  const owner: Attribution = {
    issueId: issue.id,
    enterpriseId: issue.enterpriseId,
    teamId: issue.teamId,
    zoneId: issue.zoneId,
    category: issue.category,
    ...(levelOf(issue) === 'function-group' && issue.functionGroupId ? { functionGroupId: issue.functionGroupId } : {}),
  };
  // One survey per issue: a re-close after a reopen surveys only if the first survey never went out.
  const earlier = issue.invitationId ? await deps.invitations.get(issue.invitationId) : undefined;
  const surveyed = earlier !== undefined && earlier.status !== 'cancelled';
  const task: CallbackTask = {
    id: deps.ids.next(),
    kind: 'callback',
    ...owner,
    status: 'open',
    createdAt: at,
    dueAt: callbackDueAt(deps.calendar, now, callbackDueWorkingDaysFor(deps.settings, issue.category)).toISOString(),
  };
  const scheduled = surveyed ? undefined : scheduledInvitation(deps, owner, enterprise, survey, now);
  for (let attempt = 1; ; attempt++) {
    // Under the frequency cap the invitation joins the enterprise's open bundle or opens one; a
    // racing closure of the same enterprise makes the write fail, and we decide again on its result.
    const state = scheduled && deps.settings.frequencyCapDays > 0 ? await deps.bundles.state(issue.enterpriseId) : undefined;
    const placed = scheduled ? placeUnderCap(deps, scheduled, state, now) : undefined;
    const closure = await writeClosure(deps, principal, issue, input, { task, earlier, now, ...(placed ? { placed } : {}) });
    if (closure !== 'bundle_changed') return closure;
    if (attempt >= MAX_BUNDLE_ATTEMPTS) throw new DomainError('issue.changed', 'Too many closures for this enterprise at once; try again.');
  }
}

/** Racing closures of one enterprise that can each lose the survey state once before giving up. */
const MAX_BUNDLE_ATTEMPTS = 8;

async function writeClosure(
  deps: CoreDeps,
  principal: Principal,
  issue: Issue,
  input: CloseIssue,
  ctx: { task: CallbackTask; earlier: Invitation | undefined; now: Date; placed?: ReturnType<typeof placeUnderCap> },
): Promise<Closure | 'bundle_changed'> {
  const { task, earlier } = ctx;
  const at = ctx.now.toISOString();
  const invitation = ctx.placed?.invitation;
  const closed: Issue = {
    ...issue,
    status: 'closed',
    updatedAt: at,
    version: (issue.version ?? 0) + 1,
    closedAt: at,
    closedBy: principal.username,
    resolution: input.resolution,
    callbackTaskId: task.id,
    invitationId: invitation?.id ?? issue.invitationId,
  };
  const event = ledgerEvent(deps, principal, issue, { at, action: 'close', from: issue.status, to: 'closed', toLevel: levelOf(issue), note: input.resolution });
  const counters = workDeltas(task, ctx.now, { closed: 1 });
  const bundle = ctx.placed?.write;
  const outcome = await deps.issues.close({ issue: closed, task, ...(invitation ? { invitation } : {}), event, counters, ...(bundle ? { bundle } : {}) }, issue);
  if (outcome === 'bundle_changed') return outcome;
  if (outcome === 'already_closed') {
    const winner = await deps.issues.get(issue.id);
    if (!winner || winner.status !== 'closed') throw new DomainError('issue.not_open', 'The issue changed while closing; try again.');
    return existingClosure(deps, winner);
  }
  return { issue: closed, callbackTask: task, invitation: invitation ?? (earlier as Invitation) };
}

async function existingClosure(deps: CoreDeps, issue: Issue): Promise<Closure> {
  const [task, invitation] = await Promise.all([
    issue.callbackTaskId ? deps.tasks.get(issue.callbackTaskId) : undefined,
    issue.invitationId ? deps.invitations.get(issue.invitationId) : undefined,
  ]);
  if (!task || !invitation) throw new Error(`closed issue ${issue.id} lacks its callback task or invitation`);
  return { issue, callbackTask: task, invitation };
}
