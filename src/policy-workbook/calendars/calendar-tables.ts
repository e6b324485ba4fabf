// The tables of the 服务时间 and 节假日 sheets, recognised by their headers wherever they stand, collected
// over the whole workbook and checked once it is read: assignments name services from any sheet.
import type { Catalog, HolidayEntry } from '../../catalog/catalog.ts';
import { isAssignmentHeader, parseAssignmentTable, type PendingAssignment } from './calendar-assignment-parser.ts';
import { checkCalendars } from './calendar-checks.ts';
import { isCalendarHeader, parseCalendarTable, type CalendarRow } from './calendar-table-parser.ts';
import { checkHolidays } from '../holidays/holiday-checks.ts';
import { isHolidayHeader, parseHolidayTable } from '../holidays/holiday-table-parser.ts';
import type { ImportIssue } from '../../workbook/import-issue.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';

export type CalendarTableKind = 'calendars' | 'calendar_assignments' | 'holidays';

export function calendarTableKind(row: GridRow, sheet: string): CalendarTableKind | null {
  if (isCalendarHeader(row)) return 'calendars';
  if (isAssignmentHeader(row)) return 'calendar_assignments';
  if (isHolidayHeader(row, sheet)) return 'holidays';
  return null;
}

/** Rows of every calendar table read so far, in workbook order. */
export interface CalendarTableRows {
  calendars: CalendarRow[];
  assignments: PendingAssignment[];
  holidays: HolidayEntry[];
}

export function emptyCalendarTableRows(): CalendarTableRows {
  return { calendars: [], assignments: [], holidays: [] };
}

/** Reads one table into `into`; returns its issues and how many rows it imported. */
export function readCalendarTable(kind: CalendarTableKind, sheet: string, header: GridRow, rows: GridRow[], into: CalendarTableRows): { issues: ImportIssue[]; rows: number } {
  if (kind === 'calendars') {
    const parsed = parseCalendarTable(sheet, header, rows);
    into.calendars.push(...parsed.entries);
    return { issues: parsed.issues, rows: parsed.entries.filter((r) => r.entry !== null).length };
  }
  if (kind === 'calendar_assignments') {
    const parsed = parseAssignmentTable(sheet, header, rows);
    into.assignments.push(...parsed.entries);
    return { issues: parsed.issues, rows: parsed.entries.length };
  }
  const parsed = parseHolidayTable(sheet, header, rows);
  into.holidays.push(...parsed.entries);
  return { issues: parsed.issues, rows: parsed.entries.length };
}

/** Checks the collected rows against each other and the catalog, and puts what is valid into the catalog. */
export function finishCalendarTables(rows: CalendarTableRows, catalog: Catalog): ImportIssue[] {
  // Most workbooks have no calendar sheets: nothing to check, and no service lookup to build for a big catalog.
  if (rows.calendars.length === 0 && rows.assignments.length === 0 && rows.holidays.length === 0) {
    catalog.holidays = [];
    catalog.calendars = [];
    catalog.calendarAssignments = [];
    return [];
  }
  const holidays = checkHolidays(rows.holidays);
  const calendars = checkCalendars(rows.calendars, rows.assignments, catalog);
  catalog.holidays = holidays.holidays;
  catalog.calendars = calendars.calendars;
  catalog.calendarAssignments = calendars.calendarAssignments;
  return [...holidays.issues, ...calendars.issues];
}
