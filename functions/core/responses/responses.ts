import { inScope, scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import type { SurveyResponse } from '../ports';

/**
 * A recorded answer inside the caller's scope, or `response.not_found` (never a hint that it
 * exists). An answer removed by an approved appeal is still here, with `excludedAt` and `appealId`.
 */
export async function responseFor(deps: CoreDeps, principal: Principal, invitationId: string): Promise<SurveyResponse> {
  const response = await deps.responses.get(invitationId);
  if (!response || !inScope(scopeOf(principal), response)) throw new DomainError('response.not_found', `No response to invitation ${invitationId}.`);
  return response;
}
