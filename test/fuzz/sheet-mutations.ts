// Changes a spreadsheet could carry and still be well-formed XML, aimed at what the readers decide from: sheet
// names and states, merged ranges over headers and tables, cell types and numbers, the order and numbering of
// rows, and elements with a great many attributes (which the XML parser under exceljs reads slowly).
import type { ZipEntry } from '../support/bad-files.ts';
import { noise } from './noise.ts';

export type SheetOp =
  | { op: 'sheetName'; sheet: number; name: string }
  | { op: 'sheetState'; sheet: number; state: 'hidden' | 'veryHidden' | 'visible' | 'bogus' }
  | { op: 'merge'; sheet: number; ref: string }
  | { op: 'cellType'; sheet: number; seed: number; type: 's' | 'n' | 'b' | 'e' | 'd' | 'str' | 'inlineStr' | 'bogus'; value: string }
  | { op: 'rowNumbers'; sheet: number; seed: number; style: 'reverse' | 'duplicate' | 'zero' | 'huge' }
  | { op: 'manyAttributes'; sheet: number; count: number };

const asText = (data: Buffer | string) => (typeof data === 'string' ? data : data.toString('utf8'));
const escapeAttr = (text: string) => text.replace(/[<>&"]/gu, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** The worksheet parts, in name order (sheet1.xml, sheet2.xml, …). */
function sheetIndexes(list: readonly ZipEntry[]): number[] {
  return list
    .map((e, k) => ({ e, k }))
    .filter(({ e }) => /^xl\/worksheets\/[^/]+\.xml$/u.test(e.name))
    .sort((a, b) => a.e.name.localeCompare(b.e.name, 'en', { numeric: true }))
    .map(({ k }) => k);
}

function editPart(list: ZipEntry[], k: number | undefined, f: (xml: string) => string): ZipEntry[] {
  if (k === undefined || !list[k]) return list;
  const out = [...list];
  out[k] = { ...list[k], data: f(asText(list[k].data)) };
  return out;
}

/** The n-th match of `re` in `xml` replaced by what `f` makes of it (n modulo the number of matches). */
function replaceNth(xml: string, re: RegExp, n: number, f: (match: RegExpMatchArray) => string): string {
  const matches = [...xml.matchAll(re)];
  const m = matches[n % Math.max(1, matches.length)];
  if (!m || m.index === undefined) return xml;
  return xml.slice(0, m.index) + f(m) + xml.slice(m.index + m[0].length);
}

export function applySheetOp(list: ZipEntry[], op: SheetOp): ZipEntry[] {
  const workbook = list.findIndex((e) => e.name === 'xl/workbook.xml');
  const sheets = sheetIndexes(list);
  const sheet = sheets.length ? sheets[op.sheet % sheets.length] : undefined;
  switch (op.op) {
    case 'sheetName':
      return editPart(list, workbook < 0 ? undefined : workbook, (xml) => replaceNth(xml, /(<sheet\b[^>]*\bname=")([^"]*)(")/gu, op.sheet, (m) => `${m[1]}${escapeAttr(op.name)}${m[3]}`));
    case 'sheetState':
      return editPart(list, workbook < 0 ? undefined : workbook, (xml) =>
        replaceNth(xml, /<sheet\b[^>]*?(\/?)>/gu, op.sheet, (m) => m[0].replace(/\sstate="[^"]*"/u, '').replace(/\s*(\/?)>$/u, ` state="${op.state}"$1>`)),
      );
    case 'merge':
      return editPart(list, sheet, (xml) =>
        xml.includes('</mergeCells>')
          ? xml.replace('</mergeCells>', `<mergeCell ref="${escapeAttr(op.ref)}"/></mergeCells>`)
          : xml.replace('</sheetData>', `</sheetData><mergeCells count="1"><mergeCell ref="${escapeAttr(op.ref)}"/></mergeCells>`),
      );
    case 'cellType': {
      const pickAt = noise(4, op.seed).readUInt32LE(0);
      return editPart(list, sheet, (xml) => replaceNth(xml, /<c\b([^>]*?)(\/>|>[\s\S]*?<\/c>)/gu, pickAt, (m) => {
        const attrs = m[1]!.replace(/\st="[^"]*"/u, '');
        return `<c${attrs} t="${op.type}"><v>${escapeAttr(op.value)}</v></c>`;
      }));
    }
    case 'rowNumbers': {
      const pickAt = noise(4, op.seed).readUInt32LE(0);
      return editPart(list, sheet, (xml) => {
        if (op.style === 'reverse') {
          const rows = [...xml.matchAll(/<row\b[\s\S]*?<\/row>|<row\b[^>]*\/>/gu)].map((m) => m[0]);
          const start = xml.indexOf('<row');
          const end = xml.lastIndexOf('</sheetData>');
          return start < 0 || end < 0 ? xml : xml.slice(0, start) + rows.reverse().join('') + xml.slice(end);
        }
        const number = { duplicate: '1', zero: '0', huge: '1048577' }[op.style];
        return replaceNth(xml, /<row\b([^>]*?)\br="\d+"/gu, pickAt, (m) => `<row${m[1]}r="${number}"`);
      });
    }
    case 'manyAttributes': {
      const attrs: string[] = [];
      for (let n = 0; n < op.count; n++) attrs.push(`a${n}="${n}"`);
      return editPart(list, sheet, (xml) => xml.replace('<sheetData>', `<sheetData ${attrs.join(' ')}>`));
    }
  }
}
