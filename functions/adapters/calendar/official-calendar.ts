import chineseDays from 'chinese-days';
import { withOverrides, type CalendarOverride } from '../../core/scheduling/calendar-override';
import type { WorkingDayCalendar } from '../../core/scheduling/working-days';
import { shippedCalendarOverrides } from './overrides/shipped';

const yearsWithData = new Map<number, boolean>();

/** True when `chinese-days` holds the State Council's notice for `year`. */
function packageHasYear(year: number): boolean {
  let known = yearsWithData.get(year);
  if (known === undefined) {
    // A published year always has weekday holidays (元旦, 春节, 国庆 ...); an unknown year has none.
    known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
    yearsWithData.set(year, known);
  }
  return known;
}

/**
 * The working-day calendar of the `chinese-days` package alone (State Council holidays and 调休
 * make-up workdays). For a year the package has no notice for yet, `isWorkingDay` is Monday-Friday
 * and `hasOfficialData` says so, so the office can be warned.
 */
export const chineseDaysCalendar: WorkingDayCalendar = {
  isWorkingDay: (date) => chineseDays.isWorkday(date),
  hasOfficialData: packageHasYear,
  sourceOf: (year) => (packageHasYear(year) ? 'chinese-days' : 'weekdays-only'),
};

/** The official calendar as shipped: `chinese-days` with the notices in `overrides/` laid over it. */
export const officialCalendar: WorkingDayCalendar = withOverrides(chineseDaysCalendar, shippedCalendarOverrides);

/**
 * The official calendar with the office's own notices (settings `calendarOverrides`) laid over the
 * shipped ones; an office notice for a year replaces a shipped one for the same year.
 *
 * @example officialCalendarWith(settings.calendarOverrides).hasOfficialData(2027)
 */
export function officialCalendarWith(overrides: readonly CalendarOverride[]): WorkingDayCalendar {
  return overrides.length === 0 ? officialCalendar : withOverrides(chineseDaysCalendar, [...shippedCalendarOverrides, ...overrides]);
}
