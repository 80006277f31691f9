import { dayOfWeek, shanghaiDate, shanghaiMinuteOfDay } from '../../functions/core/scheduling/shanghai-time';

const weekdays = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/**
 * A day as staff read it on a phone, in Asia/Shanghai; the year only when it is not the current one.
 *
 * @example shanghaiDay('2026-11-27T15:59:59.999Z', now) // '11月27日 周五'
 */
export function shanghaiDay(instant: string, now: Date): string {
  const date = shanghaiDate(new Date(instant));
  const [y, m, d] = date.split('-').map(Number);
  const year = date.slice(0, 4) === shanghaiDate(now).slice(0, 4) ? '' : `${y}年`;
  return `${year}${m}月${d}日 ${weekdays[dayOfWeek(date)]}`;
}

/**
 * Day and wall-clock time in Asia/Shanghai.
 *
 * @example shanghaiDateTime('2026-11-27T15:59:59.999Z', now) // '11月27日 周五 23:59'
 */
export function shanghaiDateTime(instant: string, now: Date): string {
  const minutes = shanghaiMinuteOfDay(new Date(instant));
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${shanghaiDay(instant, now)} ${hh}:${mm}`;
}

/** True for an open task whose due time has passed. */
export function isOverdue(task: { status: string; dueAt: string }, now: Date): boolean {
  return task.status === 'open' && Date.parse(task.dueAt) < now.getTime();
}

/** A link to `path` with `params` (empty values dropped), e.g. the next page of a filtered list. */
export function hrefWith(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
