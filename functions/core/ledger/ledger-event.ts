import type { IdGen } from '../ports';
import type { Issue, IssueLevel, IssueStatus, LedgerAction, LedgerEvent } from './issue';
import { levelOf } from './levels';

/** Who makes a hop: a signed-in person, or huifang itself (`role: 'system'`). */
export interface Actor {
  username: string;
  role: string;
}

/**
 * The ledger event of one hop of `issue` (undefined for its creation): who, in which role, what,
 * from which status and level to which, when, and the note. The one way events are written.
 */
export function ledgerEvent(
  deps: { ids: IdGen },
  actor: Actor,
  issue: Issue,
  hop: { at: string; action: LedgerAction; from: IssueStatus | null; to: IssueStatus; toLevel: IssueLevel; note?: string | undefined },
): LedgerEvent {
  return {
    id: deps.ids.next(),
    issueId: issue.id,
    at: hop.at,
    by: actor.username,
    role: actor.role,
    action: hop.action,
    from: hop.from,
    to: hop.to,
    ...(hop.from === null ? {} : { fromLevel: levelOf(issue) }),
    toLevel: hop.toLevel,
    ...(hop.note ? { note: hop.note } : {}),
  };
}
