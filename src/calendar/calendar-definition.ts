// From a calendar as data (shipped holidays, a workbook's sheets) to a validated calendar ready for arithmetic.
import {
  CalendarDefinitionError,
  type Calendar,
  type CalendarDefinition,
  type HolidayRow,
  type IsoWeekday,
  type MakeUpDay,
  type WorkingPeriod,
} from './calendar-types.ts';
import { dayOfDate, isoWeekdayOfDay, MINUTE_MS } from './shanghai-time.ts';
import { YearTables } from './year-tables.ts';

const DEFAULT_HOURS_PER_WORKING_DAY = 8;

function fail(en: string, zh: string): never {
  throw new CalendarDefinitionError(en, { zh, en });
}

function isWeekday(n: unknown): n is IsoWeekday {
  return Number.isInteger(n) && (n as number) >= 1 && (n as number) <= 7;
}

function checkDate(date: string, where: string): number {
  const day = dayOfDate(date);
  if (day === null) fail(`${where}: "${date}" is not a date (YYYY-MM-DD)`, `${where}:“${date}”不是日期(YYYY-MM-DD)`);
  return day;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function checkWeek(calendar: string, week: CalendarDefinition['week']): WorkingPeriod[][] {
  const out: WorkingPeriod[][] = [[]];
  for (const key of Object.keys(week)) {
    if (!isWeekday(Number(key))) fail(`calendar "${calendar}": weekday ${key} is not 1 (Monday) … 7 (Sunday)`, `日历“${calendar}”:星期 ${key} 不在 1(周一)…7(周日)之间`);
  }
  for (let weekday = 1; weekday <= 7; weekday++) {
    const periods = [...(week[weekday as IsoWeekday] ?? [])].sort((a, b) => a.start - b.start);
    periods.forEach((p, i) => {
      const ok = Number.isInteger(p.start) && Number.isInteger(p.end) && p.start >= 0 && p.end <= 24 * 60 && p.start < p.end;
      if (!ok) fail(`calendar "${calendar}": weekday ${weekday} has an invalid period ${p.start}–${p.end} (minutes from midnight)`, `日历“${calendar}”:星期 ${weekday} 的工作时段 ${p.start}–${p.end}(自零点起的分钟数)无效`);
      const previous = periods[i - 1];
      if (previous && previous.end > p.start) {
        fail(
          `calendar "${calendar}": weekday ${weekday} has overlapping periods ${hhmm(previous.start)}–${hhmm(previous.end)} and ${hhmm(p.start)}–${hhmm(p.end)}`,
          `日历“${calendar}”:星期 ${weekday} 的工作时段 ${hhmm(previous.start)}–${hhmm(previous.end)} 与 ${hhmm(p.start)}–${hhmm(p.end)} 重叠`,
        );
      }
    });
    out.push(periods.map((p) => ({ start: p.start, end: p.end })));
  }
  // Without this, searching for the next working moment could only end at the search horizon.
  if (out.every((periods) => periods.length === 0)) fail(`calendar "${calendar}" has no working periods on any weekday`, `日历“${calendar}”没有任何工作时段`);
  return out;
}

/** Validates a definition and builds the calendar; throws CalendarDefinitionError saying what is wrong. */
export function createCalendar(definition: CalendarDefinition): Calendar {
  const name = definition.name?.trim();
  if (!name) fail('a calendar needs a name', '日历需要名称');
  const hoursPerWorkingDay = definition.hoursPerWorkingDay ?? DEFAULT_HOURS_PER_WORKING_DAY;
  if (!(Number.isFinite(hoursPerWorkingDay) && hoursPerWorkingDay > 0 && hoursPerWorkingDay <= 24)) {
    fail(`calendar "${name}": hours per working day must be more than 0 and at most 24`, `日历“${name}”:每个工作日的小时数须大于 0 且不超过 24`);
  }
  const week = checkWeek(name, definition.week);

  const holidays = new Map<string, string>();
  for (const [date, holiday] of Object.entries(definition.holidays)) {
    checkDate(date, `calendar "${name}", holiday`);
    holidays.set(date, holiday);
  }
  const makeUpDays = new Map<string, Readonly<MakeUpDay>>();
  for (const [date, day] of Object.entries(definition.makeUpDays)) {
    checkDate(date, `calendar "${name}", make-up working day`);
    if (holidays.has(date)) fail(`calendar "${name}": ${date} is both a holiday and a make-up working day`, `日历“${name}”:${date} 既是节假日又是调休上班日`);
    if (!isWeekday(day.worksLike)) fail(`calendar "${name}": make-up working day ${date} works like weekday ${day.worksLike}, not 1 … 7`, `日历“${name}”:调休上班日 ${date} 的参照星期 ${day.worksLike} 不在 1…7 之间`);
    makeUpDays.set(date, Object.freeze({ ...day }));
  }
  const years = definition.yearsWithData.map((y) => {
    if (!Number.isInteger(y)) fail(`calendar "${name}": ${y} is not a year`, `日历“${name}”:${y} 不是年份`);
    return y;
  });

  const weekMs = week.map((periods) => periods.flatMap((p) => [p.start * MINUTE_MS, p.end * MINUTE_MS]));
  return Object.freeze({
    name,
    nameEn: definition.nameEn?.trim() || null,
    hoursPerWorkingDay,
    week: Object.freeze(week.map((periods) => Object.freeze(periods))),
    holidays,
    makeUpDays,
    yearsWithData: new Set(years),
    holidayNamesEn: new Map(Object.entries(definition.holidayNamesEn ?? {})),
    definition: Object.freeze({ ...definition }),
    tables: new YearTables({ weekMs, holidays, makeUpDays }),
  });
}

/**
 * The definition with a workbook's 节假日 rows laid over it: a row replaces whatever the date was (an 'off'
 * row removes a make-up day there, a 'work' row removes a holiday), later rows win, and a year with any row
 * counts as a year with holiday data.
 */
export function withHolidayRows(definition: CalendarDefinition, rows: readonly HolidayRow[]): CalendarDefinition {
  const holidays = { ...definition.holidays };
  const makeUpDays = { ...definition.makeUpDays };
  const years = new Set(definition.yearsWithData);
  rows.forEach((row, i) => {
    const where = `holiday row ${i + 1}`;
    const day = checkDate(row.date, where);
    const name = row.name?.trim() ?? '';
    if (row.kind === 'off') {
      delete makeUpDays[row.date];
      holidays[row.date] = name || '节假日';
    } else if (row.kind === 'work') {
      delete holidays[row.date];
      const weekday = isoWeekdayOfDay(day) as IsoWeekday;
      const worksLike = row.worksLike ?? (weekday >= 6 ? 1 : weekday);
      makeUpDays[row.date] = { name: name || '调休上班', worksLike };
    } else {
      fail(`${where}: kind must be 'off' (休) or 'work' (班)`, `第 ${i + 1} 行节假日:类型须为“休”或“班”`);
    }
    years.add(Number(row.date.slice(0, 4)));
  });
  return { ...definition, holidays, makeUpDays, yearsWithData: [...years].sort((a, b) => a - b) };
}

/** A calendar from a definition plus the workbook's 节假日 rows, which extend and override its holidays. */
export function calendarWithOverrides(definition: CalendarDefinition, rows: readonly HolidayRow[]): Calendar {
  return createCalendar(withHolidayRows(definition, rows));
}
