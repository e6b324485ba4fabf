// Builders for the malformed or hostile uploads the importer must reject, made in memory so no
// binary fixtures live in the repo. The zip writer is hand-rolled because the bad cases (lying
// sizes, macro parts) are exactly what real zip libraries refuse to produce.
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';

export interface ZipEntry {
  name: string;
  data: Buffer | string;
  /** Store uncompressed instead of deflating. */
  store?: boolean;
}

/** An entry exactly as it will sit in the archive; `size` is written to both headers and may lie. */
export interface PackedZipEntry {
  name: string;
  method: 0 | 8;
  packed: Buffer;
  crc: number;
  size: number;
}

export function packEntry(entry: ZipEntry): PackedZipEntry {
  const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
  return {
    name: entry.name,
    method: entry.store ? 0 : 8,
    packed: entry.store ? data : zlib.deflateRawSync(data),
    crc: zlib.crc32(data),
    size: data.length,
  };
}

// 2024-01-01 00:00 in DOS format, so archives are byte-for-byte reproducible.
const DOS_TIME = 0;
const DOS_DATE = ((2024 - 1980) << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

export function buildZip(entries: ReadonlyArray<ZipEntry | PackedZipEntry>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const raw of entries) {
    const e = 'packed' in raw ? raw : packEntry(raw);
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.packed.length, 18);
    local.writeUInt32LE(e.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(e.method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.packed.length, 20);
    central.writeUInt32LE(e.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, e.packed);
    centrals.push(central, name);
    offset += local.length + name.length + e.packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Reads a well-formed, non-zip64 archive such as exceljs output; not hardened, test use only. */
export function readZip(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const packedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const packed = zip.subarray(start, start + packedSize);
    entries.push({ name, data: method === 8 ? zlib.inflateRawSync(packed) : Buffer.from(packed) });
    at += 46 + skip;
  }
  return entries;
}

export function emptyFile(): Buffer {
  return Buffer.alloc(0);
}

export function csvFile(): Buffer {
  return Buffer.from('\uFEFF产品编码,服务产品,响应时限(小时)\nP001,金蝶云星空标准服务,4\nP002,金蝶云星空尊享服务,2\n', 'utf8');
}

/** Deterministic noise (xorshift32) so a failing case can be reproduced. */
export function randomBytes(length = 4096, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** A CFB (OLE2) container: a 512-byte header, then one directory sector naming the given streams. */
export function cfbContainer(streamNames: readonly string[], padTo = 4096): Buffer {
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x003e, 24);
  header.writeUInt16LE(0x0003, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  const directory = Buffer.alloc(512);
  ['Root Entry', ...streamNames].slice(0, 4).forEach((name, i) => {
    const encoded = Buffer.from(`${name}\0`, 'utf16le');
    encoded.copy(directory, i * 128);
    directory.writeUInt16LE(encoded.length, i * 128 + 64);
    directory[i * 128 + 66] = i === 0 ? 5 : 2;
  });
  const body = Buffer.concat([header, directory]);
  return Buffer.concat([body, Buffer.alloc(Math.max(0, padTo - body.length))]);
}

export function fakeXls(): Buffer {
  return cfbContainer(['Workbook', '\u0005SummaryInformation']);
}

/** What Excel writes for "Encrypt with Password": the real package hidden in a CFB container. */
export function fakeEncryptedXlsx(): Buffer {
  return cfbContainer(['\u0006DataSpaces', 'EncryptionInfo', 'EncryptedPackage']);
}

export function nonWorkbookZip(): Buffer {
  return buildZip([
    { name: 'readme.txt', data: '服务产品政策,见附件。\n' },
    { name: 'data/policy.csv', data: csvFile() },
  ]);
}

export async function validXlsx(rows = 3): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('服务产品');
  sheet.addRow(['产品编码', '服务产品', '响应时限(小时)']);
  for (let i = 1; i <= rows; i++) sheet.addRow([`P${String(i).padStart(4, '0')}`, `金蝶云星空服务 ${i}`, (i % 8) + 1]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const MACRO_MAIN = 'application/vnd.ms-excel.sheet.macroEnabled.main+xml';
const XLSX_MAIN = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

/** Turns an .xlsx into what Excel saves as .xlsm; each marker can be left out to test it alone. */
export function xlsmFrom(xlsx: Buffer, options: { contentType?: boolean; vbaProject?: boolean } = {}): Buffer {
  const { contentType = true, vbaProject = true } = options;
  const entries = readZip(xlsx).map((entry) => {
    if (entry.name !== '[Content_Types].xml' || !contentType) return entry;
    let xml = entry.data.toString().replace(XLSX_MAIN, MACRO_MAIN);
    if (vbaProject) xml = xml.replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
    return { ...entry, data: xml };
  });
  if (vbaProject) entries.push({ name: 'xl/vbaProject.bin', data: cfbContainer(['VBA', 'PROJECT'], 1536) });
  return buildZip(entries);
}

const ZERO_CHUNK = 1024 * 1024;

/**
 * `size` zeros deflated without ever holding them: independently compressed 1 MB blocks, sync-flushed
 * so they concatenate into one valid raw deflate stream. `declaredSize` is what the headers claim.
 */
export function zerosEntry(name: string, size: number, declaredSize = size): PackedZipEntry {
  const chunk = Buffer.alloc(Math.min(size, ZERO_CHUNK));
  const fullChunks = Math.floor(size / ZERO_CHUNK);
  const rest = size - fullChunks * ZERO_CHUNK;
  const unit = zlib.deflateRawSync(chunk, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  let crc = 0;
  for (let i = 0; i < fullChunks; i++) crc = zlib.crc32(chunk, crc);
  crc = zlib.crc32(chunk.subarray(0, rest), crc);
  const tail = zlib.deflateRawSync(chunk.subarray(0, rest));
  return { name, method: 8, packed: Buffer.concat([...Array<Buffer>(fullChunks).fill(unit), tail]), crc, size: declaredSize };
}

/** An honest bomb: headers truthfully declare `size` bytes of zeros. */
export function zipBomb(size: number): Buffer {
  return buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, zerosEntry('xl/workbook.xml', size)]);
}

/** A real workbook plus one entry whose headers claim `declaredSize` but which inflates to `actualSize`. */
export function lyingZipBomb(xlsx: Buffer, actualSize: number, declaredSize = 1024): Buffer {
  return buildZip([...readZip(xlsx), zerosEntry('xl/media/image1.png', actualSize, declaredSize)]);
}
