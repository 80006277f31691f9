import chineseDays from 'chinese-days';
import type { WorkingDayCalendar } from '../../core/scheduling/working-days';

const yearsWithData = new Map<number, boolean>();

/**
 * The official Chinese working-day calendar from `chinese-days` (State Council holidays and 调休
 * make-up workdays). For a year the package has no notice for yet, `isWorkingDay` is Monday-Friday
 * and `hasOfficialData` says so, so the office can be warned.
 */
export const officialCalendar: WorkingDayCalendar = {
  isWorkingDay: (date) => chineseDays.isWorkday(date),
  hasOfficialData: (year) => {
    let known = yearsWithData.get(year);
    if (known === undefined) {
      // A published year always has weekday holidays (元旦, 春节, 国庆 ...); an unknown year has none.
      known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
      yearsWithData.set(year, known);
    }
    return known;
  },
};
