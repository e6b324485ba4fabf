// Reads one table of calendar assignments (部署 | 服务产品 | 服务项目 | 日历) from the 服务时间 sheet. Services
// and calendar names are resolved once the whole workbook is read (calendar-checks.ts): both may stand on other sheets.
import { OFFERINGS, TIERS, type Offering, type Tier } from '../../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import { isAnyText, OFFERING_COLUMN_HEADERS, TIER_NAME_HEADERS, SCOPE_OFFERING_HEADERS, SCOPE_TIER_HEADERS, offeringOf, tierOf } from '../shared-columns.ts';
import { checkHeaderColumns, missingColumn } from '../header-columns.ts';
import { importError, type ImportIssue, pushOnce } from '../../workbook/import-issue.ts';
import { columnCell, findColumn, type ColumnCell } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';

export const ASSIGNMENT_SERVICE_HEADERS = [...TIER_NAME_HEADERS, 'service'];
export const ASSIGNMENT_CALENDAR_HEADERS = ['日历', '适用日历', '工作日历', 'calendar'];
const KEY_HEADERS = [SCOPE_OFFERING_HEADERS, SCOPE_TIER_HEADERS, ASSIGNMENT_SERVICE_HEADERS];

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
  return findColumn(row, ASSIGNMENT_CALENDAR_HEADERS) !== null && KEY_HEADERS.some((names) => findColumn(row, names) !== null);
}

function unknownValue(sheet: string, cell: ColumnCell, what: 'offering' | 'tier'): ImportIssue {
  const known = what === 'offering' ? OFFERINGS.map((o) => OFFERING_COLUMN_HEADERS[o][0]) : TIERS.map((t) => TIER_NAMES[t].zh);
  const [zh, en] = what === 'offering' ? ['部署形态', 'offering'] : ['服务产品', 'tier'];
  return importError({
    code: what === 'offering' ? 'UNKNOWN_OFFERING' : 'UNKNOWN_TIER',
    sheet,
    cell: cell.reportAt,
    found: cell.text,
    expected: `${known.join('、')},或“全部”(留空同此)`,
    expectedEn: `${known.join(', ')}, or 全部 (any; also when blank)`,
    message: `无法识别${zh}“${cell.text}”。`,
    messageEn: `The ${en} "${cell.text}" is not known${what === 'offering' ? ` (${OFFERINGS.map((o) => OFFERING_NAMES[o].product.en).join(' or ')})` : ''}.`,
  });
}

export function parseAssignmentTable(sheet: string, header: GridRow, rows: GridRow[]): { entries: PendingAssignment[]; issues: ImportIssue[] } {
  const issues = checkHeaderColumns(sheet, header, [...KEY_HEADERS, ASSIGNMENT_CALENDAR_HEADERS]);
  const [offeringCol, tierCol, serviceCol] = KEY_HEADERS.map((names) => findColumn(header, names));
  const calendarCol = findColumn(header, ASSIGNMENT_CALENDAR_HEADERS);
  if (calendarCol === null) return { entries: [], issues: [...issues, missingColumn(sheet, header, ASSIGNMENT_CALENDAR_HEADERS, { zh: '日历适用范围', en: 'calendar assignment' })] };

  const entries: PendingAssignment[] = [];
  for (const row of rows) {
    const cells = [offeringCol, tierCol, serviceCol, calendarCol].map((col) => columnCell(row, col ?? null));
    const [offeringCell, tierCell, serviceCell, calendar] = cells as [ColumnCell, ColumnCell, ColumnCell, ColumnCell];
    if (cells.some((c) => c.unreadable) || cells.every((c) => !c.text)) continue;
    const offering = isAnyText(offeringCell.text) ? null : offeringOf(offeringCell.text);
    const tier = isAnyText(tierCell.text) ? null : tierOf(tierCell.text);
    if (offering === null && !isAnyText(offeringCell.text)) pushOnce(issues, unknownValue(sheet, offeringCell, 'offering'));
    if (tier === null && !isAnyText(tierCell.text)) pushOnce(issues, unknownValue(sheet, tierCell, 'tier'));
    if (!calendar.text) {
      issues.push(
        importError({
          code: 'MISSING_CALENDAR',
          sheet,
          cell: calendar.address,
          expected: '日历名称,如“标准工作日”,或本表上方定义的日历',
          expectedEn: 'a calendar name, e.g. 标准工作日, or one defined in the calendar table',
          message: `第 ${row.row} 行没有指明适用的日历。`,
          messageEn: `Row ${row.row} names no calendar.`,
        }),
      );
      continue;
    }
    if ((offering === null && !isAnyText(offeringCell.text)) || (tier === null && !isAnyText(tierCell.text))) continue;
    const service = isAnyText(serviceCell.text) ? null : serviceCell;
    entries.push({ offering, tier, service, calendar, source: { sheet, cell: calendar.address } });
  }
  return { entries, issues };
}
