// Screens an uploaded policy workbook before exceljs sees it: exceljs (via JSZip) inflates everything
// in memory and reports bad input with cryptic or no errors, so anything that is not a plain,
// reasonably sized .xlsx is turned into a bilingual issue here instead.
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { ImportIssue } from './import-issue.ts';
import { importError } from './import-issue.ts';
import { XmlPartScanner, type PartKind } from './xlsx-part-scan.ts';
import { declaredSizeIssues, DEFAULT_DECLARED_LIMITS, type DeclaredSizeLimits, type ScannedPart } from './xlsx-size-limits.ts';

const MB = 1024 * 1024;

/** Everything an uploaded spreadsheet may be; the sizes a sheet declares are in DeclaredSizeLimits. */
export interface XlsxGuardLimits extends DeclaredSizeLimits {
  maxFileBytes: number;
  /** Total over all entries, declared and actually inflated. */
  maxUncompressedBytes: number;
  maxEntries: number;
  /** Characters in one cell: Excel's own limit. Checked as the grid is read (shared strings are only counted then). */
  maxCellTextChars: number;
  /** Characters in all cells together, a shared string counted once for every cell that shows it. */
  maxTextChars: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxGuardLimits = Object.freeze({
  maxFileBytes: 10 * MB,
  // exceljs holds a workbook in memory at roughly 15× its inflated XML: 30 MB keeps an import under ~0.5 GB.
  maxUncompressedBytes: 30 * MB,
  maxEntries: 10_000,
  ...DEFAULT_DECLARED_LIMITS,
  maxCellTextChars: 32_767,
  // A contract file at the row limit holds about 7 million characters; 20 million leaves room and bounds
  // a shared string of 30 MB shown in every cell, which is otherwise free to declare.
  maxTextChars: 20_000_000,
});

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
// CFB directory entry names are UTF-16LE; these two streams only exist in an encrypted OOXML package.
const ENCRYPTION_STREAMS = ['EncryptionInfo', 'EncryptedPackage'].map((n) => Buffer.from(n, 'utf16le'));
const ZIP_MAGICS = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
const MACRO_MARKS = [Buffer.from('macroEnabled'), Buffer.from('macroEnabled', 'utf16le')];
// Enough for any real [Content_Types].xml; a larger one is still inflated and counted, just not kept.
const MAX_CONTENT_TYPES_BYTES = MB;

interface Text { zh: string; en: string }

/** Carries a finished issue out of the zip walk so every exit path goes through one cleanup. */
class Rejection extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.messageEn);
  }
}

/** Given the `limit` that `n` exceeds, rounds up where needed so it never prints as the limit itself. */
function formatBytes(n: number, limit?: number): string {
  const [value, unit] = n >= MB ? [n / MB, 'MB'] : n >= 1024 ? [n / 1024, 'KB'] : [n, 'B'];
  const shown = `${Number(value.toFixed(1))} ${unit}`;
  return limit !== undefined && shown === formatBytes(limit) ? `${Math.ceil(value * 10) / 10} ${unit}` : shown;
}

function wanted(limits: XlsxGuardLimits): Text {
  const max = formatBytes(limits.maxFileBytes);
  return { zh: `Excel 工作簿 (.xlsx),不超过 ${max}`, en: `an Excel workbook (.xlsx) of at most ${max}` };
}

function issue(code: string, found: string, expected: Text, message: Text): ImportIssue {
  return importError({ code, found, expected: expected.zh, expectedEn: expected.en, message: message.zh, messageEn: message.en });
}

function notXlsx(found: Text, limits: XlsxGuardLimits): ImportIssue {
  return issue('NOT_XLSX', found.zh, wanted(limits), {
    zh: `该文件是${found.zh},不是 Excel 工作簿,请在 Excel 中打开后另存为“Excel 工作簿 (*.xlsx)”再重新上传。`,
    en: `This file is ${found.en}, not an Excel workbook; open it in Excel, save it as "Excel Workbook (*.xlsx)" and upload it again.`,
  });
}

function corrupt(limits: XlsxGuardLimits): ImportIssue {
  return issue('NOT_XLSX', '已损坏或不完整的 .xlsx/ZIP 文件', wanted(limits), {
    zh: '该文件已损坏或不完整,无法作为 Excel 工作簿读取,请在 Excel 中打开确认内容无误、另存为 .xlsx 后重新上传。',
    en: 'The file is damaged or incomplete and cannot be read as an Excel workbook; open it in Excel, check the content, save it as .xlsx and upload it again.',
  });
}

function zipBomb(found: Text, limits: XlsxGuardLimits): ImportIssue {
  const max = formatBytes(limits.maxUncompressedBytes);
  return issue(
    'ZIP_BOMB',
    found.zh,
    { zh: `Excel 工作簿 (.xlsx),解压后不超过 ${max}、条目不超过 ${limits.maxEntries} 个`, en: `an Excel workbook (.xlsx) that unpacks to at most ${max} in at most ${limits.maxEntries} entries` },
    {
      zh: `该文件解压后的内容异常(${found.zh}),为保护系统已拒绝处理,请上传由 Excel 正常保存的政策工作簿,如确实需要这么多数据请联系管理员。`,
      en: `The file's packed content is abnormal (${found.en}) and was refused to protect the system; upload the policy workbook as saved by Excel, or contact an administrator if it really needs this much data.`,
    },
  );
}

function macroWorkbook(limits: XlsxGuardLimits): ImportIssue {
  return issue('MACRO_WORKBOOK', '启用宏的 Excel 工作簿 (.xlsm)', { zh: `不含宏的${wanted(limits).zh}`, en: `${wanted(limits).en}, without macros` }, {
    zh: '该工作簿包含宏,出于安全原因不予导入,请在 Excel 中另存为不含宏的“Excel 工作簿 (*.xlsx)”后重新上传。',
    en: 'The workbook contains macros, which are not accepted for security reasons; save it in Excel as a macro-free "Excel Workbook (*.xlsx)" and upload it again.',
  });
}

/** Names the kind of non-zip content, so the owner can tell a CSV export from a wrong file. */
function describeNonZip(bytes: Buffer): Text {
  const head = bytes.subarray(0, 512);
  if (head[0] === 0xff && head[1] === 0xfe) return { zh: 'Unicode 文本文件(如制表符分隔或 CSV)', en: 'a Unicode text file (e.g. tab-separated or CSV)' };
  const binary = head.some((b) => b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b));
  if (binary) return { zh: '无法识别的二进制文件', en: 'an unrecognised binary file' };
  if (/^(\uFEFF)?\s*</.test(head.toString('utf8'))) return { zh: 'HTML/XML 文本文件', en: 'an HTML/XML text file' };
  return { zh: '纯文本文件(可能是 CSV)', en: 'a plain text file (probably CSV)' };
}

/** Recognises the usual wrong zip-based uploads by a part only they have. */
function describeNonWorkbook(names: Set<string>): Text {
  if (names.size === 0) return { zh: '空的 ZIP 压缩包', en: 'an empty zip archive' };
  if (names.has('word/document.xml')) return { zh: 'Word 文档 (.docx)', en: 'a Word document (.docx)' };
  if (names.has('ppt/presentation.xml')) return { zh: 'PowerPoint 演示文稿 (.pptx)', en: 'a PowerPoint presentation (.pptx)' };
  if (names.has('xl/workbook.bin')) return { zh: 'Excel 二进制工作簿 (.xlsb)', en: 'an Excel binary workbook (.xlsb)' };
  if (names.has('mimetype') && names.has('content.xml')) return { zh: 'OpenDocument 文档(如 .ods)', en: 'an OpenDocument file (e.g. .ods)' };
  return { zh: 'ZIP 压缩包(不含 Excel 工作簿)', en: 'a zip archive without an Excel workbook in it' };
}

function openZip(bytes: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => (err ? reject(err) : resolve(zip)));
  });
}

interface Budget { used: number; readonly limits: XlsxGuardLimits }

/** How an entry is read while it is drained: as exceljs will read it (the same name patterns), or not at all. */
function partKind(fileName: string): PartKind | null {
  // exceljs drops a leading slash and matches worksheets anywhere in the name; the guard counts a superset.
  const name = fileName.replace(/^\//, '').toLowerCase();
  if (/xl\/worksheets\/sheet\d+\.xml/.test(name) || (name.startsWith('xl/worksheets/') && name.endsWith('.xml'))) return 'worksheet';
  if (name === 'xl/workbook.xml') return 'workbook';
  if (name === 'xl/_rels/workbook.xml.rels') return 'relationships';
  // Media and printer settings are binary: a '<' in them is no tag.
  return /\.(xml|rels|vml)$/.test(name) ? 'other' : null;
}

interface Drained {
  kept: Buffer;
  scan: ScannedPart | null;
}

/** Inflates one entry, scanning its XML as it passes and keeping the data only when `keep` (for [Content_Types].xml). */
function drain(zip: ZipFile, entry: Entry, budget: Budget, keep: boolean): Promise<Drained> {
  const kind = partKind(entry.fileName);
  const scanner = kind ? new XmlPartScanner(kind) : null;
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (openErr, stream) => {
      if (openErr) return reject(openErr);
      const kept: Buffer[] = [];
      let keptBytes = 0;
      let settled = false;
      const settle = (err?: unknown): void => {
        if (settled) return;
        settled = true;
        if (err === undefined) return resolve({ kept: Buffer.concat(kept), scan: scanner ? { path: entry.fileName, scan: scanner.result() } : null });
        stream.destroy();
        reject(err);
      };
      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        budget.used += chunk.length;
        if (budget.used > budget.limits.maxUncompressedBytes) {
          const found = `解压超过 ${formatBytes(budget.limits.maxUncompressedBytes)}`;
          return settle(new Rejection(zipBomb({ zh: found, en: `unpacks to more than ${formatBytes(budget.limits.maxUncompressedBytes)}` }, budget.limits)));
        }
        scanner?.write(chunk);
        if (keep && keptBytes < MAX_CONTENT_TYPES_BYTES) {
          kept.push(chunk);
          keptBytes += chunk.length;
        }
      });
      // Stays attached after settling: a late error from the destroyed pipeline must not go unhandled.
      stream.on('error', (err) => settle(err));
      stream.on('end', () => settle());
    });
  });
}

async function inspectZip(bytes: Buffer, limits: XlsxGuardLimits): Promise<ImportIssue[]> {
  let zip: ZipFile;
  try {
    zip = await openZip(bytes);
  } catch {
    return [corrupt(limits)];
  }
  // yauzl may still emit 'error' after we stop reading; unheard, that would crash the process.
  zip.on('error', () => undefined);
  try {
    if (zip.entryCount > limits.maxEntries) {
      return [zipBomb({ zh: `${zip.entryCount} 个压缩条目`, en: `${zip.entryCount} zip entries` }, limits)];
    }
    const entries: Entry[] = [];
    let declared = 0;
    for await (const entry of zip.eachEntry()) {
      entries.push(entry);
      declared += entry.uncompressedSize;
    }
    if (declared > limits.maxUncompressedBytes) {
      return [zipBomb({ zh: `声明解压后共 ${formatBytes(declared, limits.maxUncompressedBytes)}`, en: `declares ${formatBytes(declared, limits.maxUncompressedBytes)} when unpacked` }, limits)];
    }
    // OPC part names are case-insensitive.
    const names = new Set(entries.map((e) => e.fileName.toLowerCase()));
    if (!names.has('[content_types].xml') || !names.has('xl/workbook.xml')) {
      const found = describeNonWorkbook(names);
      return [issue('NOT_A_WORKBOOK', found.zh, wanted(limits), {
        zh: `该文件是${found.zh},不是 Excel 工作簿,请上传政策工作簿 (.xlsx);如果它本来就是表格,请在 Excel 中另存为 .xlsx 后重新上传。`,
        en: `This file is ${found.en}, not an Excel workbook; upload the policy workbook (.xlsx), or if it is a spreadsheet, save it as .xlsx in Excel and upload it again.`,
      })];
    }
    if ([...names].some((n) => n.endsWith('vbaproject.bin'))) return [macroWorkbook(limits)];

    const budget: Budget = { used: 0, limits };
    let contentTypes: Buffer = Buffer.alloc(0);
    const scanned: ScannedPart[] = [];
    for (const entry of entries) {
      // Nothing can inflate out of zero bytes, and some writers mark such entries (folders) as deflated.
      if (entry.compressedSize === 0) continue;
      const isContentTypes = entry.fileName.toLowerCase() === '[content_types].xml';
      try {
        const data = await drain(zip, entry, budget, isContentTypes);
        if (isContentTypes) contentTypes = data.kept;
        if (data.scan) scanned.push(data.scan);
      } catch (err) {
        if (err instanceof Rejection) throw err;
        // yauzl's validateEntrySizes wording for an entry that inflates past its declared size.
        if (err instanceof Error && err.message.startsWith('too many bytes in the stream')) {
          throw new Rejection(zipBomb({ zh: `条目 ${entry.fileName} 解压后超过声明的大小`, en: `entry ${entry.fileName} inflates beyond its declared size` }, limits));
        }
        throw err;
      }
    }
    if (MACRO_MARKS.some((mark) => contentTypes.includes(mark))) return [macroWorkbook(limits)];
    // Only now, with every part counted, can a sheet be named and a workbook-wide budget be judged.
    return declaredSizeIssues(scanned, limits);
  } catch (err) {
    return [err instanceof Rejection ? err.issue : corrupt(limits)];
  } finally {
    zip.close();
  }
}

/** Resolves to [] when the bytes are a plain .xlsx that is safe to hand to exceljs, else to one or more error issues (severity 'error'). Never throws for bad input. */
export async function checkXlsx(bytes: Buffer, limits?: Partial<XlsxGuardLimits>): Promise<ImportIssue[]> {
  const lim: XlsxGuardLimits = { ...DEFAULT_XLSX_LIMITS, ...limits };
  if (bytes.length === 0) {
    return [issue('EMPTY_FILE', '空文件 (0 B)', wanted(lim), {
      zh: '上传的文件是空的 (0 字节),请确认选择了正确的政策工作簿后重新上传。',
      en: 'The uploaded file is empty (0 bytes); check that you picked the right policy workbook and upload it again.',
    })];
  }
  if (bytes.length > lim.maxFileBytes) {
    const size = formatBytes(bytes.length, lim.maxFileBytes);
    const max = formatBytes(lim.maxFileBytes);
    return [issue('FILE_TOO_LARGE', size, wanted(lim), {
      zh: `文件大小为 ${size},超过了 ${max} 的上限,请删除无关的工作表或数据、重新保存后再上传。`,
      en: `The file is ${size}, over the ${max} limit; remove unrelated sheets or data, save it again and upload it.`,
    })];
  }
  if (bytes.subarray(0, CFB_MAGIC.length).equals(CFB_MAGIC)) {
    if (ENCRYPTION_STREAMS.some((name) => bytes.includes(name))) {
      return [issue('PASSWORD_PROTECTED', '受密码保护(已加密)的 Excel 工作簿', wanted(lim), {
        zh: '该工作簿设置了打开密码,系统无法读取,请在 Excel 中删除密码(文件 → 信息 → 保护工作簿 → 用密码进行加密,清空密码)并保存后重新上传。',
        en: 'The workbook is protected by a password to open, so it cannot be read; remove the password in Excel (File → Info → Protect Workbook → Encrypt with Password, clear it), save and upload it again.',
      })];
    }
    return [issue('LEGACY_XLS', '旧版 Excel 97-2003 (.xls) 文件', wanted(lim), {
      zh: '这是旧版 Excel 97-2003 (.xls) 文件,请在 Excel 中另存为 .xlsx 后重新上传。',
      en: 'This is a legacy Excel 97-2003 (.xls) file; open it in Excel, save it as .xlsx and upload it again.',
    })];
  }
  if (!ZIP_MAGICS.some((magic) => bytes.subarray(0, magic.length).equals(magic))) {
    return [notXlsx(describeNonZip(bytes), lim)];
  }
  return inspectZip(bytes, lim);
}
