// The columns of a contract file and the header row that names them, found by content wherever it stands.
import { normalizeCellText } from '../../workbook/cell-text.ts';
import { importError, importWarning, type ImportIssue } from '../../workbook/import-issue.ts';
import { matchesHeader } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';

export type ContractColumn = 'customerName' | 'offering' | 'tier' | 'startsOn' | 'endsOn' | 'contactName' | 'contactEmail';

export interface ColumnDef {
  key: ContractColumn;
  required: boolean;
  /** names[0] is the Chinese heading; the rest are accepted spellings. */
  names: readonly string[];
  en: string;
}

export const CONTRACT_COLUMNS: readonly ColumnDef[] = [
  { key: 'customerName', required: true, names: ['客户名称', '客户', 'customer', 'customerName'], en: 'customer name' },
  { key: 'offering', required: true, names: ['部署', '部署形态', '部署方式', 'offering'], en: 'offering' },
  { key: 'tier', required: true, names: ['服务产品', 'tier'], en: 'tier' },
  { key: 'startsOn', required: true, names: ['开始日期', 'startsOn', 'start', 'startDate'], en: 'start date' },
  { key: 'endsOn', required: true, names: ['结束日期', 'endsOn', 'end', 'endDate'], en: 'end date' },
  { key: 'contactName', required: false, names: ['联系人', 'contact', 'contactName'], en: 'contact name' },
  { key: 'contactEmail', required: false, names: ['邮箱', '电子邮箱', 'email', 'e-mail', 'contactEmail'], en: 'contact e-mail' },
];

/** Columns people add for their own orientation or notes; they are not imported, and saying so is noise. */
const QUIET_HEADERS = ['序号', 'No.', 'No', '#', '备注', 'note', 'notes', 'remark', 'remarks'];

export function columnDef(key: ContractColumn): ColumnDef {
  const def = CONTRACT_COLUMNS.find((c) => c.key === key);
  if (!def) throw new Error(`Unknown contract column ${key}`);
  return def;
}

function columnOf(text: string): ColumnDef | undefined {
  return CONTRACT_COLUMNS.find((c) => matchesHeader(c.names, text));
}

// Two different column names in one row make it a header: a title or a data row never holds two.
const MIN_HEADER_COLUMNS = 2;

/** The first row that names at least two different contract columns, or null. */
export function findHeaderRow(rows: readonly GridRow[]): GridRow | null {
  return (
    rows.find((row) => {
      const keys = new Set(row.cells.flatMap((cell) => (cell.mergedFrom ? [] : [columnOf(cell.text)?.key])));
      keys.delete(undefined);
      return keys.size >= MIN_HEADER_COLUMNS;
    }) ?? null
  );
}

export interface HeaderReading {
  /** Column number of each column the header names (the first cell, when named twice). */
  columns: Map<ContractColumn, number>;
  issues: ImportIssue[];
}

/** Maps the header's cells to columns; a column named twice is an error, an unknown one a warning. */
export function readHeader(sheet: string, header: GridRow): HeaderReading {
  const columns = new Map<ContractColumn, number>();
  const issues: ImportIssue[] = [];
  for (const cell of header.cells) {
    const text = normalizeCellText(cell.text);
    if (cell.mergedFrom || cell.unreadable || text === '' || matchesHeader(QUIET_HEADERS, text)) continue;
    const def = columnOf(text);
    if (!def) {
      issues.push(
        importWarning({
          code: 'UNKNOWN_COLUMN',
          sheet,
          cell: cell.address,
          found: text,
          expected: `合同文件的列:${CONTRACT_COLUMNS.map((c) => c.names[0]).join('、')}`,
          expectedEn: `one of the contract columns: ${CONTRACT_COLUMNS.map((c) => c.names[0]).join(', ')}`,
          message: `列“${text}”不会被导入。`,
          messageEn: `The column "${text}" is not imported.`,
        }),
      );
      continue;
    }
    const first = columns.get(def.key);
    if (first === undefined) {
      columns.set(def.key, cell.col);
      continue;
    }
    const firstAddress = header.cells.find((c) => c.col === first)?.address ?? '';
    issues.push(
      importError({
        code: 'DUPLICATE_COLUMN',
        sheet,
        cell: cell.address,
        found: text,
        expected: `“${def.names[0]}”列只出现一次(已在 ${firstAddress})`,
        expectedEn: `the ${def.names[0]} (${def.en}) column once (already at ${firstAddress})`,
        message: `“${text}”列重复出现:请删除或合并重复的列,以免导入错误的数据。`,
        messageEn: `The column "${text}" appears twice: remove or merge the duplicate so that the right data is imported.`,
      }),
    );
  }
  return { columns, issues };
}

/** A required column the header lacks; `at` is the header's first cell, or absent when no header was found. */
export function missingColumn(sheet: string, def: ColumnDef, header: GridRow | null): ImportIssue {
  const spellings = def.names.slice(1).join('、');
  const where = header ? `第 ${header.row} 行的表头` : '文件中没有找到表头,表头';
  const whereEn = header ? `The header in row ${header.row}` : 'No header row was found; the header';
  return importError({
    code: 'MISSING_COLUMN',
    sheet,
    ...(header?.cells[0] ? { cell: header.cells[0].address } : {}),
    expected: `表头中的“${def.names[0]}”列(也可写作 ${spellings})`,
    expectedEn: `a ${def.names[0]} (${def.en}) column in the header (also spelt ${def.names.slice(1).join(', ')})`,
    message: `${where}缺少“${def.names[0]}”列。`,
    messageEn: `${whereEn} lacks the ${def.names[0]} (${def.en}) column.`,
  });
}
