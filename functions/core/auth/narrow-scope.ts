import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { inScope, scopeOf, type Principal, type Scope } from './principal';

/**
 * The caller's scope narrowed by optional `teamId` / `zoneId` filters. Asking for a team or zone
 * outside one's own scope is `auth.forbidden`; an unknown team is `reference.unknown`.
 */
export async function narrowScope(deps: CoreDeps, principal: Principal, filter: { teamId?: string; zoneId?: string }): Promise<Scope> {
  const scope = scopeOf(principal);
  if (filter.teamId) {
    const team = await deps.org.getTeam(filter.teamId);
    if (!team) throw new DomainError('reference.unknown', `Unknown team ${filter.teamId}.`, [{ path: 'teamId' }]);
    if (!inScope(scope, { zoneId: team.zoneId, teamId: team.id })) throw new DomainError('auth.forbidden', 'That team is outside your scope.');
    if (filter.zoneId && filter.zoneId !== team.zoneId) throw new DomainError('validation.failed', 'The team is not in that zone.');
    return { kind: 'team', zoneId: team.zoneId, teamId: team.id };
  }
  if (filter.zoneId) {
    if (scope.kind === 'team') {
      if (scope.zoneId !== filter.zoneId) throw new DomainError('auth.forbidden', 'That zone is outside your scope.');
      return scope;
    }
    if (scope.kind === 'zone' && scope.zoneId !== filter.zoneId) throw new DomainError('auth.forbidden', 'That zone is outside your scope.');
    return { kind: 'zone', zoneId: filter.zoneId };
  }
  return scope;
}
