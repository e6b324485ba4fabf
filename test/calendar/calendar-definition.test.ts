import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isWorkingTime, nextWorkingMoment, windowToWorkingMs } from '../../src/calendar/business-time.ts';
import { calendarWithOverrides, createCalendar, withHolidayRows } from '../../src/calendar/calendar-definition.ts';
import { CalendarDefinitionError, NoWorkingTimeError, type CalendarDefinition, type HolidayRow } from '../../src/calendar/calendar-types.ts';
import { standardCalendarDefinition } from '../../src/calendar/china-holidays.ts';
import { formatShanghaiIso } from '../../src/calendar/shanghai-time.ts';
import { days, hours, sh } from './calendar-helpers.ts';

const deadline = (calendar: ReturnType<typeof createCalendar>, start: string, duration: number) => formatShanghaiIso(addBusinessTime(calendar, sh(start), duration).at);
const local = (s: string) => formatShanghaiIso(sh(s));

function bare(overrides: Partial<CalendarDefinition> = {}): CalendarDefinition {
  return { name: 'test', week: { 1: [{ start: 9 * 60, end: 17 * 60 }] }, holidays: {}, makeUpDays: {}, yearsWithData: [2026], ...overrides };
}

describe('calendarWithOverrides (rows of the workbook 节假日 sheet)', () => {
  const base = standardCalendarDefinition();

  it('adds a company holiday and a working day', () => {
    const rows: HolidayRow[] = [
      { date: '2026-03-10', kind: 'off', name: '公司年会' },
      { date: '2026-03-14', kind: 'work', name: '年会补班' },
    ];
    const calendar = calendarWithOverrides(base, rows);
    expect(isWorkingTime(calendar, sh('2026-03-10 10:00'))).toBe(false);
    expect(isWorkingTime(calendar, sh('2026-03-14 10:00'))).toBe(true);
    expect(calendar.holidays.get('2026-03-10')).toBe('公司年会');
    expect(calendar.makeUpDays.get('2026-03-14')).toEqual({ name: '年会补班', worksLike: 1 });
    // Monday 17:00 + 1 working day: Monday 1 h, Tuesday off, Wednesday 7 h.
    expect(deadline(calendar, '2026-03-09 17:00', days(1))).toBe(local('2026-03-11 17:00'));
  });

  it("an 'off' row on a make-up day removes it, a 'work' row on a holiday removes the holiday", () => {
    const calendar = calendarWithOverrides(base, [
      { date: '2026-02-14', kind: 'off', name: '不调休' },
      { date: '2026-02-16', kind: 'work', name: '值班' },
    ]);
    expect(calendar.makeUpDays.has('2026-02-14')).toBe(false);
    expect(calendar.holidays.get('2026-02-14')).toBe('不调休');
    expect(calendar.holidays.has('2026-02-16')).toBe(false);
    // 2/16 is a Monday and keeps its own hours.
    expect(calendar.makeUpDays.get('2026-02-16')?.worksLike).toBe(1);
    expect(deadline(calendar, '2026-02-13 17:00', days(1))).toBe(local('2026-02-16 17:00'));
  });

  it('later rows win over earlier ones', () => {
    const calendar = calendarWithOverrides(base, [
      { date: '2026-03-10', kind: 'off', name: 'A' },
      { date: '2026-03-10', kind: 'work', name: 'B' },
    ]);
    expect(calendar.holidays.has('2026-03-10')).toBe(false);
    expect(calendar.makeUpDays.get('2026-03-10')?.name).toBe('B');
  });

  it("a year appearing in the rows counts as having data: 2027's holidays from a workbook", () => {
    const rows: HolidayRow[] = [
      { date: '2027-01-01', kind: 'off', name: '元旦' },
      { date: '2027-02-06', kind: 'work', name: '春节' },
    ];
    const calendar = calendarWithOverrides(base, rows);
    expect(calendar.yearsWithData.has(2027)).toBe(true);
    const result = addBusinessTime(calendar, sh('2026-12-31 17:30'), hours(2));
    expect(result.warnings).toEqual([]);
    expect(formatShanghaiIso(result.at)).toBe(local('2027-01-04 10:30'));
    // The base definition is not changed.
    expect(base.yearsWithData).not.toContain(2027);
    expect(base.holidays['2027-01-01']).toBeUndefined();
  });

  it('names blank rows and refuses rows that are not dates or kinds', () => {
    const def = withHolidayRows(bare(), [{ date: '2026-03-10', kind: 'off', name: '  ' }]);
    expect(def.holidays['2026-03-10']).toBe('节假日');
    expect(() => withHolidayRows(bare(), [{ date: '2026-02-30', kind: 'off', name: 'x' }])).toThrow(CalendarDefinitionError);
    expect(() => withHolidayRows(bare(), [{ date: '2026/03/10', kind: 'off', name: 'x' }])).toThrow(/holiday row 1/);
    expect(() => withHolidayRows(bare(), [{ date: '2026-03-10', kind: 'rest' as 'off', name: 'x' }])).toThrow(CalendarDefinitionError);
  });
});

describe('createCalendar', () => {
  it('refuses a calendar with no working periods at all, instead of searching forever', () => {
    expect(() => createCalendar(bare({ week: {} }))).toThrow(/no working periods/);
    expect(() => createCalendar(bare({ week: { 1: [], 2: [] } }))).toThrow(CalendarDefinitionError);
  });

  it.each([
    ['an inverted period', { 1: [{ start: 600, end: 540 }] }],
    ['a period past midnight', { 1: [{ start: 600, end: 1500 }] }],
    ['overlapping periods', { 1: [{ start: 540, end: 720 }, { start: 700, end: 800 }] }],
    ['a weekday 8', { 8: [{ start: 540, end: 720 }] }],
  ])('refuses %s', (_label, week) => {
    expect(() => createCalendar(bare({ week: week as CalendarDefinition['week'] }))).toThrow(CalendarDefinitionError);
  });

  it('refuses a date that is both a holiday and a make-up day, and bad hours per day', () => {
    expect(() => createCalendar(bare({ holidays: { '2026-03-10': 'a' }, makeUpDays: { '2026-03-10': { name: 'b', worksLike: 1 } } }))).toThrow(/both a holiday/);
    expect(() => createCalendar(bare({ hoursPerWorkingDay: 0 }))).toThrow(CalendarDefinitionError);
    expect(() => createCalendar(bare({ name: ' ' }))).toThrow(CalendarDefinitionError);
  });

  it('gives its errors in Chinese and English', () => {
    try {
      createCalendar(bare({ week: {} }));
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarDefinitionError);
      expect((err as CalendarDefinitionError).details.zh).toContain('没有任何工作时段');
    }
  });

  it('sorts periods and uses the calendar’s own hours per working day', () => {
    const calendar = createCalendar(
      bare({
        name: '7×12',
        hoursPerWorkingDay: 12,
        week: Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [d, [{ start: 14 * 60, end: 20 * 60 }, { start: 8 * 60, end: 14 * 60 }]])),
      }),
    );
    expect(calendar.week[1]).toEqual([
      { start: 480, end: 840 },
      { start: 840, end: 1200 },
    ]);
    expect(windowToWorkingMs(calendar, { amount: 1, unit: 'working_day' })).toBe(hours(12));
    // Saturday 19:00 + 1 working day (12 h): Saturday 1 h, Sunday 08:00–19:00.
    expect(deadline(calendar, '2026-03-14 19:00', windowToWorkingMs(calendar, { amount: 1, unit: 'working_day' }))).toBe(local('2026-03-15 19:00'));
  });

  it('gives up after the search horizon when holidays swallow every working day', () => {
    const holidays: Record<string, string> = {};
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t < Date.parse('2040-01-01T00:00:00Z'); t += 86_400_000) holidays[new Date(t).toISOString().slice(0, 10)] = '停业';
    const calendar = createCalendar(bare({ holidays }));
    expect(() => nextWorkingMoment(calendar, sh('2026-03-10 10:00'))).toThrow(NoWorkingTimeError);
    expect(() => addBusinessTime(calendar, sh('2026-03-10 10:00'), hours(1))).toThrow(NoWorkingTimeError);
    expect(businessTimeBetween(calendar, sh('2026-03-10 10:00'), sh('2030-03-10 10:00'))).toBe(0);
  });

  it('lets a make-up day keep the hours of the weekday it works like', () => {
    const calendar = createCalendar(
      bare({
        week: { 1: [{ start: 540, end: 1080 }], 5: [{ start: 540, end: 720 }] },
        makeUpDays: { '2026-03-14': { name: 'short', worksLike: 5 } },
      }),
    );
    expect(isWorkingTime(calendar, sh('2026-03-14 11:00'))).toBe(true);
    expect(isWorkingTime(calendar, sh('2026-03-14 13:00'))).toBe(false);
  });
});
