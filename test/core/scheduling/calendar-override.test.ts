import { describe, expect, it } from 'vitest';
import { calendarOverrideSchema, calendarOverridesSchema, withOverrides, type CalendarOverride } from '../../../functions/core/scheduling/calendar-override';
import { calendarYear, deadlineWarnings } from '../../../functions/core/scheduling/calendar-year';
import { addWorkingDays, callbackDueAt, weekdaysOnlyCalendar } from '../../../functions/core/scheduling/working-days';
import fictional2029 from './fixtures/notice-2029.fictional.json' with { type: 'json' };

/** A made-up notice for a year no package knows: 国庆 1-7 October off, Saturdays 29 September and 13 October worked. */
const notice2029: CalendarOverride = calendarOverrideSchema.parse(fictional2029);

describe('a State Council notice laid over the calendar', () => {
  it('makes a listed holiday a day off, even a Monday', () => {
    // Prepare
    const calendar = withOverrides(weekdaysOnlyCalendar, [notice2029]);
    // Act
    const monday = calendar.isWorkingDay('2029-10-01');
    // Assess
    expect(monday).toBe(false);
    expect(weekdaysOnlyCalendar.isWorkingDay('2029-10-01')).toBe(true);
  });

  it('makes a listed make-up Saturday a working day', () => {
    const calendar = withOverrides(weekdaysOnlyCalendar, [notice2029]);

    expect(calendar.isWorkingDay('2029-09-29')).toBe(true);
    expect(calendar.isWorkingDay('2029-10-13')).toBe(true);
  });

  it('leaves every date the notice does not list to the calendar beneath', () => {
    const calendar = withOverrides(weekdaysOnlyCalendar, [notice2029]);

    expect(calendar.isWorkingDay('2029-10-08')).toBe(true); // a Monday
    expect(calendar.isWorkingDay('2029-10-20')).toBe(false); // a Saturday
    expect(calendar.isWorkingDay('2030-10-01')).toBe(true); // another year
  });

  it('counts a callback from the Friday before 国庆 across the make-up Saturday and the week off', () => {
    // Prepare: closed Friday 28 September 2029 at 16:00 Shanghai, due in 3 working days.
    const calendar = withOverrides(weekdaysOnlyCalendar, [notice2029]);
    // Act
    const due = callbackDueAt(calendar, new Date('2029-09-28T08:00:00Z'), 3);
    // Assess: Saturday 29 September, then 1-7 October off, Monday 8 and Tuesday 9 October.
    expect(addWorkingDays(calendar, '2029-09-28', 1)).toBe('2029-09-29');
    expect(due.toISOString()).toBe('2029-10-09T15:59:59.999Z');
  });

  it('counts a year with a notice as official, from the override, with no warning', () => {
    const calendar = withOverrides(weekdaysOnlyCalendar, [notice2029]);

    expect(calendarYear(calendar, 2029)).toEqual({ year: 2029, official: true, source: 'override' });
    expect(calendarYear(calendar, 2030)).toEqual({
      year: 2030,
      official: false,
      source: 'weekdays-only',
      warning: '2030 年节假日安排尚未载入，暂按周一至周五计算工作日',
    });
  });

  it('lets a later notice for the same year replace an earlier one, so the office can correct a shipped notice', () => {
    // Prepare: the correction moves the make-up day from Saturday 29 September to Sunday 30 September.
    const corrected: CalendarOverride = { ...notice2029, source: '更正', workdays: ['2029-09-30', '2029-10-13'] };
    // Act
    const calendar = withOverrides(weekdaysOnlyCalendar, [notice2029, corrected]);
    // Assess
    expect(calendar.isWorkingDay('2029-09-29')).toBe(false);
    expect(calendar.isWorkingDay('2029-09-30')).toBe(true);
  });

  it('warns for each year of a deadline window that has no notice, and for no other', () => {
    const calendar = withOverrides(weekdaysOnlyCalendar, [notice2029]);

    expect(deadlineWarnings(calendar, new Date('2029-12-28T02:00:00Z'), new Date('2030-01-03T15:59:59.999Z'))).toEqual([
      '2030 年节假日安排尚未载入，暂按周一至周五计算工作日',
    ]);
    expect(deadlineWarnings(calendar, new Date('2029-09-28T08:00:00Z'), new Date('2029-10-09T15:59:59.999Z'))).toEqual([]);
  });
});

describe('the notice format', () => {
  const valid = { year: 2029, source: '通知', holidays: ['2029-01-01'], workdays: ['2029-09-29'] };

  it('accepts dates in the December before the year, as a 元旦 arrangement can move them', () => {
    expect(calendarOverrideSchema.safeParse({ ...valid, workdays: ['2028-12-30'] }).success).toBe(true);
  });

  it.each([
    ['a date that does not exist', { ...valid, holidays: ['2029-02-30'] }, 'holidays.0'],
    ['a date written another way', { ...valid, workdays: ['2029/09/29'] }, 'workdays.0'],
    ['a date of another year', { ...valid, holidays: ['2030-01-01'] }, 'holidays.0'],
    ['a date both off and worked', { ...valid, workdays: ['2029-01-01'] }, 'workdays.0'],
    ['a missing source', { year: 2029, holidays: [], workdays: [] }, 'source'],
    ['a misspelt field', { ...valid, workday: [] }, ''],
  ])('refuses %s', (_, notice, path) => {
    const parsed = calendarOverrideSchema.safeParse(notice);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });

  it('refuses two notices for one year in one list', () => {
    const parsed = calendarOverridesSchema.safeParse([valid, { ...valid, source: '又一份' }]);

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([1, 'year']);
  });
});
