import type { Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { Invitation } from '../invitations/invitation';
import type { CallbackTask } from '../tasks/callback-task';
import type { Issue, IssueLevel, IssueStatus, LedgerAction } from './issue';
import { issueFor } from './issues';
import { ledgerEvent, type Actor } from './ledger-event';
import { holdsIssue, levelAbove, levelBelow, levelOf, mayReopen } from './levels';
import { closureAttribution, workDeltas } from '../scoring/work-counters';

/** The status an open issue has at a level: in the team's hands it is being worked on, above it escalated. */
const workingStatus = (level: IssueLevel): IssueStatus => (level === 'team' ? 'in_progress' : 'escalated');

interface Hop {
  action: LedgerAction;
  to: IssueStatus;
  toLevel: IssueLevel;
  note?: string;
  changes?: Partial<Issue>;
  cancel?: { invitation?: Invitation; task?: CallbackTask };
}

/**
 * Writes one hop (issue, its event, anything it withdraws) in one transaction, if nobody moved the
 * issue meanwhile. A hop out of `closed` (a reopen, or a review flagged by the two-sided check) adds
 * `reopened` to the closure's work counters in the same transaction: the re-handle rate's numerator.
 */
async function hop(deps: CoreDeps, principal: Actor, issue: Issue, h: Hop): Promise<Issue> {
  const now = deps.clock.now();
  const at = now.toISOString();
  const next: Issue = { ...issue, ...h.changes, status: h.to, level: h.toLevel, updatedAt: at, version: (issue.version ?? 0) + 1 };
  if (h.toLevel !== 'function-group') delete next.functionGroupId;
  if (h.action === 'reopen') {
    // The closure's details live on in its ledger event; the issue is simply open again.
    delete next.closedAt;
    delete next.closedBy;
    delete next.resolution;
  }
  const event = ledgerEvent(deps, principal, issue, { at, action: h.action, from: issue.status, to: h.to, toLevel: h.toLevel, note: h.note });
  const counters = issue.status === 'closed' && h.to !== 'closed' ? workDeltas(closureAttribution(issue), now, { reopened: 1 }) : [];
  const outcome = await deps.issues.transition({ issue: next, previous: issue, event, ...(h.cancel ? { cancel: h.cancel } : {}), ...(counters.length ? { counters } : {}) });
  if (outcome === 'conflict') throw new DomainError('issue.changed', 'The issue changed meanwhile; reload it and try again.');
  return next;
}

/**
 * Reopens a closed issue for the zone dispatcher to review, with a flag saying why (huifang does
 * this itself, e.g. when the team's callback and the enterprise's survey disagree).
 */
export function flagForReview(deps: CoreDeps, issue: Issue, flag: string, note: string): Promise<Issue> {
  return hop(deps, { username: 'huifang', role: 'system' }, issue, {
    action: 'review',
    to: 'escalated',
    toLevel: 'zone',
    note,
    changes: { flags: [...new Set([...(issue.flags ?? []), flag])], reopenCount: (issue.reopenCount ?? 0) + 1 },
  });
}

function mustHold(principal: Principal, issue: Issue, what: string): void {
  if (!holdsIssue(principal, issue)) {
    throw new DomainError('auth.forbidden', `Only whoever holds the issue at the ${levelOf(issue)} level may ${what}.`);
  }
}

function mustBeOpen(issue: Issue): void {
  if (issue.status === 'closed') throw new DomainError('issue.not_open', 'The issue is closed; reopen it first.');
}

/** Starts work on an open issue at the team (open -> in_progress). Starting twice changes nothing. */
export async function startIssue(deps: CoreDeps, principal: Principal, id: string, input: { note?: string }): Promise<Issue> {
  const issue = await issueFor(deps, principal, id);
  mustBeOpen(issue);
  mustHold(principal, issue, 'start it');
  if (issue.status !== 'open') return issue;
  return hop(deps, principal, issue, { action: 'start', to: 'in_progress', toLevel: levelOf(issue), ...(input.note ? { note: input.note } : {}) });
}

/**
 * Escalates one level up the chain: team -> zone dispatch room -> central dispatch -> a named service
 * function group (`functionGroupId` required for that last step, and only for it).
 */
export async function escalateIssue(deps: CoreDeps, principal: Principal, id: string, input: { note: string; functionGroupId?: string }): Promise<Issue> {
  const issue = await issueFor(deps, principal, id);
  mustBeOpen(issue);
  mustHold(principal, issue, 'escalate it');
  const to = levelAbove(levelOf(issue));
  if (!to) throw new DomainError('issue.cannot_escalate', 'The issue is already with a service function group, the top of the chain.');
  if (to === 'function-group') {
    const group = deps.settings.functionGroups.find((g) => g.id === input.functionGroupId);
    if (!group) {
      throw new DomainError('validation.failed', 'Name the service function group to hand the issue to.', [
        { code: 'field.invalid_value', path: 'functionGroupId', message: `one of ${deps.settings.functionGroups.map((g) => g.id).join(', ')}` },
      ]);
    }
    return hop(deps, principal, issue, { action: 'escalate', to: 'escalated', toLevel: to, note: input.note, changes: { functionGroupId: group.id } });
  }
  if (input.functionGroupId) {
    throw new DomainError('validation.failed', 'A function group is named only when central dispatch hands the issue on.', [
      { code: 'field.unexpected', path: 'functionGroupId', message: `the issue goes to the ${to} level` },
    ]);
  }
  return hop(deps, principal, issue, { action: 'escalate', to: 'escalated', toLevel: to, note: input.note });
}

/** Sends an escalated issue back one level (退单) with a reason; every bounce-back is counted. */
export async function bounceIssue(deps: CoreDeps, principal: Principal, id: string, input: { reason: string }): Promise<Issue> {
  const issue = await issueFor(deps, principal, id);
  mustBeOpen(issue);
  mustHold(principal, issue, 'send it back');
  const to = levelBelow(levelOf(issue));
  if (!to) throw new DomainError('issue.cannot_bounce', 'The team is the first level; there is nobody to send the issue back to.');
  return hop(deps, principal, issue, {
    action: 'bounce',
    to: workingStatus(to),
    toLevel: to,
    note: input.reason,
    changes: { bounceBacks: (issue.bounceBacks ?? 0) + 1 },
  });
}

/**
 * Reopens a closed issue for the team to handle again, with a reason; every reopen is counted. A
 * survey that has not gone out yet is withdrawn (cancelled), and so is a callback not yet made.
 */
export async function reopenIssue(deps: CoreDeps, principal: Principal, id: string, input: { reason: string }): Promise<Issue> {
  const issue = await issueFor(deps, principal, id);
  if (issue.status !== 'closed') throw new DomainError('issue.not_closed', 'Only a closed issue can be reopened.');
  if (!mayReopen(principal, issue)) throw new DomainError('auth.forbidden', 'The team, its zone dispatcher or the office may reopen an issue.');
  const [invitation, task] = await Promise.all([
    issue.invitationId ? deps.invitations.get(issue.invitationId) : undefined,
    issue.callbackTaskId ? deps.tasks.get(issue.callbackTaskId) : undefined,
  ]);
  const cancel = {
    ...(invitation?.status === 'scheduled' ? { invitation } : {}),
    ...(task?.status === 'open' ? { task } : {}),
  };
  return hop(deps, principal, issue, {
    action: 'reopen',
    to: 'open',
    toLevel: 'team',
    note: input.reason,
    changes: { reopenCount: (issue.reopenCount ?? 0) + 1 },
    cancel,
  });
}
