import type { Principal } from '../auth/principal';
import { issueLevels, type Issue, type IssueLevel } from './issue';

/** The level an issue is handled at (`team` for issues stored before levels existed). */
export const levelOf = (issue: Issue): IssueLevel => issue.level ?? 'team';

/** The level above, or undefined at the top of the chain. */
export function levelAbove(level: IssueLevel): IssueLevel | undefined {
  return issueLevels[issueLevels.indexOf(level) + 1];
}

/** The level below, or undefined at the team. */
export function levelBelow(level: IssueLevel): IssueLevel | undefined {
  const i = issueLevels.indexOf(level);
  return i > 0 ? issueLevels[i - 1] : undefined;
}

/**
 * True when `principal` holds the issue at its current level: the team (or its zone's dispatcher)
 * at `team`, the zone's dispatcher at `zone`, the office (central dispatch) at `central`, the named
 * function group at `function-group`. The office may act at every level.
 */
export function holdsIssue(principal: Principal, issue: Issue): boolean {
  if (principal.role === 'office') return true;
  switch (levelOf(issue)) {
    case 'team':
      return (principal.role === 'team-member' && principal.teamId === issue.teamId) || (principal.role === 'zone-dispatcher' && principal.zoneId === issue.zoneId);
    case 'zone':
      return principal.role === 'zone-dispatcher' && principal.zoneId === issue.zoneId;
    case 'central':
      return false;
    case 'function-group':
      return principal.role === 'function-group' && principal.functionGroupId !== undefined && principal.functionGroupId === issue.functionGroupId;
  }
}

/** True when `principal` may reopen a closed issue: its team, its zone's dispatcher, or the office. */
export function mayReopen(principal: Principal, issue: Issue): boolean {
  return (
    principal.role === 'office' ||
    (principal.role === 'zone-dispatcher' && principal.zoneId === issue.zoneId) ||
    (principal.role === 'team-member' && principal.teamId === issue.teamId)
  );
}
