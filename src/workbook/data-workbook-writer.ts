// Writes data for people who work in Excel: one table per sheet under a frozen bold header, numbers as numbers,
// dates and percentages in the formats their columns name. The report workbooks are written with it.
import ExcelJS from 'exceljs';

/** A cell's value: text, a number, a date (shown as written: Excel has no time zones), or nothing. */
export type DataValue = string | number | Date | null;

export interface DataColumn {
  header: string;
  width: number;
  /** Excel number format for the column's values; dates and percents need one to read as such. */
  numFmt?: string;
}

/** A format for one cell, where its column's does not fit: a key–value sheet's values differ from row to row. */
export interface DataCellFormat {
  /** 1-based, the header being row 1. */
  row: number;
  col: number;
  numFmt?: string;
  alignLeft?: boolean;
}

export interface DataSheet {
  name: string;
  columns: DataColumn[];
  rows: DataValue[][];
  /** The last row is a total, in bold. */
  boldLastRow?: boolean;
  cellFormats?: DataCellFormat[];
}

/** `stamp` is the workbook's created and modified date: a fixed one gives the same workbook for the same data. */
export async function writeDataWorkbook(sheets: readonly DataSheet[], stamp: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'entitle';
  wb.lastModifiedBy = 'entitle';
  wb.created = stamp;
  wb.modified = stamp;
  for (const sheet of sheets) addSheet(wb, sheet);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addSheet(wb: ExcelJS.Workbook, sheet: DataSheet): void {
  const { columns, rows } = sheet;
  const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  columns.forEach((c, i) => {
    ws.getColumn(i + 1).width = c.width;
  });
  const header = ws.getRow(1);
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    cell.alignment = { vertical: 'middle', wrapText: true };
  });
  rows.forEach((values, r) => {
    const row = ws.getRow(r + 2);
    values.forEach((v, i) => {
      if (v === null) return;
      const cell = row.getCell(i + 1);
      cell.value = v;
      const numFmt = columns[i]?.numFmt;
      // A text such as 未响应 or — in a date or percent column keeps its own format.
      if (numFmt && typeof v !== 'string') cell.numFmt = numFmt;
    });
    if (sheet.boldLastRow && r === rows.length - 1) row.font = { bold: true };
  });
  for (const format of sheet.cellFormats ?? []) {
    const cell = ws.getCell(format.row, format.col);
    if (format.numFmt) cell.numFmt = format.numFmt;
    if (format.alignLeft) cell.alignment = { horizontal: 'left' };
  }
}
