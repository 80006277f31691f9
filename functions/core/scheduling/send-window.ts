import { addDays, shanghaiDate, shanghaiInstant, shanghaiMinuteOfDay } from './shanghai-time';
import type { WorkingDayCalendar } from './working-days';

/**
 * When survey SMS may reach an enterprise: from `start` (inclusive) to `end` (exclusive), as
 * minutes since midnight on the Shanghai wall clock, on working days only (holidays excluded,
 * 调休 make-up Saturdays and Sundays included).
 */
export interface SendWindow {
  startMinute: number;
  endMinute: number;
}

/** `"HH:MM"` as minutes since midnight: `minutesOf('20:00')` is 1200. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True when an SMS may be sent at `at`: a working day in Shanghai, inside the daily window. */
export function inSendWindow(calendar: WorkingDayCalendar, window: SendWindow, at: Date): boolean {
  const minute = shanghaiMinuteOfDay(at);
  return calendar.isWorkingDay(shanghaiDate(at)) && minute >= window.startMinute && minute < window.endMinute;
}

/**
 * The first instant at or after `at` inside the send window: `at` itself when it is inside,
 * otherwise the window's start on the same day (early morning of a working day) or on the next
 * working day. 22:30 on a Friday moves to 09:00 on Monday; a 调休 Saturday is a sending day.
 */
export function nextSendTime(calendar: WorkingDayCalendar, window: SendWindow, at: Date): Date {
  if (inSendWindow(calendar, window, at)) return at;
  let day = shanghaiDate(at);
  if (!(calendar.isWorkingDay(day) && shanghaiMinuteOfDay(at) < window.startMinute)) {
    // A year has at most ~40 consecutive non-working days; 400 steps bounds a wrong calendar.
    for (let guard = 0; guard < 400; guard++) {
      day = addDays(day, 1);
      if (calendar.isWorkingDay(day)) break;
    }
  }
  return shanghaiInstant(day, window.startMinute);
}
