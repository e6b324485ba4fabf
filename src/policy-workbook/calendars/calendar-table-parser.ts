// Reads one table of working calendars (日历名称 | 工作日 | 工作时间 | 法定节假日) from the 服务时间 sheet.
import type { CalendarEntry } from '../../catalog/catalog.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import {
  HOURS_EXPECTED,
  OBSERVES_EXPECTED,
  WEEKDAYS_EXPECTED,
  parseObservesHolidays,
  parseWeekdays,
  parseWorkingHours,
  type WeekdayKey,
} from './calendar-cells.ts';
import { checkHeaderColumns, missingColumn } from '../header-columns.ts';
import { importError, type ImportIssue, pushOnce } from '../../workbook/import-issue.ts';
import { columnCell, findColumn, type ColumnCell } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { columnWords } from '../column-words.ts';

export const CALENDAR_NAME_WORDS = columnWords(['日历名称', '日历名'], ['Calendar name']);
export const WORKDAY_WORDS = columnWords(['工作日', '工作星期', '星期'], ['Working days', 'Workdays', 'Weekdays', 'Days']);
export const WORKING_HOURS_WORDS = columnWords(['工作时间', '工作时段', '服务时间'], ['Working hours', 'Hours', 'Service hours']);
export const OBSERVES_WORDS = columnWords(['法定节假日', '节假日', '法定假日'], ['Public holidays', 'Holidays', 'Statutory holidays']);
export const CALENDAR_NAME_HEADERS = CALENDAR_NAME_WORDS.all;
export const WORKDAY_HEADERS = WORKDAY_WORDS.all;
export const WORKING_HOURS_HEADERS = WORKING_HOURS_WORDS.all;
export const OBSERVES_HEADERS = OBSERVES_WORDS.all;
const TABLE = { zh: '工作日历', en: 'working-calendar' };

export function isCalendarHeader(row: GridRow): boolean {
  return findColumn(row, CALENDAR_NAME_HEADERS) !== null && (findColumn(row, WORKDAY_HEADERS) !== null || findColumn(row, WORKING_HOURS_HEADERS) !== null);
}

const BLANK = {
  days: { zh: '工作日', en: 'working weekdays', expected: WEEKDAYS_EXPECTED },
  hours: { zh: '工作时间', en: 'working hours', expected: HOURS_EXPECTED },
};

function noWorkingTime(sheet: string, cell: ColumnCell, row: number, calendar: string, what: (typeof BLANK)[keyof typeof BLANK]): ImportIssue {
  return importError({
    code: 'NO_WORKING_TIME',
    sheet,
    cell: cell.address,
    expected: what.expected.zh,
    expectedEn: what.expected.en,
    message: `第 ${row} 行的日历“${calendar}”没有填写${what.zh}:没有工作时间的日历无法计算截止时间。`,
    messageEn: `The calendar "${calendar}" in row ${row} has no ${what.en}; a calendar without working time cannot give a deadline.`,
  });
}

const HOURS_PROBLEM = {
  unreadable: { code: 'BAD_WORKING_HOURS', zh: '无法识别', en: 'cannot be read' },
  reversed: { code: 'REVERSED_PERIOD', zh: '的结束时间不晚于开始时间', en: 'ends before it starts' },
  overlapping: { code: 'OVERLAPPING_PERIODS', zh: '相互重叠', en: 'overlap' },
} as const;

/** A named row of a calendar table; `entry` is null when the row has errors (reported), so its name still counts. */
export interface CalendarRow {
  name: string;
  source: CellRef;
  entry: CalendarEntry | null;
}

export function parseCalendarTable(sheet: string, header: GridRow, rows: GridRow[]): { entries: CalendarRow[]; issues: ImportIssue[] } {
  const issues = checkHeaderColumns(sheet, header, [CALENDAR_NAME_HEADERS, WORKDAY_HEADERS, WORKING_HOURS_HEADERS, OBSERVES_HEADERS]);
  const nameCol = findColumn(header, CALENDAR_NAME_HEADERS)!;
  const daysCol = findColumn(header, WORKDAY_HEADERS);
  const hoursCol = findColumn(header, WORKING_HOURS_HEADERS);
  const observesCol = findColumn(header, OBSERVES_HEADERS);
  const missing = [daysCol === null ? WORKDAY_HEADERS : null, hoursCol === null ? WORKING_HOURS_HEADERS : null].filter((n) => n !== null);
  if (missing.length > 0) return { entries: [], issues: [...issues, ...missing.map((names) => missingColumn(sheet, header, names, TABLE))] };

  const entries: CalendarRow[] = [];
  for (const row of rows) {
    const cells = [nameCol, daysCol, hoursCol, observesCol].map((col) => columnCell(row, col));
    const [name, days, hours, observes] = cells as [ColumnCell, ColumnCell, ColumnCell, ColumnCell];
    if (cells.some((c) => c.unreadable) || cells.every((c) => !c.text)) continue;
    if (!name.text) {
      issues.push(
        importError({
          code: 'MISSING_CALENDAR_NAME',
          sheet,
          cell: name.address,
          expected: '日历名称,如“标准工作日”',
          expectedEn: 'the name of the calendar, e.g. 标准工作日',
          message: `第 ${row.row} 行填写了工作时间,但没有日历名称。`,
          messageEn: `Row ${row.row} gives working time but no calendar name.`,
        }),
      );
      continue;
    }
    const weekdays = days.text ? parseWeekdays(days.text) : null;
    if (!days.text) issues.push(noWorkingTime(sheet, days, row.row, name.text, BLANK.days));
    else if (weekdays === null) {
      pushOnce(
        issues,
        importError({
          code: 'BAD_WORKDAYS',
          sheet,
          cell: days.reportAt,
          found: days.text,
          expected: WEEKDAYS_EXPECTED.zh,
          expectedEn: WEEKDAYS_EXPECTED.en,
          message: `日历“${name.text}”的工作日“${days.text}”无法识别。`,
          messageEn: `The working weekdays "${days.text}" of the calendar "${name.text}" cannot be read.`,
        }),
      );
    }

    const periods = hours.text ? parseWorkingHours(hours.text) : null;
    if (periods === null) {
      issues.push(noWorkingTime(sheet, hours, row.row, name.text, BLANK.hours));
    } else if (!periods.ok) {
      const problem = HOURS_PROBLEM[periods.problem];
      pushOnce(
        issues,
        importError({
          code: problem.code,
          sheet,
          cell: hours.reportAt,
          found: hours.text,
          expected: HOURS_EXPECTED.zh,
          expectedEn: HOURS_EXPECTED.en,
          message: `日历“${name.text}”的工作时段“${periods.detail}”${problem.zh}。`,
          messageEn: `The working period "${periods.detail}" of the calendar "${name.text}" ${problem.en}.`,
        }),
      );
    }

    const observesHolidays = parseObservesHolidays(observes.text);
    if (observesHolidays === null) {
      pushOnce(
        issues,
        importError({
          code: 'BAD_HOLIDAY_RULE',
          sheet,
          cell: observes.reportAt,
          found: observes.text,
          expected: OBSERVES_EXPECTED.zh,
          expectedEn: OBSERVES_EXPECTED.en,
          message: `日历“${name.text}”的法定节假日安排“${observes.text}”无法识别。`,
          messageEn: `Whether the calendar "${name.text}" keeps public holidays ("${observes.text}") cannot be read.`,
        }),
      );
    }
    const source = { sheet, cell: name.address };
    if (weekdays === null || periods === null || !periods.ok || observesHolidays === null) {
      entries.push({ name: name.text, source, entry: null });
      continue;
    }
    const week: CalendarEntry['week'] = {};
    for (const day of weekdays) week[String(day) as WeekdayKey] = periods.periods.map((p) => ({ ...p }));
    entries.push({ name: name.text, source, entry: { name: name.text, week, observesHolidays, source } });
  }
  return { entries, issues };
}
