import { z } from 'zod';
import { DomainError } from '../errors';

export const roles = ['office', 'zone-dispatcher', 'team-member', 'function-group'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

/** The signed-in staff member, as read from a verified JWT. */
export const principalSchema = z.object({
  sub: z.string().min(1),
  username: z.string().min(1),
  role: roleSchema,
  zoneId: z.string().min(1).optional(),
  teamId: z.string().min(1).optional(),
  /** For the `function-group` role: which service function group (服务功能组) the person works in. */
  functionGroupId: z.string().min(1).optional(),
});
export type Principal = z.infer<typeof principalSchema>;

/**
 * What a principal may see. A team member sees their team, a dispatcher their zone, the office and
 * the function groups the whole district (function groups are narrowed further in a later issue).
 */
export type Scope = { kind: 'all' } | { kind: 'zone'; zoneId: string } | { kind: 'team'; zoneId: string; teamId: string };

/** The scope of a principal; a team member or dispatcher without their ids is refused. */
export function scopeOf(principal: Principal): Scope {
  switch (principal.role) {
    case 'office':
    case 'function-group':
      return { kind: 'all' };
    case 'zone-dispatcher':
      if (!principal.zoneId) throw new DomainError('auth.forbidden', 'A zone dispatcher token must name its zone.');
      return { kind: 'zone', zoneId: principal.zoneId };
    case 'team-member':
      if (!principal.zoneId || !principal.teamId) {
        throw new DomainError('auth.forbidden', 'A team member token must name its zone and team.');
      }
      return { kind: 'team', zoneId: principal.zoneId, teamId: principal.teamId };
  }
}

/** True when something owned by `teamId` in `zoneId` lies inside `scope`. */
export function inScope(scope: Scope, owner: { zoneId: string; teamId: string }): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'zone') return owner.zoneId === scope.zoneId;
  return owner.teamId === scope.teamId;
}
