import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessTimeBetween,
  holidayDataWarnings,
  isWorkingTime,
  nextWorkingMoment,
  windowToWorkingMs,
} from '../../src/calendar/business-time.ts';
import { standardCalendar } from '../../src/calendar/china-holidays.ts';
import { formatShanghaiIso } from '../../src/calendar/shanghai-time.ts';
import { days, hours, sh } from './calendar-helpers.ts';

const calendar = standardCalendar();
const deadline = (start: string, duration: number) => formatShanghaiIso(addBusinessTime(calendar, sh(start), duration).at);
const local = (s: string) => formatShanghaiIso(sh(s));

describe('addBusinessTime on 标准工作日', () => {
  it.each([
    ['lunch break: 11:30 + 1 h', '2026-03-10 11:30', hours(1), '2026-03-10 13:30'],
    ['arrival during lunch', '2026-03-10 12:30', hours(1), '2026-03-10 14:00'],
    ['ends exactly at noon', '2026-03-10 11:00', hours(1), '2026-03-10 12:00'],
    ['Friday evening (docs/domain.md): Friday 17:00 + 1 working day', '2026-03-13 17:00', days(1), '2026-03-16 17:00'],
    ['Friday 17:00 + 1 h ends at Friday 18:00, not Monday 09:00', '2026-03-13 17:00', hours(1), '2026-03-13 18:00'],
    ['arrival on a Sunday', '2026-03-15 10:00', hours(4), '2026-03-16 14:00'],
    ['arrival before opening', '2026-03-10 07:00', hours(1), '2026-03-10 10:00'],
    ['arrival after closing', '2026-03-09 20:00', hours(1), '2026-03-10 10:00'],
    ['arrival at closing time', '2026-03-09 18:00', hours(1), '2026-03-10 10:00'],
    ['arrival on make-up Saturday 2026-02-28', '2026-02-28 10:00', hours(3), '2026-02-28 14:00'],
    ['arrival on make-up Saturday 2026-10-10', '2026-10-10 09:00', days(1), '2026-10-10 18:00'],
    ['Friday before make-up Saturday 2026-02-14 counts the Saturday', '2026-02-13 17:00', days(1), '2026-02-14 17:00'],
    ['Spring Festival: make-up Saturday 17:00 + 1 working day', '2026-02-14 17:00', days(1), '2026-02-24 17:00'],
    ['Spring Festival: Friday 17:00 + 2 working days (1 h Friday, make-up Saturday, 7 h after the holiday)', '2026-02-13 17:00', days(2), '2026-02-24 17:00'],
    ['Spring Festival: Thursday 10:00 + 5 working days', '2026-02-12 10:00', days(5), '2026-02-26 10:00'],
    ['arrival during Spring Festival', '2026-02-18 10:00', hours(2), '2026-02-24 11:00'],
    ['Friday 2/27 + 1 working day counts make-up Saturday 2/28', '2026-02-27 17:00', days(1), '2026-02-28 17:00'],
    ['Mid-Autumn: 9/25 off', '2026-09-24 17:00', days(1), '2026-09-28 17:00'],
    ['make-up Sunday 9/20 counts', '2026-09-19 10:00', hours(4), '2026-09-20 14:00'],
    ['National Day: 10/1–10/7 off', '2026-09-30 17:00', days(1), '2026-10-08 17:00'],
    ['National Day then make-up Saturday 10/10', '2026-10-09 17:00', days(1), '2026-10-10 17:00'],
    ['Mid-Autumn, make-up day 9/20 and National Day in one window', '2026-09-18 17:00', days(10), '2026-10-09 17:00'],
    ['0.5 working day', '2026-03-10 10:00', days(0.5), '2026-03-10 15:00'],
    ['0.5 working day across the night', '2026-03-10 16:00', days(0.5), '2026-03-11 11:00'],
    ['2 working hours starting 17:30', '2026-03-10 17:30', hours(2), '2026-03-11 10:30'],
    ['2 working hours starting Friday 17:30', '2026-03-13 17:30', hours(2), '2026-03-16 10:30'],
    ['元旦 2026: 1/1–1/3 off, Sunday 1/4 worked', '2025-12-31 17:00', days(1), '2026-01-04 17:00'],
    ['one minute', '2026-03-10 11:59', 60_000, '2026-03-10 12:00'],
    ['zero duration inside working time', '2026-03-10 10:15', 0, '2026-03-10 10:15'],
    ['zero duration at noon', '2026-03-10 12:00', 0, '2026-03-10 13:00'],
    ['zero duration on a Sunday', '2026-03-15 10:00', 0, '2026-03-16 09:00'],
  ])('%s', (_label, start, duration, expected) => {
    expect(deadline(start, duration)).toBe(local(expected));
  });

  it('returns no warnings inside years with holiday data', () => {
    expect(addBusinessTime(calendar, sh('2026-02-13 17:00'), days(1)).warnings).toEqual([]);
    expect(addBusinessTime(calendar, sh('2025-12-31 17:00'), days(1)).warnings).toEqual([]);
  });

  it.each([
    ['a deadline in a year without data', '2027-03-10 10:00', hours(1), '2027-03-10 11:00', [2027]],
    ['a window running into a year without data', '2026-12-31 17:30', hours(2), '2027-01-01 10:30', [2027]],
    ['a year before the data', '2003-06-10 10:00', hours(1), '2003-06-10 11:00', [2003]],
    ['zero duration into a year without data', '2026-12-31 19:00', 0, '2027-01-01 09:00', [2027]],
  ])('answers by the weekly schedule and warns: %s', (_label, start, duration, expected, years) => {
    const result = addBusinessTime(calendar, sh(start), duration);
    expect(formatShanghaiIso(result.at)).toBe(local(expected));
    expect(result.warnings.map((w) => w.year)).toEqual(years);
    for (const w of result.warnings) {
      expect(w.code).toBe('NO_HOLIDAY_DATA');
      expect(w.message.zh).toContain(`${w.year} 年尚无节假日数据`);
      expect(w.message.en).toContain(`No holiday data for ${w.year}`);
    }
  });

  it('refuses negative or non-finite durations and instants', () => {
    expect(() => addBusinessTime(calendar, sh('2026-03-10 10:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessTime(calendar, sh('2026-03-10 10:00'), Number.NaN)).toThrow(RangeError);
    expect(() => addBusinessTime(calendar, Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
  });

  it('crosses many years without walking them', () => {
    // 250 working days a year, roughly: 600 working days reach well into 2028, with warnings for 2027–2028.
    const result = addBusinessTime(calendar, sh('2026-03-10 10:00'), days(600));
    expect(businessTimeBetween(calendar, sh('2026-03-10 10:00'), result.at)).toBe(days(600));
    expect(result.warnings.map((w) => w.year)).toEqual([2027, 2028]);
  });
});

describe('businessTimeBetween', () => {
  it.each([
    ['within a period', '2026-03-10 09:30', '2026-03-10 11:00', hours(1.5)],
    ['over lunch', '2026-03-10 11:30', '2026-03-10 13:30', hours(1)],
    ['a whole working day', '2026-03-10 00:00', '2026-03-11 00:00', hours(8)],
    ['a weekend', '2026-03-13 18:00', '2026-03-16 09:00', 0],
    ['Friday evening to Monday 17:00', '2026-03-13 17:00', '2026-03-16 17:00', days(1)],
    ['Spring Festival week with both make-up Saturdays', '2026-02-14 00:00', '2026-03-01 00:00', days(6)],
    ['National Day window with make-up Saturday 10/10', '2026-09-30 00:00', '2026-10-11 00:00', days(4)],
    ['across the new year', '2025-12-31 17:00', '2026-01-04 17:00', days(1)],
    ['backwards is zero', '2026-03-11 10:00', '2026-03-10 10:00', 0],
    ['empty is zero', '2026-03-10 10:00', '2026-03-10 10:00', 0],
  ])('%s', (_label, from, to, expected) => {
    expect(businessTimeBetween(calendar, sh(from), sh(to))).toBe(expected);
  });

  it('counts 2026 as 248 working days (365 − 104 weekend days − 19 holidays on weekdays + 6 make-up days)', () => {
    expect(businessTimeBetween(calendar, sh('2026-01-01 00:00'), sh('2027-01-01 00:00'))).toBe(days(248));
  });
});

describe('isWorkingTime', () => {
  it.each([
    ['2026-03-10 09:00', true],
    ['2026-03-10 08:59', false],
    ['2026-03-10 11:59', true],
    ['2026-03-10 12:00', false],
    ['2026-03-10 12:59', false],
    ['2026-03-10 13:00', true],
    ['2026-03-10 17:59', true],
    ['2026-03-10 18:00', false],
    ['2026-03-14 10:00', false], // Saturday
    ['2026-02-14 10:00', true], // make-up Saturday
    ['2026-09-20 15:00', true], // make-up Sunday
    ['2026-02-16 10:00', false], // 春节, a Monday
    ['2026-09-25 10:00', false], // 中秋节, a Friday
    ['2026-10-07 10:00', false], // 国庆节, a Wednesday
  ])('%s → %s', (instant, expected) => {
    expect(isWorkingTime(calendar, sh(instant))).toBe(expected);
  });
});

describe('nextWorkingMoment', () => {
  it.each([
    ['2026-03-10 10:00', '2026-03-10 10:00'],
    ['2026-03-10 09:00', '2026-03-10 09:00'],
    ['2026-03-10 12:00', '2026-03-10 13:00'],
    ['2026-03-10 18:00', '2026-03-11 09:00'],
    ['2026-03-13 18:30', '2026-03-16 09:00'],
    ['2026-02-13 19:00', '2026-02-14 09:00'], // make-up Saturday
    ['2026-02-14 18:00', '2026-02-24 09:00'], // over Spring Festival
    ['2026-09-30 18:00', '2026-10-08 09:00'], // over National Day
    ['2026-12-31 18:00', '2027-01-01 09:00'], // 2027 has no data: a weekday rule only
  ])('%s → %s', (instant, expected) => {
    expect(formatShanghaiIso(nextWorkingMoment(calendar, sh(instant)))).toBe(local(expected));
  });
});

describe('holidayDataWarnings', () => {
  it('names each year without data that an interval touches', () => {
    expect(holidayDataWarnings(calendar, sh('2026-03-01 00:00'), sh('2026-04-01 00:00'))).toEqual([]);
    expect(holidayDataWarnings(calendar, sh('2026-12-01 00:00'), sh('2028-01-01 00:00')).map((w) => w.year)).toEqual([2027, 2028]);
  });
});

describe('windowToWorkingMs', () => {
  it.each([
    [{ amount: 1, unit: 'working_day' as const }, hours(8)],
    [{ amount: 0.5, unit: 'working_day' as const }, hours(4)],
    [{ amount: 2, unit: 'working_day' as const }, hours(16)],
    [{ amount: 4, unit: 'working_hour' as const }, hours(4)],
    [{ amount: 2, unit: 'working_hour' as const }, hours(2)],
  ])('%j → %d ms', (window, expected) => {
    expect(windowToWorkingMs(calendar, window)).toBe(expected);
  });
});
