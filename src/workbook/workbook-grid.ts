// The only place that reads exceljs workbooks: each sheet becomes a grid of plain cell texts.
import ExcelJS from 'exceljs';
import { importError, newReference, type ImportIssue, type ReadFault } from './import-issue.ts';
import type { XlsxGuardLimits } from './xlsx-guard.ts';

export interface GridCell {
  address: string;
  col: number;
  text: string;
  /** A cell covered by a merge whose value lives in another (master) cell. */
  mergedFrom: string | null;
  /** The value could not be read (a formula without a result, an error value); already reported, text is ''. */
  unreadable?: true;
}

export interface GridRow {
  row: number;
  cells: GridCell[];
  /**
   * A line read across a table turned on its side: `row` is the sheet's column and each cell's `col` the sheet's
   * row (its `address` is still where it stands), so parsers read it as a row and name the cell that is really there.
   */
  transposed?: true;
}

export interface SheetGrid {
  name: string;
  /** Hidden or very hidden in Excel: out of the policy owner's sight, so not part of the policy. */
  hidden: boolean;
  rows: GridRow[];
  cellCount: number;
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
  issues: ImportIssue[];
}

type CellValue = ExcelJS.CellValue;

/** Whether a number format shows its number as a percentage (a % outside quoted text and escapes). */
function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && /%/u.test(numFmt.replace(/"[^"]*"|\\./gu, ''));
}

/**
 * A percentage cell stores the fraction (0.18 for 18%); its text is what Excel shows, to full precision. The
 * decimal point moves in the number's shortest decimal text, never by multiplying, so 0.07 reads 7% and not 7.000000000000001%.
 */
export function percentText(value: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/u.exec(String(value));
  if (!m) return `${value * 100}%`; // 1e-7, 1e+21: more digits than any rate may have, so whoever reads it refuses it
  const digits = `${m[2]}${(m[3] ?? '').padEnd(2, '0')}`;
  const point = m[2]!.length + 2;
  const whole = digits.slice(0, point).replace(/^0+(?=\d)/u, '');
  const fraction = digits.slice(point).replace(/0+$/u, '');
  return `${m[1]}${whole}${fraction ? `.${fraction}` : ''}%`;
}

/** Text of a cell value as a person sees it in Excel, or a problem to report. */
export function cellValueText(value: CellValue, numFmt?: string): { text: string } | { problem: 'formula_without_result' | 'error_value'; found: string } {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: isPercentFormat(numFmt) ? percentText(value) : String(value) };
  if (typeof value === 'boolean') return { text: value ? '是' : '' };
  // A date cell holds the wall time Excel shows in its UTC fields; a time of day is kept when there is one (a
  // 测试用例's 时间 typed as 2026-03-10 10:00 becomes such a cell), so that no reader takes it for midnight.
  if (value instanceof Date) {
    const iso = value.toISOString();
    return { text: iso.slice(11, 16) === '00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}` };
  }
  if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
  if ('error' in value) return { problem: 'error_value', found: String(value.error) };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null) {
      return { problem: 'formula_without_result', found: `=${(value as ExcelJS.CellFormulaValue).formula ?? ''}` };
    }
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) {
      return { problem: 'error_value', found: String(result.error) };
    }
    return cellValueText(result as CellValue, numFmt);
  }
  if ('hyperlink' in value) {
    const text = (value as ExcelJS.CellHyperlinkValue).text as unknown;
    return cellValueText((text ?? (value as ExcelJS.CellHyperlinkValue).hyperlink) as CellValue);
  }
  return { text: '' };
}

/** A workbook whose cells hold more text than may be read; the issue says where and which limit. */
export class GridLimitError extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.messageEn);
    this.name = 'GridLimitError';
  }
}

export type GridLimits = Pick<XlsxGuardLimits, 'maxCellTextChars' | 'maxTextChars'>;

// Parts of a sheet no reader here uses. exceljs expands some of them cell by cell (a data validation on a
// whole column is a million entries; <col max> a column object for every column up to it) and trips over
// others' broken references; skipped, they cost nothing and cannot fail.
const IGNORED_NODES = ['cols', 'dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'picture', 'tableParts', 'autoFilter', 'rowBreaks', 'headerFooter'];

/** Reads every sheet's cells as text; throws GridLimitError past a text limit, and whatever exceljs throws for a broken file. */
export async function readWorkbookGrid(bytes: Buffer, limits: GridLimits = { maxCellTextChars: 32_767, maxTextChars: 20_000_000 }): Promise<WorkbookGrid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES });
  const issues: ImportIssue[] = [];
  const sheets: SheetGrid[] = [];
  let textChars = 0;
  for (const ws of workbook.worksheets) {
    const hidden = ws.state === 'hidden' || ws.state === 'veryHidden';
    const rows: GridRow[] = [];
    let cellCount = 0;
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: GridCell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, col) => {
        cellCount++;
        const master = cell.isMerged ? cell.master : cell;
        const mergedFrom = master.address === cell.address ? null : master.address;
        const converted = cellValueText(cell.value, cell.numFmt);
        // Counted before anything copies the text: a shared string is stored once but read once per cell.
        if ('text' in converted) {
          if (converted.text.length > limits.maxCellTextChars) throw new GridLimitError(cellTextTooLong(ws.name, cell.address, converted.text.length, limits.maxCellTextChars));
          textChars += converted.text.length;
          if (textChars > limits.maxTextChars) throw new GridLimitError(textTooLarge(ws.name, textChars, limits.maxTextChars));
        }
        if ('problem' in converted) {
          // Report once, at the cell the person has to edit.
          // A shared formula's copies store only a reference to the first cell; exceljs translates it back.
          const found = converted.problem === 'formula_without_result' && cell.formula ? `=${cell.formula}` : converted.found;
          // A hidden sheet is not imported, so its bad cells block nothing.
          if (!mergedFrom && !hidden) issues.push(cellProblem(ws.name, cell.address, converted.problem, found));
          cells.push({ address: cell.address, col, text: '', mergedFrom, unreadable: true });
          return;
        }
        if (converted.text !== '' || mergedFrom) cells.push({ address: cell.address, col, text: converted.text, mergedFrom });
      });
      if (cells.length > 0) rows.push({ row: rowNumber, cells });
    });
    sheets.push({ name: ws.name, hidden, rows, cellCount });
  }
  return { sheets, issues };
}

function cellProblem(sheet: string, cell: string, problem: 'formula_without_result' | 'error_value', found: string): ImportIssue {
  if (problem === 'formula_without_result') {
    return importError({
      code: 'FORMULA_WITHOUT_VALUE',
      sheet,
      cell,
      found,
      expected: '带有计算结果的公式,或直接填写的值',
      expectedEn: 'a formula with a saved result, or a plain value',
      message: `公式没有保存计算结果:请在 Excel 中打开并保存工作簿后重新上传。`,
      messageEn: 'The formula has no saved result: open and save the workbook in Excel, then upload it again.',
    });
  }
  return importError({
    code: 'CELL_ERROR_VALUE',
    sheet,
    cell,
    found,
    expected: '有效的值',
    expectedEn: 'a valid value',
    message: `单元格是错误值 ${found},请修正后重新上传。`,
    messageEn: `The cell holds the error value ${found}; fix it and upload again.`,
  });
}

const count = (n: number) => n.toLocaleString('en-US');

function cellTextTooLong(sheet: string, cell: string, chars: number, limit: number): ImportIssue {
  return importError({
    code: 'CELL_TEXT_LIMIT',
    sheet,
    cell,
    found: `${count(chars)} 个字符 / characters`,
    expected: `每个单元格至多 ${count(limit)} 个字符(Excel 的上限)`,
    expectedEn: `at most ${count(limit)} characters in a cell (Excel's own limit)`,
    message: `该单元格有 ${count(chars)} 个字符,超过了 Excel 单元格的上限 ${count(limit)} 个,为保护系统未读取该文件:请删减该单元格的内容后重新上传。`,
    messageEn: `The cell holds ${count(chars)} characters, more than the ${count(limit)} an Excel cell may hold, so the file was not read to protect the system: shorten the cell's text and upload it again.`,
  });
}

function textTooLarge(sheet: string, chars: number, limit: number): ImportIssue {
  return importError({
    code: 'TEXT_LIMIT',
    sheet,
    found: `超过 ${count(limit)} 个字符 / over ${count(limit)} characters`,
    expected: `所有单元格合计至多 ${count(limit)} 个字符`,
    expectedEn: `at most ${count(limit)} characters in all cells together`,
    message: `读到工作表“${sheet}”时,单元格中的文字已超过整个工作簿的上限 ${count(limit)} 个字符(同一段文字出现在多个单元格时按次计算),为保护系统未读取该文件:请删除不需要的内容,或把数据拆到几个文件中后重新上传。`,
    messageEn: `By sheet "${sheet}" the cells hold more than ${count(limit)} characters of text, the limit for the whole workbook (a text shown in several cells counts each time), so the file was not read to protect the system: delete what is not needed or split the data over several files, and upload it again.`,
  });
}

/**
 * A workbook that passed the file checks but that exceljs could not read. The person gets our words and a
 * reference; the library's message (which means nothing to them) is the fault, for the log under that reference.
 */
export function unreadableWorkbook(err: unknown): { issue: ImportIssue; fault: ReadFault } {
  const reference = newReference();
  const issue = importError({
    code: 'NOT_XLSX',
    found: `无法解析的工作簿内容(参考编号 ${reference})/ workbook content that cannot be parsed (reference ${reference})`,
    expected: '可以用 Excel 正常打开的 .xlsx 工作簿',
    expectedEn: 'an .xlsx workbook that Excel opens',
    message: `工作簿内容已损坏,无法读取:请在 Excel 中打开并另存为 .xlsx 后重新上传;如仍不行,请把参考编号 ${reference} 告诉管理员。`,
    messageEn: `The workbook is damaged and cannot be read: open it in Excel, save it as .xlsx and upload it again; if that does not help, give the administrator the reference ${reference}.`,
    reference,
  });
  return { issue, fault: { reference, detail: (err instanceof Error ? `${err.name}: ${err.message}` : String(err)).slice(0, 2000) } };
}
