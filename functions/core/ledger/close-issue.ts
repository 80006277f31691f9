import type { Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { Invitation } from '../invitations/invitation';
import { addMinutes } from '../scheduling/shanghai-time';
import { callbackDueAt } from '../scheduling/working-days';
import { CALLBACK_SURVEY_ID } from '../surveys/definition';
import type { CallbackTask } from '../tasks/callback-task';
import type { CloseIssue, Issue, LedgerEvent } from './issue';
import { issueFor } from './issues';

export interface Closure {
  issue: Issue;
  callbackTask: CallbackTask;
  invitation: Invitation;
}

/**
 * Closes an issue: the issue, its callback task (due N working days later), its survey invitation
 * and the ledger event are written in one transaction. Closing a closed issue changes nothing and
 * answers the closure that exists, so a retried request or two racing clicks make one task.
 */
export async function closeIssue(deps: CoreDeps, principal: Principal, id: string, input: CloseIssue): Promise<Closure> {
  const issue = await issueFor(deps, principal, id);
  if (issue.status === 'closed') return existingClosure(deps, issue);

  const enterprise = await deps.org.getEnterprise(issue.enterpriseId);
  if (!enterprise) throw new DomainError('reference.unknown', `The issue's enterprise ${issue.enterpriseId} is gone.`);
  const survey = deps.surveys.current(CALLBACK_SURVEY_ID);
  if (!survey) throw new Error(`survey ${CALLBACK_SURVEY_ID} is not in the catalog`);

  const now = deps.clock.now();
  const at = now.toISOString();
  const owner = { issueId: issue.id, enterpriseId: issue.enterpriseId, teamId: issue.teamId, zoneId: issue.zoneId, category: issue.category };
  const task: CallbackTask = {
    id: deps.ids.next(),
    kind: 'callback',
    ...owner,
    status: 'open',
    createdAt: at,
    dueAt: callbackDueAt(deps.calendar, now, deps.settings.callbackDueWorkingDays).toISOString(),
  };
  const invitation: Invitation = {
    id: deps.ids.next(),
    ...owner,
    phone: enterprise.contactPhone,
    surveyId: survey.id,
    surveyVersion: survey.version,
    status: 'scheduled',
    createdAt: at,
    sendAfter: addMinutes(now, deps.settings.surveyDelayMinutes).toISOString(),
    attempts: 0,
  };
  const closed: Issue = {
    ...issue,
    status: 'closed',
    updatedAt: at,
    closedAt: at,
    closedBy: principal.username,
    resolution: input.resolution,
    callbackTaskId: task.id,
    invitationId: invitation.id,
  };
  const event: LedgerEvent = {
    id: deps.ids.next(),
    issueId: issue.id,
    at,
    by: principal.username,
    role: principal.role,
    from: issue.status,
    to: 'closed',
    note: input.resolution,
  };
  const outcome = await deps.issues.close({ issue: closed, task, invitation, event }, issue);
  if (outcome === 'already_closed') {
    const winner = await deps.issues.get(issue.id);
    if (!winner || winner.status !== 'closed') throw new DomainError('issue.not_open', 'The issue changed while closing; try again.');
    return existingClosure(deps, winner);
  }
  return { issue: closed, callbackTask: task, invitation };
}

async function existingClosure(deps: CoreDeps, issue: Issue): Promise<Closure> {
  const [task, invitation] = await Promise.all([
    issue.callbackTaskId ? deps.tasks.get(issue.callbackTaskId) : undefined,
    issue.invitationId ? deps.invitations.get(issue.invitationId) : undefined,
  ]);
  if (!task || !invitation) throw new Error(`closed issue ${issue.id} lacks its callback task or invitation`);
  return { issue, callbackTask: task, invitation };
}
