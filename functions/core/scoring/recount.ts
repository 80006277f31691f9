/**
 * Recounting answers from the recorded responses, and comparing the recount with the counters.
 *
 * Only the ANSWER numbers are reconciled: the level counts c1..c5, `n` and `sum` of the channels
 * whose answers are kept as responses (`sms` and `followup`, see `ANSWER_CHANNELS`). Not reconciled:
 * - `invited` (invitations sent): a send is a step of an invitation, and invitations are not kept
 *   by the time they were sent, so counting them again would need a Scan;
 * - the `callback` channel (ratings given on the phone): they live on callback tasks, keyed by
 *   status and due time, not by when the rating was given, so they cannot be recounted by key;
 * - any other counter kept beside them (work counters of tasks and reopens): not derived from
 *   responses at all. Rows of channels other than the answer channels are never compared.
 */
import { addDays, shanghaiInstant, type LocalDate } from '../scheduling/shanghai-time';
import type { SurveyResponse } from '../ports';
import { ANSWER_CHANNELS, answerCounterDeltas } from './answer-deltas';
import { dimensions, type CounterKey, type Dimension } from './counters';
import { emptyCounts, type LevelCounts } from './statistics';

/** The answer numbers of one counter. */
export interface AnswerNumbers {
  counts: LevelCounts;
  n: number;
  sum: number;
}

export interface AnswerNumbersRow extends CounterKey, AnswerNumbers {}

/** One counter whose numbers are not what the responses add up to. */
export interface CounterDifference {
  key: CounterKey;
  expected: AnswerNumbers;
  actual: AnswerNumbers;
}

export const noAnswers = (): AnswerNumbers => ({ counts: emptyCounts(), n: 0, sum: 0 });

/** One string per counter, for maps and reports: `team#day#2026-11-16#gaoxin-01#sms`. */
export const counterKeyId = (k: CounterKey): string => `${k.dimension}#${k.granularity}#${k.period}#${k.groupId}#${k.channel}`;

/**
 * The answer numbers every counter should hold, from the responses alone: each response adds
 * `answerCounterDeltas(response)`, the same deltas the answer transaction added. A response taken
 * out by an approved appeal (`excludedAt`) is skipped: its approval removed it from the counters.
 */
export function recountAnswers(responses: Iterable<SurveyResponse>): Map<string, AnswerNumbersRow> {
  const rows = new Map<string, AnswerNumbersRow>();
  for (const response of responses) {
    if (response.excludedAt !== undefined) continue;
    for (const delta of answerCounterDeltas(response)) {
      const id = counterKeyId(delta.key);
      const row = rows.get(id) ?? { ...delta.key, ...noAnswers() };
      const level = String(delta.rating) as keyof LevelCounts;
      row.counts[level] += 1;
      row.n += 1;
      row.sum += delta.rating ?? 0;
      rows.set(id, row);
    }
  }
  return rows;
}

/** True when two sets of answer numbers are the same. */
export function sameAnswerNumbers(a: AnswerNumbers, b: AnswerNumbers): boolean {
  return a.n === b.n && a.sum === b.sum && (['1', '2', '3', '4', '5'] as const).every((l) => a.counts[l] === b.counts[l]);
}

/** What a reconciliation of `from..to` (Shanghai dates) compares and which responses it recounts. */
export interface ReconciliationPlan {
  /** The day buckets compared: every date of the range. */
  days: LocalDate[];
  /** The month buckets compared: every month the range touches. */
  months: string[];
  /** The responses recounted, `[from, to)` in UTC: the whole of those months, since a month bucket holds them all. */
  recount: { from: string; to: string };
}

/**
 * The buckets a reconciliation of the Shanghai dates `from..to` compares. A month bucket holds every
 * answer of its month, so each month the range touches is recounted whole and compared, not only
 * the days asked for: checking yesterday also checks this month so far (at the cost of reading the
 * month's responses, a keyed range read).
 *
 * @example
 * reconciliationPlan('2026-10-31', '2026-11-01').months // ['2026-10', '2026-11'], recounted 2026-09-30T16:00Z..2026-11-30T16:00Z
 */
export function reconciliationPlan(from: LocalDate, to: LocalDate): ReconciliationPlan {
  const days: LocalDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  const months = [...new Set(days.map((d) => d.slice(0, 7)))];
  const last = months[months.length - 1] ?? to.slice(0, 7);
  const [y, m] = last.split('-').map(Number) as [number, number];
  const nextMonth = new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
  return {
    days,
    months,
    recount: { from: shanghaiInstant(`${months[0] ?? from.slice(0, 7)}-01`).toISOString(), to: shanghaiInstant(nextMonth).toISOString() },
  };
}

/**
 * The dimensions whose counters a reconciliation reads: the known ones and any other that
 * `counterKeysFor` produced for the recounted answers, so a dimension added there is followed.
 */
export function reconciledDimensions(expected: Iterable<AnswerNumbersRow>): Dimension[] {
  const found = new Set<Dimension>(dimensions);
  for (const row of expected) found.add(row.dimension);
  return [...found];
}

/**
 * Every counter of the answer channels, in the compared buckets, whose numbers differ from the
 * recount: a counter missing where answers were recounted, one holding answers none were recorded
 * for, or one holding other numbers. Sorted by key, so two runs read alike. `compared` counts the
 * counters looked at (recounted or found).
 */
export function compareAnswerNumbers(
  expected: Map<string, AnswerNumbersRow>,
  actual: AnswerNumbersRow[],
  plan: Pick<ReconciliationPlan, 'days' | 'months'>,
): { compared: number; differences: CounterDifference[] } {
  const compared = (k: CounterKey) =>
    ANSWER_CHANNELS.includes(k.channel) && (k.granularity === 'day' ? plan.days.includes(k.period) : plan.months.includes(k.period));
  const actualById = new Map(actual.filter(compared).map((row) => [counterKeyId(row), row]));
  const ids = new Set([...[...expected.values()].filter(compared).map(counterKeyId), ...actualById.keys()]);
  const differences: CounterDifference[] = [];
  for (const id of [...ids].sort()) {
    const want = expected.get(id);
    const have = actualById.get(id);
    const key = keyOf((want ?? have)!);
    const e = want ? numbersOf(want) : noAnswers();
    const a = have ? numbersOf(have) : noAnswers();
    if (!sameAnswerNumbers(e, a)) differences.push({ key, expected: e, actual: a });
  }
  return { compared: ids.size, differences };
}

const keyOf = (r: CounterKey): CounterKey => ({ dimension: r.dimension, groupId: r.groupId, granularity: r.granularity, period: r.period, channel: r.channel });
const numbersOf = (r: AnswerNumbers): AnswerNumbers => ({ counts: { ...r.counts }, n: r.n, sum: r.sum });
