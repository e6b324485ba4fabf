// The calendar parts of a catalog written back as 服务时间 and 节假日 tables, in the layout the importer reads.
import { SPECIAL_SERVICES, TIER_SERVICES } from '../../catalog/catalog-codes.ts';
import { TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { CalendarAssignment, CalendarEntry, Catalog, HolidayEntry } from '../../catalog/catalog.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import { rowOf } from '../rules-document.ts';
import { formatPeriods, formatWeekdays } from './calendar-cells.ts';
import { OFFERING_COLUMN_HEADERS } from '../specials/special-table-parser.ts';
import type { WorkbookTable } from '../../workbook/workbook-writer.ts';

export const CALENDAR_SHEET = '服务时间';
export const HOLIDAY_SHEET = '节假日';
export const CALENDAR_TABLE = { title: '一、工作日历', header: ['日历名称', '工作日', '工作时间', '法定节假日'], widths: [20, 24, 36, 14] };
export const ASSIGNMENT_TABLE = { title: '二、日历适用范围', header: ['部署', '服务产品', '服务项目', '日历'], widths: [20, 24, 36, 14] };
export const HOLIDAY_TABLE = { title: '法定节假日与调休上班', header: ['日期', '类型', '名称'], widths: [16, 10, 24] };
export const ANY = '全部';

/** One row per group of weekdays with the same periods: one row for a calendar the importer read. */
function calendarRows(entry: CalendarEntry): string[][] {
  const groups = new Map<string, number[]>();
  for (const [day, periods] of Object.entries(entry.week).sort(([a], [b]) => Number(a) - Number(b))) {
    const key = formatPeriods(periods ?? []);
    groups.set(key, [...(groups.get(key) ?? []), Number(day)]);
  }
  return [...groups].map(([hours, days]) => [entry.name, formatWeekdays(days), hours, entry.observesHolidays ? '休息' : '照常']);
}

/** DOMAIN.md's name when the service has one, else its code: either reads back to the same code. */
export function serviceText(service: string): string {
  return [...TIER_SERVICES, ...SPECIAL_SERVICES].find((d) => d.code === service)?.names[0] ?? service;
}

function assignmentRow(a: CalendarAssignment): string[] {
  return [
    a.offering ? OFFERING_COLUMN_HEADERS[a.offering][0]! : ANY,
    a.tier ? TIER_NAMES[a.tier].zh : ANY,
    a.service ? serviceText(a.service) : ANY,
    a.calendar,
  ];
}

const holidayRow = (h: HolidayEntry) => [h.date, h.kind === 'off' ? '休' : '班', h.name];

interface Placed {
  sheet: string;
  firstRow: number;
  table: WorkbookTable;
}

/** Entries grouped by the sheet they came from: a table per sheet, rows in the order they stood. */
function tablesOf<E extends { source: CellRef }>(entries: readonly E[], spec: typeof HOLIDAY_TABLE, rows: (entry: E) => string[][]): Placed[] {
  const bySheet = new Map<string, E[]>();
  for (const e of entries) bySheet.set(e.source.sheet, [...(bySheet.get(e.source.sheet) ?? []), e]);
  return [...bySheet].map(([sheet, list]) => {
    const sorted = [...list].sort((a, b) => rowOf(a.source.cell) - rowOf(b.source.cell));
    return { sheet, firstRow: rowOf(sorted[0]!.source.cell), table: { sheet, title: spec.title, header: spec.header, rows: sorted.flatMap(rows), widths: spec.widths } };
  });
}

/** The 服务时间 and 节假日 tables of a catalog; on each sheet in the order their rows stood. */
export function calendarTables(catalog: Catalog): WorkbookTable[] {
  const placed = [
    ...tablesOf(catalog.calendars, CALENDAR_TABLE, calendarRows),
    ...tablesOf(catalog.calendarAssignments, ASSIGNMENT_TABLE, (a) => [assignmentRow(a)]),
    ...tablesOf(catalog.holidays, HOLIDAY_TABLE, (h) => [holidayRow(h)]),
  ];
  const sheets = [...new Set(placed.map((p) => p.sheet))];
  return placed.sort((a, b) => sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet) || a.firstRow - b.firstRow).map((p) => p.table);
}
