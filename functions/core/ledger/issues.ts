import { narrowScope } from '../auth/narrow-scope';
import { ledgerEvent } from './ledger-event';
import { inScope, scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { ExternalRef, Page, PageRequest } from '../ports';
import { assertKnownCategory } from './categories';
import type { Issue, IssueStatus, NewIssue } from './issue';

/**
 * Records a new issue for an enterprise. A team member records for their own team, a dispatcher
 * for a team of their zone, the office for any team; the enterprise must be in the team's zone.
 */
export async function createIssue(deps: CoreDeps, principal: Principal, input: NewIssue, options: { externalRef?: ExternalRef } = {}): Promise<Issue> {
  assertKnownCategory(deps.settings, input.category);
  const scope = scopeOf(principal);
  const [team, enterprise] = await Promise.all([deps.org.getTeam(input.teamId), deps.org.getEnterprise(input.enterpriseId)]);
  if (!team) throw new DomainError('reference.unknown', `Unknown team ${input.teamId}.`, [{ path: 'teamId' }]);
  if (!inScope(scope, { zoneId: team.zoneId, teamId: team.id })) {
    throw new DomainError('auth.forbidden', 'You may only record issues for your own team or zone.');
  }
  if (!enterprise || enterprise.zoneId !== team.zoneId) {
    throw new DomainError('reference.unknown', `Unknown enterprise ${input.enterpriseId} in the team's zone.`, [{ path: 'enterpriseId' }]);
  }
  const now = deps.clock.now().toISOString();
  const issue: Issue = {
    id: deps.ids.next(),
    enterpriseId: enterprise.id,
    teamId: team.id,
    zoneId: team.zoneId,
    category: input.category,
    title: input.title,
    ...(input.description ? { description: input.description } : {}),
    status: 'open',
    level: 'team',
    createdAt: now,
    createdBy: principal.username,
    updatedAt: now,
    version: 1,
    ...(options.externalRef ? { externalRef: options.externalRef } : {}),
  };
  const event = ledgerEvent(deps, principal, issue, { at: now, action: 'create', from: null, to: 'open', toLevel: 'team' });
  await deps.issues.create(issue, event, options.externalRef);
  return issue;
}

/** The issue if it exists inside the caller's scope; otherwise `issue.not_found` (never a hint that it exists). */
export async function issueFor(deps: CoreDeps, principal: Principal, id: string): Promise<Issue> {
  const issue = await deps.issues.get(id);
  if (!issue || !inScope(scopeOf(principal), issue)) throw new DomainError('issue.not_found', `No issue ${id}.`);
  return issue;
}

/** The caller's issues, active ones first, newest first within a status. */
export async function listIssues(
  deps: CoreDeps,
  principal: Principal,
  filter: { status?: IssueStatus; teamId?: string; zoneId?: string },
  page: PageRequest,
): Promise<Page<Issue>> {
  return deps.issues.list(await narrowScope(deps, principal, filter), filter.status, page);
}
