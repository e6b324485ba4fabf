// Per-year lookup tables, so that every operation is a few array reads and one binary search instead of a
// walk through days or minutes. A year is built the first time anything asks about it.
import { dateOfDay, dayStartMs, firstDayOfYear, isoWeekdayOfDay, yearOfDay, DAY_MS } from './shanghai-time.ts';

/**
 * One Shanghai calendar year. Periods are flattened across the year in time order; "position" means working
 * milliseconds since the start of the year.
 */
export interface YearTable {
  readonly year: number;
  /** Day index (days since 1970-01-01) of 1 January. */
  readonly firstDay: number;
  /** Number of days in the year. */
  readonly days: number;
  /** 'YYYY-MM-DD' of each day, for holiday lookups and proofs. */
  readonly dates: readonly string[];
  /** Working ms in the whole year. */
  readonly total: number;
  /** Position at the start of each day; `days + 1` entries, the last being `total`. */
  readonly dayPosition: Float64Array;
  /** Index of each day's first period; `days + 1` entries, the last being the period count. */
  readonly dayFirstPeriod: Int32Array;
  /** Period bounds as instants. */
  readonly periodStart: Float64Array;
  readonly periodEnd: Float64Array;
  /** Position at each period's start. */
  readonly periodPosition: Float64Array;
}

export interface DaySchedule {
  /** Per ISO weekday (index 1..7): [start, end, start, end, …] in ms from local midnight. */
  weekMs: ReadonlyArray<readonly number[]>;
  holidays: ReadonlyMap<string, string>;
  makeUpDays: ReadonlyMap<string, { worksLike: number }>;
}

const NO_PERIODS: readonly number[] = [];

export class YearTables {
  private readonly byYear = new Map<number, YearTable>();
  // Consecutive calls nearly always stay in one year: remembering it skips the map and the year arithmetic.
  private last: YearTable | null = null;

  constructor(private readonly schedule: DaySchedule) {}

  /** The table of the year holding `day`. */
  forDay(day: number): YearTable {
    const last = this.last;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the remembered year is a shortcut; missing it looks the same table up by year.
    if (last !== null && day >= last.firstDay && day < last.firstDay + last.days) return last;
    const table = this.forYear(yearOfDay(day));
    this.last = table;
    return table;
  }

  forYear(year: number): YearTable {
    let table = this.byYear.get(year);
    // Stryker disable next-line ConditionalExpression: a cache; a table built again is equal.
    if (!table) {
      table = this.build(year);
      this.byYear.set(year, table);
    }
    return table;
  }

  /** 'YYYY-MM-DD' of a day, from the tables rather than from Date. */
  dateOf(day: number): string {
    const table = this.forDay(day);
    return table.dates[day - table.firstDay]!;
  }

  /** Working periods of one day, [start, end, …] in ms from local midnight. */
  private periodsOfDay(day: number, date: string): readonly number[] {
    const { weekMs, holidays, makeUpDays } = this.schedule;
    if (holidays.has(date)) return NO_PERIODS;
    const makeUp = makeUpDays.get(date);
    if (makeUp) return weekMs[makeUp.worksLike] ?? NO_PERIODS;
    return weekMs[isoWeekdayOfDay(day)] ?? NO_PERIODS;
  }

  private build(year: number): YearTable {
    const firstDay = firstDayOfYear(year);
    const days = firstDayOfYear(year + 1) - firstDay;
    const dayPosition = new Float64Array(days + 1);
    const dayFirstPeriod = new Int32Array(days + 1);
    const dates: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const positions: number[] = [];
    let position = 0;
    for (let i = 0; i < days; i++) {
      dayPosition[i] = position;
      dayFirstPeriod[i] = starts.length;
      dates.push(dateOfDay(firstDay + i));
      const periods = this.periodsOfDay(firstDay + i, dates[i]!);
      const midnight = dayStartMs(firstDay + i);
      for (let k = 0; k < periods.length; k += 2) {
        const start = periods[k]!;
        const end = periods[k + 1]!;
        starts.push(midnight + start);
        ends.push(midnight + end);
        positions.push(position);
        position += end - start;
      }
    }
    dayPosition[days] = position;
    dayFirstPeriod[days] = starts.length;
    return {
      year,
      firstDay,
      days,
      dates,
      total: position,
      dayPosition,
      dayFirstPeriod,
      periodStart: Float64Array.from(starts),
      periodEnd: Float64Array.from(ends),
      periodPosition: Float64Array.from(positions),
    };
  }
}

/** Working ms from the start of the table's year to `ms`, which must lie in that year. */
export function positionIn(table: YearTable, ms: number): number {
  const i = Math.floor((ms - dayStartMs(table.firstDay)) / DAY_MS);
  const last = table.dayFirstPeriod[i + 1]!;
  // Stryker disable next-line EqualityOperator: one step further reads the next day's first period, whose position is the next day's, the value returned after the loop.
  for (let k = table.dayFirstPeriod[i]!; k < last; k++) {
    const end = table.periodEnd[k]!;
    // Stryker disable next-line EqualityOperator: at a period's end both branches give the position of that end.
    if (ms < end) {
      const start = table.periodStart[k]!;
      // Stryker disable next-line EqualityOperator: at a period's start both branches give its position.
      return ms > start ? table.periodPosition[k]! + (ms - start) : table.periodPosition[k]!;
    }
  }
  return table.dayPosition[i + 1]!;
}

/**
 * The earliest instant whose position reaches `target` (0 < target ≤ total). Earliest is what makes a window
 * that ends exactly at a period's end fall due at that end rather than at the next period's start.
 * `fromDay` (an index within the year at or before the answer) narrows the search.
 */
export function instantAt(table: YearTable, target: number, fromDay: number): number {
  const dayPosition = table.dayPosition;
  let lo = fromDay;
  let hi = table.days - 1;
  // Most windows end within days of their start: gallop forward before halving.
  let step = 1;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the gallop only narrows the search; the scan of periods below finds the answer from any day at or before it.
  while (lo + step < hi && dayPosition[lo + step + 1]! < target) {
    // Stryker disable next-line ArithmeticOperator: a shorter stride only slows the gallop; lo stays at or before the answer.
    lo += step + 1;
    // Stryker disable next-line AssignmentOperator: the gallop's growth changes its speed only (see the scan below).
    step *= 2;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the upper bound only narrows the halving; lo stays at or before the answer.
  if (lo + step < hi) hi = lo + step;
  // Stryker disable next-line ConditionalExpression: without halving, the scan of periods below starts earlier and finds the same instant.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // Stryker disable next-line ConditionalExpression: halving towards lo only leaves the scan below more periods to pass.
    if (dayPosition[mid + 1]! >= target) hi = mid;
    else lo = mid + 1;
  }
  const periodCount = table.periodStart.length;
  // Stryker disable next-line EqualityOperator: the answer is found before the last period (callers pass target ≤ total); one step further is never taken.
  for (let k = table.dayFirstPeriod[lo]!; k < periodCount; k++) {
    const position = table.periodPosition[k]!;
    const start = table.periodStart[k]!;
    if (position + (table.periodEnd[k]! - start) >= target) return start + (target - position);
  }
  // Stryker disable next-line StringLiteral: unreachable, callers pass 0 < target ≤ total; the throw guards a broken caller.
  throw new Error(`position ${target} lies beyond the year ${table.year}`);
}
