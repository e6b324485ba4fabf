// The catalog as a policy workbook states it (read from one, written back to one): plain values, no workbook
// library types, each with the cell it came from.
import type { DeliveredBy, Offering, ServiceKind, Tier } from './catalog-codes.ts';
import type { CellRef } from './cell-ref.ts';
import type { PriceList } from './price-list.ts';

export interface ResponseWindow {
  amount: number;
  unit: 'working_day' | 'working_hour';
}

export interface Coverage {
  daysPerWeek: number;
  hoursPerDay: number;
}

export interface Quota {
  perYear: number;
  personDaysEach: number;
  onsite: boolean;
}

export type Channel = 'standard' | 'dedicated';

/** What one tier cell grants. */
export interface TierGrant {
  included: boolean;
  channel: Channel | null;
  responseWindow: ResponseWindow | null;
  coverage: Coverage | null;
  quota: Quota | null;
  deliverables: string[];
  /** The cell's text, normalised (full-width folded, spaces collapsed); '' when blank. */
  text: string;
  source: CellRef;
}

export interface TierServiceEntry {
  offering: Offering;
  service: string;
  /** 服务项目 as the workbook names it. */
  label: string;
  kind: ServiceKind;
  grants: Record<Tier, TierGrant>;
  source: CellRef;
}

export interface SpecialServiceEntry {
  offering: Offering;
  service: string;
  label: string;
  description: string;
  deliveredBy: DeliveredBy;
  source: CellRef;
}

export type TableKind = 'tiers' | 'special_services';

/** One table found in the workbook, in workbook order; a sheet may hold several. */
export interface CatalogTable {
  sheet: string;
  kind: TableKind;
  offering: Offering;
  title: string | null;
  headerCell: string;
  /** The table's last column (a letter) when another table stands beside it to the right; absent otherwise. */
  throughColumn?: string;
}

/** A named working calendar from the 服务时间 sheet. Periods are 'HH:MM' local times, start < end, end may be '24:00'. */
export interface CalendarEntry {
  name: string;
  /** ISO weekday '1' (Mon) … '7' (Sun) → working periods; absent weekdays are days off. */
  week: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', { start: string; end: string }[]>>;
  /** true: China's public holidays are days off and make-up days (调休上班) are worked; false: the weekly schedule alone. */
  observesHolidays: boolean;
  source: CellRef;
}

/** Which calendar applies; null means "any". The most specific matching row wins (service > tier > offering). */
export interface CalendarAssignment {
  offering: Offering | null;
  tier: Tier | null;
  service: string | null;
  calendar: string;
  source: CellRef;
}

/**
 * A row of a 解决时限 table: how long requests of an offering × tier × service may take to resolve, in working time
 * on the calendar their response windows use; null keys match any, the most specific row applies.
 */
export interface ResolutionTarget {
  offering: Offering | null;
  tier: Tier | null;
  service: string | null;
  window: ResponseWindow;
  source: CellRef;
}

/** A row of the 节假日 sheet: extends and overrides the shipped holiday data. */
export interface HolidayEntry {
  date: string; // YYYY-MM-DD
  kind: 'off' | 'work';
  name: string;
  source: CellRef;
}

/** What a 测试用例 row expects; a field is absent when its cell is blank (not checked). null: expects none (无). */
export interface TestCaseExpectation {
  entitled?: boolean;
  /** A decision reason code (NOT_IN_TIER, ON_PREMISE_ONLY, …): expected among the decision's reasons. */
  reason?: string;
  channel?: Channel | null;
  responseWindow?: ResponseWindow | null;
  /** The respond-by instant, ISO-8601 with +08:00. */
  respondBy?: string | null;
  /** Uses left in the contract year. */
  remaining?: number | null;
}

/**
 * A row of the 测试用例 sheet: what the workbook must decide for one offering × tier × service at one instant, for
 * a contract with the stated facts. The workbook is refused activation while one of its cases decides otherwise.
 */
export interface TestCase {
  offering: Offering;
  tier: Tier;
  service: string;
  /** The instant asked about, ISO-8601 with +08:00 (typed as Shanghai wall time). */
  at: string;
  /** 已用次数: uses recorded in the contract year; null when the cell is blank (none). */
  used: number | null;
  /** 已购买: the contract bought the special service asked about. */
  purchased: boolean;
  expect: TestCaseExpectation;
  /** The cell of each expectation, for the results: a failing check points at the cell that says it. */
  cells: Partial<Record<keyof TestCaseExpectation, string>>;
  /** The row's 部署 cell. */
  source: CellRef;
}

export interface Catalog {
  tables: CatalogTable[];
  tierServices: TierServiceEntry[];
  specialServices: SpecialServiceEntry[];
  /** From the 服务时间 and 节假日 sheets; empty when the workbook has none, and 标准工作日 applies. */
  calendars: CalendarEntry[];
  calendarAssignments: CalendarAssignment[];
  holidays: HolidayEntry[];
  /** From the 价格 sheet; null when the workbook has none (quotes are then refused). */
  prices: PriceList | null;
  /** From 解决时限 tables; empty when the workbook has none, and resolutions are recorded but not judged. */
  resolutionTargets: ResolutionTarget[];
  /** From the 测试用例 sheet; empty when the workbook has none. */
  testCases: TestCase[];
}

/** A catalog with nothing in it, e.g. for a workbook that could not be read. */
export function emptyCatalog(): Catalog {
  return { tables: [], tierServices: [], specialServices: [], calendars: [], calendarAssignments: [], holidays: [], prices: null, resolutionTargets: [], testCases: [] };
}

/** Hours a response window lasts: 1 working day = 8 working hours (docs/domain.md, Time). */
export function windowHours(w: ResponseWindow): number {
  return w.unit === 'working_day' ? w.amount * 8 : w.amount;
}
