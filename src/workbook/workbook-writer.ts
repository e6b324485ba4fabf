// Writes catalog tables as a person lays them out: a merged title row above each header, one table after another.
import ExcelJS from 'exceljs';

export interface WorkbookTable {
  sheet: string;
  title: string;
  header: string[];
  rows: string[][];
  /** 1-based inclusive column span merged in a row when all its cells say the same thing (a value for every tier). */
  mergeWhenEqual?: [number, number];
  widths: number[];
  /** A line for the sheet as a whole (价格表(示例)), written above the table's title with a blank row between. */
  heading?: string;
}

// A fixed date keeps regenerated workbooks byte-identical, so the sample's SHA-256 in rules/ stays put.
const FIXED_DATE = new Date('2026-01-01T00:00:00Z');

/** A sheet of free text, such as instructions; the importer ignores it and says so. */
export interface NoteSheet {
  sheet: string;
  lines: string[];
}

export async function writeWorkbook(tables: WorkbookTable[], notes: NoteSheet[] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'entitle';
  wb.lastModifiedBy = 'entitle';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const nextRow = new Map<string, number>();
  for (const note of notes) {
    const ws = wb.addWorksheet(note.sheet);
    ws.getColumn(1).width = 100;
    note.lines.forEach((line, i) => {
      ws.getCell(i + 1, 1).value = line;
      if (i === 0) ws.getCell(i + 1, 1).font = { bold: true, size: 14 };
    });
  }

  for (const table of tables) {
    const ws = wb.getWorksheet(table.sheet) ?? wb.addWorksheet(table.sheet);
    table.widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    let r = nextRow.get(table.sheet) ?? 1;
    if (r > 1) r++; // one blank row between tables

    if (table.heading) {
      ws.getCell(r, 1).value = table.heading;
      ws.getCell(r, 1).font = { bold: true, size: 16 };
      r += 2;
    }
    const width = table.header.length;
    ws.getCell(r, 1).value = table.title;
    ws.getCell(r, 1).font = { bold: true, size: 14 };
    ws.mergeCells(r, 1, r, width);
    r++;

    table.header.forEach((h, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = h;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.border = thin;
      cell.alignment = { vertical: 'middle', horizontal: 'center' };
    });
    r++;

    for (const values of table.rows) {
      values.forEach((v, i) => {
        const cell = ws.getCell(r, i + 1);
        if (v !== '') cell.value = v;
        cell.border = thin;
        cell.alignment = { vertical: 'middle', wrapText: true };
      });
      const span = table.mergeWhenEqual;
      if (span) {
        const covered = values.slice(span[0] - 1, span[1]);
        if (covered[0] && covered.every((v) => v === covered[0])) {
          ws.mergeCells(r, span[0], r, span[1]);
          ws.getCell(r, span[0]).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
        }
      }
      r++;
    }
    nextRow.set(table.sheet, r);
  }
  const out = Buffer.from(await wb.xlsx.writeBuffer());
  return fixZipTimestamps(out);
}

const thin: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const DOS_TIME = 0; // 00:00:00
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1; // 2026-01-01

/** The zip library stamps each entry with the current time; overwrite those stamps so the bytes are reproducible. */
export function fixZipTimestamps(zip: Buffer): Buffer {
  for (let i = 0; i + 4 <= zip.length; ) {
    const sig = zip.readUInt32LE(i);
    if (sig === 0x04034b50) {
      zip.writeUInt16LE(DOS_TIME, i + 10);
      zip.writeUInt16LE(DOS_DATE, i + 12);
      const compressed = zip.readUInt32LE(i + 18);
      const nameLen = zip.readUInt16LE(i + 26);
      const extraLen = zip.readUInt16LE(i + 28);
      const flags = zip.readUInt16LE(i + 6);
      if (flags & 0x08) break; // sizes in a trailing descriptor: cannot walk further safely
      i += 30 + nameLen + extraLen + compressed;
    } else if (sig === 0x02014b50) {
      zip.writeUInt16LE(DOS_TIME, i + 12);
      zip.writeUInt16LE(DOS_DATE, i + 14);
      i += 46 + zip.readUInt16LE(i + 28) + zip.readUInt16LE(i + 30) + zip.readUInt16LE(i + 32);
    } else break;
  }
  return zip;
}
