import { z } from 'zod';
import type { CoreDeps } from '../core/deps';
import type { SurveyResponse } from '../core/ports';
import { addDays, isLocalDate, shanghaiDate, type LocalDate } from '../core/scheduling/shanghai-time';
import { dimensions, type Dimension } from '../core/scoring/counters';
import {
  compareAnswerNumbers,
  counterKeyId,
  reconciledDimensions,
  reconciliationPlan,
  recountAnswers,
  type AnswerNumbers,
  type AnswerNumbersRow,
} from '../core/scoring/recount';

const localDate = z.string().refine(isLocalDate, 'must be a date written YYYY-MM-DD');

/** What to reconcile: an inclusive range of Shanghai dates (at most a year), and whether to repair. */
export const reconcileRequestSchema = z
  .object({ from: localDate, to: localDate, repair: z.boolean().default(false) })
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['from'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) < 366 * 86_400_000, { message: 'at most a year at a time', path: ['to'] });
export type ReconcileRequest = z.input<typeof reconcileRequestSchema>;

export interface ReconcileDifference {
  /** `dimension#granularity#period#group#channel`, e.g. `team#day#2026-11-16#gaoxin-01#sms`. */
  key: string;
  expected: AnswerNumbers;
  actual: AnswerNumbers;
}

export interface ReconcileReport {
  period: { from: LocalDate; to: LocalDate; months: string[]; recounted: { from: string; to: string } };
  /** Responses read (the whole of every month touched), excluded ones included. */
  checkedResponses: number;
  /** Of those, taken out by an approved appeal and so not counted. */
  excludedResponses: number;
  /** Counters compared (answer channels, in the compared buckets). */
  comparedCounters: number;
  differences: ReconcileDifference[];
  /** Counters set to the recount (only with `repair`). */
  repaired: number;
  /** Counters that changed between the check and the repair, left as they were: run again. */
  changedMeanwhile: string[];
}

const PAGE = 500;
const BUCKETS_AT_ONCE = 32;

/**
 * Recounts the answers of the recorded responses and compares them with the answer counters of
 * every day of `from..to` and of every month it touches (recounted whole: see
 * `reconciliationPlan`), reporting each counter that differs. With `repair`, each such counter's
 * answer numbers are set to the recount by a conditional write on the numbers read; without it
 * nothing is written.
 *
 * The counters are read BEFORE the responses. An answer recorded during the check then shows in the
 * responses but not in the counter read, and its repair fails its condition (the answer moved the
 * counter) instead of counting it twice; it is listed in `changedMeanwhile`. Responses are read
 * from an index, which in the cloud lags the table by a moment: check closed periods (the daily run
 * checks yesterday) for a repair.
 */
export async function reconcile(deps: Pick<CoreDeps, 'counters' | 'responses'>, request: ReconcileRequest): Promise<ReconcileReport> {
  const { from, to, repair } = reconcileRequestSchema.parse(request);
  const plan = reconciliationPlan(from, to);
  const buckets = [...plan.days.map((period) => ({ granularity: 'day' as const, period })), ...plan.months.map((period) => ({ granularity: 'month' as const, period }))];
  // One query per bucket: a few dozen at a time, so a year's range does not open a thousand sockets at once.
  const readDimensions = async (dims: Dimension[]) => {
    const rows: AnswerNumbersRow[] = [];
    for (const d of dims) for (let i = 0; i < buckets.length; i += BUCKETS_AT_ONCE) rows.push(...(await deps.counters.readAnswerNumbers(d, buckets.slice(i, i + BUCKETS_AT_ONCE))));
    return rows;
  };

  const actual: AnswerNumbersRow[] = await readDimensions([...dimensions]);
  const responses = await readResponses(deps, plan.recount);
  const expected = recountAnswers(responses);
  // A dimension `counterKeysFor` gives that the known list lacks is read now, late but not missed.
  const late = reconciledDimensions(expected.values()).filter((d) => !(dimensions as readonly string[]).includes(d));
  if (late.length > 0) actual.push(...(await readDimensions(late)));

  const { compared, differences } = compareAnswerNumbers(expected, actual, plan);
  let repaired = 0;
  const changedMeanwhile: string[] = [];
  if (repair) {
    for (const difference of differences) {
      if (await deps.counters.correctAnswerNumbers(difference.key, difference.actual, difference.expected)) repaired += 1;
      else changedMeanwhile.push(counterKeyId(difference.key));
    }
  }
  return {
    period: { from, to, months: plan.months, recounted: plan.recount },
    checkedResponses: responses.length,
    excludedResponses: responses.filter((r) => r.excludedAt !== undefined).length,
    comparedCounters: compared,
    differences: differences.map((d) => ({ key: counterKeyId(d.key), expected: d.expected, actual: d.actual })),
    repaired,
    changedMeanwhile,
  };
}

/** Yesterday in Shanghai at `now`: what the daily run checks. */
export function yesterdayRange(now: Date): { from: LocalDate; to: LocalDate } {
  const yesterday = addDays(shanghaiDate(now), -1);
  return { from: yesterday, to: yesterday };
}

async function readResponses(deps: Pick<CoreDeps, 'responses'>, range: { from: string; to: string }): Promise<SurveyResponse[]> {
  const all: SurveyResponse[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.responses.answeredBetween(range, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return all;
}

