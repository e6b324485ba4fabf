// CSV bytes to rows of cell texts: the encoding Excel used (UTF-8 with or without BOM, or GB18030,
// the default of Chinese Excel's "CSV (逗号分隔)"), then RFC 4180 records as Excel reads them.
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { addressOf } from '../../workbook/xlsx-refs.ts';

export type CsvDecoding =
  | { ok: true; text: string; encoding: 'utf-8' | 'gb18030' }
  | { ok: false; reason: 'binary' | 'utf16' | 'bad_utf8' | 'unknown_encoding' | 'markup' };

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// Control bytes no text file holds (tab, line breaks, form feed and ESC aside); UTF-8 and GB18030
// multi-byte sequences never contain them, so one byte of these means binary content.
function isControlByte(b: number): boolean {
  return b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b);
}

function decodeFatal(bytes: Uint8Array, encoding: 'utf-8' | 'gb18030'): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeCsv(bytes: Buffer): CsvDecoding {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return { ok: false, reason: 'utf16' };
  for (const b of bytes) if (isControlByte(b)) return { ok: false, reason: 'binary' };
  const bom = bytes.subarray(0, 3).equals(UTF8_BOM);
  let decoded: CsvDecoding;
  const utf8 = decodeFatal(bytes, 'utf-8');
  if (utf8 !== null) decoded = { ok: true, text: utf8, encoding: 'utf-8' };
  else if (bom) return { ok: false, reason: 'bad_utf8' };
  else {
    const gb = decodeFatal(bytes, 'gb18030');
    if (gb === null) return { ok: false, reason: 'unknown_encoding' };
    decoded = { ok: true, text: gb, encoding: 'gb18030' };
  }
  // TextDecoder drops a UTF-8 BOM; GB18030 has its own (84 31 95 33), which decodes to U+FEFF.
  const text = decoded.text.replace(/^\uFEFF/u, '');
  // Web systems often export an HTML table under a spreadsheet name; it is not CSV.
  if (/^\s*</u.test(text)) return { ok: false, reason: 'markup' };
  return { ...decoded, text };
}

export interface CsvParse {
  /** records[0] is row 1; a blank line is a record with one empty field. */
  records: string[][];
  /** Where a quoted field opened that never closed (it ran to the end of the file). */
  unclosedQuote: { row: number; col: number } | null;
  /** Set when parsing stopped at a limit; `records` then holds only what came before. */
  overLimit?: { limit: 'rows' | 'columns' | 'cell'; row: number; col: number; found: number };
}

/** What one CSV may hold; parsing stops at the first excess, so a file of blank lines never becomes millions of records. */
export interface CsvLimits {
  maxRecords: number;
  maxFields: number;
  maxFieldChars: number;
}

const NO_LIMITS: CsvLimits = { maxRecords: Infinity, maxFields: Infinity, maxFieldChars: Infinity };

/**
 * RFC 4180 as Excel reads it: fields quoted with `"` may hold delimiters, `""` and line breaks; CRLF,
 * LF or CR end a record; a quote inside an unquoted field is a plain character, and text after a
 * closing quote joins the field.
 */
export function parseCsv(text: string, delimiter = ',', limits: CsvLimits = NO_LIMITS): CsvParse {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  // Only a quote that opens a field quotes it.
  let atStart = true;
  let unclosedQuote: CsvParse['unclosedQuote'] = null;
  let overLimit: CsvParse['overLimit'];
  const n = text.length;
  let i = 0;
  const pushField = (): void => {
    if (field.length > limits.maxFieldChars) overLimit ??= { limit: 'cell', row: records.length + 1, col: record.length + 1, found: field.length };
    record.push(field);
    if (record.length > limits.maxFields) overLimit ??= { limit: 'columns', row: records.length + 1, col: record.length, found: record.length };
    field = '';
  };
  const endRecord = (): void => {
    pushField();
    records.push(record);
    if (records.length > limits.maxRecords) overLimit ??= { limit: 'rows', row: records.length, col: 1, found: records.length };
    record = [];
    atStart = true;
  };
  while (i < n && !overLimit) {
    const c = text[i];
    if (c === '"' && atStart) {
      atStart = false;
      const opened = { row: records.length + 1, col: record.length + 1 };
      i++;
      for (;;) {
        const close = text.indexOf('"', i);
        if (close < 0) {
          field += text.slice(i);
          i = n;
          unclosedQuote ??= opened;
          break;
        }
        field += text.slice(i, close);
        if (text[close + 1] === '"') {
          field += '"';
          i = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      continue;
    }
    if (c === delimiter) {
      pushField();
      atStart = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      let end = i;
      while (end < n && text[end] !== delimiter && text[end] !== '\r' && text[end] !== '\n') end++;
      field += text.slice(i, end);
      atStart = false;
      i = end;
    }
  }
  if (!overLimit && (!atStart || record.length > 0)) endRecord();
  return overLimit ? { records, unclosedQuote, overLimit } : { records, unclosedQuote };
}

/** The records as grid rows, so CSV and workbook share one table reader; empty fields and rows are left out. */
export function csvGridRows(records: string[][]): GridRow[] {
  const rows: GridRow[] = [];
  records.forEach((fields, r) => {
    const cells = fields.flatMap((text, c) => (text === '' ? [] : [{ address: addressOf(c + 1, r + 1), col: c + 1, text, mergedFrom: null }]));
    if (cells.length > 0) rows.push({ row: r + 1, cells });
  });
  return rows;
}
