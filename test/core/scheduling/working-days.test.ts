import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../../functions/adapters/calendar/official-calendar';
import { addWorkingDays, callbackDueAt, weekdaysOnlyCalendar, type WorkingDayCalendar } from '../../../functions/core/scheduling/working-days';

/** 国庆 2026 as the State Council published it: 1-7 October off, Saturday 10 October worked (调休). */
const nationalDay2026: WorkingDayCalendar = {
  isWorkingDay: (d) => {
    if (d >= '2026-10-01' && d <= '2026-10-07') return false;
    if (d === '2026-10-10' || d === '2026-09-20') return true;
    return weekdaysOnlyCalendar.isWorkingDay(d);
  },
  hasOfficialData: (y) => y === 2026,
};

describe('working days', () => {
  it('skips a weekend', () => {
    expect(addWorkingDays(weekdaysOnlyCalendar, '2026-11-27', 1)).toBe('2026-11-30');
  });

  it('counts the 调休 Saturday after 国庆 as a working day', () => {
    // Closed Wednesday 30 September, the working day before 国庆: 8, 9 and Saturday 10 October.
    expect(addWorkingDays(nationalDay2026, '2026-09-30', 3)).toBe('2026-10-10');
  });

  it('puts the due time at 23:59:59.999 Shanghai of the last working day', () => {
    expect(callbackDueAt(nationalDay2026, new Date('2026-09-30T03:00:00Z'), 3).toISOString()).toBe('2026-10-10T15:59:59.999Z');
  });

  it('counts a closure at 23:50 Shanghai on the Shanghai date, not the UTC one', () => {
    // 23:50 on Monday 23 November in Shanghai is 15:50 UTC the same day; 00:10 on Tuesday is still Monday in UTC.
    expect(callbackDueAt(weekdaysOnlyCalendar, new Date('2026-11-23T15:50:00Z'), 1).toISOString()).toBe('2026-11-24T15:59:59.999Z');
    expect(callbackDueAt(weekdaysOnlyCalendar, new Date('2026-11-23T16:10:00Z'), 1).toISOString()).toBe('2026-11-25T15:59:59.999Z');
  });

  it('reads the official calendar from chinese-days, 调休 included', () => {
    expect(officialCalendar.isWorkingDay('2026-10-01')).toBe(false);
    expect(officialCalendar.isWorkingDay('2026-10-10')).toBe(true);
    expect(addWorkingDays(officialCalendar, '2026-09-30', 3)).toBe('2026-10-10');
    expect(officialCalendar.hasOfficialData(2026)).toBe(true);
  });

  it('falls back to Monday-Friday for a year with no notice yet, and says so', () => {
    expect(officialCalendar.hasOfficialData(2031)).toBe(false);
    expect(officialCalendar.isWorkingDay('2031-01-06')).toBe(true);
    expect(officialCalendar.isWorkingDay('2031-01-04')).toBe(false);
  });
});
