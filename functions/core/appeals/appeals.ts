import { inScope, scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { Page, PageRequest, SurveyResponse } from '../ports';
import { responseFor } from '../responses/responses';
import type { Appeal, AppealStatus, FileAppeal } from './appeal';
import { workDeltas } from '../scoring/work-counters';

/**
 * Files a team's appeal (申诉) against the rating of one of its responses. A member of the credited
 * team or the dispatcher of its zone may file; a response outside their scope is
 * `response.not_found`. A response has at most one open appeal (`appeal.already_open`), and one
 * already removed from the scores cannot be appealed again (`response.excluded`). A rejected
 * appeal closes, so a new one may be filed with a better reason.
 *
 * @example
 * const appeal = await fileAppeal(deps, member, invitationId, { reason: '企业误评，问题已于当日解决' });
 */
export async function fileAppeal(deps: CoreDeps, principal: Principal, invitationId: string, input: FileAppeal): Promise<Appeal> {
  if (principal.role !== 'team-member' && principal.role !== 'zone-dispatcher') {
    throw new DomainError('auth.forbidden', 'Only the credited team or its zone dispatcher may appeal a rating.');
  }
  const response = await responseFor(deps, principal, invitationId);
  refuseIfNotAppealable(response);
  const now = deps.clock.now();
  const appeal: Appeal = {
    id: deps.ids.next(),
    invitationId: response.invitationId,
    issueId: response.issueId,
    teamId: response.teamId,
    zoneId: response.zoneId,
    category: response.category,
    score: response.score,
    answeredAt: response.answeredAt,
    reason: input.reason,
    status: 'pending',
    filedBy: principal.username,
    filedAt: now.toISOString(),
  };
  // Counted in the credited groups on the day it is filed, in the filing transaction.
  if (!(await deps.appeals.file(appeal, workDeltas(response, now, { appealsFiled: 1 })))) {
    // Another appeal or an approval won the race: say which, from the response as it is now.
    refuseIfNotAppealable(await responseFor(deps, principal, invitationId));
    throw new DomainError('appeal.already_open', 'This rating changed while the appeal was filed; try again.');
  }
  return appeal;
}

function refuseIfNotAppealable(response: SurveyResponse): void {
  if (response.excludedAt) {
    throw new DomainError('response.excluded', 'This rating was already removed from the scores by an approved appeal.', { appealId: response.appealId ?? null });
  }
  if (response.openAppealId) {
    throw new DomainError('appeal.already_open', 'This rating already has an appeal under review.', { appealId: response.openAppealId });
  }
}

/** An appeal inside the caller's scope, or `appeal.not_found`. */
export async function appealFor(deps: CoreDeps, principal: Principal, id: string): Promise<Appeal> {
  const appeal = await deps.appeals.get(id);
  if (!appeal || !inScope(scopeOf(principal), appeal)) throw new DomainError('appeal.not_found', `No appeal ${id}.`);
  return appeal;
}

/** The caller's appeals, pending ones first, oldest first within a status (a team sees its own, a zone its zone's). */
export function listAppeals(deps: CoreDeps, principal: Principal, filter: { status?: AppealStatus }, page: PageRequest): Promise<Page<Appeal>> {
  return deps.appeals.list(scopeOf(principal), filter, page);
}
