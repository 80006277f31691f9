import { scopeOf, type Principal } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError } from '../errors';
import { categoriesOf } from '../ledger/categories';
import type { LocalDate } from '../scheduling/shanghai-time';
import { zoneCategoryId, type Dimension } from './counters';
import { coverRange } from './periods';
import { emptyCounts, summarize, type LevelCounts } from './statistics';

/**
 * The counter dimension of (zone, category) pairs, group id `${zoneId}|${category}`: a category's
 * answers split by zone, so a zone can see its own categories without the district-wide ones.
 */
export const ZONE_CATEGORY = 'zoneCategory' satisfies Dimension;


export interface CategoryZoneCell {
  zoneId: string;
  category: string;
  n: number;
  csat: number | null;
  mean: number | null;
  wilsonLower: number | null;
  wilsonUpper: number | null;
  sufficient: boolean;
}

export interface CategoryZoneTable {
  from: LocalDate;
  to: LocalDate;
  zones: Array<{ id: string; name: string }>;
  /** The office's categories in its order, then any category with answers that it has since removed. */
  categories: string[];
  /** One cell per category and zone, `cells[category][zoneId]`; a cell with no answers has n 0. */
  cells: Record<string, Record<string, CategoryZoneCell>>;
  /** Per category, every zone shown added up. */
  totals: Record<string, CategoryZoneCell>;
}

/**
 * Satisfaction per category in each zone over a Shanghai date range, read from the `zoneCategory`
 * SMS counters (whole months from month buckets, edges from day buckets). The office sees every
 * zone, a dispatcher their own; a team member is refused. Cells under the minimum n are marked
 * `sufficient: false`, for the table to show them apart.
 */
export async function categoryZoneTable(deps: CoreDeps, principal: Principal, range: { from: LocalDate; to: LocalDate }): Promise<CategoryZoneTable> {
  const scope = scopeOf(principal);
  if (scope.kind === 'team') throw new DomainError('auth.forbidden', 'The category by zone table is for dispatchers and the office.');
  const [rows, allZones] = await Promise.all([
    deps.counters.read(ZONE_CATEGORY, coverRange(range.from, range.to)),
    deps.org.listZones(),
  ]);
  const zones = allZones.filter((z) => scope.kind === 'all' || z.id === scope.zoneId).map((z) => ({ id: z.id, name: z.name }));
  const zoneIds = new Set(zones.map((z) => z.id));
  const tallies = new Map<string, LevelCounts>();
  const categories = categoriesOf(deps.settings).map((c) => c.name);
  for (const row of rows) {
    if (row.channel !== 'sms') continue;
    const cut = row.groupId.indexOf('|');
    const zoneId = row.groupId.slice(0, cut);
    const category = row.groupId.slice(cut + 1);
    if (cut < 0 || !zoneIds.has(zoneId)) continue;
    if (!categories.includes(category)) categories.push(category);
    const counts = tallies.get(row.groupId) ?? emptyCounts();
    for (const level of ['1', '2', '3', '4', '5'] as const) counts[level] += row.counts[level];
    tallies.set(row.groupId, counts);
  }
  const cellOf = (zoneId: string, category: string, counts: LevelCounts): CategoryZoneCell => {
    const s = summarize(counts);
    return { zoneId, category, n: s.n, csat: s.csat, mean: s.mean, wilsonLower: s.wilsonLower, wilsonUpper: s.wilsonUpper, sufficient: s.n >= deps.settings.minResponses };
  };
  const cells: CategoryZoneTable['cells'] = {};
  const totals: CategoryZoneTable['totals'] = {};
  for (const category of categories) {
    const sum = emptyCounts();
    cells[category] = {};
    for (const zone of zones) {
      const counts = tallies.get(zoneCategoryId(zone.id, category)) ?? emptyCounts();
      for (const level of ['1', '2', '3', '4', '5'] as const) sum[level] += counts[level];
      cells[category][zone.id] = cellOf(zone.id, category, counts);
    }
    totals[category] = cellOf('', category, sum);
  }
  return { from: range.from, to: range.to, zones, categories, cells, totals };
}
