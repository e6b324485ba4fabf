// Contract file bytes in, contract rows out: an .xlsx or a CSV, told apart by content, checked, read,
// and every problem collected at its cell before anyone stores anything. No database here.
import type { Offering, Tier } from '../policy/catalog-codes.ts';
import { CONTRACT_COLUMNS, findHeaderRow, missingColumn, readHeader } from './contract-columns.ts';
import { csvGridRows, decodeCsv, parseCsv, type CsvParse } from './contract-csv.ts';
import { fileIssue, notCsv, sheetIgnored, sortIssues, unclosedQuote } from './contract-file-issues.ts';
import { readContractRows } from './contract-table.ts';
import type { ImportIssue } from './import-issue.ts';
import type { GridRow, WorkbookGrid } from './workbook-grid.ts';
import { readWorkbookGrid, unreadableWorkbook } from './workbook-grid.ts';
import { checkXlsx, type XlsxGuardLimits } from './xlsx-guard.ts';

export interface ContractRow {
  /** 1-based row in the file: the worksheet row, or the CSV record (as Excel numbers it when it opens the file). */
  row: number;
  /** A1 address of the 客户名称 cell, where a problem with the row as a whole is reported. */
  customerCell: string;
  customerName: string;
  /** From 部署. */
  offering: Offering;
  /** From 服务产品. */
  tier: Tier;
  /** YYYY-MM-DD */
  startsOn: string;
  /** YYYY-MM-DD */
  endsOn: string;
  contactName: string | null;
  contactEmail: string | null;
}

/**
 * `rows` holds the rows without problems; the readout may be imported only when `issues` has no error.
 * `sheet` is the worksheet read, or the file name for CSV ('' when the file was refused before any sheet).
 */
export interface ContractFileReadout {
  format: 'xlsx' | 'csv';
  sheet: string;
  rows: ContractRow[];
  issues: ImportIssue[];
}

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
  return isZip ? readXlsx(bytes) : readCsv(bytes, displayName(filename));
}

async function readXlsx(bytes: Buffer): Promise<ContractFileReadout> {
  let grid: WorkbookGrid;
  try {
    grid = await readWorkbookGrid(bytes);
  } catch (err) {
    return { format: 'xlsx', sheet: '', rows: [], issues: [unreadableWorkbook(err)] };
  }
  const withHeader = grid.sheets.map((sheet) => ({ sheet, header: findHeaderRow(sheet.rows) }));
  const chosen = withHeader.find((s) => !s.sheet.hidden && s.header) ?? withHeader.find((s) => !s.sheet.hidden) ?? withHeader[0];
  if (!chosen) return { format: 'xlsx', sheet: '', rows: [], issues: [unreadableWorkbook(new Error('the workbook has no worksheets'))] };
  // Only the chosen sheet is imported, so only its unreadable cells matter.
  const gridIssues = grid.issues.filter((i) => i.sheet === chosen.sheet.name);
  const ignored = withHeader.filter((s) => s !== chosen && s.header).map((s) => sheetIgnored(s.sheet, chosen.sheet.name));
  const table = readTable(chosen.sheet.name, chosen.sheet.rows, chosen.header);
  return { format: 'xlsx', sheet: chosen.sheet.name, rows: table.rows, issues: sortIssues([...gridIssues, ...ignored, ...table.issues]) };
}

function readCsv(bytes: Buffer, name: string): ContractFileReadout {
  const decoded = decodeCsv(bytes);
  if (!decoded.ok) return { format: 'csv', sheet: name, rows: [], issues: [notCsv(decoded.reason)] };
  let parse: CsvParse | null = null;
  let rows: GridRow[] = [];
  let header: GridRow | null = null;
  for (const delimiter of DELIMITERS) {
    const attempt = parseCsv(decoded.text, delimiter);
    const attemptRows = csvGridRows(attempt.records);
    const attemptHeader = findHeaderRow(attemptRows);
    if (parse === null || attemptHeader) [parse, rows, header] = [attempt, attemptRows, attemptHeader];
    if (attemptHeader) break;
  }
  const table = readTable(name, rows, header);
  const quote = parse?.unclosedQuote;
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

/** The name a person gave the file, without any folder a browser sent along. */
function displayName(filename: string): string {
  return filename.split(/[\\/]/u).pop()?.trim() || 'CSV';
}
