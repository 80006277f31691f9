import { sourceOfYear } from './calendar-override';
import { shanghaiDate } from './shanghai-time';
import type { CalendarSource, WorkingDayCalendar } from './working-days';

/** What the office is told about a year of the calendar (`GET /api/v1/calendar?year=`). */
export interface CalendarYear {
  year: number;
  /** True when the year's holidays and make-up workdays are known (the package or a loaded notice). */
  official: boolean;
  source: CalendarSource;
  /** zh-CN, present when deadlines in the year are counted Monday-Friday for want of a notice. */
  warning?: string;
}

/** The warning shown while a year has no notice loaded. */
export function missingYearWarning(year: number): string {
  return `${year} 年节假日安排尚未载入，暂按周一至周五计算工作日`;
}

/**
 * Whether `calendar` knows `year`, where from, and the warning when it does not.
 *
 * @example calendarYear(officialCalendar, 2031) // { year: 2031, official: false, source: 'weekdays-only', warning: '2031 年…' }
 */
export function calendarYear(calendar: WorkingDayCalendar, year: number): CalendarYear {
  const official = calendar.hasOfficialData(year);
  const source = official ? sourceOfYear(calendar, year) : 'weekdays-only';
  return { year, official, source, ...(official ? {} : { warning: missingYearWarning(year) }) };
}

/**
 * The warnings for a deadline counted from `from` to `to`: one for each year in between (both
 * included, in Asia/Shanghai) that the calendar counts Monday-Friday, so the office knows the date
 * may move once the State Council's notice is loaded.
 */
export function deadlineWarnings(calendar: WorkingDayCalendar, from: Date, to: Date): string[] {
  const first = Number(shanghaiDate(from).slice(0, 4));
  const last = Number(shanghaiDate(to).slice(0, 4));
  const warnings: string[] = [];
  for (let year = first; year <= last; year++) {
    if (!calendar.hasOfficialData(year)) warnings.push(missingYearWarning(year));
  }
  return warnings;
}
