import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chinaHolidayData, standardCalendar, standardCalendarDefinition, STANDARD_CALENDAR_NAME } from '../../src/calendar/china-holidays.ts';
import { dayOfDate, isoWeekdayOfDay } from '../../src/calendar/shanghai-time.ts';

const weekday = (date: string) => isoWeekdayOfDay(dayOfDate(date)!);

function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('shipped holiday data', () => {
  const data = chinaHolidayData();

  it('covers every year chinese-days has, 2004 through 2026', () => {
    expect(data.years).toEqual(Array.from({ length: 2026 - 2004 + 1 }, (_, i) => 2004 + i));
    expect(data.source).toMatch(/^chinese-days \d+\.\d+\.\d+/);
  });

  it("matches 2026's published schedule (国务院办公厅, as in issue 5)", () => {
    const holidays2026 = Object.entries(data.holidays).filter(([date]) => date.startsWith('2026'));
    const expected: Array<[string, string, string]> = [
      ['2026-01-01', '2026-01-03', '元旦'],
      ['2026-02-15', '2026-02-23', '春节'],
      ['2026-04-04', '2026-04-06', '清明节'],
      ['2026-05-01', '2026-05-05', '劳动节'],
      ['2026-06-19', '2026-06-21', '端午节'],
      ['2026-09-25', '2026-09-27', '中秋节'],
      ['2026-10-01', '2026-10-07', '国庆节'],
    ];
    expect(Object.fromEntries(holidays2026)).toEqual(Object.fromEntries(expected.flatMap(([from, to, name]) => datesBetween(from, to).map((d) => [d, name]))));

    const makeUp2026 = Object.entries(data.makeUpDays)
      .filter(([date]) => date.startsWith('2026'))
      .map(([date, day]) => [date, day.holiday]);
    expect(makeUp2026).toEqual([
      ['2026-01-04', '元旦'],
      ['2026-02-14', '春节'],
      ['2026-02-28', '春节'],
      ['2026-05-09', '劳动节'],
      ['2026-09-20', '国庆节'],
      ['2026-10-10', '国庆节'],
    ]);
  });

  it('has make-up working days only on weekends, each working like Monday and belonging to a holiday', () => {
    for (const [date, day] of Object.entries(data.makeUpDays)) {
      expect([6, 7], date).toContain(weekday(date));
      expect(day.worksLike, date).toBe(1);
      expect(day.name, date).toBe(`${day.holiday}调休上班`);
      expect(data.holidays[date], date).toBeUndefined();
    }
  });

  it('uses the full Chinese holiday names and knows each one in English', () => {
    const names = new Set(Object.values(data.holidays));
    for (const name of ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']) expect(names).toContain(name);
    for (const name of names) expect(data.namesEn[name], name).toBeTruthy();
    expect(data.namesEn['春节']).toBe('Spring Festival');
  });

  it('is built once and cannot be changed by a caller', () => {
    expect(chinaHolidayData()).toBe(data);
    expect(Object.isFrozen(data.holidays)).toBe(true);
    expect(() => {
      (data.holidays as Record<string, string>)['2026-03-10'] = 'x';
    }).toThrow(TypeError);
  });

  it('is a shipped file: nothing under src/ imports or fetches chinese-days, and it is no dependency', () => {
    for (const file of listFiles('src').filter((f) => f.endsWith('.ts'))) {
      expect(fs.readFileSync(file, 'utf8'), file).not.toMatch(/from ['"]chinese-days|require\(['"]chinese-days/);
    }
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies?: object; devDependencies?: object };
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty('chinese-days');
  });
});

describe('standardCalendar (标准工作日)', () => {
  const calendar = standardCalendar();

  it('is Monday–Friday 09:00–12:00 and 13:00–18:00, 8 hours a working day', () => {
    expect(calendar.name).toBe(STANDARD_CALENDAR_NAME);
    expect(calendar.hoursPerWorkingDay).toBe(8);
    for (const day of [1, 2, 3, 4, 5]) {
      expect(calendar.week[day]).toEqual([
        { start: 9 * 60, end: 12 * 60 },
        { start: 13 * 60, end: 18 * 60 },
      ]);
    }
    expect(calendar.week[6]).toEqual([]);
    expect(calendar.week[7]).toEqual([]);
  });

  it("carries China's holidays and make-up days and knows which years have data", () => {
    expect(calendar.holidays.get('2026-02-16')).toBe('春节');
    expect(calendar.makeUpDays.get('2026-10-10')?.holiday).toBe('国庆节');
    expect(calendar.yearsWithData.has(2026)).toBe(true);
    expect(calendar.yearsWithData.has(2027)).toBe(false);
  });

  it('is one shared instance, and its definition is a fresh copy each time', () => {
    expect(standardCalendar()).toBe(calendar);
    const a = standardCalendarDefinition();
    a.holidays['2026-03-10'] = 'changed';
    expect(standardCalendarDefinition().holidays['2026-03-10']).toBeUndefined();
  });
});
