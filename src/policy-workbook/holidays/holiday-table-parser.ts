// Reads one 节假日 table (日期 | 类型 | 名称) into holiday rows; checks across rows live in holiday-checks.ts.
import type { HolidayEntry } from '../../catalog/catalog.ts';
import { DATE_EXPECTED, KIND_EXPECTED, parseHolidayDate, parseHolidayKind } from './holiday-cells.ts';
import { checkHeaderColumns, missingColumn } from '../header-columns.ts';
import { importError, type ImportIssue, pushOnce } from '../../workbook/import-issue.ts';
import { columnCell, findColumn } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { columnWords } from '../column-words.ts';

export const HOLIDAY_DATE_WORDS = columnWords(['日期'], ['Date']);
export const HOLIDAY_KIND_WORDS = columnWords(['类型', '类别', '休/班'], ['Type', 'Kind', 'Off/Work', 'Day off or working day']);
export const HOLIDAY_NAME_WORDS = columnWords(['名称', '节日', '节日名称', '节假日名称', '假日名称'], ['Name', 'Holiday', 'Holiday name']);
export const HOLIDAY_DATE_HEADERS = HOLIDAY_DATE_WORDS.all;
export const HOLIDAY_KIND_HEADERS = HOLIDAY_KIND_WORDS.all;
export const HOLIDAY_NAME_HEADERS = HOLIDAY_NAME_WORDS.all;
const TABLE = { zh: '节假日', en: 'holiday' };

const HOLIDAY_SHEET_NAME = /节假日|假日|假期|holiday/iu;

/**
 * 日期 | 类型 | 名称, or 日期 | 类型 on a sheet named for holidays (then the missing 名称 is reported): a
 * change log (日期 | 类型 | 内容) elsewhere in the workbook is not a holiday table.
 */
export function isHolidayHeader(row: GridRow, sheet: string): boolean {
  if (findColumn(row, HOLIDAY_DATE_HEADERS) === null || findColumn(row, HOLIDAY_KIND_HEADERS) === null) return false;
  return findColumn(row, HOLIDAY_NAME_HEADERS) !== null || HOLIDAY_SHEET_NAME.test(sheet);
}

export function parseHolidayTable(sheet: string, header: GridRow, rows: GridRow[]): { entries: HolidayEntry[]; issues: ImportIssue[] } {
  const issues = checkHeaderColumns(sheet, header, [HOLIDAY_DATE_HEADERS, HOLIDAY_KIND_HEADERS, HOLIDAY_NAME_HEADERS]);
  const dateCol = findColumn(header, HOLIDAY_DATE_HEADERS)!;
  const kindCol = findColumn(header, HOLIDAY_KIND_HEADERS)!;
  const nameCol = findColumn(header, HOLIDAY_NAME_HEADERS);
  if (nameCol === null) return { entries: [], issues: [...issues, missingColumn(sheet, header, HOLIDAY_NAME_HEADERS, TABLE)] };

  const entries: HolidayEntry[] = [];
  for (const row of rows) {
    const [dateCell, kindCell, nameCell] = [columnCell(row, dateCol), columnCell(row, kindCol), columnCell(row, nameCol)];
    if ([dateCell, kindCell, nameCell].some((c) => c.unreadable)) continue;
    if (!dateCell.text && !kindCell.text && !nameCell.text) continue;
    const date = parseHolidayDate(dateCell.text);
    const kind = parseHolidayKind(kindCell.text);
    if (date === null) {
      issues.push(
        importError({
          code: 'BAD_DATE',
          sheet,
          cell: dateCell.reportAt,
          found: dateCell.text,
          expected: DATE_EXPECTED.zh,
          expectedEn: DATE_EXPECTED.en,
          message: dateCell.text ? `第 ${row.row} 行的日期“${dateCell.text}”无法识别。` : `第 ${row.row} 行没有填写日期。`,
          messageEn: dateCell.text ? `The date "${dateCell.text}" in row ${row.row} cannot be read.` : `Row ${row.row} has no date.`,
        }),
      );
    }
    if (kind === null) {
      pushOnce(
        issues,
        importError({
          code: 'BAD_HOLIDAY_KIND',
          sheet,
          cell: kindCell.reportAt,
          found: kindCell.text,
          expected: KIND_EXPECTED.zh,
          expectedEn: KIND_EXPECTED.en,
          message: `第 ${row.row} 行的类型“${kindCell.text}”无法识别:应为“休”或“班”。`,
          messageEn: `The kind "${kindCell.text}" in row ${row.row} is neither 休 (day off) nor 班 (working day).`,
        }),
      );
    }
    if (!nameCell.text) {
      issues.push(
        importError({
          code: 'MISSING_HOLIDAY_NAME',
          sheet,
          cell: nameCell.address,
          expected: '节假日名称,如“春节”或“春节调休上班”',
          expectedEn: 'the name of the day, e.g. 春节 or 春节调休上班',
          message: `第 ${row.row} 行没有名称:截止时间的说明会引用它。`,
          messageEn: `Row ${row.row} has no name; deadline proofs quote it.`,
        }),
      );
    }
    if (date !== null && kind !== null && nameCell.text) entries.push({ date, kind, name: nameCell.text, source: { sheet, cell: dateCell.address } });
  }
  return { entries, issues };
}
