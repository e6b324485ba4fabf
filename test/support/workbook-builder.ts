// Builds small .xlsx workbooks in memory for importer tests: each sheet is a list of rows, each row a
// list of cell values as exceljs takes them (text, numbers, rich text, hyperlinks, formulas), plus merges.
import ExcelJS from 'exceljs';

export type CellInput =
  | string
  | number
  | boolean
  | null
  | undefined
  | ExcelJS.CellRichTextValue
  | ExcelJS.CellHyperlinkValue
  | ExcelJS.CellFormulaValue
  | ExcelJS.CellErrorValue
  | Date;

export interface SheetSpec {
  name: string;
  /** rows[0] is row 1; an empty array is a blank row; null/undefined/'' leave a cell empty. */
  rows: CellInput[][];
  /** Ranges such as 'B3:D3'; the value of the range's first cell covers the rest. */
  merges?: string[];
  /** One formula filled down or across a range, as Excel saves it: shared, and without results. */
  sharedFormulas?: { range: string; formula: string }[];
  /** Number formats by address, e.g. { B2: '0%' }: a percentage cell stores 0.18 and shows 18%. */
  numFmts?: Record<string, string>;
  /** How Excel shows the sheet's tab; hidden sheets keep their content but are out of sight. */
  state?: 'visible' | 'hidden' | 'veryHidden';
}

/** Text in several runs, as Excel stores a cell with mixed fonts. */
export function rich(...runs: string[]): ExcelJS.CellRichTextValue {
  return { richText: runs.map((text, i) => (i % 2 === 1 ? { text, font: { bold: true } } : { text })) };
}

export function link(text: string, hyperlink = 'https://www.kingdee.com/'): ExcelJS.CellHyperlinkValue {
  return { text, hyperlink };
}

/** A formula with its cached result, as Excel saves it; leave `result` out for a never-calculated formula. */
export function formula(expression: string, result?: string | number): ExcelJS.CellFormulaValue {
  return result === undefined ? ({ formula: expression } as ExcelJS.CellFormulaValue) : { formula: expression, result, date1904: false };
}

export async function buildWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = workbook.addWorksheet(spec.name, spec.state ? { state: spec.state } : {});
    spec.rows.forEach((values, r) => {
      values.forEach((value, c) => {
        if (value === null || value === undefined || value === '') return;
        ws.getCell(r + 1, c + 1).value = value;
      });
    });
    for (const [address, numFmt] of Object.entries(spec.numFmts ?? {})) ws.getCell(address).numFmt = numFmt;
    for (const range of spec.merges ?? []) ws.mergeCells(range);
    for (const { range, formula } of spec.sharedFormulas ?? []) ws.fillFormula(range, formula);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One sheet, for the common case. */
export function buildSheet(name: string, rows: CellInput[][], merges: string[] = []): Promise<Buffer> {
  return buildWorkbook([{ name, rows, merges }]);
}
