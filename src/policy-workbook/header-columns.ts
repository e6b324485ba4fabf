// A header cell the importer does not read, or reads twice, would silently drop what its column says.
import { normalizeCellText } from '../workbook/cell-text.ts';
import { importError, importWarning, type ImportIssue } from '../workbook/import-issue.ts';
import { matchesHeader } from '../workbook/grid-columns.ts';
import type { GridRow } from '../workbook/workbook-grid.ts';

/** Columns people add for their own orientation; they carry no policy, so saying they were skipped is noise. */
const ORIENTATION_HEADERS = ['序号', 'No.', 'No', '#'];

/**
 * Reports header cells that name no column of the table (a warning: the column is not imported) and
 * columns named twice (an error: only the first is read). `columns` lists each column's accepted names.
 */
export function checkHeaderColumns(sheet: string, header: GridRow, columns: readonly (readonly string[])[]): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const firstAt = new Map<number, string>();
  for (const cell of header.cells) {
    const text = normalizeCellText(cell.text);
    if (cell.mergedFrom || cell.unreadable || text === '' || matchesHeader(ORIENTATION_HEADERS, text)) continue;
    const column = columns.findIndex((names) => matchesHeader(names, text));
    if (column < 0) {
      issues.push(
        importWarning({
          code: 'UNKNOWN_COLUMN',
          sheet,
          cell: cell.address,
          found: text,
          expected: `表格的已知列:${columns.map((names) => names[0]).join('、')}`,
          expectedEn: `one of the table's columns: ${columns.map((names) => names[0]).join(', ')}`,
          message: `列“${text}”未被导入:如果其中的内容属于服务政策,请把它写进已知的列。`,
          messageEn: `The column "${text}" is not imported: if it holds policy, move it into a known column.`,
        }),
      );
      continue;
    }
    const first = firstAt.get(column);
    if (first === undefined) {
      firstAt.set(column, cell.address);
      continue;
    }
    issues.push(
      importError({
        code: 'DUPLICATE_COLUMN',
        sheet,
        cell: cell.address,
        found: text,
        expected: `“${columns[column]![0]}”列只出现一次(已在 ${first})`,
        expectedEn: `the ${columns[column]![0]} column once (already at ${first})`,
        message: `“${text}”列重复出现:只有 ${first} 列会被读取,请删除或合并重复的列。`,
        messageEn: `The column "${text}" appears twice: only ${first} would be read; remove or merge the duplicate.`,
      }),
    );
  }
  return issues;
}

/** A header that lacks a column its table cannot do without; reported at the header's first cell. */
export function missingColumn(sheet: string, header: GridRow, names: readonly string[], table: { zh: string; en: string }): ImportIssue {
  return importError({
    code: 'MISSING_COLUMN',
    sheet,
    cell: header.cells[0]!.address,
    found: header.cells.map((c) => normalizeCellText(c.text)).filter(Boolean).join(' | '),
    expected: `表头包含“${names[0]}”列`,
    expectedEn: `a header row with a ${names[0]} column`,
    message: `第 ${header.row} 行的${table.zh}表头缺少“${names[0]}”列,该表未被导入。`,
    messageEn: `The ${table.en} header in row ${header.row} has no ${names[0]} column, so the table is not imported.`,
  });
}
