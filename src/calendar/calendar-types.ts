// The vocabulary of working calendars (docs/domain.md, Time). Instants are epoch milliseconds; business time is
// milliseconds of working time; every calendar lives in Asia/Shanghai.
import type { YearTables } from './year-tables.ts';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A stretch of working time within a day, in minutes from local midnight; start inclusive, end exclusive. */
export interface WorkingPeriod {
  start: number;
  end: number;
}

/** A weekend day worked in exchange for a holiday (调休上班), on the hours of the weekday it works like. */
export interface MakeUpDay {
  name: string;
  worksLike: IsoWeekday;
  /** The holiday it belongs to, when known (e.g. 春节). */
  holiday?: string;
}

/** A calendar as data: what a workbook or the shipped holiday set describes. */
export interface CalendarDefinition {
  name: string;
  /** For English sentences; the Chinese name is shown when absent. */
  nameEn?: string;
  /** Working hours in one working day; 8 unless the calendar says otherwise. */
  hoursPerWorkingDay?: number;
  /** Working periods per ISO weekday; a weekday that is absent or empty is a day off. */
  week: Partial<Record<IsoWeekday, WorkingPeriod[]>>;
  /** Days off, 'YYYY-MM-DD' → name. */
  holidays: Record<string, string>;
  /** Make-up working days, 'YYYY-MM-DD' → day. */
  makeUpDays: Record<string, MakeUpDay>;
  /** Years whose holidays are known; any other year is counted by the weekly schedule alone, with a warning. */
  yearsWithData: number[];
  /** English names of holidays, for sentences (e.g. 春节 → Spring Festival). */
  holidayNamesEn?: Record<string, string>;
}

/** A row of the workbook's 节假日 sheet: 日期, 类型 (休 = off, 班 = work), 名称. */
export interface HolidayRow {
  date: string;
  kind: 'off' | 'work';
  name: string;
  /** For a 'work' row: whose hours the day keeps; Monday's for a weekend day, its own for a weekday. */
  worksLike?: IsoWeekday;
}

export interface BilingualText {
  zh: string;
  en: string;
}

export interface CalendarWarning {
  code: 'NO_HOLIDAY_DATA';
  year: number;
  message: BilingualText;
}

/** An immutable, validated calendar; build one with `createCalendar`. */
export interface Calendar {
  readonly name: string;
  readonly nameEn: string | null;
  readonly hoursPerWorkingDay: number;
  /** Working periods per ISO weekday (index 1..7; index 0 unused), sorted, in minutes from local midnight. */
  readonly week: ReadonlyArray<readonly WorkingPeriod[]>;
  readonly holidays: ReadonlyMap<string, string>;
  readonly makeUpDays: ReadonlyMap<string, Readonly<MakeUpDay>>;
  readonly yearsWithData: ReadonlySet<number>;
  readonly holidayNamesEn: ReadonlyMap<string, string>;
  /** The definition it was built from, for building a variant (e.g. with a workbook's rows). */
  readonly definition: Readonly<CalendarDefinition>;
  /** Per-year lookup tables, built on first use; internal to src/calendar. */
  readonly tables: YearTables;
}

export interface Deadline {
  at: number;
  warnings: readonly CalendarWarning[];
}

/** A definition that cannot make a usable calendar; `details` says which part, for the person who wrote it. */
export class CalendarDefinitionError extends Error {
  constructor(
    message: string,
    readonly details: BilingualText,
  ) {
    super(message);
    this.name = 'CalendarDefinitionError';
  }
}

/**
 * No working time within the search horizon: a calendar of holidays only, or a window beyond it. Not a refusal
 * (no DomainError): a definition must have working periods (calendar-definition.ts), so getting here is a bug.
 */
export class NoWorkingTimeError extends Error {
  constructor(calendar: string, fromMs: number, years: number) {
    super(`calendar "${calendar}" has no working time within ${years} years after ${new Date(fromMs).toISOString()}`);
    this.name = 'NoWorkingTimeError';
  }
}
