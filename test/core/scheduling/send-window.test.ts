import { describe, expect, it } from 'vitest';
import { inSendWindow, minutesOf, nextSendTime } from '../../../functions/core/scheduling/send-window';
import { weekdaysOnlyCalendar, type WorkingDayCalendar } from '../../../functions/core/scheduling/working-days';

const window = { startMinute: minutesOf('09:00'), endMinute: minutesOf('20:00') };
/** Shanghai wall-clock time as a UTC instant. */
const sh = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => sh(local).toISOString();

/** 2026-10-01..08 is the 国庆 holiday; Saturday 2026-10-10 is a 调休 make-up working day. */
const national: WorkingDayCalendar = {
  isWorkingDay: (date) => {
    if (date >= '2026-10-01' && date <= '2026-10-08') return false;
    if (date === '2026-10-10') return true;
    return weekdaysOnlyCalendar.isWorkingDay(date);
  },
  hasOfficialData: () => true,
};

describe('the send window', () => {
  it('keeps a time inside the window as it is', () => {
    expect(nextSendTime(weekdaysOnlyCalendar, window, sh('2026-11-24T12:00:00'))).toEqual(sh('2026-11-24T12:00:00'));
    expect(inSendWindow(weekdaysOnlyCalendar, window, sh('2026-11-24T09:00:00'))).toBe(true);
    expect(inSendWindow(weekdaysOnlyCalendar, window, sh('2026-11-24T19:59:59'))).toBe(true);
  });

  it('moves a survey that falls at 22:30 to 09:00 the next working day', () => {
    expect(nextSendTime(weekdaysOnlyCalendar, window, sh('2026-11-24T22:30:00')).toISOString()).toBe(iso('2026-11-25T09:00:00'));
  });

  it('treats 20:00 as outside: the window ends before it', () => {
    expect(inSendWindow(weekdaysOnlyCalendar, window, sh('2026-11-24T20:00:00'))).toBe(false);
    expect(nextSendTime(weekdaysOnlyCalendar, window, sh('2026-11-24T20:05:00')).toISOString()).toBe(iso('2026-11-25T09:00:00'));
  });

  it('moves an early-morning time to 09:00 the same working day', () => {
    expect(nextSendTime(weekdaysOnlyCalendar, window, sh('2026-11-24T06:15:00')).toISOString()).toBe(iso('2026-11-24T09:00:00'));
  });

  it('moves a Saturday to Monday 09:00, and Friday 22:30 too', () => {
    expect(nextSendTime(weekdaysOnlyCalendar, window, sh('2026-11-28T11:00:00')).toISOString()).toBe(iso('2026-11-30T09:00:00'));
    expect(nextSendTime(weekdaysOnlyCalendar, window, sh('2026-11-27T22:30:00')).toISOString()).toBe(iso('2026-11-30T09:00:00'));
  });

  it('skips a public holiday and sends on the first working day after it', () => {
    expect(nextSendTime(national, window, sh('2026-09-30T21:00:00')).toISOString()).toBe(iso('2026-10-09T09:00:00'));
    expect(nextSendTime(national, window, sh('2026-10-03T10:00:00')).toISOString()).toBe(iso('2026-10-09T09:00:00'));
  });

  it('sends on a 调休 working Saturday', () => {
    expect(inSendWindow(national, window, sh('2026-10-10T10:00:00'))).toBe(true);
    expect(nextSendTime(national, window, sh('2026-10-09T20:30:00')).toISOString()).toBe(iso('2026-10-10T09:00:00'));
  });

  it('reads HH:MM as minutes since midnight', () => {
    expect(minutesOf('20:00')).toBe(1200);
    expect(minutesOf('09:30')).toBe(570);
  });
});
