import { z } from 'zod';
import { scopeOf, type Principal } from '../auth/principal';
import { DomainError } from '../errors';
import type { CoreDeps } from '../deps';
import { isLocalDate } from '../scheduling/shanghai-time';
import { coverRange } from './periods';
import type { CounterRow } from './counters';
import { bayesianMean, emptyCounts, summarize, type LevelCounts } from './statistics';

const localDate = z.string().refine(isLocalDate, 'must be a date written YYYY-MM-DD');

/** The query of `GET /api/v1/reports/scores`: a grouping and an inclusive Shanghai date range. */
export const scoreQuerySchema = z
  .object({ by: z.enum(['team', 'zone', 'category']), from: localDate, to: localDate })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3 * 366 * 86_400_000, { message: 'at most three years', path: ['to'] });
export type ScoreQuery = z.infer<typeof scoreQuerySchema>;

export interface GroupScore extends ReturnType<typeof summarize> {
  id: string;
  name: string;
  counts: LevelCounts;
  invited: number;
  adjustedMean: number | null;
  responseRate: number | null;
  sufficient: boolean;
  rank: number | null;
  /** Ratings given on the phone to the team's callback: shown apart, never ranked. */
  callback: { n: number; mean: number | null; csat: number | null };
  /** After rectifications: follow-up surveys sent, answered, and satisfied (满意 or 基本满意). */
  recovery: { surveyed: number; answered: number; recovered: number; rate: number | null };
}

export interface ScoreReport {
  by: ScoreQuery['by'];
  from: string;
  to: string;
  minResponses: number;
  overall: Omit<GroupScore, 'id' | 'name' | 'rank' | 'sufficient' | 'adjustedMean' | 'callback' | 'recovery'>;
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
 * Scores per team, zone or category over a date range, read from the pre-aggregated counters only
 * (whole months from month buckets, the edges from day buckets). Every group in the caller's scope
 * is listed; a group under the minimum n is `sufficient: false` and never ranked. Ranks follow the
 * Bayesian mean, shrunk toward the overall mean of the same range, so small samples cannot top
 * the table by luck; equal means share a rank.
 */
export async function scoreReport(deps: CoreDeps, principal: Principal, query: ScoreQuery): Promise<ScoreReport> {
  const scope = scopeOf(principal);
  if (query.by === 'category' && scope.kind !== 'all') {
    // Category counters are district-wide; a team or zone would see other teams' answers in them.
    throw new DomainError('auth.forbidden', 'Category scores are for the office.');
  }
  const periods = coverRange(query.from, query.to);
  const [rows, overallRows, names] = await Promise.all([
    deps.counters.read(query.by, periods),
    deps.counters.read('overall', periods),
    groupNames(deps, query.by, scope),
  ]);
  const overall = metrics(tally(overallRows).get('all') ?? { counts: emptyCounts(), invited: 0 });
  const tallies = tally(rows);
  const byPhone = tally(rows, 'callback');
  const followups = tally(rows, 'followup');
  const ids = new Set([...names.keys(), ...(query.by === 'category' ? tallies.keys() : [])]);
  const { minResponses, priorWeight } = deps.settings;
  const groups: GroupScore[] = [...ids].map((id) => {
    const m = metrics(tallies.get(id) ?? { counts: emptyCounts(), invited: 0 });
    const phone = summarize(byPhone.get(id)?.counts ?? emptyCounts());
    const followup = followups.get(id) ?? { counts: emptyCounts(), invited: 0 };
    const recovered = followup.counts['3'] + followup.counts['4'] + followup.counts['5'];
    return {
      id,
      name: names.get(id) ?? id,
      ...m,
      adjustedMean: m.n > 0 ? bayesianMean(m.sum, m.n, overall.mean ?? 0, priorWeight) : null,
      sufficient: m.n >= minResponses,
      rank: null,
      callback: { n: phone.n, mean: phone.mean, csat: phone.csat },
      recovery: {
        surveyed: followup.invited,
        answered: summarize(followup.counts).n,
        recovered,
        rate: followup.invited > 0 ? recovered / followup.invited : null,
      },
    };
  });
  const ranked = groups.filter((g) => g.sufficient).sort((a, b) => (b.adjustedMean ?? 0) - (a.adjustedMean ?? 0) || b.n - a.n);
  ranked.forEach((g, i) => {
    const previous = ranked[i - 1];
    g.rank = previous && previous.adjustedMean === g.adjustedMean ? previous.rank : i + 1;
  });
  groups.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || b.n - a.n || a.id.localeCompare(b.id));
  return { by: query.by, from: query.from, to: query.to, minResponses, overall, groups };
}

async function groupNames(deps: CoreDeps, by: ScoreQuery['by'], scope: ReturnType<typeof scopeOf>): Promise<Map<string, string>> {
  if (by === 'team') return new Map((await deps.org.listTeams(scope)).map((t) => [t.id, t.name]));
  if (by === 'zone') {
    const zones = (await deps.org.listZones()).filter((z) => scope.kind === 'all' || z.id === scope.zoneId);
    return new Map(zones.map((z) => [z.id, z.name]));
  }
  return new Map();
}
