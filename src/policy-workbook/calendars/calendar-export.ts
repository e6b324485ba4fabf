// The 服务时间 sheet's tables written back (工作日历, then 日历适用范围), in the layout the importer reads; the
// sample workbook uses the same layout.
import { TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { CalendarAssignment, CalendarEntry, Catalog } from '../../catalog/catalog.ts';
import { tablesBySheet } from '../exported-tables.ts';
import { ANY, OFFERING_COLUMN_HEADERS, serviceText } from '../shared-columns.ts';
import type { ExportedTable } from '../sheet-kind.ts';
import { formatPeriods, formatWeekdays } from './calendar-cells.ts';

export const CALENDAR_SHEET = '服务时间';
export const CALENDAR_TABLE = { title: '一、工作日历', header: ['日历名称', '工作日', '工作时间', '法定节假日'], widths: [20, 24, 36, 14] };
export const ASSIGNMENT_TABLE = { title: '二、日历适用范围', header: ['部署', '服务产品', '服务项目', '日历'], widths: [20, 24, 36, 14] };

/** One row per group of weekdays with the same periods: one row for a calendar the importer read. */
function calendarRows(entry: CalendarEntry): string[][] {
  const groups = new Map<string, number[]>();
  for (const [day, periods] of Object.entries(entry.week).sort(([a], [b]) => Number(a) - Number(b))) {
    const key = formatPeriods(periods ?? []);
    groups.set(key, [...(groups.get(key) ?? []), Number(day)]);
  }
  return [...groups].map(([hours, days]) => [entry.name, formatWeekdays(days), hours, entry.observesHolidays ? '休息' : '照常']);
}

function assignmentRow(a: CalendarAssignment): string[] {
  return [
    a.offering ? OFFERING_COLUMN_HEADERS[a.offering][0]! : ANY,
    a.tier ? TIER_NAMES[a.tier].zh : ANY,
    a.service ? serviceText(a.service) : ANY,
    a.calendar,
  ];
}

export function calendarTables(catalog: Catalog): ExportedTable[] {
  return [
    ...tablesBySheet(catalog.calendars, CALENDAR_TABLE, (list) => list.flatMap(calendarRows)),
    ...tablesBySheet(catalog.calendarAssignments, ASSIGNMENT_TABLE, (list) => list.map(assignmentRow)),
  ];
}
