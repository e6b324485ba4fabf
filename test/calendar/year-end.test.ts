// The last working moment of a year: a window that ends exactly when a year's working time runs out falls due at
// that moment, not at the next year's first (docs/domain.md: due at the period's end). The year tables count
// working time per year, so this is where a `>` against a year's total matters; the same at the edges of China's
// holiday data (2004–2026) and past them.
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isWorkingTime, nextWorkingMoment } from '../../src/calendar/business-time.ts';
import { standardCalendar } from '../../src/calendar/china-holidays.ts';
import { formatShanghaiIso } from '../../src/calendar/shanghai-time.ts';
import { days, hours, sh } from './calendar-helpers.ts';

const calendar = standardCalendar();
const local = (s: string) => formatShanghaiIso(sh(s));

describe('the last working moment of a year', () => {
  it.each([
    ['2026-12-31 17:00 + 1 h: the data’s last working hour ends that day at 18:00', '2026-12-31 17:00', hours(1), '2026-12-31 18:00', []],
    ['2026-12-31 09:00 + 1 working day', '2026-12-31 09:00', days(1), '2026-12-31 18:00', []],
    ['2026-12-30 17:00 + 1 working day + 1 h', '2026-12-30 17:00', days(1) + hours(1), '2026-12-31 18:00', []],
    // Searching the year's last days, from three and four days before its end.
    ['2026-12-29 17:00 + 2 working days', '2026-12-29 17:00', days(2), '2026-12-31 17:00', []],
    ['2026-12-28 09:00 + 4 working days', '2026-12-28 09:00', days(4), '2026-12-31 18:00', []],
    ['one minute more runs into 2027 (no data: by the weekly hours)', '2026-12-31 17:00', hours(1) + 60_000, '2027-01-01 09:01', [2027]],
    ['a year whose last day is a Saturday: Friday 2022-12-30 17:00 + 1 h', '2022-12-30 17:00', hours(1), '2022-12-30 18:00', []],
    ['2025-12-31 17:00 + 1 h, before 元旦 2026', '2025-12-31 17:00', hours(1), '2025-12-31 18:00', []],
    ['a year without data: 2027-12-31 17:00 + 1 h', '2027-12-31 17:00', hours(1), '2027-12-31 18:00', [2027]],
    ['the year before the data: 2003-12-31 17:00 + 1 h', '2003-12-31 17:00', hours(1), '2003-12-31 18:00', [2003]],
    ['into the data’s first year: 2003-12-31 17:00 + 2 h skips 元旦 2004', '2003-12-31 17:00', hours(2), '2004-01-02 10:00', [2003]],
  ])('%s', (_label, start, duration, expected, warnings) => {
    const result = addBusinessTime(calendar, sh(start), duration);
    expect(formatShanghaiIso(result.at)).toBe(local(expected));
    expect(result.warnings.map((w) => w.year)).toEqual(warnings);
  });

  it('counts the year’s last working hour to the year, and nothing after it', () => {
    expect(businessTimeBetween(calendar, sh('2026-12-31 17:00'), sh('2026-12-31 18:00'))).toBe(hours(1));
    expect(businessTimeBetween(calendar, sh('2026-12-31 17:00'), sh('2027-01-01 00:00'))).toBe(hours(1));
    expect(businessTimeBetween(calendar, sh('2026-12-31 17:00'), sh('2027-01-01 09:30'))).toBe(hours(1.5));
    expect(businessTimeBetween(calendar, sh('2022-12-30 17:00'), sh('2023-01-03 09:00'))).toBe(hours(1));
  });

  it('is working time up to its last millisecond, and the next moment is the next year’s first', () => {
    expect(isWorkingTime(calendar, sh('2026-12-31 18:00') - 1)).toBe(true);
    expect(isWorkingTime(calendar, sh('2026-12-31 18:00'))).toBe(false);
    expect(formatShanghaiIso(nextWorkingMoment(calendar, sh('2026-12-31 18:00') - 1))).toBe(formatShanghaiIso(sh('2026-12-31 18:00') - 1));
    expect(formatShanghaiIso(nextWorkingMoment(calendar, sh('2022-12-30 18:00')))).toBe(local('2023-01-03 09:00'));
    expect(formatShanghaiIso(nextWorkingMoment(calendar, sh('2026-12-31 23:59')))).toBe(local('2027-01-01 09:00'));
  });
});
