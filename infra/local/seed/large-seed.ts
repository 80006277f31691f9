import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Table } from '../../../functions/adapters/dynamodb/client';
import type { DynamoOrgStore } from '../../../functions/adapters/dynamodb/org-store';
import { seedMarkerKey } from '../../../functions/adapters/dynamodb/keys';
import type { CoreDeps } from '../../../functions/core/deps';
import { writeInBatches } from './batch-writer';
import { districtSize, largeOrg, type LargeSeedSize } from './large-org';
import { tellLargeStory, type StorySummary } from './large-story';
import { SeedingStores } from './memory-stores';
import { ProgressBar, type ProgressStream } from './progress';

export interface LargeSeedSummary extends StorySummary {
  zones: number;
  teams: number;
  enterprises: number;
  /** Items written with BatchWriteItem (the org's included), counters among them. */
  items: number;
  counters: number;
  seconds: number;
}

type SeedDeps = { core: CoreDeps; table: Table; org: DynamoOrgStore };

/** The story is told first (a share of the bar), then the writes fill the rest. */
const STORY_SHARE = 0.2;

/**
 * `HUIFANG_SEED=large`: a district-sized data set, relative to the day it runs. The core's own
 * functions tell the whole history against in-memory stores (see memory-stores.ts), the counter
 * deltas summed as the live transactions would add them; then every item is written with
 * BatchWriteItem, several requests in flight, instead of one transaction per step (which DynamoDB
 * Local could not do for a year of a district in minutes). A progress bar goes to `progress`.
 * Runs once per table: a marker written last says it ran (and a demo seed's marker counts too).
 */
export async function seedLarge(
  deps: SeedDeps,
  options: { size?: LargeSeedSize; progress?: ProgressStream; lanes?: number } = {},
): Promise<LargeSeedSummary | 'already-seeded'> {
  for (const name of ['large', 'demo']) {
    const marker = await deps.table.doc.send(new GetCommand({ TableName: deps.table.name, Key: seedMarkerKey(name), ConsistentRead: true }));
    if (marker.Item) return 'already-seeded';
  }
  const started = Date.now();
  const now = deps.core.clock.now();
  const size = options.size ?? districtSize;
  const bar = new ProgressBar(options.progress ?? process.stderr, 'large seed');
  const org = largeOrg(size);
  // The demo users are derived from the teams, so they can sign in as soon as the org is in.
  await putOrg(deps.org, org);

  const stores = new SeedingStores(org);
  const story = await tellLargeStory(deps.core, stores, org, size, now, (done, total) => bar.update((STORY_SHARE * done) / Math.max(1, total), `telling ${done}/${total} issues`));
  const items = stores.items();
  const counters = stores.counterTotals.size;
  const written = await writeInBatches(deps.table, items, {
    lanes: options.lanes ?? 4,
    onWritten: (n) => bar.update(STORY_SHARE + ((1 - STORY_SHARE) * n) / Math.max(1, items.length), `writing ${n}/${items.length} items`),
  });
  const summary: LargeSeedSummary = {
    zones: org.zones.length,
    teams: org.teams.length,
    enterprises: org.enterprises.length,
    ...story,
    items: written + org.zones.length + org.teams.length + 2 * org.enterprises.length,
    counters,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
  await deps.table.doc.send(new PutCommand({ TableName: deps.table.name, Item: { ...seedMarkerKey('large'), type: 'seed', at: now.toISOString(), ...summary } }));
  bar.done(describeLargeSeed(summary));
  return summary;
}

/** The org in four parallel parts: `putAll` writes its batches one after another. */
async function putOrg(store: DynamoOrgStore, org: ReturnType<typeof largeOrg>): Promise<void> {
  const parts = 4;
  const share = Math.ceil(org.enterprises.length / parts);
  await Promise.all([
    store.putAll({ zones: org.zones, teams: org.teams }),
    ...Array.from({ length: parts }, (_, i) => store.putAll({ enterprises: org.enterprises.slice(i * share, (i + 1) * share) })),
  ]);
}

/** One line of totals, as the bar ends with and `npm start` prints. */
export function describeLargeSeed(s: LargeSeedSummary): string {
  return (
    `${s.zones} zones, ${s.teams} teams, ${s.enterprises} enterprises; ${s.issues} issues (${s.closed} closed, ${s.open} open, ${s.reopened} reopened), ` +
    `${s.surveysSent} surveys sent, ${s.answered} answered, ${s.expired} expired, ${s.rectifications} rectifications (${s.followUpsAnswered} follow-ups answered), ` +
    `${s.lateCallbacks} late callbacks, ${s.flagged} flagged, ${s.appeals} appeals; ${s.items} items written (${s.counters} counters)`
  );
}
