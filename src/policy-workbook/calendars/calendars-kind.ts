// The 服务时间 sheet as a sheet kind: working calendars (日历名称 | 工作日 | 工作时间 | 法定节假日) and which calendar
// applies where (部署 | 服务产品 | 服务项目 | 日历), recognised by their headers wherever they stand, collected over
// the whole workbook and checked once it is read: assignments name services and calendars from any sheet.
import type { SheetKind } from '../sheet-kind.ts';
import { SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, TIER_NAME_WORDS } from '../shared-columns.ts';
import { ASSIGNMENT_CALENDAR_WORDS, isAssignmentHeader, parseAssignmentTable, type PendingAssignment } from './calendar-assignment-parser.ts';
import { checkCalendars } from './calendar-checks.ts';
import { diffCalendars } from './calendar-diff.ts';
import { calendarTables } from './calendar-export.ts';
import { buildCalendars, calendarsFromRules } from './calendar-rules.ts';
import {
  CALENDAR_NAME_WORDS,
  OBSERVES_WORDS,
  WORKDAY_WORDS,
  WORKING_HOURS_WORDS,
  isCalendarHeader,
  parseCalendarTable,
  type CalendarRow,
} from './calendar-table-parser.ts';

export const CALENDARS_KIND: SheetKind = {
  name: 'calendars',
  tables: {
    calendars: { zh: '工作日历', en: 'Calendars' },
    calendar_assignments: { zh: '日历适用范围', en: 'Calendar assignments' },
  },
  sheetRole: 'calendars',
  summaryList: 'calendarTables',
  hiddenTables: { zh: '节假日或服务时间表', en: 'holiday or calendar table' },

  vocabulary: {
    columns: {
      name: CALENDAR_NAME_WORDS,
      workdays: WORKDAY_WORDS,
      hours: WORKING_HOURS_WORDS,
      observes: OBSERVES_WORDS,
      offering: SCOPE_OFFERING_WORDS,
      tier: SCOPE_TIER_WORDS,
      service: TIER_NAME_WORDS,
      calendar: ASSIGNMENT_CALENDAR_WORDS,
    },
  },
  orientations: ['rows'],

  tableAt(row) {
    if (isCalendarHeader(row)) return 'calendars';
    if (isAssignmentHeader(row)) return 'calendar_assignments';
    return null;
  },

  startReading() {
    const calendars: CalendarRow[] = [];
    const assignments: PendingAssignment[] = [];
    return {
      read({ kind, sheet, header, rows }) {
        const headerCell = header.cells[0]!.address;
        if (kind === 'calendars') {
          const parsed = parseCalendarTable(sheet, header, rows);
          calendars.push(...parsed.entries);
          return { issues: parsed.issues, summary: { kind, headerCell, rows: parsed.entries.filter((r) => r.entry !== null).length } };
        }
        const parsed = parseAssignmentTable(sheet, header, rows);
        assignments.push(...parsed.entries);
        return { issues: parsed.issues, summary: { kind, headerCell, rows: parsed.entries.length } };
      },
      finish(catalog) {
        // Most workbooks have no calendar sheets: nothing to check, and no service lookup to build for a big catalog.
        if (calendars.length === 0 && assignments.length === 0) return [];
        const checked = checkCalendars(calendars, assignments, catalog);
        catalog.calendars = checked.calendars;
        catalog.calendarAssignments = checked.calendarAssignments;
        return checked.issues;
      },
    };
  },

  build: buildCalendars,
  fromRules: calendarsFromRules,
  export: calendarTables,
  diff: diffCalendars,
};
