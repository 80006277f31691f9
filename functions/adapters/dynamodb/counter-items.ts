import type { CounterDelta, CounterKey, WorkCounts } from '../../core/scoring/counters';
import { counterKey } from './keys';

/** The attributes of one counter item, as the ADDs of `counterUpdate` leave them. */
export interface CounterTotal {
  key: CounterKey;
  /** True once an answer or invitation delta touched it: only those ADD `invited`, `sum` and `n` (a work delta never does). */
  answerNumbers: boolean;
  invited: number;
  sum: number;
  n: number;
  /** Answers per level; a level appears once any delta of that level touched the counter. */
  levels: Partial<Record<1 | 2 | 3 | 4 | 5, number>>;
  /** Work counts; a count appears once a work delta ADDed a non-zero amount of it. */
  work: Partial<WorkCounts>;
}

/**
 * Adds one delta to a running total exactly as `counterUpdate` (counter-updates.ts) ADDs it in a
 * transaction: `invited` and `n` and `sum` always exist, a level only once rated, a `remove` takes
 * one answer back out and leaves `invited` alone; a work delta ADDs only its non-zero work counts.
 * For writers that sum many deltas in memory and put each counter once (the large seed), so their
 * counters equal the live transactions'.
 */
export function addCounterDelta(totals: Map<string, CounterTotal>, delta: CounterDelta): void {
  const { PK, SK } = counterKey(delta.key);
  const id = `${PK}|${SK}`;
  let total = totals.get(id);
  if (!total) {
    total = { key: { ...delta.key }, answerNumbers: false, invited: 0, sum: 0, n: 0, levels: {}, work: {} };
    totals.set(id, total);
  }
  if (delta.work) {
    const entries = Object.entries(delta.work).filter(([, v]) => v !== undefined && v !== 0) as Array<[keyof WorkCounts, number]>;
    // counterUpdate throws on such a delta: the sum must not accept what the transaction refuses.
    if (entries.length === 0) throw new Error(`a work counter delta for ${delta.key.dimension}/${delta.key.groupId} adds nothing`);
    for (const [name, v] of entries) total.work[name] = (total.work[name] ?? 0) + v;
    return;
  }
  total.answerNumbers = true;
  const sign = delta.remove ? -1 : 1;
  total.invited += delta.remove ? 0 : (delta.invited ?? 0);
  total.sum += sign * (delta.rating ?? 0);
  total.n += delta.rating ? sign : 0;
  if (delta.rating) {
    const level = delta.rating as 1 | 2 | 3 | 4 | 5;
    total.levels[level] = (total.levels[level] ?? 0) + sign;
  }
}

/** The counter item for a summed total: the same attributes the transactions' ADDs and SETs produce. */
export function counterItem(total: CounterTotal): Record<string, unknown> {
  const { key } = total;
  const levels = Object.fromEntries(Object.entries(total.levels).map(([level, count]) => [`c${level}`, count]));
  return {
    ...counterKey(key),
    dimension: key.dimension,
    groupId: key.groupId,
    granularity: key.granularity,
    period: key.period,
    channel: key.channel,
    ...(total.answerNumbers ? { invited: total.invited, sum: total.sum, n: total.n } : {}),
    ...levels,
    ...total.work,
  };
}
