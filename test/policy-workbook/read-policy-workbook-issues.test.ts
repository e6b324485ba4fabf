// The importer's errors and warnings: every problem named by sheet, cell, value found and value expected.
import { describe, expect, it } from 'vitest';
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { rulesForWorkbook } from '../../src/policy/rules-for-workbook.ts';
import { buildSheet, buildWorkbook, formula, type CellInput } from '../support/workbook-builder.ts';

const HEADER = ['服务项目', '基础服务', '优选服务', '尊享服务'];
const SPECIAL_HEADER = ['专项服务产品', '主要服务内容说明'];
// An on-premise sheet keeps MISSING_OFFERING out of tests about other warnings.
const ON_PREM_SHEET = { name: '私有云', rows: [HEADER, ['软件更新包与升级许可', '✓', '✓', '✓']] };

const errors = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'error');
const warnings = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'warning');
const where = (issues: ImportIssue[]) => issues.map((i) => [i.code, i.sheet, i.cell]);
const cloudServices = (readout: WorkbookReadout) => readout.catalog.tierServices.filter((e) => e.offering === 'cloud').map((e) => e.service);

async function read(name: string, rows: CellInput[][], merges: string[] = []): Promise<WorkbookReadout> {
  return readPolicyWorkbook(await buildSheet(name, rows, merges));
}

/** With the on-premise sheet beside it, so only the issues of `rows` show. */
async function readCloud(rows: CellInput[][], merges: string[] = []): Promise<WorkbookReadout> {
  return readPolicyWorkbook(await buildWorkbook([{ name: '公有云', rows, merges }, ON_PREM_SHEET]));
}

/** Every issue must tell the policy owner what was expected, in both languages. */
function expectWorded(issue: ImportIssue | undefined): void {
  for (const field of ['expected', 'expectedEn', 'message', 'messageEn'] as const) expect(issue?.[field], field).toMatch(/\S/);
}

describe('readPolicyWorkbook: table errors', () => {
  it('reports a missing tier column at the header', async () => {
    const readout = await read('公有云', [['金蝶云星空服务产品目录'], ['服务项目', '基础服务', '尊享服务'], ['7*24电话支持', '✓', '专属坐席']]);
    const [issue] = errors(readout.issues);
    expect(errors(readout.issues)).toHaveLength(1);
    expect(issue).toMatchObject({ code: 'MISSING_TIER_COLUMN', sheet: '公有云', cell: 'A2', found: '服务项目 | 基础服务 | 尊享服务' });
    expect(issue?.expected).toContain('优选服务');
    expectWorded(issue);
    expect(readout.catalog.tierServices).toEqual([]);
  });

  const badCells: [kind: string, row: CellInput[], cell: string, found: string, expected: RegExp][] = [
    ['a bad response window in issue_feedback', ['7*24问题反馈', '两天内回复', '1工作日响应', '0.5工作日响应'], 'B2', '两天内回复', /工作日响应/],
    ['a bad coverage in system_ops', ['系统运维', '5*8小时', '全天候', '7*12小时'], 'C2', '全天候', /5\*8小时/],
    ['a bad quota in code_diagnosis', ['开发技术支持', '', '代码诊断(限一年两次,2人天/次,非现场)', '代码诊断(不限次数)'], 'D2', '代码诊断(不限次数)', /限一年两次/],
    ['专属坐席 in a response-window row', ['紧急故障处理', '1工作日响应', '专属坐席', '2工作小时响应'], 'C2', '专属坐席', /工作小时响应/],
    ['free text in an inclusion row', ['7*24自助运维', '✓', '随时可用', '✓'], 'C2', '随时可用', /✓/],
    ['a zero response window', ['7*24问题反馈', '0工作日响应', '1工作日响应', '0.5工作日响应'], 'B2', '0工作日响应', /大于0/],
  ];

  it.each(badCells)('reports %s as BAD_CELL with sheet, cell, found and expected', async (_kind, row, cell, found, expected) => {
    const readout = await readCloud([HEADER, row]);
    expect(errors(readout.issues)).toEqual([expect.objectContaining({ code: 'BAD_CELL', sheet: '公有云', cell, found })]);
    const [issue] = readout.issues;
    expect(issue?.expected).toMatch(expected);
    expectWorded(issue);
    expect(cloudServices(readout)).toEqual([]);
  });

  it('reports a bad merged value once, at the cell that holds it', async () => {
    const readout = await readCloud([HEADER, ['7*24问题反馈', '随时响应']], ['B2:D2']);
    expect(where(readout.issues)).toEqual([['BAD_CELL', '公有云', 'B2']]);
  });

  it('reports an unknown service without a code', async () => {
    const readout = await readCloud([HEADER, ['7*24电话支持', '✓', '✓', '✓'], ['神秘服务', '✓', '✓', '✓']]);
    expect(errors(readout.issues)).toEqual([expect.objectContaining({ code: 'UNKNOWN_SERVICE', sheet: '公有云', cell: 'A3', found: '神秘服务' })]);
    expect(readout.issues[0]?.expected).toContain('代码');
    expectWorded(readout.issues[0]);
  });

  it('accepts a new item with a code column, wherever that column stands', async () => {
    const readout = await readCloud([
      ['代码', ...HEADER],
      ['vip_hotline', 'VIP热线', '', '✓', '专属坐席'],
      ['', '7*24电话支持', '✓', '✓', '专属坐席'],
      ['phone_support', '电话支持', '✓', '✓', '专属坐席'],
    ]);
    expect(errors(readout.issues)).toEqual([]);
    const vip = readout.catalog.tierServices.find((e) => e.service === 'vip_hotline');
    expect(vip).toMatchObject({ label: 'VIP热线', kind: 'any', source: { cell: 'B2' } });
    expect([vip?.grants.basic.included, vip?.grants.preferred.channel, vip?.grants.premium.channel]).toEqual([false, null, 'dedicated']);
    // The same known service twice, once by name and once by name and code: a duplicate, not an error.
    expect(where(warnings(readout.issues))).toEqual([['DUPLICATE_SERVICE', '公有云', 'B4']]);
  });

  it('rejects a code that contradicts a known name, and a badly formed code', async () => {
    const readout = await readCloud([
      [...HEADER, 'Code'],
      ['7*24电话支持', '✓', '✓', '✓', 'online_im'],
      ['新服务', '✓', '✓', '✓', 'New-Service'],
    ]);
    expect(errors(readout.issues)).toEqual([
      expect.objectContaining({ code: 'CODE_MISMATCH', sheet: '公有云', cell: 'E2', found: 'online_im', expected: expect.stringContaining('phone_support') }),
      expect.objectContaining({ code: 'BAD_SERVICE_CODE', sheet: '公有云', cell: 'E3', found: 'New-Service' }),
    ]);
    errors(readout.issues).forEach(expectWorded);
  });

  it('reports a row with tier cells but no name, merged or not, in tier and special tables', async () => {
    const readout = await readCloud(
      [
        HEADER,
        ['7*24电话支持', '✓', '✓', '专属坐席'],
        [null, '1工作日响应', '1工作日响应', '0.5工作日响应'],
        [null, '✓'],
        ['金蝶云社区', '✓', '✓', '✓'],
        [],
        [...SPECIAL_HEADER, '代码'],
        ['升级迁移', '评估、测试、实施'],
        [null, '只有说明,没有名称'],
        [null, null, 'new_special'],
      ],
      ['B4:D4'],
    );
    expect(where(errors(readout.issues))).toEqual([
      ['MISSING_SERVICE_NAME', '公有云', 'A3'],
      ['MISSING_SERVICE_NAME', '公有云', 'A4'],
      ['MISSING_SERVICE_NAME', '公有云', 'A9'],
      ['MISSING_SERVICE_NAME', '公有云', 'A10'],
    ]);
    errors(readout.issues).forEach(expectWorded);
    // The merged, nameless row is a data row, not a title: the rows after it still belong to the table.
    expect(cloudServices(readout)).toEqual(['phone_support', 'community']);
  });

  it('reports every problem of a workbook at once, errors first, in workbook order', async () => {
    const bytes = await buildWorkbook([
      {
        name: '公有云',
        rows: [
          HEADER,
          ['7*24问题反馈', '2天', '1工作日响应', '0.5工作日响应'],
          ['系统运维', '5*8小时', '7*8小时', '全年无休'],
          ['神秘服务', '✓', '✓', '✓'],
          ['7*24电话支持', '✓', '-', formula('"专属"&"坐席"')],
          ['金蝶云社区', '✓', '✓', '-'],
        ],
      },
      { name: '私有云', rows: [['服务项目', '基础服务', '优选服务'], ['7*24电话支持', '✓', '✓']] },
      { name: '私有云专项', rows: [[...SPECIAL_HEADER, '代码'], ['性能优化', '针对私有云客户', 'PERF'], ['数据修复', '修复', 'data_repair']] },
    ]);
    const readout = await readPolicyWorkbook(bytes);
    expect(where(readout.issues)).toEqual([
      ['BAD_CELL', '公有云', 'B2'],
      ['BAD_CELL', '公有云', 'D3'],
      ['UNKNOWN_SERVICE', '公有云', 'A4'],
      ['FORMULA_WITHOUT_VALUE', '公有云', 'D5'],
      ['MISSING_TIER_COLUMN', '私有云', 'A1'],
      ['BAD_SERVICE_CODE', '私有云专项', 'C2'],
      ['TIER_REGRESSION', '公有云', 'D6'],
    ]);
    expect(readout.issues.map((i) => i.severity)).toEqual([...Array<string>(6).fill('error'), 'warning']);
    expect((await rulesForWorkbook(bytes)).ok).toBe(false);
  });
});

describe('readPolicyWorkbook: domain warnings', () => {
  it('warns when a higher tier lacks what a lower tier has', async () => {
    const readout = await readCloud([HEADER, ['7*24电话支持', '✓', '-', '专属坐席'], ['金蝶云社区', '✓', '✓', '']]);
    expect(warnings(readout.issues)).toEqual([
      expect.objectContaining({ code: 'TIER_REGRESSION', sheet: '公有云', cell: 'C2', found: '-', expected: expect.stringContaining('基础服务') }),
      // Once per cell, against the nearest tier that has it.
      expect.objectContaining({ code: 'TIER_REGRESSION', sheet: '公有云', cell: 'D3', found: '', expected: expect.stringContaining('优选服务') }),
    ]);
    warnings(readout.issues).forEach(expectWorded);
  });

  it('warns when a response window gets longer in a higher tier, comparing days and hours', async () => {
    const readout = await readCloud([
      HEADER,
      ['7*24问题反馈', '1工作日响应', '2工作日响应', '4工作小时响应'],
      ['紧急故障处理', '4工作小时响应', '1工作日响应', '2工作小时响应'],
    ]);
    expect(where(readout.issues)).toEqual([
      ['WINDOW_LONGER', '公有云', 'C2'],
      ['WINDOW_LONGER', '公有云', 'C3'],
    ]);
    expect(readout.issues[1]).toMatchObject({ found: '1工作日响应', expected: expect.stringContaining('4工作小时响应') });
  });

  it('warns once per cell, naming the tightest lower window', async () => {
    const readout = await readCloud([HEADER, ['7*24问题反馈', '4小时响应', '1个工作日响应', '2个工作日响应']]);
    expect(where(readout.issues)).toEqual([
      ['WINDOW_LONGER', '公有云', 'C2'],
      ['WINDOW_LONGER', '公有云', 'D2'],
    ]);
    expect(readout.issues[1]).toMatchObject({ found: '2个工作日响应', expected: expect.stringContaining('基础服务的响应时限(4小时响应)') });
  });

  it('warns about an item in no tier and about a duplicated item', async () => {
    const readout = await readCloud([
      HEADER,
      ['金蝶云社区', '-', '无', ''],
      ['7*24电话支持', '✓', '✓', '专属坐席'],
      ['电话支持', '✓', '✓', '✓'],
      [],
      ['专项服务'],
      SPECIAL_HEADER,
      ['数据修复', '修复'],
      ['数据修复', '再次修复'],
    ]);
    expect(where(readout.issues)).toEqual([
      ['NOT_IN_ANY_TIER', '公有云', 'A2'],
      ['DUPLICATE_SERVICE', '公有云', 'A4'],
      ['DUPLICATE_SERVICE', '公有云', 'A9'],
    ]);
    expect(readout.issues[1]?.expected).toContain('公有云!A3');
    expect(readout.catalog.tierServices.find((e) => e.service === 'phone_support')?.grants.premium.channel).toBe('dedicated');
  });

  it('warns about an on-premise special service on a cloud sheet, by description or by code, never on premise', async () => {
    const bytes = await buildWorkbook([
      { name: '公有云', rows: [HEADER, ['7*24自助运维', '✓', '✓', '✓'], [], SPECIAL_HEADER, ['升级迁移', '针对私有云客户,提供升级'], ['性能优化', '全面诊断优化'], ['数据修复', '修复数据']] },
      { name: '私有云', rows: [HEADER, ['软件更新包与升级许可', '✓', '✓', '✓'], [], SPECIAL_HEADER, ['性能优化', '针对私有云客户,全面诊断优化']] },
    ]);
    const readout = await readPolicyWorkbook(bytes);
    expect(where(readout.issues)).toEqual([
      ['ON_PREMISE_SERVICE_ON_CLOUD', '公有云', 'A5'],
      ['ON_PREMISE_SERVICE_ON_CLOUD', '公有云', 'A6'],
    ]);
    readout.issues.forEach(expectWorded);
  });

  it('warns when an offering has no tier table', async () => {
    const readout = await read('公有云', [HEADER, ['7*24自助运维', '✓', '✓', '✓']]);
    expect(readout.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'MISSING_OFFERING', expected: expect.stringContaining('On Premise') })]);
  });

  it('refuses a data row cut off from its table by a blank row, so no item is lost unseen', async () => {
    const readout = await readCloud([HEADER, ['7*24自助运维', '✓', '✓', '✓'], [], ['金蝶云社区', '✓', '✓', '✓']]);
    expect(where(readout.issues)).toEqual([['ROW_OUTSIDE_TABLE', '公有云', 'A4']]);
    expect(readout.issues[0]!.severity).toBe('error');
    readout.issues.forEach(expectWorded);
  });

  it('accepts a one-cell note below a table', async () => {
    const readout = await readCloud([HEADER, ['7*24自助运维', '✓', '✓', '✓'], [], ['注:以上服务按合同年度计算。']]);
    expect(errors(readout.issues)).toEqual([]);
    expect(cloudServices(readout)).toEqual(['self_service_ops']);
  });

  it('does not block the import: a workbook with only warnings gives rules', async () => {
    const bytes = await buildWorkbook([
      { name: '公有云', rows: [HEADER, ['7*24电话支持', '✓', '-', '专属坐席'], ['7*24问题反馈', '1工作日响应', '2工作日响应', '0.5工作日响应'], [], SPECIAL_HEADER, ['性能优化', '针对私有云客户']] },
    ]);
    const readout = await readPolicyWorkbook(bytes);
    expect(errors(readout.issues)).toEqual([]);
    expect(new Set(readout.issues.map((i) => i.code))).toEqual(new Set(['TIER_REGRESSION', 'WINDOW_LONGER', 'ON_PREMISE_SERVICE_ON_CLOUD', 'MISSING_OFFERING']));
    const result = await rulesForWorkbook(bytes);
    expect(result).toMatchObject({ ok: true, ruleCount: 2 * 3 + 1, warnings: readout.issues.length });
  });
});
