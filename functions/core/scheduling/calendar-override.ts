import { z } from 'zod';
import { isLocalDate, type LocalDate } from './shanghai-time';
import type { CalendarSource, WorkingDayCalendar } from './working-days';

const localDateSchema = z.string().refine(isLocalDate, 'must be a date written YYYY-MM-DD');

/**
 * One State Council notice of a year's holidays and 调休 make-up workdays, as the office loads it the
 * day it appears (before calendar packages catch up):
 *
 * @example
 * { "year": 2027, "source": "国务院办公厅关于2027年部分节假日安排的通知",
 *   "holidays": ["2027-01-01", ...], "workdays": ["2027-02-07", ...] }
 *
 * Dates may reach into December of the year before: a notice's 元旦 arrangement sometimes moves
 * days at the end of the previous year (the 2019 notice made Saturday 29 December 2018 a workday).
 */
export const calendarOverrideSchema = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** Where the dates come from, e.g. the notice's title; shown to the office. */
    source: z.string().trim().min(1).max(200),
    /** Days off: a date listed here is no working day, whatever its weekday. */
    holidays: z.array(localDateSchema).max(366),
    /** Make-up workdays (调休上班): a date listed here is a working day, Saturday or Sunday included. */
    workdays: z.array(localDateSchema).max(366),
  })
  .strict()
  .superRefine((notice, ctx) => {
    const earliest = `${notice.year - 1}-12-01`;
    const latest = `${notice.year}-12-31`;
    const holidays = new Set(notice.holidays);
    for (const list of ['holidays', 'workdays'] as const) {
      notice[list].forEach((date, i) => {
        if (!isLocalDate(date)) return; // already reported by the date schema
        if (date < earliest || date > latest) {
          ctx.addIssue({ code: 'custom', path: [list, i], message: `${date} is outside ${notice.year} (or the December before)` });
        }
        if (list === 'workdays' && holidays.has(date)) {
          ctx.addIssue({ code: 'custom', path: [list, i], message: `${date} is listed both as a holiday and as a workday` });
        }
      });
    }
  });
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;

/** A list of notices, at most one per year (which would win would otherwise be a guess). */
export const calendarOverridesSchema = z.array(calendarOverrideSchema).max(100).superRefine((notices, ctx) => {
  const seen = new Set<number>();
  notices.forEach((n, i) => {
    if (seen.has(n.year)) ctx.addIssue({ code: 'custom', path: [i, 'year'], message: `a second notice for ${n.year}` });
    seen.add(n.year);
  });
});

/**
 * The `base` calendar with `overrides` laid over it: a date in a notice's `holidays` is no working
 * day, a date in its `workdays` is, any other date is as `base` says; a year with a notice has
 * official data. When two notices are given for one year, the later one replaces the earlier
 * (the office's settings come after the shipped files, so the office can correct a shipped notice).
 *
 * @example withOverrides(chineseDaysCalendar, [notice2027]).isWorkingDay('2027-02-07') // true if a make-up day
 */
export function withOverrides(base: WorkingDayCalendar, overrides: readonly CalendarOverride[]): WorkingDayCalendar {
  if (overrides.length === 0) return base;
  const byYear = new Map<number, CalendarOverride>();
  for (const notice of overrides) byYear.set(notice.year, notice);
  const working = new Map<LocalDate, boolean>();
  for (const notice of byYear.values()) {
    for (const date of notice.holidays) working.set(date, false);
    for (const date of notice.workdays) working.set(date, true);
  }
  return {
    isWorkingDay: (date) => working.get(date) ?? base.isWorkingDay(date),
    hasOfficialData: (year) => byYear.has(year) || base.hasOfficialData(year),
    sourceOf: (year) => (byYear.has(year) ? 'override' : sourceOfYear(base, year)),
  };
}

/** Where `calendar` takes `year` from; a calendar that does not say is the package when it has data. */
export function sourceOfYear(calendar: WorkingDayCalendar, year: number): CalendarSource {
  return calendar.sourceOf?.(year) ?? (calendar.hasOfficialData(year) ? 'chinese-days' : 'weekdays-only');
}
