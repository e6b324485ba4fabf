// Contract file bytes in, contract rows out: an .xlsx or a CSV, told apart by content, checked, read,
// and every problem collected at its cell before anyone stores anything. No database here.
import { CONTRACT_COLUMNS, findHeaderRow, missingColumn, readHeader } from './contract-columns.ts';
import { csvGridRows, decodeCsv, parseCsv, type CsvLimits, type CsvParse } from './contract-csv.ts';
import { fileIssue, notCsv, sheetIgnored, unclosedQuote } from './contract-file-issues.ts';
import { readContractRows, type ContractRow } from './contract-table.ts';
import { importError, sortIssues, type ImportIssue, type ReadFault } from '../../workbook/import-issue.ts';
import { addressOf } from '../../workbook/xlsx-refs.ts';
import { GridLimitError, type GridRow, readWorkbookGrid, unreadableWorkbook, type WorkbookGrid } from '../../workbook/workbook-grid.ts';
import { checkXlsx, DEFAULT_XLSX_LIMITS, type XlsxGuardLimits } from '../../workbook/xlsx-guard.ts';
import { EXCEL_MAX_COLUMNS } from '../../workbook/xlsx-size-limits.ts';

/**
 * `rows` holds the rows without problems; the readout may be imported only when `issues` has no error.
 * `sheet` is the worksheet read, or the file name for CSV ('' when the file was refused before any sheet).
 */
export interface ContractFileReadout {
  format: 'xlsx' | 'csv';
  sheet: string;
  rows: ContractRow[];
  issues: ImportIssue[];
  /** What a library said when it failed, for the log (under the issue's reference), never for the person. */
  faults?: ReadFault[];
}

/** Reads a contract file: in this thread (readContractFile) or in a parse worker (the parse pool). */
export type ContractFileReader = (bytes: Buffer, filename: string, limits?: Partial<XlsxGuardLimits>) => Promise<ContractFileReadout>;

const ZIP_MAGICS = ['PK\x03\x04', 'PK\x05\x06'].map((m) => Buffer.from(m, 'latin1'));
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// Tried in turn when the header is not found with a comma: Excel's "Unicode text" is tab-separated,
// and European locales write semicolons.
const DELIMITERS = [',', '\t', ';'];

function startsWith(bytes: Buffer, magic: Buffer): boolean {
  return bytes.subarray(0, magic.length).equals(magic);
}

/** Reads a contract file (.xlsx or CSV, by content); never throws for bad input. */
export async function readContractFile(bytes: Buffer, filename: string, limits?: Partial<XlsxGuardLimits>): Promise<ContractFileReadout> {
  const isZip = ZIP_MAGICS.some((m) => startsWith(bytes, m));
  const format = isZip || startsWith(bytes, CFB_MAGIC) ? 'xlsx' : 'csv';
  // The guard also rules on an empty, oversized or legacy .xls file; for anything else that is not a zip, its NOT_XLSX means "try CSV".
  const fileIssues = (await checkXlsx(bytes, limits)).filter((i) => isZip || i.code !== 'NOT_XLSX');
  if (fileIssues.length > 0) return { format, sheet: '', rows: [], issues: fileIssues.map(fileIssue) };
  const lim = { ...DEFAULT_XLSX_LIMITS, ...limits };
  return isZip ? readXlsx(bytes, lim) : readCsv(bytes, displayName(filename), { maxRecords: lim.maxRows, maxFields: EXCEL_MAX_COLUMNS, maxFieldChars: lim.maxCellTextChars });
}

function unreadable(err: unknown): ContractFileReadout {
  const { issue, fault } = unreadableWorkbook(err);
  return { format: 'xlsx', sheet: '', rows: [], issues: [fileIssue(issue)], faults: [fault] };
}

async function readXlsx(bytes: Buffer, limits: XlsxGuardLimits): Promise<ContractFileReadout> {
  let grid: WorkbookGrid;
  try {
    grid = await readWorkbookGrid(bytes, limits);
  } catch (err) {
    if (err instanceof GridLimitError) return { format: 'xlsx', sheet: err.issue.sheet ?? '', rows: [], issues: [fileIssue(err.issue)] };
    return unreadable(err);
  }
  const withHeader = grid.sheets.map((sheet) => ({ sheet, header: findHeaderRow(sheet.rows) }));
  const chosen = withHeader.find((s) => !s.sheet.hidden && s.header) ?? withHeader.find((s) => !s.sheet.hidden) ?? withHeader[0];
  if (!chosen) return unreadable(new Error('the workbook has no worksheets'));
  // Only the chosen sheet is imported, so only its unreadable cells matter.
  const gridIssues = grid.issues.filter((i) => i.sheet === chosen.sheet.name);
  const ignored = withHeader.filter((s) => s !== chosen && s.header).map((s) => sheetIgnored(s.sheet, chosen.sheet.name));
  const table = readTable(chosen.sheet.name, chosen.sheet.rows, chosen.header);
  return { format: 'xlsx', sheet: chosen.sheet.name, rows: table.rows, issues: sortIssues([...gridIssues, ...ignored, ...table.issues]) };
}

function readCsv(bytes: Buffer, name: string, limits: CsvLimits): ContractFileReadout {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { format: 'csv', sheet: name, rows: [], issues: [notCsv(decoded.reason)] };
  let tried = false;
  let quote: CsvParse['unclosedQuote'] = null;
  let rows: GridRow[] = [];
  let header: GridRow | null = null;
  for (const delimiter of DELIMITERS) {
    // Only the grid rows are kept, not the parsed records: a 10 MB CSV is 700,000 fields.
    const attempt = parseCsv(decoded.text, delimiter, limits);
    if (attempt.overLimit) return { format: 'csv', sheet: name, rows: [], issues: [csvOverLimit(name, attempt.overLimit, limits)] };
    const attemptRows = csvGridRows(attempt.records);
    const attemptHeader = findHeaderRow(attemptRows);
    if (!tried || attemptHeader) [quote, rows, header] = [attempt.unclosedQuote, attemptRows, attemptHeader];
    tried = true;
    if (attemptHeader) break;
  }
  const table = readTable(name, rows, header);
  const issues = quote ? [unclosedQuote(name, quote), ...table.issues] : table.issues;
  return { format: 'csv', sheet: name, rows: table.rows, issues: sortIssues(issues) };
}

function readTable(sheet: string, rows: readonly GridRow[], header: GridRow | null): { rows: ContractRow[]; issues: ImportIssue[] } {
  if (!header) return { rows: [], issues: CONTRACT_COLUMNS.filter((c) => c.required).map((c) => missingColumn(sheet, c, null)) };
  const reading = readHeader(sheet, header);
  const missing = CONTRACT_COLUMNS.filter((c) => c.required && !reading.columns.has(c.key));
  if (missing.length > 0) return { rows: [], issues: [...reading.issues, ...missing.map((c) => missingColumn(sheet, c, header))] };
  const table = readContractRows(sheet, header, reading.columns, rows);
  return { rows: table.rows, issues: [...reading.issues, ...table.issues] };
}

const count = (n: number) => n.toLocaleString('en-US');

/** A CSV past a limit: parsing stopped there, so nothing else about the file is known or reported. */
function csvOverLimit(sheet: string, over: NonNullable<CsvParse['overLimit']>, limits: CsvLimits): ImportIssue {
  const at = { sheet, cell: addressOf(over.col, over.row) };
  if (over.limit === 'rows') {
    return importError({
      code: 'ROWS_LIMIT',
      sheet,
      found: `超过 ${count(limits.maxRecords)} 行 / more than ${count(limits.maxRecords)} lines`,
      expected: `至多 ${count(limits.maxRecords)} 行(含空行)`,
      expectedEn: `at most ${count(limits.maxRecords)} lines (blank lines included)`,
      message: `该 CSV 文件超过了 ${count(limits.maxRecords)} 行(含空行)的上限,为保护系统未读取该文件:请删除空行,或把数据拆到几个文件中后重新上传。`,
      messageEn: `The CSV file has more than ${count(limits.maxRecords)} lines (blank lines included), the limit, so it was not read to protect the system: delete blank lines or split the data over several files, and upload it again.`,
    });
  }
  if (over.limit === 'columns') {
    return importError({
      code: 'COLUMNS_LIMIT',
      ...at,
      found: `${count(over.found)} 列 / columns`,
      expected: `每行至多 ${count(limits.maxFields)} 列(Excel 的上限)`,
      expectedEn: `at most ${count(limits.maxFields)} columns a line (Excel's own limit)`,
      message: `第 ${over.row} 行超过了 ${count(limits.maxFields)} 列,Excel 也无法打开这样的文件,为保护系统未读取该文件:请检查分隔符,在 Excel 中重新导出 CSV 后上传。`,
      messageEn: `Line ${over.row} has more than ${count(limits.maxFields)} columns, more than Excel can open, so the file was not read to protect the system: check the delimiters, export the CSV from Excel again and upload it.`,
    });
  }
  return importError({
    code: 'CELL_TEXT_LIMIT',
    ...at,
    found: `${count(over.found)} 个字符 / characters`,
    expected: `每个单元格至多 ${count(limits.maxFieldChars)} 个字符(Excel 的上限)`,
    expectedEn: `at most ${count(limits.maxFieldChars)} characters in a cell (Excel's own limit)`,
    message: `该单元格有 ${count(over.found)} 个字符,超过了 Excel 单元格的上限 ${count(limits.maxFieldChars)} 个,为保护系统未读取该文件:请检查引号是否成对,删减内容后重新上传。`,
    messageEn: `The cell holds ${count(over.found)} characters, more than the ${count(limits.maxFieldChars)} an Excel cell may hold, so the file was not read to protect the system: check that quotes come in pairs, shorten the text and upload it again.`,
  });
}

/** The name a person gave the file, without any folder a browser sent along. */
function displayName(filename: string): string {
  return filename.split(/[\\/]/u).pop()?.trim() || 'CSV';
}
