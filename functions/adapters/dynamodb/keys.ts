/**
 * Every key huifang writes, one function per item type, and so every access pattern:
 *
 * | pattern                                   | where                                                     |
 * |-------------------------------------------|-----------------------------------------------------------|
 * | zone / team / enterprise by id            | PK `ZONE#id` / `TEAM#id` / `ENT#id`, SK `#META`           |
 * | zones; teams (of a zone); enterprises     | GSI3 `ZONE` / `TEAM` `zone#team` / `ENT` `zone#team#id`   |
 * | issue by id, its ledger events            | PK `ISSUE#id`, SK `#META` / `EVENT#<ulid>`                |
 * | issues of a team / zone / district        | GSI1 `TEAM#t`, GSI2 `ZONE#z`, GSI3 `ISSUE`;               |
 * |                                           | SK `ISSUE#status#id` in all three                         |
 * | task by id                                | PK `TASK#id`                                              |
 * | tasks of a team / zone / district         | GSI1/GSI2/GSI3, SK open-before-done, then due time        |
 * | invitation by id, its response            | PK `INV#id`, SK `#META` / `RESPONSE`                      |
 * | invitation by link token hash             | PK `TOKEN#sha256`                                         |
 * | responses of a team / zone / district     | GSI1/GSI2/GSI3, SK `RESP#answeredAt#id`                   |
 * | what is due for the sweeper               | DUE `DUE`, SK `dueTime#INV#id` (only while action is due) |
 * | counters of a dimension in a period       | PK `COUNT#dimension#granularity#period`, SK `group#chan`  |
 * | unknown-token hits of an address          | PK `RATE#key`, SK window start                            |
 *
 * Hot keys: the DUE partition and a busy counter take every write of their kind. Both can be
 * sharded by a suffix (`DUE#0..n`, `group#chan#0..n`) read back with n queries and summed; the
 * stores below only build keys here, so that change stays in this file and the readers.
 */
import type { Scope } from '../../core/auth/principal';
import type { Issue } from '../../core/ledger/issue';
import type { CallbackTask } from '../../core/tasks/callback-task';
import type { Invitation } from '../../core/invitations/invitation';
import type { Enterprise, Team, Zone } from '../../core/org/org';
import type { SurveyResponse } from '../../core/ports';
import type { CounterKey } from '../../core/scoring/counters';

export const META = '#META';

export const teamKey = (id: string) => ({ PK: `TEAM#${id}`, SK: META });
export const enterpriseKey = (id: string) => ({ PK: `ENT#${id}`, SK: META });
export const zoneKeys = (z: Zone) => ({ PK: `ZONE#${z.id}`, SK: META, GSI3PK: 'ZONE', GSI3SK: z.id });
export const teamKeys = (t: Team) => ({ ...teamKey(t.id), GSI3PK: 'TEAM', GSI3SK: `${t.zoneId}#${t.id}` });
export const enterpriseKeys = (e: Enterprise) => ({ ...enterpriseKey(e.id), GSI3PK: 'ENT', GSI3SK: `${e.zoneId}#${e.teamId}#${e.id}` });

export const issueKey = (id: string) => ({ PK: `ISSUE#${id}`, SK: META });
export const issueKeys = (i: Issue) => ({
  ...issueKey(i.id),
  GSI1PK: `TEAM#${i.teamId}`,
  GSI1SK: `ISSUE#${i.status}#${i.id}`,
  GSI2PK: `ZONE#${i.zoneId}`,
  GSI2SK: `ISSUE#${i.status}#${i.id}`,
  GSI3PK: 'ISSUE',
  GSI3SK: `ISSUE#${i.status}#${i.id}`,
});
export const ledgerEventKey = (issueId: string, eventId: string) => ({ PK: `ISSUE#${issueId}`, SK: `EVENT#${eventId}` });

/** Open tasks sort before done ones; within each, the earliest due first. */
const taskSort = (t: CallbackTask) => `${t.status === 'open' ? 1 : 2}-${t.status}#${t.dueAt}#${t.id}`;
export const taskStatusPrefix = (status: CallbackTask['status']) => `${status === 'open' ? 1 : 2}-${status}#`;
export const taskKey = (id: string) => ({ PK: `TASK#${id}`, SK: META });
export const taskKeys = (t: CallbackTask) => ({
  ...taskKey(t.id),
  GSI1PK: `TEAM#${t.teamId}`,
  GSI1SK: `TASK#${taskSort(t)}`,
  GSI2PK: `ZONE#${t.zoneId}`,
  GSI2SK: `TASK#${taskSort(t)}`,
  GSI3PK: 'TASK',
  GSI3SK: `TASK#${taskSort(t)}`,
});

export const invitationKey = (id: string) => ({ PK: `INV#${id}`, SK: META });
export const DUE_PARTITION = 'DUE';
export const dueSortKey = (at: string, id: string) => `${at}#INV#${id}`;
/** An invitation is in the DUE index only while the sweeper has something to do with it. */
export const invitationKeys = (i: Invitation) => ({
  ...invitationKey(i.id),
  ...(i.status === 'scheduled' ? { DUEPK: DUE_PARTITION, DUESK: dueSortKey(i.sendAfter, i.id) } : {}),
});
export const tokenKey = (hash: string) => ({ PK: `TOKEN#${hash}`, SK: META });

export const responseKeys = (r: SurveyResponse) => ({
  PK: `INV#${r.invitationId}`,
  SK: 'RESPONSE',
  GSI1PK: `TEAM#${r.teamId}`,
  GSI1SK: `RESP#${r.answeredAt}#${r.invitationId}`,
  GSI2PK: `ZONE#${r.zoneId}`,
  GSI2SK: `RESP#${r.answeredAt}#${r.invitationId}`,
  GSI3PK: 'RESP',
  GSI3SK: `RESP#${r.answeredAt}#${r.invitationId}`,
});

export const counterPartition = (dimension: string, granularity: string, period: string) => `COUNT#${dimension}#${granularity}#${period}`;
export const counterKey = (k: CounterKey) => ({ PK: counterPartition(k.dimension, k.granularity, k.period), SK: `${k.groupId}#${k.channel}` });

export const rateKey = (key: string, windowStart: string) => ({ PK: `RATE#${key}`, SK: windowStart });

/** The index and partition that hold a scope's items of one kind (`ISSUE`, `TASK`, `RESP`). */
export function scopeIndex(scope: Scope, kind: 'ISSUE' | 'TASK' | 'RESP') {
  if (scope.kind === 'team') return { IndexName: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK', value: `TEAM#${scope.teamId}` };
  if (scope.kind === 'zone') return { IndexName: 'GSI2', pk: 'GSI2PK', sk: 'GSI2SK', value: `ZONE#${scope.zoneId}` };
  return { IndexName: 'GSI3', pk: 'GSI3PK', sk: 'GSI3SK', value: kind };
}

export const seedMarkerKey = (name: string) => ({ PK: 'SEED', SK: name });

/** Attributes that are keys, never part of an entity. */
export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'DUEPK', 'DUESK', 'ttl', 'type'];
