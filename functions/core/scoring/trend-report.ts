import { z } from 'zod';
import { scopeOf, type Principal, type Scope } from '../auth/principal';
import type { CoreDeps } from '../deps';
import { DomainError, validationError } from '../errors';
import { categoriesOf } from '../ledger/categories';
import { addDays, isLocalDate, type LocalDate } from '../scheduling/shanghai-time';
import type { CounterRow } from './counters';
import { isoWeekOf } from './iso-week';
import { coverRange, type Period } from './periods';
import { emptyCounts, summarize, type LevelCounts } from './statistics';

const localDate = z.string().refine(isLocalDate, 'must be a date written YYYY-MM-DD');

/** The most periods one trend may span, so the counter reads of a request stay bounded. */
export const MAX_TREND_PERIODS = { month: 36, week: 53 } as const;

/** The query of `GET /api/v1/reports/trend`; `ids` narrows the series to some groups (comma-separated). */
export const trendQuerySchema = z
  .object({
    by: z.enum(['team', 'zone', 'category']),
    granularity: z.enum(['month', 'week']).default('month'),
    from: localDate,
    to: localDate,
    ids: z
      .string()
      .max(2000)
      .transform((s) => s.split(',').map((id) => id.trim()).filter(Boolean))
      .optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type TrendQuery = z.infer<typeof trendQuerySchema>;

/** One period of a series: its label, the days of it inside the range, and the scores (null without answers). */
export interface TrendPoint {
  period: string;
  from: LocalDate;
  to: LocalDate;
  n: number;
  csat: number | null;
  mean: number | null;
}

export interface TrendSeries {
  id: string;
  name: string;
  points: TrendPoint[];
}

export interface TrendReport {
  by: TrendQuery['by'];
  granularity: TrendQuery['granularity'];
  from: LocalDate;
  to: LocalDate;
  series: TrendSeries[];
}

/** A period of the trend and the counter buckets that make it up. */
interface Slot {
  period: string;
  from: LocalDate;
  to: LocalDate;
  buckets: Period[];
}

/**
 * The periods of `from..to`: calendar months (whole months read from month buckets, a month cut
 * by the range from its day buckets), or ISO weeks (Monday to Sunday, Shanghai dates) summed from
 * day buckets, the first and last week cut to the range.
 */
export function trendSlots(from: LocalDate, to: LocalDate, granularity: TrendQuery['granularity']): Slot[] {
  const slots: Slot[] = [];
  const slotOf = (period: string, day: LocalDate) => {
    let slot = slots.at(-1);
    if (!slot || slot.period !== period) slots.push((slot = { period, from: day, to: day, buckets: [] }));
    return slot;
  };
  if (granularity === 'month') {
    for (const bucket of coverRange(from, to)) {
      const first = bucket.granularity === 'month' ? `${bucket.period}-01` : bucket.period;
      const slot = slotOf(bucket.period.slice(0, 7), first);
      slot.buckets.push(bucket);
      slot.to = bucket.granularity === 'month' ? addDays(`${addMonths(bucket.period, 1)}-01`, -1) : bucket.period;
    }
    return slots;
  }
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const slot = slotOf(isoWeekOf(day), day);
    slot.buckets.push({ granularity: 'day', period: day });
    slot.to = day;
  }
  return slots;
}

/**
 * The month `count` months after `month` (negative goes back).
 *
 * @example addMonths('2026-03', -11) // '2025-04'
 */
export function addMonths(month: string, count: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** How many periods `from..to` touches, counted without building them (the bound is checked first). */
function periodCount(from: LocalDate, to: LocalDate, granularity: TrendQuery['granularity']): number {
  if (granularity === 'month') {
    const months = (d: LocalDate) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
    return months(to) - months(from) + 1;
  }
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  // A range of d days touches ceil(d/7) weeks, or one more when it does not start on a Monday.
  return Math.ceil(days / 7) + 1;
}

/**
 * Satisfaction over time per team, zone or category, read from the SMS counters only: one series
 * per group in the caller's scope (a team member sees their team, a dispatcher their zone; category
 * series are the office's, since category counters are district-wide), one point per month or ISO
 * week. A period without answers has n 0 and null scores. At most 36 months or 53 weeks, else
 * `validation.failed` with the problem code `report.range_too_long`.
 */
export async function trendReport(deps: CoreDeps, principal: Principal, query: TrendQuery): Promise<TrendReport> {
  const scope = scopeOf(principal);
  if (query.by === 'category' && scope.kind !== 'all') throw new DomainError('auth.forbidden', 'Category trends are for the office.');
  const max = MAX_TREND_PERIODS[query.granularity];
  const count = periodCount(query.from, query.to, query.granularity);
  // The week count is an upper bound by at most one; build the slots to know exactly.
  const slots = count <= max + 1 ? trendSlots(query.from, query.to, query.granularity) : [];
  if (count > max + 1 || slots.length > max) {
    throw validationError([{ code: 'report.range_too_long', path: 'to', message: `at most ${max} ${query.granularity}s in one trend` }]);
  }
  const [rows, names] = await Promise.all([deps.counters.read(query.by, slots.flatMap((s) => s.buckets)), trendGroupNames(deps, query.by, scope)]);
  // A category the office has since removed still has its answers: keep its series.
  if (query.by === 'category') for (const row of rows) if (!names.has(row.groupId)) names.set(row.groupId, row.groupId);
  const wanted = query.ids ? new Set(query.ids) : undefined;
  const ids = [...names.keys()].filter((id) => !wanted || wanted.has(id));
  const byBucket = tallyByBucket(rows);
  const series = ids.map((id) => ({
    id,
    name: names.get(id) ?? id,
    points: slots.map((slot) => {
      const counts = emptyCounts();
      for (const b of slot.buckets) addCounts(counts, byBucket.get(`${b.granularity}|${b.period}|${id}`));
      const s = summarize(counts);
      return { period: slot.period, from: slot.from, to: slot.to, n: s.n, csat: s.csat, mean: s.mean };
    }),
  }));
  return { by: query.by, granularity: query.granularity, from: query.from, to: query.to, series };
}

function tallyByBucket(rows: CounterRow[]): Map<string, LevelCounts> {
  const out = new Map<string, LevelCounts>();
  for (const row of rows) {
    if (row.channel !== 'sms') continue;
    const key = `${row.granularity}|${row.period}|${row.groupId}`;
    const counts = out.get(key) ?? emptyCounts();
    addCounts(counts, row.counts);
    out.set(key, counts);
  }
  return out;
}

function addCounts(into: LevelCounts, more: LevelCounts | undefined): void {
  if (!more) return;
  for (const level of ['1', '2', '3', '4', '5'] as const) into[level] += more[level];
}

/** The groups of a dimension the scope may see, by id, in the organisation's order. */
async function trendGroupNames(deps: CoreDeps, by: TrendQuery['by'], scope: Scope): Promise<Map<string, string>> {
  if (by === 'team') return new Map((await deps.org.listTeams(scope)).map((t) => [t.id, t.name]));
  if (by === 'zone') {
    const zones = (await deps.org.listZones()).filter((z) => scope.kind === 'all' || z.id === scope.zoneId);
    return new Map(zones.map((z) => [z.id, z.name]));
  }
  return new Map(categoriesOf(deps.settings).map((c) => [c.name, c.name]));
}
