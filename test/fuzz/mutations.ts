// What a fuzz case does to a real file, as plain data: fast-check draws a plan of operations from a seed, and
// the plan is applied to the file's zip entries (structure, XML, encodings, sizes) and then to its bytes. A plan
// is data so that a failing case can be printed, kept as a fixture and replayed without fast-check drawing it.
import { buildZip, packEntry, type PackedZipEntry, type ZipEntry } from '../support/bad-files.ts';
import { noise } from './noise.ts';
import { applySheetOp, type SheetOp } from './sheet-mutations.ts';

/** Operations on the entries of an .xlsx (a zip). `i` picks an entry modulo their count; `at` a place in [0, 1). */
export type EntryOp =
  | { op: 'shuffle'; seed: number }
  | { op: 'drop'; i: number }
  | { op: 'duplicate'; i: number; edited: boolean }
  | { op: 'rename'; i: number; style: 'upper' | 'slash' | 'backslash' | 'space' }
  | { op: 'truncateXml'; i: number; at: number }
  | { op: 'breakXml'; i: number; at: number; junk: string }
  | { op: 'hugeAttribute'; i: number; at: number; chars: number; char: string }
  | { op: 'deepNesting'; i: number; at: number; depth: number; tag: string }
  | { op: 'reencode'; i: number; encoding: 'utf16le' | 'utf16be' | 'utf8bom' | 'gbk' | 'latin1' | 'badutf8' }
  | { op: 'cellText'; i: number; at: number; text: string }
  | { op: 'cells'; seed: number; texts: string[] }
  | { op: 'bomb'; i: number; kind: 'whitespace' | 'emptyRows' | 'comment' | 'sharedRepeat'; size: number }
  | { op: 'junkEntry'; name: string; seed: number; length: number }
  | { op: 'store'; i: number }
  | { op: 'lie'; i: number; field: 'size' | 'crc' | 'method'; value: number }
  | SheetOp;

/** Operations on the finished bytes (any file, CSV included). */
export type ByteOp =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; seed: number; count: number }
  | { op: 'overwrite'; at: number; seed: number; length: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'append'; seed: number; length: number };

/** Operations on a CSV's text before it is encoded. */
export type CsvOp =
  | { op: 'reencode'; encoding: 'utf16le' | 'utf16be' | 'utf8bom' | 'gbk' | 'latin1' | 'badutf8' }
  | { op: 'insert'; at: number; text: string }
  | { op: 'longField'; at: number; chars: number }
  | { op: 'manyFields'; at: number; count: number; delimiter: string }
  | { op: 'manyLines'; count: number; line: string };

export interface Plan {
  /** Which real file the case starts from (a key of the target's bases). */
  base: string;
  entryOps: EntryOp[];
  csvOps: CsvOp[];
  byteOps: ByteOp[];
}

export const ENCODINGS = ['utf16le', 'utf16be', 'utf8bom', 'gbk', 'latin1', 'badutf8'] as const;

const pick = <T>(list: readonly T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);
const place = (length: number, fraction: number) => Math.min(length, Math.floor(fraction * (length + 1)));
const asText = (data: Buffer | string) => (typeof data === 'string' ? data : data.toString('utf8'));

/** A place in XML text just after a tag ends, so what is inserted sits between elements (or at `at` when none). */
function afterTag(xml: string, fraction: number): number {
  const from = place(xml.length, fraction);
  const next = xml.indexOf('>', from);
  return next < 0 ? from : next + 1;
}

/** Text in another encoding, its declaration saying so (or, for the broken ones, not). */
export function encodeText(text: string, encoding: (typeof ENCODINGS)[number]): Buffer {
  const declared = (name: string) => text.replace(/encoding="[^"]*"/u, `encoding="${name}"`);
  switch (encoding) {
    case 'utf16le':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(declared('UTF-16'), 'utf16le')]);
    case 'utf16be': {
      const le = Buffer.from(declared('UTF-16'), 'utf16le');
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
    }
    case 'utf8bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'gbk':
      // GBK-like double bytes (lead 0x81–0xFE) in place of every CJK character, under a GBK declaration.
      return Buffer.from(
        declared('GBK').replace(/[\u4e00-\u9fff]/gu, (c) => String.fromCharCode(0x81 + (c.charCodeAt(0) % 0x7e), 0x40 + (c.charCodeAt(0) % 0xbe))),
        'latin1',
      );
    case 'latin1':
      return Buffer.from(declared('ISO-8859-1'), 'latin1');
    case 'badutf8':
      // Stray continuation bytes and an overlong form inside otherwise UTF-8 text.
      return Buffer.concat([Buffer.from(text.slice(0, text.length >> 1), 'utf8'), Buffer.from([0x80, 0xbf, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff]), Buffer.from(text.slice(text.length >> 1), 'utf8')]);
  }
}

function bombXml(kind: Extract<EntryOp, { op: 'bomb' }>['kind'], size: number): string {
  switch (kind) {
    case 'whitespace':
      return ' '.repeat(size);
    case 'comment':
      return `<!--${'-x'.repeat(size >> 1)}-->`;
    case 'emptyRows': {
      const rows: string[] = [];
      for (let r = 1; r * 20 < size && r <= 1_048_576; r++) rows.push(`<row r="${r}"/>`);
      return rows.join('');
    }
    case 'sharedRepeat':
      return `<si><t>${'重'.repeat(Math.min(size, 32_767))}</t></si>`;
  }
}

function applyEntryOp(entries: ZipEntry[], op: EntryOp): ZipEntry[] {
  if ('sheet' in op) return applySheetOp(entries, op);
  const list = [...entries];
  const i = 'i' in op ? op.i % Math.max(1, list.length) : 0;
  const target = list[i];
  const edit = (f: (xml: string) => string | Buffer) => {
    if (target) list[i] = { ...target, data: f(asText(target.data)) };
  };
  switch (op.op) {
    case 'shuffle': {
      const order = noise(list.length * 4, op.seed);
      return list.map((e, k) => ({ e, key: order.readUInt32LE(k * 4) })).sort((a, b) => a.key - b.key).map((x) => x.e);
    }
    case 'drop':
      list.splice(i, 1);
      return list;
    case 'duplicate':
      if (target) list.push(op.edited ? { ...target, data: asText(target.data).replace(/<\/[^>]+>$/u, '') } : { ...target });
      return list;
    case 'rename':
      if (target) {
        const names = { upper: target.name.toUpperCase(), slash: `/${target.name}`, backslash: target.name.replace(/\//gu, '\\'), space: `${target.name} ` };
        list[i] = { ...target, name: names[op.style] };
      }
      return list;
    case 'truncateXml':
      edit((xml) => xml.slice(0, place(xml.length, op.at)));
      return list;
    case 'breakXml':
      edit((xml) => {
        const p = place(xml.length, op.at);
        return xml.slice(0, p) + op.junk + xml.slice(p);
      });
      return list;
    case 'hugeAttribute':
      edit((xml) => {
        // Into the first start tag after the place: ` huge="…"` just before its `>` or `/>`.
        const start = xml.indexOf('<', place(xml.length, op.at));
        const end = start < 0 ? -1 : xml.indexOf('>', start);
        if (end < 0) return xml;
        const cut = xml[end - 1] === '/' ? end - 1 : end;
        return `${xml.slice(0, cut)} huge="${op.char.repeat(Math.ceil(op.chars / op.char.length))}"${xml.slice(cut)}`;
      });
      return list;
    case 'deepNesting':
      edit((xml) => {
        const p = afterTag(xml, op.at);
        return xml.slice(0, p) + `<${op.tag}>`.repeat(op.depth) + `</${op.tag}>`.repeat(op.depth) + xml.slice(p);
      });
      return list;
    case 'reencode':
      edit((xml) => encodeText(xml, op.encoding));
      return list;
    case 'cellText': {
      // A text inside some <t> or <v> (shared strings, inline strings, values), of any part that has one.
      const withText = list.map((e, k) => ({ e, k })).filter(({ e }) => /<(t|v)[ >]/u.test(asText(e.data)));
      const chosen = pick(withText, op.i);
      if (!chosen) return list;
      const xml = asText(chosen.e.data);
      const spots = [...xml.matchAll(/<(t|v)( [^>]*)?>([^<]*)<\/\1>/gu)];
      const spot = spots[Math.floor(op.at * spots.length)];
      if (!spot || spot.index === undefined) return list;
      const escaped = op.text.replace(/[<>&]/gu, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
      const replaced = `<${spot[1]}${spot[2] ?? ''}>${escaped}</${spot[1]}>`;
      list[chosen.k] = { ...chosen.e, data: xml.slice(0, spot.index) + replaced + xml.slice(spot.index + spot[0].length) };
      return list;
    }
    case 'cells': {
      // Several texts at once, in the shared strings when there are some (a policy's words live there), else inline.
      const k = list.findIndex((e) => e.name === 'xl/sharedStrings.xml');
      const part = list[k] ?? list.find((e) => /<t[ >]/u.test(asText(e.data)));
      if (!part) return list;
      let xml = asText(part.data);
      const spots = [...xml.matchAll(/<t( [^>]*)?>([^<]*)<\/t>/gu)];
      const choice = noise(op.texts.length * 4, op.seed);
      const edits = new Map(op.texts.map((text, n) => [spots.length ? choice.readUInt32LE(n * 4) % spots.length : -1, text]));
      for (const [n, spot] of [...spots.entries()].reverse()) {
        const text = edits.get(n);
        if (text === undefined || spot.index === undefined) continue;
        const escaped = text.replace(/[<>&]/gu, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c]!);
        xml = `${xml.slice(0, spot.index)}<t xml:space="preserve">${escaped}</t>${xml.slice(spot.index + spot[0].length)}`;
      }
      list[k >= 0 ? k : list.indexOf(part)] = { ...part, data: xml };
      return list;
    }
    case 'bomb':
      edit((xml) => {
        // Highly compressible, within the declared and inflated limits: inside sheetData when there is one.
        const payload = bombXml(op.kind, op.size);
        const anchor = op.kind === 'sharedRepeat' ? xml.indexOf('</sst>') : xml.indexOf('</sheetData>');
        const p = anchor >= 0 ? anchor : afterTag(xml, 0.5);
        return xml.slice(0, p) + payload + xml.slice(p);
      });
      return list;
    case 'junkEntry':
      list.push({ name: op.name, data: noise(op.length, op.seed) });
      return list;
    case 'store':
      if (target) list[i] = { ...target, store: true };
      return list;
    case 'lie':
      // Applied when packing (applyPlan): marked here on the entry.
      if (target) list[i] = Object.assign({ ...target }, { lie: { field: op.field, value: op.value } });
      return list;
  }
}

function pack(entry: ZipEntry & { lie?: { field: 'size' | 'crc' | 'method'; value: number } }): PackedZipEntry {
  const packed = packEntry(entry);
  const lie = entry.lie;
  if (!lie) return packed;
  if (lie.field === 'size') return { ...packed, size: lie.value };
  if (lie.field === 'crc') return { ...packed, crc: lie.value };
  // A deflated entry said to be stored, or a stored one said to be deflated.
  return { ...packed, method: packed.method === 8 ? 0 : 8 };
}

export function applyByteOp(bytes: Buffer, op: ByteOp): Buffer {
  switch (op.op) {
    case 'truncate':
      return bytes.subarray(0, place(bytes.length, op.at));
    case 'flip': {
      const out = Buffer.from(bytes);
      const n = noise(op.count * 5, op.seed);
      for (let k = 0; k < op.count && out.length > 0; k++) {
        const p = n.readUInt32LE(k * 5) % out.length;
        out[p] = out[p]! ^ (n[k * 5 + 4]! | 1);
      }
      return out;
    }
    case 'overwrite': {
      const out = Buffer.from(bytes);
      noise(op.length, op.seed).copy(out, place(out.length, op.at));
      return out;
    }
    case 'insert': {
      const p = place(bytes.length, op.at);
      return Buffer.concat([bytes.subarray(0, p), Buffer.from(op.text, 'utf8'), bytes.subarray(p)]);
    }
    case 'delete': {
      const p = place(bytes.length, op.at);
      return Buffer.concat([bytes.subarray(0, p), bytes.subarray(p + op.length)]);
    }
    case 'append':
      return Buffer.concat([bytes, noise(op.length, op.seed)]);
  }
}

function applyCsvOp(text: string, op: CsvOp): { text: string; encoding?: (typeof ENCODINGS)[number] } {
  const p = 'at' in op ? place(text.length, op.at) : 0;
  switch (op.op) {
    case 'reencode':
      return { text, encoding: op.encoding };
    case 'insert':
      return { text: text.slice(0, p) + op.text + text.slice(p) };
    case 'longField':
      return { text: `${text.slice(0, p)}"${'长'.repeat(op.chars)}"${text.slice(p)}` };
    case 'manyFields':
      return { text: text.slice(0, p) + op.delimiter.repeat(op.count) + text.slice(p) };
    case 'manyLines':
      return { text: text + `${op.line}\r\n`.repeat(op.count) };
  }
}

/** The bytes of a case: the base's entries (or CSV text) changed by the plan, zipped (or encoded), then its bytes changed. */
export function applyPlan(plan: Plan, base: { kind: 'zip'; entries: ZipEntry[] } | { kind: 'csv'; text: string }): Buffer {
  let bytes: Buffer;
  if (base.kind === 'zip') {
    let entries = base.entries;
    for (const op of plan.entryOps) entries = applyEntryOp(entries, op);
    bytes = buildZip(entries.map(pack));
  } else {
    let text = base.text;
    let encoding: (typeof ENCODINGS)[number] | undefined;
    for (const op of plan.csvOps) {
      const next = applyCsvOp(text, op);
      text = next.text;
      encoding = next.encoding ?? encoding;
    }
    bytes = encoding ? encodeText(text, encoding) : Buffer.from(text, 'utf8');
  }
  for (const op of plan.byteOps) bytes = applyByteOp(bytes, op);
  return bytes;
}
