/**
 * Asia/Shanghai has kept UTC+08:00 without daylight saving since 1991, so local dates are a fixed
 * offset away from UTC. Stored instants are UTC ISO-8601; days are `YYYY-MM-DD` in Shanghai.
 */
const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A calendar date in Asia/Shanghai, `YYYY-MM-DD`. */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written `YYYY-MM-DD` (e.g. not `2026-02-30`). */
export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The Shanghai calendar date of an instant: 2026-10-31T15:30:00Z (23:30 in Shanghai) is `2026-10-31`. */
export function shanghaiDate(instant: Date): LocalDate {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** The Shanghai month `YYYY-MM` of an instant. */
export function shanghaiMonth(instant: Date): string {
  return shanghaiDate(instant).slice(0, 7);
}

/** The hour and minute of an instant on the Shanghai wall clock, as minutes since midnight. */
export function shanghaiMinuteOfDay(instant: Date): number {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return shifted.getUTCHours() * 60 + shifted.getUTCMinutes();
}

/** The UTC instant of a Shanghai wall-clock time on `date` (`minutes` since local midnight). */
export function shanghaiInstant(date: LocalDate, minutes = 0): Date {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) - OFFSET_MS + minutes * 60_000);
}

/** The last millisecond of `date` in Shanghai (23:59:59.999 +08:00) as a UTC instant. */
export function endOfShanghaiDay(date: LocalDate): Date {
  return new Date(shanghaiInstant(date).getTime() + DAY_MS - 1);
}

/** The date `days` calendar days after `date` (negative goes back). */
export function addDays(date: LocalDate, days: number): LocalDate {
  return new Date(Date.parse(`${date}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Day of week of a date, 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: LocalDate): number {
  return new Date(`${date}T00:00:00.000Z`).getUTCDay();
}

/** Adds minutes to an instant. */
export function addMinutes(instant: Date, minutes: number): Date {
  return new Date(instant.getTime() + minutes * 60_000);
}
