/**
 * Every key huifang writes, one function per item type, and so every access pattern:
 *
 * | pattern                                   | where                                                     |
 * |-------------------------------------------|-----------------------------------------------------------|
 * | zone / team / enterprise by id            | PK `ZONE#id` / `TEAM#id` / `ENT#id`, SK `#META`           |
 * | zones; teams (of a zone); enterprises     | GSI3 `ZONE` / `TEAM` `zone#team` / `ENT` `zone#team#id`   |
 * | issue by id, its ledger events            | PK `ISSUE#id`, SK `#META` / `EVENT#<ulid>`                |
 * | issue by an outside ledger's id           | PK `EXT#source#externalId` -> its `issueId`               |
 * | issues of a team / zone / district        | GSI1 `TEAM#t`, GSI2 `ZONE#z`, GSI3 `ISSUE`;               |
 * |                                           | SK `ISSUE#status#id` in all three                         |
 * | task by id                                | PK `TASK#id`                                              |
 * | tasks of a team / zone / district         | GSI1/GSI2/GSI3, SK open-before-done, then due time        |
 * | invitation by id, its response            | PK `INV#id`, SK `#META` / `RESPONSE`                      |
 * | invitation by link token hash             | PK `TOKEN#sha256` (a reminder adds a second token)        |
 * | failed / suppressed / expired invitations | GSI1 `TEAM#t`, GSI2 `ZONE#z`, GSI3 `INV`;                 |
 * |   of a team / zone / district             | SK `INV#status#id` (only in those final states: sparse)   |
 * | undelivered invitations (same lists)      | SK `INV#undelivered#id`, only while sent and last reported|
 * |                                           | undelivered (`listingOf`; answered/expired/delivered drop)|
 * | invitation by a provider's message id     | PK `SMSMSG#provider#messageId` -> its `invitationId`      |
 * |   (receipts naming only biz_id/sid/...)   | (written with the send; `ttl` 30 days after it)           |
 * | enterprises by contact phone (SMS replies)| PK `PHONE#phone`, SK `ENT#id`                             |
 * | responses of a team / zone / district     | GSI1/GSI2/GSI3, SK `RESP#answeredAt#id`                   |
 * | responses of a group in a time range      | the same, SK BETWEEN `RESP#from` AND `RESP#to~`,          |
 * |   (the drill-down), newest first          | category: GSI3 `RESP` + FilterExpression on `category`    |
 * |                                           | (and `score` for a rating): a filter only narrows this    |
 * |                                           | keyed range, the one place the table allows it            |
 * | appeal by id                              | PK `APPEAL#id`                                            |
 * | appeals of a team / zone / district       | GSI1/GSI2/GSI3, SK pending-before-decided, then ulid      |
 * | what is due for the sweeper               | DUE `DUE`, SK `dueTime#INV#id` (only while action is due: |
 * |                                           | send, retry, reminder, expiry; see `nextActionAt`)        |
 * | tasks to raise as overdue                 | DUE `DUE#TASK`, SK `checkTime#TASK#id` (while open)       |
 * | counters of a dimension in a period       | PK `COUNT#dimension#granularity#period`, SK `group#chan`  |
 * |   (team, zone, category, overall `all`,   |   e.g. `COUNT#zoneCategory#month#2026-10`,               |
 * |   functionGroup, zoneCategory `zone|cat`) |   SK `gaoxin|金融支持#sms`                                 |
 * | unknown-token hits of an address          | PK `RATE#key`, SK window start                            |
 * | invitation by survey code hash (code mode)| PK `CODE#sha256` -> invitation id(s), wrong digits; TTL   |
 * | an enterprise's survey state (freq. cap)  | PK `ENT#id`, SK `SURVEYS` (last send, open bundle)        |
 * | survey bundle by id (one SMS, n issues)   | PK `BUNDLE#id`, SK `#META` (its member invitation ids)    |
 *
 * Hot keys: the DUE partition and a busy counter take every write of their kind. Both can be
 * sharded by a suffix (`DUE#0..n`, `group#chan#0..n`) read back with n queries and summed; the
 * stores below only build keys here, so that change stays in this file and the readers.
 */
import type { Appeal } from '../../core/appeals/appeal';
import type { Scope } from '../../core/auth/principal';
import type { Issue } from '../../core/ledger/issue';
import type { CallbackTask } from '../../core/tasks/callback-task';
import { listingOf, nextActionAt, type Invitation } from '../../core/invitations/invitation';
import type { Enterprise, Team, Zone } from '../../core/org/org';
import type { ResponseQuery, SurveyResponse } from '../../core/ports';
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
/** Claimed in the issue's create transaction, so one outside id can never make two issues (sources hold no `#`). */
export const externalRefKey = (source: string, externalId: string) => ({ PK: `EXT#${source}#${externalId}`, SK: META });

/** Open tasks sort before done ones, done before cancelled; within each, the earliest due first. */
const taskStatusRank: Record<CallbackTask['status'], number> = { open: 1, done: 2, cancelled: 3 };
export const taskStatusPrefix = (status: CallbackTask['status']) => `${taskStatusRank[status]}-${status}#`;
const taskSort = (t: CallbackTask) => `${taskStatusPrefix(t.status)}${t.dueAt}#${t.id}`;
export const taskKey = (id: string) => ({ PK: `TASK#${id}`, SK: META });
export const TASK_DUE_PARTITION = 'DUE#TASK';
export const taskDueSortKey = (at: string, id: string) => `${at}#TASK#${id}`;
/** An open task is in the DUE index until it has been raised as far as it goes (zone, then office). */
function taskDueKeys(t: CallbackTask): { DUEPK?: string; DUESK?: string } {
  if (t.status !== 'open' || t.overdueLevel === 'office') return {};
  const at = t.overdueLevel === 'zone' ? t.nextOverdueCheckAt : t.dueAt;
  return at ? { DUEPK: TASK_DUE_PARTITION, DUESK: taskDueSortKey(at, t.id) } : {};
}
export const taskKeys = (t: CallbackTask) => ({
  ...taskKey(t.id),
  ...taskDueKeys(t),
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
export function invitationDueKeys(i: Invitation): { DUEPK?: string; DUESK?: string } {
  const at = nextActionAt(i);
  return at ? { DUEPK: DUE_PARTITION, DUESK: dueSortKey(at, i.id) } : {};
}
/**
 * Only what the office lists is in GSI1-3: the final states (written once, they never change again)
 * and a sent invitation last reported undelivered (`listingOf`).
 */
export function invitationListKeys(i: Invitation) {
  const listing = listingOf(i);
  if (!listing) return {};
  const sk = `INV#${listing}#${i.id}`;
  return { GSI1PK: `TEAM#${i.teamId}`, GSI1SK: sk, GSI2PK: `ZONE#${i.zoneId}`, GSI2SK: sk, GSI3PK: 'INV', GSI3SK: sk };
}
export const invitationKeys = (i: Invitation) => ({ ...invitationKey(i.id), ...invitationDueKeys(i), ...invitationListKeys(i) });
export const phoneKey = (phone: string, enterpriseId: string) => ({ PK: `PHONE#${phone}`, SK: `ENT#${enterpriseId}` });
export const tokenKey = (hash: string) => ({ PK: `TOKEN#${hash}`, SK: META });
export const codeKey = (hash: string) => ({ PK: `CODE#${hash}`, SK: META });
/** A provider's message id -> the invitation it was sent for (providers' ids hold no `#`; the provider keeps them apart). */
export const smsMessageKey = (provider: string, providerMessageId: string) => ({ PK: `SMSMSG#${provider}#${providerMessageId}`, SK: META });

export const responseKey = (invitationId: string) => ({ PK: `INV#${invitationId}`, SK: 'RESPONSE' });
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

/** The index, partition and sort-key range of a group's responses answered in `[from, to]` (UTC ISO instants). */
export function responseRange(group: ResponseQuery['group'], from: string, to: string) {
  const index =
    group.kind === 'team'
      ? { IndexName: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK', value: `TEAM#${group.teamId}` }
      : group.kind === 'zone'
        ? { IndexName: 'GSI2', pk: 'GSI2PK', sk: 'GSI2SK', value: `ZONE#${group.zoneId}` }
        : { IndexName: 'GSI3', pk: 'GSI3PK', sk: 'GSI3SK', value: 'RESP' };
  // `~` sorts after `#`, so every answer at `to` itself, whatever its invitation id, is inside.
  return { ...index, low: `RESP#${from}`, high: `RESP#${to}~` };
}

/** Pending appeals sort before decided ones (the office's queue), oldest first within each status. */
const appealStatusRank: Record<Appeal['status'], number> = { pending: 1, approved: 2, rejected: 3 };
export const appealStatusPrefix = (status: Appeal['status']) => `${appealStatusRank[status]}-${status}#`;
const appealSort = (a: Appeal) => `APPEAL#${appealStatusPrefix(a.status)}${a.id}`;
export const appealKey = (id: string) => ({ PK: `APPEAL#${id}`, SK: META });
export const appealKeys = (a: Appeal) => ({
  ...appealKey(a.id),
  GSI1PK: `TEAM#${a.teamId}`,
  GSI1SK: appealSort(a),
  GSI2PK: `ZONE#${a.zoneId}`,
  GSI2SK: appealSort(a),
  GSI3PK: 'APPEAL',
  GSI3SK: appealSort(a),
});

export const counterPartition = (dimension: string, granularity: string, period: string) => `COUNT#${dimension}#${granularity}#${period}`;
export const counterKey = (k: CounterKey) => ({ PK: counterPartition(k.dimension, k.granularity, k.period), SK: `${k.groupId}#${k.channel}` });

export const rateKey = (key: string, windowStart: string) => ({ PK: `RATE#${key}`, SK: windowStart });

/** The index and partition that hold a scope's items of one kind (`ISSUE`, `TASK`, `RESP`, `APPEAL`, `INV`). */
export function scopeIndex(scope: Scope, kind: 'ISSUE' | 'TASK' | 'RESP' | 'APPEAL' | 'INV') {
  if (scope.kind === 'team') return { IndexName: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK', value: `TEAM#${scope.teamId}` };
  if (scope.kind === 'zone') return { IndexName: 'GSI2', pk: 'GSI2PK', sk: 'GSI2SK', value: `ZONE#${scope.zoneId}` };
  return { IndexName: 'GSI3', pk: 'GSI3PK', sk: 'GSI3SK', value: kind };
}

/** The frequency cap's per-enterprise item: read and written under a version condition by closures and sends. */
export const enterpriseSurveyStateKey = (enterpriseId: string) => ({ PK: `ENT#${enterpriseId}`, SK: 'SURVEYS' });
export const bundleKey = (id: string) => ({ PK: `BUNDLE#${id}`, SK: META });

export const seedMarkerKey = (name: string) => ({ PK: 'SEED', SK: name });

/** Attributes that are keys, never part of an entity. */
export const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'GSI3PK', 'GSI3SK', 'DUEPK', 'DUESK', 'ttl', 'type'];
