import { z } from 'zod';
import { scopeOf, type Principal } from '../auth/principal';
import { DomainError } from '../errors';
import type { CoreDeps } from '../deps';
import { isLocalDate } from '../scheduling/shanghai-time';
import { coverRange } from './periods';
import type { CounterRow } from './counters';
import { compositeIndex, rankDescending, shrunkShare } from './composite';
import { bayesianMean, emptyCounts, summarize, type LevelCounts } from './statistics';
import { tallyWork, workRates, type WorkRates } from './work-metrics';

const localDate = z.string().refine(isLocalDate, 'must be a date written YYYY-MM-DD');

/**
 * The groupings of a score report: `category` and `functionGroup` are the office's; `zoneCategory`
 * (cells `zoneId|category`) the office's, or a zone dispatcher's for their own zone.
 */
export const scoreGroupings = ['team', 'zone', 'category', 'functionGroup', 'zoneCategory'] as const;

/**
 * The query of `GET /api/v1/reports/scores`: a grouping and an inclusive Shanghai date range;
 * `rankBy` orders the groups by `rank` (adjusted mean, the default) or by `compositeRank`.
 */
export const scoreQuerySchema = z
  .object({ by: z.enum(scoreGroupings), from: localDate, to: localDate, rankBy: z.enum(['adjustedMean', 'composite']).optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { message: 'at most three years', path: ['to'] });
export type ScoreQuery = z.infer<typeof scoreQuerySchema>;

export interface GroupScore extends ReturnType<typeof summarize>, WorkRates {
  id: string;
  name: string;
  counts: LevelCounts;
  invited: number;
  adjustedMean: number | null;
  responseRate: number | null;
  sufficient: boolean;
  /** Rank by `adjustedMean` among `sufficient` groups (equal means share a rank); null when 样本不足. */
  rank: number | null;
  /** csat shrunk toward the overall csat of the range (weight `priorWeight`): the composite's satisfaction part. */
  adjustedCsat: number | null;
  /** The composite index 0..100 (see `compositeOf`); null when the group has no data for any part. */
  composite: number | null;
  /** Rank by `composite` among `sufficient` groups; null when 样本不足 or without a composite. */
  compositeRank: number | null;
  /** Ratings given on the phone to the team's callback: shown apart, never ranked. */
  callback: { n: number; mean: number | null; csat: number | null };
  /** After rectifications: follow-up surveys sent, answered, and satisfied (满意 or 基本满意). */
  recovery: { surveyed: number; answered: number; recovered: number; rate: number | null };
}

export interface ScoreReport {
  by: ScoreQuery['by'];
  rankBy: NonNullable<ScoreQuery['rankBy']>;
  from: string;
  to: string;
  minResponses: number;
  overall: Omit<GroupScore, 'id' | 'name' | 'rank' | 'sufficient' | 'adjustedMean' | 'callback' | 'recovery' | 'adjustedCsat' | 'composite' | 'compositeRank'>;
  groups: GroupScore[];
}

interface Tally {
  counts: LevelCounts;
  invited: number;
}

function tally(rows: CounterRow[], channel: CounterRow['channel'] = 'sms'): Map<string, Tally> {
  const byGroup = new Map<string, Tally>();
  for (const row of rows.filter((r) => r.channel === channel)) {
    const t = byGroup.get(row.groupId) ?? { counts: emptyCounts(), invited: 0 };
    for (const level of ['1', '2', '3', '4', '5'] as const) t.counts[level] += row.counts[level];
    t.invited += row.invited;
    byGroup.set(row.groupId, t);
  }
  return byGroup;
}

function metrics(t: Tally) {
  const s = summarize(t.counts);
  return { ...s, counts: t.counts, invited: t.invited, responseRate: t.invited > 0 ? Math.min(1, s.n / t.invited) : null };
}

/**
 * Scores per team, zone, category, function group or zone x category over a date range, read from
 * the pre-aggregated counters only (whole months from month buckets, the edges from day buckets).
 * Every group in the caller's scope is listed; a group under the minimum n is `sufficient: false`
 * and never ranked. `rank` follows the Bayesian mean, shrunk toward the overall mean of the same
 * range, so small samples cannot top the table by luck; `compositeRank` follows the composite
 * index. Equal values share a rank.
 */
export async function scoreReport(deps: CoreDeps, principal: Principal, query: ScoreQuery): Promise<ScoreReport> {
  const scope = scopeOf(principal);
  refuseOutOfScope(query.by, scope);
  const periods = coverRange(query.from, query.to);
  const [rows, overallRows, names] = await Promise.all([
    deps.counters.read(query.by, periods),
    deps.counters.read('overall', periods),
    groupNames(deps, query.by, scope),
  ]);
  const overallWork = workRates(tallyWork(overallRows).get('all'));
  const overall = { ...metrics(tally(overallRows).get('all') ?? { counts: emptyCounts(), invited: 0 }), ...overallWork };
  const tallies = tally(rows);
  const byPhone = tally(rows, 'callback');
  const followups = tally(rows, 'followup');
  const work = tallyWork(rows);
  const listed = query.by === 'team' || query.by === 'zone' ? [] : rows.map((r) => r.groupId);
  const ids = new Set([...names.keys(), ...listed.filter((id) => inZoneCell(query.by, scope, id))]);
  if (query.by === 'zoneCategory') for (const [id, name] of await cellNames(deps, ids)) names.set(id, name);
  const { minResponses, priorWeight, compositeWeights } = deps.settings;
  const groups: GroupScore[] = [...ids].map((id) => {
    const m = metrics(tallies.get(id) ?? { counts: emptyCounts(), invited: 0 });
    const phone = summarize(byPhone.get(id)?.counts ?? emptyCounts());
    const followup = followups.get(id) ?? { counts: emptyCounts(), invited: 0 };
    const recovered = followup.counts['3'] + followup.counts['4'] + followup.counts['5'];
    const rates = workRates(work.get(id));
    const adjustedCsat = m.n > 0 ? shrunkShare(m.counts['4'] + m.counts['5'], m.n, overall.csat ?? 0, priorWeight) : null;
    return {
      id,
      name: names.get(id) ?? id,
      ...m,
      ...rates,
      adjustedMean: m.n > 0 ? bayesianMean(m.sum, m.n, overall.mean ?? 0, priorWeight) : null,
      adjustedCsat,
      sufficient: m.n >= minResponses,
      rank: null,
      composite: compositeOf(adjustedCsat, rates, compositeWeights),
      compositeRank: null,
      callback: { n: phone.n, mean: phone.mean, csat: phone.csat },
      recovery: {
        surveyed: followup.invited,
        answered: summarize(followup.counts).n,
        recovered,
        rate: followup.invited > 0 ? recovered / followup.invited : null,
      },
    };
  });
  const sufficient = groups.filter((g) => g.sufficient);
  rankDescending(sufficient, (g) => g.adjustedMean, (g, r) => (g.rank = r), (a, b) => b.n - a.n);
  rankDescending(sufficient, (g) => g.composite, (g, r) => (g.compositeRank = r), (a, b) => b.n - a.n);
  const rankBy = query.rankBy ?? 'adjustedMean';
  const rankOf = (g: GroupScore) => (rankBy === 'composite' ? g.compositeRank : g.rank) ?? Infinity;
  groups.sort((a, b) => rankOf(a) - rankOf(b) || b.n - a.n || a.id.localeCompare(b.id));
  return { by: query.by, rankBy, from: query.from, to: query.to, minResponses, overall, groups };
}

/**
 * The composite index of a group: its satisfaction part is the csat shrunk toward the overall csat
 * (not the adjusted mean rescaled): csat is the national 好差评 measure, already a share in 0..1 like
 * the other parts, and shrinking it with the same prior weight keeps three lucky 5s from topping the
 * table. The re-handle part is 1 - 重办率. Parts without data are left out and the weights renormalised.
 */
export function compositeOf(adjustedCsat: number | null, rates: WorkRates, weights: CoreDeps['settings']['compositeWeights']): number | null {
  return compositeIndex(
    {
      satisfaction: adjustedCsat,
      callbackOnTime: rates.callbackOnTimeRate,
      rectificationOnTime: rates.rectificationOnTimeRate,
      rehandle: rates.rehandleRate === null ? null : 1 - rates.rehandleRate,
    },
    weights,
  );
}

function refuseOutOfScope(by: ScoreQuery['by'], scope: ReturnType<typeof scopeOf>): void {
  // Category and function-group counters are district-wide; a team or zone would see other teams' answers in them.
  if ((by === 'category' || by === 'functionGroup') && scope.kind !== 'all') {
    throw new DomainError('auth.forbidden', 'Category and function-group scores are for the office.');
  }
  if (by === 'zoneCategory' && scope.kind === 'team') {
    throw new DomainError('auth.forbidden', 'Zone x category scores are for the office and the zone dispatchers.');
  }
}

/** A zone dispatcher sees only their own zone's cells of the zone x category table. */
function inZoneCell(by: ScoreQuery['by'], scope: ReturnType<typeof scopeOf>, id: string): boolean {
  return by !== 'zoneCategory' || scope.kind === 'all' || (scope.kind === 'zone' && id.startsWith(`${scope.zoneId}|`));
}

async function groupNames(deps: CoreDeps, by: ScoreQuery['by'], scope: ReturnType<typeof scopeOf>): Promise<Map<string, string>> {
  if (by === 'team') return new Map((await deps.org.listTeams(scope)).map((t) => [t.id, t.name]));
  if (by === 'zone') {
    const zones = (await deps.org.listZones()).filter((z) => scope.kind === 'all' || z.id === scope.zoneId);
    return new Map(zones.map((z) => [z.id, z.name]));
  }
  if (by === 'functionGroup') return new Map(deps.settings.functionGroups.map((g) => [g.id, g.name]));
  return new Map();
}

/** Names of zone x category cells, `高新技术产业开发区 · 金融支持`, for the cells that have counters. */
async function cellNames(deps: CoreDeps, ids: Iterable<string>): Promise<Map<string, string>> {
  const zones = new Map((await deps.org.listZones()).map((z) => [z.id, z.name]));
  return new Map(
    [...ids].map((id) => {
      const cut = id.indexOf('|');
      return [id, `${zones.get(id.slice(0, cut)) ?? id.slice(0, cut)} · ${id.slice(cut + 1)}`];
    }),
  );
}
