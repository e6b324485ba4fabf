import { describe, expect, it } from 'vitest';
import { readContractFile } from '../../../src/contracts/file/contract-file-reader.ts';
import type { ImportIssue } from '../../../src/workbook/import-issue.ts';
import { fakeEncryptedXlsx, fakeXls, nonWorkbookZip, randomBytes, validXlsx, xlsmFrom } from '../../support/bad-files.ts';
import { buildSheet } from '../../support/workbook-builder.ts';

const HEADER = '客户名称,部署,服务产品,开始日期,结束日期,联系人,邮箱';

function codesAt(issues: ImportIssue[]): string[] {
  return issues.map((i) => `${i.code}@${i.cell ?? '-'}`);
}

function utf8(text: string, bom = true): Buffer {
  return Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf8');
}

// GB18030 bytes of the characters these tests use (python3 -c "print('客'.encode('gb18030').hex())"),
// so the test needs no encoder library; '𠮷' is one of GB18030's four-byte characters.
const GB18030: Record<string, string> = {
  客: 'bfcd', 户: 'bba7', 名: 'c3fb', 称: 'b3c6', 部: 'b2bf', 署: 'caf0', 服: 'b7fe', 务: 'cef1', 产: 'b2fa', 品: 'c6b7',
  开: 'bfaa', 始: 'cabc', 日: 'c8d5', 期: 'c6da', 结: 'bde1', 束: 'caf8', 联: 'c1aa', 系: 'cfb5', 人: 'c8cb', 邮: 'd3ca',
  箱: 'cfe4', 上: 'c9cf', 海: 'baa3', 云: 'd4c6', 杉: 'c9bc', 科: 'bfc6', 技: 'bcbc', 有: 'd3d0', 限: 'cfde', 公: 'b9ab',
  司: 'cbbe', 私: 'cbbd', 尊: 'd7f0', 享: 'cfed', 年: 'c4ea', 月: 'd4c2', 王: 'cdf5', 芳: 'b7bc', '𠮷': '9534b235',
};

function gb18030(text: string): Buffer {
  return Buffer.concat(
    [...text].map((ch) => {
      if (ch.charCodeAt(0) < 0x80) return Buffer.from(ch, 'latin1');
      const hex = GB18030[ch];
      if (!hex) throw new Error(`add ${ch} to the GB18030 table`);
      return Buffer.from(hex, 'hex');
    }),
  );
}

describe('readContractFile: CSV', () => {
  it('reads UTF-8 with a BOM and CRLF, with quoted fields holding commas, quotes and line breaks', async () => {
    const csv = utf8(
      [
        HEADER,
        '"上海云杉科技有限公司,华东分部",公有云,优选服务,2026/1/1,2026/12/31,"王芳 ""Fiona""",wang@example.com',
        '"北京启明制造有限公司\n(总部)",On Premise,尊享服务,2026年1月1日,2026年12月31日,,',
        'Acme China Ltd.,cloud,basic,46023,46387,,',
      ].join('\r\n') + '\r\n',
    );
    const readout = await readContractFile(csv, 'contracts.csv');
    expect(readout.issues).toEqual([]);
    expect(readout).toMatchObject({ format: 'csv', sheet: 'contracts.csv' });
    expect(readout.rows).toEqual([
      { row: 2, customerCell: 'A2', customerName: '上海云杉科技有限公司,华东分部', offering: 'cloud', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2026-12-31', contactName: '王芳 "Fiona"', contactEmail: 'wang@example.com' },
      { row: 3, customerCell: 'A3', customerName: '北京启明制造有限公司 (总部)', offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2026-12-31', contactName: null, contactEmail: null },
      { row: 4, customerCell: 'A4', customerName: 'Acme China Ltd.', offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', endsOn: '2026-12-31', contactName: null, contactEmail: null },
    ]);
  });

  it('reads UTF-8 without a BOM, LF line ends and no line break at the end', async () => {
    const readout = await readContractFile(utf8(`${HEADER}\nA公司,私有云,基础,2026-01-01,2026-12-31,张三,zhang@example.com`, false), 'a.csv');
    expect(readout.issues).toEqual([]);
    expect(readout.rows.map((r) => [r.row, r.customerName, r.offering, r.contactEmail])).toEqual([[2, 'A公司', 'on_premise', 'zhang@example.com']]);
  });

  it('reads GB18030, as Chinese Excel saves "CSV (逗号分隔)"', async () => {
    const bytes = gb18030(`${HEADER}\r\n上海云杉科技有限公司𠮷,私有云,尊享服务,2026年1月1日,2026年12月31日,王芳,wang@example.com\r\n`);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('bfcdbba7c3fbb3c6');
    const readout = await readContractFile(bytes, '合同.csv');
    expect(readout.issues).toEqual([]);
    expect(readout.rows).toEqual([
      { row: 2, customerCell: 'A2', customerName: '上海云杉科技有限公司𠮷', offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2026-12-31', contactName: '王芳', contactEmail: 'wang@example.com' },
    ]);
  });

  it('finds the header below title rows and addresses CSV cells by column letter and row', async () => {
    const csv = utf8(
      [
        '2026 年服务合同,,,,,,',
        '',
        '邮箱,客户名称,服务产品,部署,开始日期,结束日期',
        'a@example.com,A公司,优选,云,2026-01-01,2026-12-31',
        'b@,B公司,白金,混合云,2026-13-01,2025-12-31',
        ',,,,,',
        ',C公司,基础,云,2026-05-01,2026-04-30',
        ',A公司,优选服务,公有云,2026/1/1,2027-06-30',
      ].join('\n'),
    );
    const readout = await readContractFile(csv, 'uploads/2026/合同.csv');
    expect(readout.sheet).toBe('合同.csv');
    expect(codesAt(readout.issues)).toEqual(['BAD_EMAIL@A5', 'BAD_TIER@C5', 'BAD_OFFERING@D5', 'BAD_DATE@E5', 'DATE_ORDER@F7', 'DUPLICATE_CONTRACT@B8']);
    expect(readout.issues.every((i) => i.sheet === '合同.csv')).toBe(true);
    expect(readout.issues.find((i) => i.code === 'DUPLICATE_CONTRACT')?.messageEn).toContain('Row 4');
    expect(readout.rows.map((r) => r.row)).toEqual([4]);
  });

  it('reports missing values and columns, and a file without rows', async () => {
    expect(codesAt((await readContractFile(utf8(`${HEADER}\nA公司,,优选,,2026-12-31`), 'a.csv')).issues)).toEqual(['MISSING_VALUE@B2', 'MISSING_VALUE@D2']);
    const missing = await readContractFile(utf8('客户名称,部署,服务产品,开始日期\nA公司,云,优选,2026-01-01'), 'a.csv');
    expect(codesAt(missing.issues)).toEqual(['MISSING_COLUMN@A1']);
    expect(missing.issues[0]!.expected).toContain('结束日期');
    expect(codesAt((await readContractFile(utf8(`${HEADER}\n,,,,,,\n`), 'a.csv')).issues)).toEqual(['NO_ROWS@A2']);
    expect(codesAt((await readContractFile(utf8('just some notes\n'), 'notes.csv')).issues)).toHaveLength(5);
  });

  it('reads tab- and semicolon-separated text', async () => {
    for (const delimiter of ['\t', ';']) {
      const text = [HEADER.split(',').join(delimiter), ['A公司', '公有云', '基础服务', '2026-01-01', '2026-12-31'].join(delimiter)].join('\n');
      const readout = await readContractFile(utf8(text), 'a.txt');
      expect(readout.issues).toEqual([]);
      expect(readout.rows).toHaveLength(1);
    }
  });

  it('reports a quote that never closes instead of losing the rows after it', async () => {
    const csv = utf8(`${HEADER}\nA公司,公有云,基础服务,2026-01-01,2026-12-31,"张三,z@example.com\nB公司,公有云,基础服务,2026-01-01,2026-12-31\n`);
    const readout = await readContractFile(csv, 'a.csv');
    expect(codesAt(readout.issues)).toEqual(['CSV_UNCLOSED_QUOTE@F2']);
  });
});

describe('readContractFile: files by content, hostile files', () => {
  it('reads a CSV renamed to .xlsx as CSV, and a workbook named .csv as a workbook', async () => {
    const csv = await readContractFile(utf8(`${HEADER}\nA公司,云,优选,2026-01-01,2026-12-31`), '合同.xlsx');
    expect(csv).toMatchObject({ format: 'csv', sheet: '合同.xlsx', issues: [] });
    expect(csv.rows).toHaveLength(1);
    const xlsx = await buildSheet('合同', [HEADER.split(','), ['A公司', '云', '优选', '2026-01-01', '2026-12-31']]);
    expect(await readContractFile(xlsx, 'contracts.csv')).toMatchObject({ format: 'xlsx', sheet: '合同', issues: [] });
  });

  it('refuses a zip that is not a workbook with the guard code, worded for contract files', async () => {
    const readout = await readContractFile(nonWorkbookZip(), 'contracts.xlsx');
    expect(readout).toMatchObject({ format: 'xlsx', sheet: '', rows: [] });
    expect(readout.issues.map((i) => i.code)).toEqual(['NOT_A_WORKBOOK']);
    const issue = readout.issues[0]!;
    expect(issue.message).toContain('合同文件');
    expect(issue.messageEn).toContain('contract file');
    expect(`${issue.message}${issue.messageEn}${issue.expected}`).not.toMatch(/政策|policy/u);
    expect(issue.expected).toContain('CSV');
  });

  it('refuses a workbook with macros and reads none of it', async () => {
    const readout = await readContractFile(xlsmFrom(await validXlsx()), 'x.xlsx');
    expect(readout.issues.map((i) => i.code)).toEqual(['MACRO_WORKBOOK']);
  });

  it('refuses random bytes, NUL bytes and UTF-16 text as NOT_CSV', async () => {
    for (const bytes of [randomBytes(), Buffer.from('客户名称,部署\u0000\u0000', 'utf8'), Buffer.from(`\uFEFF${HEADER}\n`, 'utf16le')]) {
      const readout = await readContractFile(bytes, 'a.csv');
      expect(readout).toMatchObject({ format: 'csv', rows: [] });
      expect(readout.issues.map((i) => i.code)).toEqual(['NOT_CSV']);
      expect(readout.issues[0]!.message).toContain('CSV');
    }
  });

  it('refuses an HTML table saved under a spreadsheet name, and bytes in no known encoding', async () => {
    const html = await readContractFile(utf8('<html><body><table><tr><td>客户名称</td></tr></table></body></html>', false), '合同.xls');
    expect(html.issues.map((i) => [i.code, i.found])).toEqual([['NOT_CSV', expect.stringContaining('HTML')]]);
    // 0xFF starts no GB18030 sequence, a lead byte needs its trail, and a UTF-8 BOM promises UTF-8.
    for (const bytes of [Buffer.from([0x61, 0x2c, 0xff, 0x0a]), Buffer.from([0x61, 0x2c, 0x81, 0x0a]), Buffer.concat([utf8(''), Buffer.from([0xc3, 0x28])])]) {
      expect((await readContractFile(bytes, 'a.csv')).issues.map((i) => i.code)).toEqual(['NOT_CSV']);
    }
  });

  it('refuses a legacy .xls, an encrypted workbook, an empty file and an oversized one with the guard codes', async () => {
    expect((await readContractFile(fakeXls(), 'a.xls')).issues.map((i) => i.code)).toEqual(['LEGACY_XLS']);
    expect((await readContractFile(fakeEncryptedXlsx(), 'a.xlsx')).issues.map((i) => i.code)).toEqual(['PASSWORD_PROTECTED']);
    const empty = await readContractFile(Buffer.alloc(0), 'a.csv');
    expect(empty.issues.map((i) => i.code)).toEqual(['EMPTY_FILE']);
    expect(empty.issues[0]!.message).not.toContain('政策');
    const big = await readContractFile(utf8(`${HEADER}\n${'A公司,云,优选,2026-01-01,2026-12-31\n'.repeat(100)}`), 'a.csv', { maxFileBytes: 1024 });
    expect(big.issues.map((i) => [i.code, i.expected])).toEqual([['FILE_TOO_LARGE', expect.stringContaining('CSV')]]);
  });

  it('never throws on a truncated workbook', async () => {
    const xlsx = await buildSheet('合同', [HEADER.split(',')]);
    const readout = await readContractFile(xlsx.subarray(0, Math.floor(xlsx.length / 2)), 'a.xlsx');
    expect(readout.format).toBe('xlsx');
    expect(readout.issues.map((i) => i.code)).toEqual(['NOT_XLSX']);
  });
});
