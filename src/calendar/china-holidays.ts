// China's public holidays and make-up working days as shipped with the application, and the default calendar
// 标准工作日 built on them. The data is a pinned file (see test/support/generate-cn-holidays.ts), never a
// fetch: a deadline must not change because a network or a dependency did.
import data from './data/cn-holidays.json' with { type: 'json' };
import { createCalendar } from './calendar-definition.ts';
import type { Calendar, CalendarDefinition, IsoWeekday, MakeUpDay, WorkingPeriod } from './calendar-types.ts';

export interface ChinaHolidayData {
  /** Where the data came from (package and version). */
  readonly source: string;
  /** Years with published holidays, ascending. */
  readonly years: readonly number[];
  /** 'YYYY-MM-DD' → holiday name (元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节, …). */
  readonly holidays: Readonly<Record<string, string>>;
  /** 'YYYY-MM-DD' → make-up working day (name, the holiday it belongs to, whose hours it keeps). */
  readonly makeUpDays: Readonly<Record<string, Readonly<MakeUpDay>>>;
  /** Holiday name → English name. */
  readonly namesEn: Readonly<Record<string, string>>;
}

interface ShippedYear {
  holidays: Array<{ date: string; name: string }>;
  makeUpDays: Array<{ date: string; name: string; holiday: string; worksLike: number }>;
}

export const STANDARD_CALENDAR_NAME = '标准工作日';

const minutes = (hh: number, mm = 0) => hh * 60 + mm;

/** Monday–Friday 09:00–12:00 and 13:00–18:00 (docs/domain.md, Time). */
export const STANDARD_WORKING_DAY: readonly WorkingPeriod[] = Object.freeze([
  { start: minutes(9), end: minutes(12) },
  { start: minutes(13), end: minutes(18) },
]);

let cachedData: ChinaHolidayData | null = null;
let cachedStandard: Calendar | null = null;

/** The shipped holiday data, flattened for lookups; built once, on first use. */
export function chinaHolidayData(): ChinaHolidayData {
  if (cachedData) return cachedData;
  const years = data.years as Record<string, ShippedYear>;
  const holidays: Record<string, string> = {};
  const makeUpDays: Record<string, MakeUpDay> = {};
  for (const year of Object.values(years)) {
    for (const h of year.holidays) holidays[h.date] = h.name;
    for (const m of year.makeUpDays) makeUpDays[m.date] = Object.freeze({ name: m.name, holiday: m.holiday, worksLike: m.worksLike as IsoWeekday });
  }
  // Frozen: every caller shares this one copy.
  cachedData = Object.freeze({
    source: data.source,
    years: Object.freeze(
      Object.keys(years)
        .map(Number)
        .sort((a, b) => a - b),
    ),
    holidays: Object.freeze(holidays),
    makeUpDays: Object.freeze(makeUpDays),
    namesEn: Object.freeze({ ...data.names }),
  });
  return cachedData;
}

/** 标准工作日 as data, e.g. to lay a workbook's 节假日 rows over it (see calendarWithOverrides). */
export function standardCalendarDefinition(): CalendarDefinition {
  const china = chinaHolidayData();
  const weekday = () => STANDARD_WORKING_DAY.map((p) => ({ ...p }));
  return {
    name: STANDARD_CALENDAR_NAME,
    nameEn: 'standard working days',
    hoursPerWorkingDay: 8,
    week: { 1: weekday(), 2: weekday(), 3: weekday(), 4: weekday(), 5: weekday() },
    holidays: { ...china.holidays },
    makeUpDays: { ...china.makeUpDays },
    yearsWithData: [...china.years],
    holidayNamesEn: { ...china.namesEn },
  };
}

/** The default calendar, 标准工作日 with China's holidays and make-up days; one shared instance. */
export function standardCalendar(): Calendar {
  cachedStandard ??= createCalendar(standardCalendarDefinition());
  return cachedStandard;
}
