import { addDays, type LocalDate } from '../scheduling/shanghai-time';

/** A counter bucket: a Shanghai day `YYYY-MM-DD` or a Shanghai month `YYYY-MM`. */
export type Period = { granularity: 'day'; period: LocalDate } | { granularity: 'month'; period: string };

function lastDayOfMonth(month: string): LocalDate {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * Covers the inclusive date range `from..to` with as few buckets as possible: whole months as
 * month buckets, the ragged edges as day buckets. The cost of a report then grows with the
 * length of the range in months, never with the number of answers.
 * `coverRange('2026-09-28', '2026-11-02')` is 3 days of September, October, 2 days of November.
 */
export function coverRange(from: LocalDate, to: LocalDate): Period[] {
  const out: Period[] = [];
  let day = from;
  while (day <= to) {
    const month = day.slice(0, 7);
    const monthEnd = lastDayOfMonth(month);
    if (day.endsWith('-01') && monthEnd <= to) {
      out.push({ granularity: 'month', period: month });
      day = addDays(monthEnd, 1);
    } else {
      out.push({ granularity: 'day', period: day });
      day = addDays(day, 1);
    }
  }
  return out;
}
