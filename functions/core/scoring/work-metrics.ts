import { emptyWorkCounts, workCounts, type CounterRow, type WorkCounts } from './counters';

/** Sums the work counts of the `work` rows, per group id. */
export function tallyWork(rows: CounterRow[]): Map<string, WorkCounts> {
  const byGroup = new Map<string, WorkCounts>();
  for (const row of rows.filter((r) => r.channel === 'work')) {
    const w = byGroup.get(row.groupId) ?? emptyWorkCounts();
    for (const name of workCounts) w[name] += row.work[name];
    byGroup.set(row.groupId, w);
  }
  return byGroup;
}

const share = (k: number, n: number) => (n > 0 ? k / n : null);

/**
 * A group's work rates over a range, `null` where there is nothing to divide by:
 * - `callbackOnTimeRate`, `rectificationOnTimeRate`: on time / (on time + late), tasks counted on
 *   the day they were done or raised as overdue;
 * - `rehandleRate` (重办率): reopened / closed, capped at 1 (a reopen in the range may follow a
 *   closure before it);
 * - `appeals`: filed and approved in the range;
 * - `work`: the raw counts, for tables that show them.
 */
export function workRates(w: WorkCounts = emptyWorkCounts()) {
  const rehandle = share(w.reopened, w.closed);
  return {
    callbackOnTimeRate: share(w.callbackOnTime, w.callbackOnTime + w.callbackLate),
    rectificationOnTimeRate: share(w.rectificationOnTime, w.rectificationOnTime + w.rectificationLate),
    rehandleRate: rehandle === null ? null : Math.min(1, rehandle),
    appeals: { filed: w.appealsFiled, approved: w.appealsApproved },
    work: w,
  };
}
export type WorkRates = ReturnType<typeof workRates>;
