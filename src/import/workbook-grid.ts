// The only place that reads exceljs workbooks: each sheet becomes a grid of plain cell texts.
import ExcelJS from 'exceljs';
import { importError, type ImportIssue } from './import-issue.ts';

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
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
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

export async function readWorkbookGrid(bytes: Buffer): Promise<WorkbookGrid> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const issues: ImportIssue[] = [];
  const sheets: SheetGrid[] = [];
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

/** The issue for a workbook that passed the file checks but that exceljs could not read. */
export function unreadableWorkbook(err: unknown): ImportIssue {
  return importError({
    code: 'NOT_XLSX',
    // The library's English message helps whoever supports the user; the prefix tells the user what it is.
    found: `无法解析的工作簿内容(技术信息:${(err instanceof Error ? err.message : String(err)).slice(0, 200)})`,
    expected: '可以用 Excel 正常打开的 .xlsx 工作簿',
    expectedEn: 'an .xlsx workbook that Excel opens',
    message: '工作簿内容已损坏,无法读取:请在 Excel 中打开并另存为 .xlsx 后重新上传。',
    messageEn: 'The workbook is damaged and cannot be read: open it in Excel, save it as .xlsx and upload it again.',
  });
}
