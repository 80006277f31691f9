import { addDays, dayOfWeek, type LocalDate } from '../scheduling/shanghai-time';

/** The Monday that starts the ISO week of a Shanghai date. */
export function isoWeekStart(date: LocalDate): LocalDate {
  return addDays(date, -((dayOfWeek(date) + 6) % 7));
}

/**
 * The ISO 8601 week of a Shanghai date, written `YYYY-Www`: weeks start on Monday and belong to
 * the year of their Thursday, so 2026-12-31 (a Thursday) is `2026-W53` and 2027-01-03 (a Sunday)
 * is still `2026-W53`, while 2027-01-04 starts `2027-W01`.
 */
export function isoWeekOf(date: LocalDate): string {
  const thursday = addDays(isoWeekStart(date), 3);
  const year = thursday.slice(0, 4);
  const firstThursdayOrdinal = Math.floor((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${year}-01-01T00:00:00Z`)) / 86_400_000);
  const week = Math.floor(firstThursdayOrdinal / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}
