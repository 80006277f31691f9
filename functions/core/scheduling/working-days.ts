import { addDays, dayOfWeek, endOfShanghaiDay, shanghaiDate, type LocalDate } from './shanghai-time';

/**
 * The official calendar: which dates are working days. The adapter reads the State Council's
 * holidays and 调休 make-up workdays (chinese-days plus an override file); the core only asks.
 */
export interface WorkingDayCalendar {
  /** True when people work on `date` (a weekday that is no holiday, or a make-up Saturday/Sunday). */
  isWorkingDay(date: LocalDate): boolean;
  /** True when the calendar holds official data for `year`; otherwise it falls back to Monday-Friday. */
  hasOfficialData(year: number): boolean;
  /** Where `year`'s dates come from, for the office to see (see `sourceOfYear` when absent). */
  sourceOf?(year: number): CalendarSource;
}

/** Where a year's working days come from: the calendar package, an office-loaded notice, or the Monday-Friday fallback. */
export type CalendarSource = 'chinese-days' | 'override' | 'weekdays-only';

/** Monday to Friday, no holidays: the fallback for a year with no published notice, and for tests. */
export const weekdaysOnlyCalendar: WorkingDayCalendar = {
  isWorkingDay: (date) => {
    const dow = dayOfWeek(date);
    return dow !== 0 && dow !== 6;
  },
  hasOfficialData: () => false,
  sourceOf: () => 'weekdays-only',
};

/**
 * The `n`th working day after `date` (not counting `date` itself).
 * `addWorkingDays(cal, '2026-09-30', 1)` is `2026-10-09` when 10-01..10-08 are the 国庆 holiday.
 */
export function addWorkingDays(calendar: WorkingDayCalendar, date: LocalDate, n: number): LocalDate {
  let day = date;
  let left = n;
  // A year has at most ~40 consecutive non-working days; 400 steps bounds a wrong calendar.
  for (let guard = 0; left > 0 && guard < 400 + n * 7; guard++) {
    day = addDays(day, 1);
    if (calendar.isWorkingDay(day)) left--;
  }
  return day;
}

/**
 * When a callback task is due: the end (23:59:59.999 Asia/Shanghai) of the `n`th working day
 * after the Shanghai date on which the issue was closed.
 */
export function callbackDueAt(calendar: WorkingDayCalendar, closedAt: Date, n: number): Date {
  return endOfShanghaiDay(addWorkingDays(calendar, shanghaiDate(closedAt), n));
}
