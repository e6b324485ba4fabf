// Header columns: duplicates and unknown columns are reported, special services may state their offerings
// in columns of their own, and a code belongs to one kind of table only.
import { describe, expect, it } from 'vitest';
import { writeCatalogWorkbook } from '../../src/policy-workbook/workbook-export.ts';
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { stableStringify } from '../../src/policy/stable-json.ts';
import { buildWorkbook, type CellInput, type SheetSpec } from '../support/workbook-builder.ts';

const HEADER = ['服务项目', '基础服务', '优选服务', '尊享服务'];
const SPECIAL_HEADER = ['专项服务产品', '主要服务内容说明'];
const CLOUD_SHEET = { name: '公有云', rows: [HEADER, ['7*24自助运维', '✓', '✓', '✓']] };
const ON_PREM_SHEET = { name: '私有云', rows: [HEADER, ['软件更新包与升级许可', '✓', '✓', '✓']] };

const errors = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'error');
const where = (issues: ImportIssue[]) => issues.map((i) => [i.severity, i.code, i.sheet, i.cell]);

async function readCloud(rows: CellInput[][]): Promise<WorkbookReadout> {
  return readPolicyWorkbook(await buildWorkbook([{ name: '公有云', rows }, ON_PREM_SHEET]));
}

async function readSpecial(rows: CellInput[][]): Promise<WorkbookReadout> {
  return readPolicyWorkbook(await buildWorkbook([CLOUD_SHEET, ON_PREM_SHEET, { name: '专项服务', rows }]));
}

describe('readPolicyWorkbook: header columns', () => {
  it('refuses a tier column that appears twice, at the second header cell', async () => {
    const readout = await readCloud([[...HEADER, '基础'], ['7*24电话支持', '✓', '✓', '专属坐席', '✓']]);
    expect(where(errors(readout.issues))).toEqual([['error', 'DUPLICATE_COLUMN', '公有云', 'E1']]);
    expect(readout.issues[0]).toMatchObject({ found: '基础', expected: expect.stringContaining('基础服务') });
  });

  it('warns about a header it does not know, in tier and special tables', async () => {
    const readout = await readCloud([
      [...HEADER, '备注'],
      ['7*24电话支持', '✓', '✓', '专属坐席', '2026 年起'],
      [],
      [...SPECIAL_HEADER, 'Price'],
      ['升级迁移', '评估', 1000],
    ]);
    expect(where(readout.issues)).toEqual([
      ['warning', 'UNKNOWN_COLUMN', '公有云', 'E1'],
      ['warning', 'UNKNOWN_COLUMN', '公有云', 'C4'],
    ]);
    expect(readout.issues[0]?.message).toContain('列“备注”未被导入');
  });

  it('accepts a 序号 column without a warning', async () => {
    const readout = await readCloud([['序号', ...HEADER], [1, '7*24电话支持', '✓', '✓', '专属坐席']]);
    expect(readout.issues).toEqual([]);
  });
});

const BY_OFFERING: SheetSpec[] = [
  CLOUD_SHEET,
  ON_PREM_SHEET,
  {
    name: '专项服务',
    rows: [
      ['专项服务'],
      ['专项服务产品', '主要服务内容说明', '公有云（SaaS）', 'On Premise', '代码'],
      ['升级迁移', '评估、测试、实施', '✓', '√'],
      ['性能优化', '针对私有云客户', null, '✓'],
      ['数据修复', '修复数据', '是', '-'],
      ['安全加固', '加固', '', '✓', 'security_hardening'],
    ],
  },
];

describe('readPolicyWorkbook: special services with offering columns', () => {
  it('takes each row’s offerings from its ✓ cells, not from the sheet', async () => {
    const readout = await readPolicyWorkbook(await buildWorkbook(BY_OFFERING));
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.specialServices.map((e) => [e.service, e.offering, e.source.cell])).toEqual([
      ['upgrade_migration', 'cloud', 'A3'],
      ['upgrade_migration', 'on_premise', 'A3'],
      ['performance_tuning', 'on_premise', 'A4'],
      ['data_repair', 'cloud', 'A5'],
      ['security_hardening', 'on_premise', 'A6'],
    ]);
  });

  it('reports a bad offering cell, and warns about a row offered nowhere', async () => {
    const readout = await readSpecial([
      ['专项服务产品', '主要服务内容说明', 'cloud', 'on_premise'],
      ['升级迁移', '评估', '可选', '✓'],
      ['业务调整', '调整', '', '—'],
      ['数据修复', '修复', '✓', ''],
    ]);
    expect(where(readout.issues)).toEqual([
      ['error', 'BAD_CELL', '专项服务', 'C2'],
      ['warning', 'NOT_OFFERED_ANYWHERE', '专项服务', 'A3'],
    ]);
    expect(readout.issues[0]).toMatchObject({ found: '可选', expected: expect.stringContaining('✓') });
    expect(readout.catalog.specialServices.map((e) => e.service)).toEqual(['data_repair']);
  });

  it('refuses a table with only one of the two offering columns', async () => {
    const readout = await readSpecial([['专项服务产品', '主要服务内容说明', '私有云'], ['升级迁移', '评估', '✓']]);
    expect(where(errors(readout.issues))).toEqual([['error', 'MISSING_OFFERING_COLUMN', '专项服务', 'A1']]);
  });

  it('round-trips through export to identical rules, ignoring their source', async () => {
    const withoutSource = (doc: RulesDocument) =>
      stableStringify(JSON.parse(JSON.stringify(doc.rules, (key: string, value: unknown) => (key === 'source' ? undefined : value))));
    const first = await readPolicyWorkbook(await buildWorkbook(BY_OFFERING));
    const before = buildRulesDocument(first.catalog, first.sha256);
    const second = await readPolicyWorkbook(await writeCatalogWorkbook(catalogFromRules(before)));
    expect(errors(second.issues)).toEqual([]);
    const after = buildRulesDocument(second.catalog, second.sha256);
    expect(before.rules.find((r) => r.name === 'special.data_repair')?.conditions.all).toContainEqual(expect.objectContaining({ fact: 'offering', value: 'cloud' }));
    expect(withoutSource(after)).toBe(withoutSource(before));
  });
});

describe('readPolicyWorkbook: codes of the other table', () => {
  it('refuses a tier code on a special service and a special code on a tier item', async () => {
    const readout = await readCloud([
      [...HEADER, '代码'],
      ['新服务', '✓', '✓', '✓', 'upgrade_migration'],
      [],
      [...SPECIAL_HEADER, '代码'],
      ['新专项', '说明', 'phone_support'],
    ]);
    expect(where(errors(readout.issues))).toEqual([
      ['error', 'CODE_OF_OTHER_TABLE', '公有云', 'E2'],
      ['error', 'CODE_OF_OTHER_TABLE', '公有云', 'C5'],
    ]);
    expect(readout.issues[0]).toMatchObject({ found: 'upgrade_migration', expected: expect.stringMatching(/\S/), messageEn: expect.stringMatching(/special/) });
  });
});
