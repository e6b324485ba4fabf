// Reads one table of calendar assignments (部署 | 服务产品 | 服务项目 | 日历) from the 服务时间 sheet. Services
// and calendar names are resolved once the whole workbook is read (calendar-checks.ts): both may stand on other sheets.
import type { Offering, Tier } from '../../catalog/catalog-codes.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import { missingColumn } from '../header-columns.ts';
import { isScopeHeader, readScopeRows } from '../scope-rows.ts';
import { importError, type ImportIssue } from '../../workbook/import-issue.ts';
import type { ColumnCell } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { columnWords } from '../column-words.ts';

export const ASSIGNMENT_CALENDAR_WORDS = columnWords(['日历', '适用日历', '工作日历'], ['Calendar', 'Applicable calendar', 'Working calendar']);
export const ASSIGNMENT_CALENDAR_HEADERS = ASSIGNMENT_CALENDAR_WORDS.all;

/** An assignment row as typed: the service and the calendar are still text. */
export interface PendingAssignment {
  offering: Offering | null;
  tier: Tier | null;
  /** null: any service. */
  service: ColumnCell | null;
  calendar: ColumnCell;
  source: CellRef;
}

/** Needs the 日历 column and one of the others; a tier table (服务项目 with tier columns) is recognised first. */
export function isAssignmentHeader(row: GridRow): boolean {
  return isScopeHeader(row, ASSIGNMENT_CALENDAR_HEADERS);
}

export function parseAssignmentTable(sheet: string, header: GridRow, rows: GridRow[]): { entries: PendingAssignment[]; issues: ImportIssue[] } {
  const read = readScopeRows(sheet, header, rows, ASSIGNMENT_CALENDAR_HEADERS);
  const issues = read.issues;
  if (read.valueColumn === null) return { entries: [], issues: [...issues, missingColumn(sheet, header, ASSIGNMENT_CALENDAR_HEADERS, { zh: '日历适用范围', en: 'calendar assignment' })] };

  const entries: PendingAssignment[] = [];
  for (const { row, offering, tier, service, value: calendar, scopeKnown } of read.rows) {
    if (!calendar.text) {
      issues.push(
        importError({
          code: 'MISSING_CALENDAR',
          sheet,
          cell: calendar.address,
          expected: '日历名称,如“标准工作日”,或本表上方定义的日历',
          expectedEn: 'a calendar name, e.g. 标准工作日, or one defined in the calendar table',
          message: `第 ${row} 行没有指明适用的日历。`,
          messageEn: `Row ${row} names no calendar.`,
        }),
      );
      continue;
    }
    if (!scopeKnown) continue;
    entries.push({ offering, tier, service, calendar, source: { sheet, cell: calendar.address } });
  }
  return { entries, issues };
}
