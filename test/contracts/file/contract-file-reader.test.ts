import { describe, expect, it } from 'vitest';
import { readContractFile } from '../../../src/contracts/file/contract-file-reader.ts';
import type { ContractRow } from '../../../src/contracts/file/contract-table.ts';
import type { ImportIssue } from '../../../src/workbook/import-issue.ts';
import { buildSheet, buildWorkbook, formula, link, rich, type CellInput } from '../../support/workbook-builder.ts';

const HEADER = ['客户名称', '部署', '服务产品', '开始日期', '结束日期', '联系人', '邮箱'];
const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

function codesAt(issues: ImportIssue[]): string[] {
  return issues.map((i) => `${i.code}@${i.cell ?? '-'}`);
}

function expectBilingual(issue: ImportIssue): void {
  for (const text of [issue.expected, issue.expectedEn, issue.message, issue.messageEn]) expect(text).not.toBe('');
  expect(issue.message).toMatch(/\p{Script=Han}/u);
  expect(issue.messageEn).not.toMatch(/^\p{Script=Han}/u);
}

describe('readContractFile: workbooks', () => {
  it('reads an .xlsx whose header sits in row 3, under merged title rows, with date cells, serials and text dates', async () => {
    const xlsx = await buildSheet(
      '合同',
      [
        ['2026 年服务合同导入'],
        ['填写说明:日期可写作 2026/1/1'],
        HEADER,
        ['上海云杉科技有限公司', '公有云', '优选服务', day('2026-01-01'), day('2026-12-31'), '王芳', 'wang.fang@example.com'],
        ['北京启明制造（集团）有限公司', 'On Premise', '尊享', 46023, '2027年3月31日', rich('李', '雷'), link('li.lei@example.cn', 'mailto:li.lei@example.cn')],
        ['深圳前海贸易有限公司', 'SaaS', 'basic', '2026/2/1', formula('EDATE(D6,12)-1', 46418), null, null],
      ],
      ['A1:G1', 'A2:G2'],
    );
    const readout = await readContractFile(xlsx, '合同.xlsx');
    expect(readout.issues).toEqual([]);
    expect(readout.format).toBe('xlsx');
    expect(readout.sheet).toBe('合同');
    expect(readout.rows).toEqual<ContractRow[]>([
      { row: 4, customerCell: 'A4', customerName: '上海云杉科技有限公司', offering: 'cloud', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2026-12-31', contactName: '王芳', contactEmail: 'wang.fang@example.com' },
      { row: 5, customerCell: 'A5', customerName: '北京启明制造（集团）有限公司', offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2027-03-31', contactName: '李雷', contactEmail: 'li.lei@example.cn' },
      { row: 6, customerCell: 'A6', customerName: '深圳前海贸易有限公司', offering: 'cloud', tier: 'basic', startsOn: '2026-02-01', endsOn: '2027-01-31', contactName: null, contactEmail: null },
    ]);
  });

  it('finds the columns in any order, by their English names, without the optional ones', async () => {
    const xlsx = await buildSheet('Sheet1', [
      ['tier', 'endsOn', 'Customer', 'start', 'offering'],
      ['premium', '2026-06-30', 'Acme China Ltd.', '2026-01-01', 'on_premise'],
    ]);
    const readout = await readContractFile(xlsx, 'contracts.xlsx');
    expect(readout.issues).toEqual([]);
    expect(readout.rows).toEqual([
      { row: 2, customerCell: 'C2', customerName: 'Acme China Ltd.', offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2026-06-30', contactName: null, contactEmail: null },
    ]);
  });

  it('accepts end, contact and email as headers too, and skips blank rows', async () => {
    const xlsx = await buildSheet('S', [
      ['customer', 'offering', 'tier', 'startsOn', 'end', 'contact', 'email'],
      [],
      ['A公司', 'cloud', 'basic', '2026-01-01', '2026-12-31', '张三', 'z@example.com'],
      ['', '', '', '', '', '', ''],
      ['B公司', '私有云', '优选', '2026.3.1', '2027.2.28', '', ''],
    ]);
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(readout.issues).toEqual([]);
    expect(readout.rows.map((r) => [r.row, r.customerName, r.contactName, r.contactEmail])).toEqual([
      [3, 'A公司', '张三', 'z@example.com'],
      [5, 'B公司', null, null],
    ]);
  });

  it('reports every bad cell at once, at its address, sorted by row then column', async () => {
    const valid: CellInput[] = ['上海云杉科技有限公司', '公有云', '优选服务', '2026-01-01', '2026-12-31', '王芳', 'wang@example.com'];
    const xlsx = await buildSheet('合同', [
      HEADER,
      valid,
      ['', '公有云', '优选服务', '2026-01-01', '2026-12-31'],
      ['B公司', '混合云', '优选服务', '2026-01-01', '2026-12-31'],
      ['C公司', '公有云', '白金服务', '2026-01-01', '2026-12-31'],
      ['D公司', '公有云', '基础服务', '2026-02-30', '2026-12-31'],
      ['E公司', '公有云', '基础服务', '2026-07-01', '2026-06-30'],
      ['F公司', '公有云', '基础服务', '2026-01-01', '2026-12-31', '赵六', 'zhao@'],
      ['上海云杉科技有限公司', '云', '优选', '2026/1/1', '2027-06-30'],
      [],
      ['G公司', '', 'gold', '2026-01-01', ''],
      ['H公司', '公有云', '基础服务', '2026-01-01', '2026-12-31'],
    ]);
    const readout = await readContractFile(xlsx, '合同.xlsx');
    expect(codesAt(readout.issues)).toEqual([
      'MISSING_VALUE@A3',
      'BAD_OFFERING@B4',
      'BAD_TIER@C5',
      'BAD_DATE@D6',
      'DATE_ORDER@E7',
      'BAD_EMAIL@G8',
      'DUPLICATE_CONTRACT@A9',
      'MISSING_VALUE@B11',
      'BAD_TIER@C11',
      'MISSING_VALUE@E11',
    ]);
    for (const issue of readout.issues) {
      expect(issue.severity).toBe('error');
      expect(issue.sheet).toBe('合同');
      expectBilingual(issue);
    }
    const byCode = new Map(readout.issues.toReversed().map((i) => [i.code, i])); // the first of each code
    expect(byCode.get('BAD_OFFERING')).toMatchObject({ found: '混合云', expected: expect.stringContaining('私有云') });
    expect(byCode.get('BAD_TIER')).toMatchObject({ found: '白金服务', expectedEn: expect.stringContaining('premium') });
    expect(byCode.get('BAD_DATE')).toMatchObject({ found: '2026-02-30' });
    expect(byCode.get('DATE_ORDER')).toMatchObject({ found: '2026-06-30', expected: expect.stringContaining('2026-07-01') });
    expect(byCode.get('BAD_EMAIL')).toMatchObject({ found: 'zhao@' });
    expect(byCode.get('DUPLICATE_CONTRACT')).toMatchObject({ found: '上海云杉科技有限公司', message: expect.stringContaining('第 2 行') });
    expect(readout.issues[0]).toMatchObject({ code: 'MISSING_VALUE', expected: '填写“客户名称”' });
    expect(readout.issues[0]!.found).toBeUndefined();
    // Only the rows without problems come back; any error blocks the import as a whole.
    expect(readout.rows.map((r) => r.row)).toEqual([2, 12]);
  });

  it('tells apart contracts that differ in offering, tier or start date', async () => {
    const xlsx = await buildSheet('S', [
      HEADER,
      ['A公司', '公有云', '基础', '2026-01-01', '2026-12-31'],
      ['A公司', '私有云', '基础', '2026-01-01', '2026-12-31'],
      ['A公司', '公有云', '优选', '2026-01-01', '2026-12-31'],
      ['A公司', '公有云', '基础', '2027-01-01', '2027-12-31'],
      ['A 公司 ', 'cloud', 'basic', '2026/1/1', '2026-06-30'],
    ]);
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(codesAt(readout.issues)).toEqual(['DUPLICATE_CONTRACT@A6']);
    expect(readout.rows).toHaveLength(4);
  });

  it('names every missing required column, at the header row', async () => {
    const xlsx = await buildSheet('S', [['合同清单'], ['客户名称', '部署', '开始日期', '联系人'], ['A公司', '公有云', '2026-01-01', '张三']]);
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(codesAt(readout.issues)).toEqual(['MISSING_COLUMN@A2', 'MISSING_COLUMN@A2']);
    expect(readout.issues.map((i) => i.expected)).toEqual([expect.stringContaining('服务产品'), expect.stringContaining('结束日期')]);
    expect(readout.issues[1]!.messageEn).toContain('end date');
    expect(readout.rows).toEqual([]);
  });

  it('reports all required columns when no header row is found', async () => {
    const xlsx = await buildSheet('S', [['名称', '类型'], ['A公司', '公有云']]);
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(codesAt(readout.issues)).toEqual(['MISSING_COLUMN@-', 'MISSING_COLUMN@-', 'MISSING_COLUMN@-', 'MISSING_COLUMN@-', 'MISSING_COLUMN@-']);
    expect(readout.issues.map((i) => i.sheet)).toEqual(['S', 'S', 'S', 'S', 'S']);
  });

  it('reports a header without rows', async () => {
    const xlsx = await buildSheet('S', [['标题'], HEADER, [], ['', '', '', '', '', '', '']]);
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(codesAt(readout.issues)).toEqual(['NO_ROWS@A3']);
    expectBilingual(readout.issues[0]!);
  });

  it('reads the first visible sheet with a header and warns about other sheets that have one', async () => {
    const row = ['A公司', '公有云', '基础服务', '2026-01-01', '2026-12-31'];
    const xlsx = await buildWorkbook([
      { name: '说明', rows: [['请在“合同”工作表中填写'], ['部署:公有云 / 私有云']] },
      { name: '旧合同', rows: [HEADER, ['旧公司', '公有云', '基础服务', '2020-01-01', '2020-12-31']], state: 'hidden' },
      { name: '合同', rows: [HEADER, row] },
      { name: '合同 (2)', rows: [HEADER, row] },
    ]);
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(readout.sheet).toBe('合同');
    expect(readout.rows.map((r) => r.customerName)).toEqual(['A公司']);
    expect(readout.issues.map((i) => [i.severity, i.code, i.sheet])).toEqual([
      ['warning', 'SHEET_IGNORED', '旧合同'],
      ['warning', 'SHEET_IGNORED', '合同 (2)'],
    ]);
    expect(readout.issues[0]!.message).toContain('隐藏');
  });

  it('flags a duplicated column and warns about unknown ones, but not about 序号 or 备注', async () => {
    const xlsx = await buildSheet('S', [
      ['序号', ...HEADER, '客户', '行业', '备注'],
      [1, 'A公司', '公有云', '基础服务', '2026-01-01', '2026-12-31', '', '', 'A', '制造', ''],
    ]);
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(readout.issues.map((i) => [i.severity, i.code, i.cell])).toEqual([
      ['error', 'DUPLICATE_COLUMN', 'I1'],
      ['warning', 'UNKNOWN_COLUMN', 'J1'],
    ]);
    expect(readout.issues[0]!.expected).toContain('B1');
    expect(readout.rows.map((r) => r.customerName)).toEqual(['A公司']);
  });

  it('fills a customer name merged down over several rows into each of them', async () => {
    const xlsx = await buildSheet(
      'S',
      [HEADER, ['A公司', '公有云', '基础服务', '2025-01-01', '2025-12-31'], [null, '公有云', '优选服务', '2026-01-01', '2026-12-31']],
      ['A2:A3'],
    );
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(readout.issues).toEqual([]);
    expect(readout.rows.map((r) => [r.row, r.customerName, r.tier])).toEqual([
      [2, 'A公司', 'basic'],
      [3, 'A公司', 'preferred'],
    ]);
  });

  it('reports a formula without a saved result once, not again as a missing value', async () => {
    const xlsx = await buildSheet('S', [HEADER, ['A公司', '公有云', '基础服务', '2026-01-01', formula('EDATE(D2,12)-1')]]);
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(codesAt(readout.issues)).toEqual(['FORMULA_WITHOUT_VALUE@E2']);
    expect(readout.rows).toEqual([]);
  });

  it('ignores unreadable cells on sheets it does not import', async () => {
    const xlsx = await buildWorkbook([
      { name: '合同', rows: [HEADER, ['A公司', '公有云', '基础服务', '2026-01-01', '2026-12-31']] },
      { name: '计算', rows: [[formula('A1*2')]] },
    ]);
    const readout = await readContractFile(xlsx, 'x.xlsx');
    expect(readout.issues).toEqual([]);
    expect(readout.rows).toHaveLength(1);
  });
});
