// Nothing a policy owner typed may vanish unseen: hidden sheets, rows beside tables and empty catalogs are reported.
import { describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildSheet, buildWorkbook, formula, type CellInput } from '../support/workbook-builder.ts';

const HEADER = ['服务项目', '基础服务', '优选服务', '尊享服务'];
const SPECIAL_HEADER = ['专项服务产品', '主要服务内容说明'];
const ON_PREM_SHEET = { name: '私有云', rows: [HEADER, ['软件更新包与升级许可', '✓', '✓', '✓']] };

const errors = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'error');
const where = (issues: ImportIssue[]) => issues.map((i) => [i.severity, i.code, i.sheet, i.cell]);

async function readCloud(rows: CellInput[][]): Promise<WorkbookReadout> {
  return readPolicyWorkbook(await buildWorkbook([{ name: '公有云', rows }, ON_PREM_SHEET]));
}

describe('readPolicyWorkbook: hidden sheets', () => {
  it('ignores hidden sheets, lists them as hidden and warns when one holds a catalog table', async () => {
    const readout = await readPolicyWorkbook(
      await buildWorkbook([
        { name: '公有云', rows: [HEADER, ['7*24自助运维', '✓', '✓', '✓']] },
        { name: '旧版公有云', state: 'hidden', rows: [['旧版目录'], HEADER, ['金蝶云社区', '✓', '✓', '✓']] },
        { name: '草稿', state: 'veryHidden', rows: [['草稿'], ['说明', formula('A9')]] },
        ON_PREM_SHEET,
      ]),
    );
    expect(where(readout.issues)).toEqual([['warning', 'HIDDEN_SHEET_IGNORED', '旧版公有云', 'A2']]);
    expect(readout.issues[0]).toMatchObject({ expected: expect.stringMatching(/\S/), messageEn: expect.stringMatching(/hidden/i) });
    expect(readout.sheets.map((s) => [s.name, s.role, s.reason])).toEqual([
      ['公有云', 'catalog', undefined],
      ['旧版公有云', 'ignored', 'hidden'],
      ['草稿', 'ignored', 'hidden'],
      ['私有云', 'catalog', undefined],
    ]);
    expect(readout.catalog.tierServices.map((e) => e.service)).toEqual(['self_service_ops', 'update_license']);
  });

  it('gives the reason no_catalog_table for a visible sheet without a table', async () => {
    const readout = await readPolicyWorkbook(await buildWorkbook([{ name: '说明', rows: [['填写说明']] }, { name: '公有云', rows: [HEADER, ['7*24自助运维', '✓', '✓', '✓']] }]));
    expect(readout.sheets.map((s) => [s.name, s.role, s.reason])).toEqual([
      ['说明', 'ignored', 'no_catalog_table'],
      ['公有云', 'catalog', undefined],
    ]);
  });
});

describe('readPolicyWorkbook: one-cell rows', () => {
  it('reads a row naming a known service right above the next header as data, not as a title', async () => {
    const readout = await readCloud([HEADER, ['7*24电话支持', '✓', '✓', '专属坐席'], ['7*24自助运维'], SPECIAL_HEADER, ['升级迁移', '评估']]);
    expect(readout.catalog.tierServices.filter((e) => e.offering === 'cloud').map((e) => e.service)).toEqual(['phone_support', 'self_service_ops']);
    expect(where(readout.issues)).toEqual([['warning', 'NOT_IN_ANY_TIER', '公有云', 'A3']]);
    expect(readout.catalog.tables.map((t) => t.title)).toEqual([null, null, null]);
  });

  it.each([
    ['a tier service', [HEADER, ['7*24自助运维', '✓', '✓', '✓'], [], ['金蝶云社区']]],
    ['a special service', [HEADER, ['7*24自助运维', '✓', '✓', '✓'], [], SPECIAL_HEADER, ['升级迁移', '评估'], [], ['数据修复']]],
  ])('refuses a one-cell row naming %s after a blank row', async (_kind, rows) => {
    const readout = await readCloud(rows);
    const row = rows.length;
    expect(where(errors(readout.issues))).toEqual([['error', 'ROW_OUTSIDE_TABLE', '公有云', `A${row}`]]);
    expect(readout.issues[0]?.message).toMatch(/不会被导入/);
  });

  it('still accepts a one-cell note after a blank row', async () => {
    const readout = await readCloud([HEADER, ['7*24自助运维', '✓', '✓', '✓'], [], ['注:金蝶云社区对所有客户开放']]);
    expect(readout.issues).toEqual([]);
  });
});

describe('readPolicyWorkbook: empty catalog', () => {
  it('refuses a tier table with only its header row', async () => {
    const readout = await readPolicyWorkbook(await buildSheet('公有云', [['金蝶云星空服务产品目录'], HEADER]));
    expect(errors(readout.issues).map((i) => i.code)).toEqual(['EMPTY_CATALOG']);
    expect(readout.issues[0]).toMatchObject({ expected: expect.stringContaining('服务项目'), messageEn: expect.stringMatching(/\S/) });
  });

  it('refuses a workbook with only a special-services table', async () => {
    const readout = await readPolicyWorkbook(await buildSheet('公有云', [SPECIAL_HEADER, ['升级迁移', '评估']]));
    expect(errors(readout.issues).map((i) => i.code)).toEqual(['EMPTY_CATALOG']);
  });

  it('does not add EMPTY_CATALOG when the tier rows are there but wrong', async () => {
    const readout = await readPolicyWorkbook(await buildSheet('公有云', [HEADER, ['神秘服务', '✓', '✓', '✓']]));
    expect(errors(readout.issues).map((i) => i.code)).toEqual(['UNKNOWN_SERVICE']);
  });
});
