import { describe, expect, it } from 'vitest';
import { chineseDaysCalendar, officialCalendar } from '../../../functions/adapters/calendar/official-calendar';
import { calendarOverrideSchema, withOverrides } from '../../../functions/core/scheduling/calendar-override';
import { addDays } from '../../../functions/core/scheduling/shanghai-time';
import { addWorkingDays, callbackDueAt, weekdaysOnlyCalendar } from '../../../functions/core/scheduling/working-days';

/**
 * 中秋 and 国庆 2026 as the State Council published them, loaded as an override over Monday-Friday:
 * 25 September and 1-7 October off, Sunday 20 September and Saturday 10 October worked (调休).
 */
const autumn2026 = calendarOverrideSchema.parse({
  year: 2026,
  source: '国务院办公厅关于2026年部分节假日安排的通知（中秋节、国庆节）',
  holidays: ['2026-09-25', '2026-09-26', '2026-09-27', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-20', '2026-10-10'],
});
const nationalDay2026 = withOverrides(weekdaysOnlyCalendar, [autumn2026]);

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

  it('counts the same days from the loaded notice as from chinese-days around 国庆 2026', () => {
    const days = Array.from({ length: 31 }, (_, i) => addDays('2026-09-15', i));
    expect(days.filter((d) => nationalDay2026.isWorkingDay(d) !== chineseDaysCalendar.isWorkingDay(d))).toEqual([]);
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
