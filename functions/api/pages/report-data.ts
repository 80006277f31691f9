import { z } from 'zod';
import { scopeOf, type Principal } from '../../core/auth/principal';
import type { CoreDeps } from '../../core/deps';
import { categoriesOf } from '../../core/ledger/categories';
import { addDays, isLocalDate, shanghaiDate } from '../../core/scheduling/shanghai-time';
import { categoryZoneTable, type CategoryZoneTable } from '../../core/scoring/category-zone';
import { scoreQuerySchema, scoreReport, type ScoreReport } from '../../core/scoring/score-report';
import { addMonths, trendReport, type TrendReport } from '../../core/scoring/trend-report';
import { parseWith } from '../validation';

const blank = (v: unknown) => (v === '' ? undefined : v);
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month written YYYY-MM');
const localDate = z.string().refine(isLocalDate, 'must be a date written YYYY-MM-DD');

/** The dashboard's filters as a plain GET form sends them; blank fields are absent. */
export const reportFilterSchema = z.object({
  month: z.preprocess(blank, month.optional()),
  from: z.preprocess(blank, localDate.optional()),
  to: z.preprocess(blank, localDate.optional()),
  zoneId: z.preprocess(blank, z.string().max(64).optional()),
  category: z.preprocess(blank, z.string().max(64).optional()),
});
export type ReportFilter = z.infer<typeof reportFilterSchema>;

/** The monthly report's one parameter. */
export const monthlyQuerySchema = z.object({ month: z.preprocess(blank, month.optional()) });

export interface ReportRange {
  from: string;
  to: string;
  /** Set when the range is a whole calendar month picked as such. */
  month?: string;
}

/** The last day of a month `YYYY-MM`. */
export const monthEnd = (m: string) => addDays(`${addMonths(m, 1)}-01`, -1);

/**
 * The range a filter asks for: from/to when both are given, else the month, else this month up
 * to today (Shanghai). Checked like the scores API's range (at most three years, from <= to).
 */
export function rangeOf(filter: ReportFilter, now: Date): ReportRange {
  if (filter.from && filter.to) {
    parseWith(scoreQuerySchema, { by: 'team', from: filter.from, to: filter.to });
    return { from: filter.from, to: filter.to };
  }
  const today = shanghaiDate(now);
  const m = filter.month ?? today.slice(0, 7);
  const end = monthEnd(m);
  return { from: `${m}-01`, to: filter.month ? end : end < today ? end : today, month: m };
}

/** The twelve months of trend that end with the range's last month, reaching back to the range's start when it is longer (36 months at most). */
export function trendRangeOf(range: ReportRange): { from: string; to: string } {
  const last = range.to.slice(0, 7);
  const twelve = `${addMonths(last, -11)}-01`;
  const limit = `${addMonths(last, -35)}-01`;
  const from = range.from < twelve ? (range.from < limit ? limit : range.from) : twelve;
  return { from, to: range.to };
}

export interface DashboardData {
  range: ReportRange;
  filter: ReportFilter;
  zones: Array<{ id: string; name: string }>;
  categories: string[];
  /** The office picks any zone and category; a dispatcher's zone is fixed and categories are district-wide. */
  canFilter: { zone: boolean; category: boolean };
  teams: ScoreReport;
  zoneScores: ScoreReport;
  teamZone: Map<string, string>;
  categoryZone: CategoryZoneTable;
  trend: TrendReport;
  trendTitle: string;
}

/**
 * Everything the dashboard and the monthly report show, read from the counters through the core
 * (each scoped to the viewer): team and zone scores over the range, the category by zone table,
 * and a monthly trend per zone, or per team of the picked zone, or of the picked category.
 */
export async function dashboardData(core: CoreDeps, principal: Principal, filter: ReportFilter): Promise<DashboardData> {
  const scope = scopeOf(principal);
  const range = rangeOf(filter, core.clock.now());
  const allZones = await core.org.listZones();
  const zones = allZones.filter((z) => scope.kind === 'all' || z.id === scope.zoneId).map((z) => ({ id: z.id, name: z.name }));
  const office = scope.kind === 'all';
  const zoneId = office ? zones.find((z) => z.id === filter.zoneId)?.id : scope.kind === 'zone' ? scope.zoneId : undefined;
  const category = office ? filter.category : undefined;
  const trendRange = trendRangeOf(range);
  const [teams, zoneScores, categoryZone, allTeams] = await Promise.all([
    scoreReport(core, principal, { by: 'team', from: range.from, to: range.to }),
    scoreReport(core, principal, { by: 'zone', from: range.from, to: range.to }),
    categoryZoneTable(core, principal, range),
    core.org.listTeams(scope),
  ]);
  const zoneName = zones.find((z) => z.id === zoneId)?.name;
  const trendQuery = category
    ? { by: 'category' as const, ids: [category] }
    : zoneId
      ? { by: 'team' as const, ids: allTeams.filter((t) => t.zoneId === zoneId).map((t) => t.id) }
      : { by: 'zone' as const };
  const trend = await trendReport(core, principal, { ...trendQuery, granularity: 'month', ...trendRange });
  return {
    range,
    filter: { ...filter, ...(zoneId ? { zoneId } : {}), ...(category ? { category } : {}) },
    zones,
    categories: office ? categoriesOf(core.settings).map((c) => c.name) : [],
    canFilter: { zone: office, category: office },
    teams: zoneId ? { ...teams, groups: teams.groups.filter((g) => allTeams.find((t) => t.id === g.id)?.zoneId === zoneId) } : teams,
    zoneScores,
    teamZone: new Map(allTeams.map((t) => [t.id, zones.find((z) => z.id === t.zoneId)?.name ?? t.zoneId])),
    categoryZone: category ? { ...categoryZone, categories: categoryZone.categories.filter((c) => c === category) } : categoryZone,
    trend,
    trendTitle: category ? `类别「${category}」满意率趋势` : zoneId ? `${zoneName ?? zoneId}各助企队满意率趋势` : '各开发区满意率趋势',
  };
}
