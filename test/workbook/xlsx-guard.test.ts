import { beforeAll, describe, expect, it } from 'vitest';
import { checkXlsx, DEFAULT_XLSX_LIMITS } from '../../src/workbook/xlsx-guard.ts';
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import {
  buildZip,
  csvFile,
  emptyFile,
  fakeEncryptedXlsx,
  fakeXls,
  lyingZipBomb,
  nonWorkbookZip,
  randomBytes,
  readZip,
  validXlsx,
  xlsmFrom,
  zerosEntry,
  zipBomb,
} from '../support/bad-files.ts';

const MB = 1024 * 1024;

let xlsx: Buffer;
beforeAll(async () => {
  xlsx = await validXlsx();
});

/** Every rejection must be a single, fully worded, file-level error. */
function expectOnly(issues: ImportIssue[], code: string): ImportIssue {
  expect(issues.map((i) => i.code)).toEqual([code]);
  const [issue] = issues;
  if (!issue) throw new Error('unreachable');
  expect(issue.severity).toBe('error');
  expect(issue.sheet).toBeUndefined();
  expect(issue.cell).toBeUndefined();
  for (const field of ['found', 'expected', 'expectedEn', 'message', 'messageEn'] as const) {
    expect(issue[field], field).toEqual(expect.stringMatching(/\S/));
  }
  expect(issue.message).toMatch(/。$/);
  expect(issue.messageEn).toMatch(/\.$/);
  return issue;
}

describe('checkXlsx accepts', () => {
  it('a workbook written by exceljs', async () => {
    expect(await checkXlsx(xlsx)).toEqual([]);
  });

  it('the same workbook re-zipped by the test zip writer, so the bad-file builders are trustworthy', async () => {
    expect(await checkXlsx(buildZip(readZip(xlsx)))).toEqual([]);
  });

  it('a file exactly at the size limit', async () => {
    expect(await checkXlsx(xlsx, { maxFileBytes: xlsx.length })).toEqual([]);
  });
});

describe('checkXlsx rejects', () => {
  it('an empty file', async () => {
    expectOnly(await checkXlsx(emptyFile()), 'EMPTY_FILE');
  });

  it('a CSV renamed to .xlsx', async () => {
    const issue = expectOnly(await checkXlsx(csvFile()), 'NOT_XLSX');
    expect(issue.found).toContain('CSV');
    expect(issue.expected).toContain('.xlsx');
    expect(issue.expectedEn).toContain('.xlsx');
  });

  it('an HTML page saved as .xlsx', async () => {
    const issue = expectOnly(await checkXlsx(Buffer.from('<html><body><table><tr><td>1</td></tr></table></body></html>')), 'NOT_XLSX');
    expect(issue.found).toContain('HTML');
  });

  it('random bytes', async () => {
    const issue = expectOnly(await checkXlsx(randomBytes()), 'NOT_XLSX');
    expect(issue.found).toContain('二进制');
  });

  it('a legacy .xls', async () => {
    const issue = expectOnly(await checkXlsx(fakeXls()), 'LEGACY_XLS');
    expect(issue.found).toBe('旧版 Excel 97-2003 (.xls) 文件');
    expect(issue.message).toContain('另存为 .xlsx');
  });

  it('a password-protected workbook', async () => {
    expectOnly(await checkXlsx(fakeEncryptedXlsx()), 'PASSWORD_PROTECTED');
  });

  it('a zip that is not a workbook', async () => {
    expectOnly(await checkXlsx(nonWorkbookZip()), 'NOT_A_WORKBOOK');
  });

  it('a Word document, naming it as such', async () => {
    const docx = buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]);
    expect(expectOnly(await checkXlsx(docx), 'NOT_A_WORKBOOK').found).toContain('.docx');
  });

  it('an empty zip', async () => {
    expectOnly(await checkXlsx(buildZip([])), 'NOT_A_WORKBOOK');
  });

  it.each([
    ['content type and vbaProject.bin', {}],
    ['only the macro content type', { vbaProject: false }],
    ['only xl/vbaProject.bin', { contentType: false }],
  ])('a macro-enabled workbook (%s)', async (_label, options) => {
    const issue = expectOnly(await checkXlsx(xlsmFrom(xlsx, options)), 'MACRO_WORKBOOK');
    expect(issue.message).toContain('.xlsx');
  });

  it('a file over a caller-set size limit', async () => {
    const issue = expectOnly(await checkXlsx(xlsx, { maxFileBytes: 1024 }), 'FILE_TOO_LARGE');
    expect(issue.found).toMatch(/KB$/);
    expect(issue.expected).toBe('Excel 工作簿 (.xlsx),不超过 1 KB');
  });

  it('a file over the default 10 MB before looking inside it', async () => {
    const issue = expectOnly(await checkXlsx(Buffer.alloc(DEFAULT_XLSX_LIMITS.maxFileBytes + 1)), 'FILE_TOO_LARGE');
    expect(issue.found).toBe('10.1 MB');
    expect(issue.expected).toBe('Excel 工作簿 (.xlsx),不超过 10 MB');
  });

  it('a zip bomb over a caller-set uncompressed limit', async () => {
    expectOnly(await checkXlsx(zipBomb(5 * MB), { maxUncompressedBytes: MB }), 'ZIP_BOMB');
  });

  it('a 300 MB zip bomb under the default limits, from its declared sizes alone', async () => {
    const bomb = zipBomb(300 * MB);
    expect(bomb.length).toBeLessThan(DEFAULT_XLSX_LIMITS.maxFileBytes);
    const issue = expectOnly(await checkXlsx(bomb), 'ZIP_BOMB');
    expect(issue.found).toContain('300 MB');
  });

  it('a zip bomb whose central directory lies about its size, aborting early', async () => {
    const bomb = lyingZipBomb(xlsx, 300 * MB, 1024);
    const issue = expectOnly(await checkXlsx(bomb), 'ZIP_BOMB');
    expect(issue.found).toContain('xl/media/image1.png');
  });

  it('a lying entry even when its true size is within the total limit', async () => {
    expectOnly(await checkXlsx(lyingZipBomb(xlsx, 64 * 1024, 10)), 'ZIP_BOMB');
  });

  it('more entries than allowed', async () => {
    const issue = expectOnly(await checkXlsx(xlsx, { maxEntries: 5 }), 'ZIP_BOMB');
    expect(issue.found).toContain(String(readZip(xlsx).length));
  });

  it('a truncated workbook', async () => {
    expectOnly(await checkXlsx(xlsx.subarray(0, Math.floor(xlsx.length / 2))), 'NOT_XLSX');
  });

  it('an entry with corrupt deflate data', async () => {
    const broken = buildZip([
      ...readZip(xlsx).filter((e) => e.name !== 'xl/worksheets/sheet1.xml'),
      { name: 'xl/worksheets/sheet1.xml', method: 8, packed: Buffer.alloc(64, 0xff), crc: 0, size: 1000 },
    ]);
    expectOnly(await checkXlsx(broken), 'NOT_XLSX');
  });

  it('an entry that inflates to less than it declares', async () => {
    const short = { ...zerosEntry('xl/media/image1.png', 100), size: 5000 };
    expectOnly(await checkXlsx(buildZip([...readZip(xlsx), short])), 'NOT_XLSX');
  });
});

describe('checkXlsx robustness', () => {
  it('handles every bad file at once without throwing', async () => {
    const files = [
      emptyFile(),
      csvFile(),
      randomBytes(),
      fakeXls(),
      fakeEncryptedXlsx(),
      nonWorkbookZip(),
      xlsmFrom(xlsx),
      zipBomb(5 * MB),
      lyingZipBomb(xlsx, 20 * MB),
      xlsx.subarray(0, 300),
      xlsx,
    ];
    const results = await Promise.all(files.map((f) => checkXlsx(f, { maxUncompressedBytes: 2 * MB })));
    expect(results.map((r) => r[0]?.code ?? 'OK')).toEqual([
      'EMPTY_FILE',
      'NOT_XLSX',
      'NOT_XLSX',
      'LEGACY_XLS',
      'PASSWORD_PROTECTED',
      'NOT_A_WORKBOOK',
      'MACRO_WORKBOOK',
      'ZIP_BOMB',
      'ZIP_BOMB',
      'NOT_XLSX',
      'OK',
    ]);
  });

  it('documents its defaults and keeps them read-only', () => {
    expect(DEFAULT_XLSX_LIMITS).toEqual({
      maxFileBytes: 10 * MB,
      maxUncompressedBytes: 30 * MB,
      maxEntries: 10_000,
      maxSheets: 100,
      maxRows: 200_000,
      maxCells: 600_000,
      maxMerges: 2_000,
      maxMergedCells: 50_000,
      maxDimensionCells: 10_000_000,
      maxNamedCells: 50_000,
      maxXmlDepth: 100,
      maxXmlMarkupBytes: 1024 * 1024,
      maxXmlAttributes: 1_000,
      maxCellTextChars: 32_767,
      maxTextChars: 20_000_000,
    });
    expect(Object.isFrozen(DEFAULT_XLSX_LIMITS)).toBe(true);
  });
});
