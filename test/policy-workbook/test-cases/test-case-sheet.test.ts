// The 测试用例 sheet: what a workbook must decide, read by its header wherever it stands (in the spellings people
// use), each bad cell named by sheet!cell in Chinese and English, kept beside the rules, written back and read again
// to the same cases, and compared between versions as cases added, removed and changed.
import { describe, expect, it } from 'vitest';
import { diffPolicies } from '../../../src/policy-workbook/policy-diff.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../../../src/policy-workbook/rules-document.ts';
import { readPolicyWorkbook } from '../../../src/policy-workbook/read-policy-workbook.ts';
import { writeCatalogWorkbook } from '../../../src/policy-workbook/workbook-export.ts';
import { stableStringify } from '../../../src/policy/stable-json.ts';
import { errors, readWith, where, worded } from '../../support/calendar-workbooks.ts';
import type { CellInput } from '../../support/workbook-builder.ts';

const STANDARD = ['部署', '服务产品', '服务项目', '时间', '已用次数', '已购买', '期望有权', '期望原因', '期望渠道', '期望响应时限', '期望截止时间', '期望剩余次数'];

const caseSheet = (rows: CellInput[][], header: CellInput[] = STANDARD, name = '测试用例') => ({ name, rows: [['测试用例'], header, ...rows] });

async function documentOf(...rows: CellInput[][]): Promise<RulesDocument> {
  const readout = await readWith(caseSheet(rows));
  expect(errors(readout.issues)).toEqual([]);
  return buildRulesDocument(readout.catalog, readout.sha256);
}

describe('the 测试用例 sheet', () => {
  it('reads each row as a case: the question, the contract facts, and only the expectations its cells state', async () => {
    const readout = await readWith(
      caseSheet([
        ['公有云', '基础服务', '紧急故障处理', '2026-03-10 10:00', '', '', '✓', '', '', '1工作日响应', '2026/3/11 10:00', ''],
        ['私有云', '尊享', 'update_license', '2026-03-10', '2', '✓', '✗', '未购买', '无', '无', '无', '0'],
      ]),
    );
    expect(readout.issues).toEqual([]);
    expect(readout.sheets.at(-1)).toMatchObject({ name: '测试用例', role: 'test_cases', caseTables: [{ kind: 'test_cases', headerCell: 'A2', rows: 2 }] });
    expect(readout.catalog.testCases).toEqual([
      {
        offering: 'cloud',
        tier: 'basic',
        service: 'emergency_fault',
        at: '2026-03-10T10:00:00+08:00',
        used: null,
        purchased: false,
        expect: { entitled: true, responseWindow: { amount: 1, unit: 'working_day' }, respondBy: '2026-03-11T10:00:00+08:00' },
        cells: { entitled: 'G3', responseWindow: 'J3', respondBy: 'K3' },
        source: { sheet: '测试用例', cell: 'A3' },
      },
      {
        offering: 'on_premise',
        tier: 'premium',
        service: 'update_license',
        at: '2026-03-10T00:00:00+08:00',
        used: 2,
        purchased: true,
        expect: { entitled: false, reason: 'NOT_PURCHASED', channel: null, responseWindow: null, respondBy: null, remaining: 0 },
        cells: { entitled: 'G4', reason: 'H4', channel: 'I4', responseWindow: 'J4', respondBy: 'K4', remaining: 'L4' },
        source: { sheet: '测试用例', cell: 'A4' },
      },
    ]);
  });

  it('accepts the header spellings people use (有权, 原因, 渠道, English), in any order and on any sheet', async () => {
    const header = ['服务项目', '部署', '服务产品', '请求时间', '有权', '原因', '渠道', '响应时限', '截止时间', '剩余次数', '已用次数'];
    const readout = await readWith(caseSheet([['VIP热线', '公有云', '尊享服务', '2026-03-10 09:30', '是', '', '专属', '', '', '', '']], header, '验收'));
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.testCases).toEqual([expect.objectContaining({ service: 'vip_hotline', tier: 'premium', expect: { entitled: true, channel: 'dedicated' }, cells: { entitled: 'E3', channel: 'G3' } })]);

    const english = await readWith(caseSheet([['cloud', 'basic', 'emergency_fault', '2026-03-10 10:00', 'yes', 'standard']], ['offering', 'tier', 'service', 'time', 'expected entitled', 'channel']));
    expect(english.issues).toEqual([]);
    expect(english.catalog.testCases[0]).toMatchObject({ expect: { entitled: true, channel: 'standard' } });
  });

  it('reads a time Excel stored as a date-time cell (as it does with 2026-03-10 10:00 typed in), and a date cell as midnight', async () => {
    const readout = await readWith(
      caseSheet([
        ['公有云', '基础服务', '紧急故障处理', new Date(Date.UTC(2026, 2, 10, 10, 0)), '', '', '✓', '', '', '', new Date(Date.UTC(2026, 2, 11, 10, 0)), ''],
        ['公有云', '基础服务', '紧急故障处理', new Date(Date.UTC(2026, 2, 10)), '', '', '✓', '', '', '', '', ''],
      ]),
    );
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.testCases.map((c) => [c.at, c.expect.respondBy])).toEqual([
      ['2026-03-10T10:00:00+08:00', '2026-03-11T10:00:00+08:00'],
      ['2026-03-10T00:00:00+08:00', undefined],
    ]);
  });

  it('names every bad cell by sheet and address, in Chinese and English, and keeps no half-read case', async () => {
    const readout = await readWith(
      caseSheet([
        ['公有云', '基础服务', '紧急故障处理', '明天上午', '', '', '✓', '', '', '', '', ''],
        ['公有云', '金牌服务', '紧急故障处理', '2026-03-10 10:00', '', '', '也许', '', '', '', '', ''],
        ['公有云', '基础服务', '紧急故障处理', '2026-03-10 10:00', '-1', '', '', '运气不好', '电话', '很快', '2026-02-30 10:00', '几次'],
        ['公有云', '基础服务', '不存在的服务', '2026-03-10 10:00', '', '', '✓', '', '', '', '', ''],
        ['公有云', '基础服务', '', '2026-03-10 10:00', '', '', '✓', '', '', '', '', ''],
        ['公有云', '基础服务', '紧急故障处理', '2026-03-10 10:00', '', '', '', '', '', '', '', ''],
      ]),
    );
    expect(where(readout.issues)).toEqual([
      ['error', 'BAD_CELL', '测试用例', 'D3'],
      ['error', 'BAD_CELL', '测试用例', 'B4'],
      ['error', 'BAD_CELL', '测试用例', 'G4'],
      ['error', 'BAD_CELL', '测试用例', 'E5'],
      ['error', 'BAD_CELL', '测试用例', 'H5'],
      ['error', 'BAD_CELL', '测试用例', 'I5'],
      ['error', 'BAD_CELL', '测试用例', 'J5'],
      ['error', 'BAD_CELL', '测试用例', 'K5'],
      ['error', 'BAD_CELL', '测试用例', 'L5'],
      ['error', 'UNKNOWN_SERVICE', '测试用例', 'C6'],
      ['error', 'MISSING_CASE_VALUE', '测试用例', 'C7'],
      ['error', 'CASE_EXPECTS_NOTHING', '测试用例', 'A8'],
    ]);
    expect(readout.issues.every(worded)).toBe(true);
    expect(readout.issues[0]).toMatchObject({ found: '明天上午', message: '测试用例的时间“明天上午”无法识别。', expectedEn: expect.stringContaining('Asia/Shanghai') });
    expect(readout.issues.find((i) => i.cell === 'H5')).toMatchObject({ found: '运气不好', messageEn: 'The test case\'s expected reason "运气不好" cannot be read.' });
    expect(readout.catalog.testCases).toEqual([]);
  });

  it('reports a case table without its 部署 or 服务产品 column at the header, and takes no notes for cases', async () => {
    const readout = await readWith(caseSheet([['基础服务', '紧急故障处理', '2026-03-10 10:00', '✓']], ['服务产品', '服务项目', '时间', '期望有权']));
    expect(where(readout.issues)).toEqual([['error', 'MISSING_COLUMN', '测试用例', 'A2']]);
    expect(readout.issues[0]).toMatchObject({ expected: '表头包含“部署”列', messageEn: expect.stringContaining('test case header') });
    // 服务项目 | 时间 | 渠道 without an offering or a tier is someone's notes: ignored, like any other sheet of notes.
    const notes = await readWith({ name: '备忘', rows: [['服务项目', '时间', '渠道'], ['紧急故障处理', '周一', '电话']] });
    expect(notes.issues).toEqual([]);
    expect(notes.sheets.at(-1)).toMatchObject({ name: '备忘', role: 'ignored' });
  });

  it('keeps the cases beside the rules, adds no rule, and writes them back to the same cases', async () => {
    const doc = await documentOf(
      ['公有云', '优选服务', '紧急故障处理', '2026-03-13 17:00', '', '', '✓', '', '', '4工作小时响应', '2026-03-16 12:00', ''],
      ['私有云', '基础服务', '软件更新包与升级许可', '2026-03-10 10:00', '3', '✓', '✓', '', '无', '无', '无', '无'],
      ['公有云', '基础服务', 'VIP热线', '2026-03-10 10:00', '', '', '✓', '服务产品不包含', '标准坐席', '0.5工作日响应', '', '1'],
    );
    const without = await readWith();
    expect(doc.rules).toHaveLength(buildRulesDocument(without.catalog, without.sha256).rules.length);
    expect(doc.testCases).toHaveLength(3);
    expect(doc.testCases![0]!.source).toEqual({ sheet: '测试用例', cell: 'A3', workbookSha256: doc.workbookSha256 });

    const exported = await readPolicyWorkbook(await writeCatalogWorkbook(catalogFromRules(doc)));
    expect(exported.issues).toEqual([]);
    const again = buildRulesDocument(exported.catalog, exported.sha256);
    expect(stableStringify(again.testCases).replaceAll(exported.sha256, '<sha>')).toBe(stableStringify(doc.testCases).replaceAll(doc.workbookSha256, '<sha>'));
  });

  it('leaves a document without cases as it was', async () => {
    const readout = await readWith();
    expect('testCases' in buildRulesDocument(readout.catalog, readout.sha256)).toBe(false);
  });
});

describe('test cases in a diff', () => {
  const KEEP = ['公有云', '基础服务', '紧急故障处理', '2026-03-10 10:00', '', '', '✓', '', '', '', '', ''];
  const GONE = ['公有云', '尊享服务', 'VIP热线', '2026-03-10 10:00', '', '', '✓', '', '专属坐席', '', '', ''];
  const CHANGED = ['私有云', '基础服务', '软件更新包与升级许可', '2026-03-10 10:00', '', '', '✓', '', '', '', '', ''];

  it('lists cases added and removed, and a case that now expects something else, by its question rather than its cell', async () => {
    const before = await documentOf(KEEP, GONE, CHANGED);
    const changed = [...CHANGED];
    changed[6] = '✗';
    const added = ['公有云', '优选服务', '紧急故障处理', '2026-03-10 10:00', '1', '', '', '', '', '4工作小时响应', '', ''];
    const after = await documentOf(added, KEEP, changed);
    const diff = diffPolicies(before, after);
    expect(diff.entitlements).toEqual([]);
    expect(diff.testCases).toEqual([
      { kind: 'added', offering: 'cloud', tier: 'preferred', service: 'emergency_fault', at: '2026-03-10T10:00:00+08:00', used: 1, purchased: false, from: null, to: { responseWindow: { amount: 4, unit: 'working_hour' } }, sheet: '测试用例', cell: 'A3' },
      { kind: 'changed', offering: 'on_premise', tier: 'basic', service: 'update_license', at: '2026-03-10T10:00:00+08:00', used: null, purchased: false, from: { entitled: true }, to: { entitled: false }, sheet: '测试用例', cell: 'A5' },
      { kind: 'removed', offering: 'cloud', tier: 'premium', service: 'vip_hotline', at: '2026-03-10T10:00:00+08:00', used: null, purchased: false, from: { entitled: true, channel: 'dedicated' }, to: null, sheet: '测试用例', cell: 'A4' },
    ]);
    expect(diffPolicies(before, before).testCases).toBeUndefined();
  });
});
