import type { CounterDelta, CounterKey } from '../../core/scoring/counters';
import { counterKey } from './keys';

/** The attributes of one counter item, as the ADDs of `counterUpdate` leave them. */
export interface CounterTotal {
  key: CounterKey;
  invited: number;
  sum: number;
  n: number;
  /** Answers per level; a level appears once any delta of that level touched the counter. */
  levels: Partial<Record<1 | 2 | 3 | 4 | 5, number>>;
}

/**
 * Adds one delta to a running total exactly as `counterUpdate` (counter-updates.ts) ADDs it in a
 * transaction: `invited` and `n` and `sum` always exist, a level only once rated, a `remove` takes
 * one answer back out and leaves `invited` alone. For writers that sum many deltas in memory and
 * put each counter once (the large seed), so their counters equal the live transactions'.
 */
export function addCounterDelta(totals: Map<string, CounterTotal>, delta: CounterDelta): void {
  const { PK, SK } = counterKey(delta.key);
  const id = `${PK}|${SK}`;
  let total = totals.get(id);
  if (!total) {
    total = { key: { ...delta.key }, invited: 0, sum: 0, n: 0, levels: {} };
    totals.set(id, total);
  }
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
    invited: total.invited,
    sum: total.sum,
    n: total.n,
    ...levels,
  };
}
