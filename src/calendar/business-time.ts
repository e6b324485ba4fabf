// Business-time arithmetic on a calendar: deadlines, elapsed working time, the next working moment.
// Each operation reads the per-year tables (year-tables.ts); none walks through days or minutes.
import type { ResponseWindow } from '../catalog/catalog.ts';
import { NoWorkingTimeError, type Calendar, type CalendarWarning, type Deadline } from './calendar-types.ts';
import { dayOf, HOUR_MS, yearOfDay } from './shanghai-time.ts';
import { instantAt, positionIn } from './year-tables.ts';

/** How far ahead a search may go before the calendar is judged to have no working time. */
export const SEARCH_HORIZON_YEARS = 10;

const NO_WARNINGS: readonly CalendarWarning[] = Object.freeze([]);

function checkInstant(what: string, ms: number): void {
  if (!Number.isFinite(ms)) throw new RangeError(`${what} must be a finite number of epoch milliseconds, not ${ms}`);
}

/** Working milliseconds of a response window: N working days last N × the calendar's hours per working day. */
export function windowToWorkingMs(calendar: Calendar, window: ResponseWindow): number {
  const hours = window.unit === 'working_day' ? window.amount * calendar.hoursPerWorkingDay : window.amount;
  return hours * HOUR_MS;
}

function noHolidayData(year: number): CalendarWarning {
  return {
    code: 'NO_HOLIDAY_DATA',
    year,
    message: {
      zh: `${year} 年尚无节假日数据：该年仅按每周工作时间计算，未计入法定节假日和调休上班日。`,
      en: `No holiday data for ${year}: that year is counted by the weekly working hours only, without public holidays or make-up working days.`,
    },
  };
}

/** A warning for each year from `fromYear` to `toYear` that the calendar has no holiday data for. */
export function warningsForYears(calendar: Calendar, fromYear: number, toYear: number): readonly CalendarWarning[] {
  let warnings: CalendarWarning[] | null = null;
  for (let year = fromYear; year <= toYear; year++) {
    if (!calendar.yearsWithData.has(year)) (warnings ??= []).push(noHolidayData(year));
  }
  return warnings ?? NO_WARNINGS;
}

/**
 * Warnings for the years an interval touches. `businessTimeBetween` and `nextWorkingMoment` return bare
 * numbers for speed; whoever shows their result to people asks this for the same interval.
 */
export function holidayDataWarnings(calendar: Calendar, fromMs: number, toMs: number): readonly CalendarWarning[] {
  checkInstant('fromMs', fromMs);
  checkInstant('toMs', toMs);
  const a = yearOfDay(dayOf(Math.min(fromMs, toMs)));
  const b = yearOfDay(dayOf(Math.max(fromMs, toMs)));
  return warningsForYears(calendar, a, b);
}

/** Whether `ms` lies in a working period: period starts count, period ends do not. */
export function isWorkingTime(calendar: Calendar, ms: number): boolean {
  checkInstant('ms', ms);
  const day = dayOf(ms);
  const table = calendar.tables.forDay(day);
  const i = day - table.firstDay;
  const last = table.dayFirstPeriod[i + 1]!;
  // Stryker disable next-line EqualityOperator: one step further reads the next day's first period, which starts after ms (false, as after the loop), or past the year's last period (undefined: false).
  for (let k = table.dayFirstPeriod[i]!; k < last; k++) {
    if (ms < table.periodStart[k]!) return false;
    if (ms < table.periodEnd[k]!) return true;
  }
  return false;
}

/** `ms` itself when it is working time, otherwise the start of the next working period. */
export function nextWorkingMoment(calendar: Calendar, ms: number): number {
  checkInstant('ms', ms);
  const day = dayOf(ms);
  let table = calendar.tables.forDay(day);
  const count = table.periodStart.length;
  // Stryker disable next-line EqualityOperator: one step further reads past the year's last period (undefined), which matches nothing, as after the loop.
  for (let k = table.dayFirstPeriod[day - table.firstDay]!; k < count; k++) {
    if (ms < table.periodEnd[k]!) return Math.max(ms, table.periodStart[k]!);
  }
  const startYear = table.year;
  for (let year = startYear + 1; year <= startYear + SEARCH_HORIZON_YEARS; year++) {
    table = calendar.tables.forYear(year);
    if (table.periodStart.length > 0) return table.periodStart[0]!;
  }
  throw new NoWorkingTimeError(calendar.name, ms, SEARCH_HORIZON_YEARS);
}

/**
 * The instant by which `durationMs` of working time has elapsed, counted from `startMs` (or from the next
 * working moment when it arrives outside working time). A duration that ends exactly at the end of a working
 * period falls due at that end: Friday 17:00 + 1 h is Friday 18:00, not Monday 09:00. A zero duration gives
 * the moment the clock would start.
 */
export function addBusinessTime(calendar: Calendar, startMs: number, durationMs: number): Deadline {
  checkInstant('startMs', startMs);
  if (!(Number.isFinite(durationMs) && durationMs >= 0)) throw new RangeError(`durationMs must be a finite number ≥ 0, not ${durationMs}`);
  if (durationMs === 0) {
    const at = nextWorkingMoment(calendar, startMs);
    return { at, warnings: warningsForYears(calendar, yearOfDay(dayOf(startMs)), yearOfDay(dayOf(at))) };
  }
  const startDay = dayOf(startMs);
  let table = calendar.tables.forDay(startDay);
  const startYear = table.year;
  let fromDay = startDay - table.firstDay;
  let target = positionIn(table, startMs) + durationMs;
  while (target > table.total) {
    target -= table.total;
    if (table.year - startYear >= SEARCH_HORIZON_YEARS) throw new NoWorkingTimeError(calendar.name, startMs, SEARCH_HORIZON_YEARS);
    table = calendar.tables.forYear(table.year + 1);
    fromDay = 0;
  }
  const at = instantAt(table, target, fromDay);
  // Stryker disable next-line ConditionalExpression: a shortcut; warningsForYears gives no warnings for that one year with data too.
  const warnings = startYear === table.year && calendar.yearsWithData.has(startYear) ? NO_WARNINGS : warningsForYears(calendar, startYear, table.year);
  return { at, warnings };
}

/** Working milliseconds between two instants; 0 when `toMs` is not after `fromMs`. */
export function businessTimeBetween(calendar: Calendar, fromMs: number, toMs: number): number {
  checkInstant('fromMs', fromMs);
  checkInstant('toMs', toMs);
  // Stryker disable next-line EqualityOperator: equal instants fall through to one table and a difference of 0.
  if (toMs <= fromMs) return 0;
  const tables = calendar.tables;
  const from = tables.forDay(dayOf(fromMs));
  const fromPosition = positionIn(from, fromMs);
  const to = tables.forDay(dayOf(toMs));
  if (to === from) return positionIn(to, toMs) - fromPosition;
  let elapsed = from.total - fromPosition;
  for (let year = from.year + 1; year < to.year; year++) elapsed += tables.forYear(year).total;
  return elapsed + positionIn(to, toMs);
}
