// The 测试用例 table's parser on its own: which rows head it, every column's header words, each column's reading,
// and each refusal as the policy owner reads it (code, cell, found, expected and both messages).
import { describe, expect, it } from 'vitest';
import { CASE_COLUMN_WORDS, isCaseHeader, parseCaseTable } from '../../../src/policy-workbook/test-cases/case-table-parser.ts';
import { gridRows, table, type CellMark } from '../../support/grid-rows.ts';

const SHEET = '测试用例';
const HEADER = ['部署', '服务产品', '服务项目', '时间', '已用次数', '已购买', '期望有权', '期望原因', '期望渠道', '期望响应时限', '期望截止时间', '期望剩余次数'];
type Line = (string | null)[];
const row = (over: Partial<Record<(typeof HEADER)[number], string>>): Line => HEADER.map((h) => over[h] ?? '');
const BASE = { 部署: '公有云', 服务产品: '尊享服务', 服务项目: '紧急故障处理', 时间: '2026-03-02 10:00' };

const read = (lines: Line[], marks: Record<string, CellMark> = {}, header: Line = HEADER) => {
  const { header: h, rows } = table([header, ...lines], 1, 1, marks);
  return parseCaseTable(SHEET, h, rows);
};

describe('which rows head a test-case table', () => {
  it.each([
    ['time, service, offering and an expectation', ['部署', '服务项目', '时间', '期望有权'], true],
    ['time, service, tier and an expectation', ['服务产品', '服务项目', '时间', '期望渠道'], true],
    ['without an expectation', ['部署', '服务产品', '服务项目', '时间'], false],
    ['without a time', ['部署', '服务产品', '服务项目', '期望有权'], false],
    ['without a service', ['部署', '服务产品', '时间', '期望有权'], false],
    ['notes: 服务项目 | 时间 | 渠道', ['服务项目', '时间', '渠道'], false],
  ])('%s: %s', (_what, texts, expected) => {
    expect(isCaseHeader(gridRows([texts])[0]!)).toBe(expected);
  });

  const words = Object.entries(CASE_COLUMN_WORDS).flatMap(([column, w]) => w.all.map((word) => [column, word] as const));
  it.each(words)('reads the %s column headed %s', (column, word) => {
    const index = Object.keys(CASE_COLUMN_WORDS).indexOf(column);
    const header = HEADER.map((h, i) => (i === index ? word : h));
    const result = read([row({ ...BASE, 已用次数: '1', 已购买: '✓', 期望有权: '✓', 期望原因: '额度已用完', 期望渠道: '专属坐席', 期望响应时限: '4工作小时响应', 期望截止时间: '2026-03-02 14:00', 期望剩余次数: '0' })], {}, header);
    expect(result.issues).toEqual([]);
    expect(result.entries).toHaveLength(1);
    const entry = result.entries[0]!;
    expect([entry.offering, entry.tier, entry.service.text, entry.at, entry.used, entry.purchased]).toEqual(['cloud', 'premium', '紧急故障处理', '2026-03-02T10:00:00+08:00', 1, true]);
    expect(Object.keys(entry.expect).sort()).toEqual(['channel', 'entitled', 'reason', 'remaining', 'respondBy', 'responseWindow']);
  });
});

describe('reading a case', () => {
  it('reads every column, the cells of its expectations and its source', () => {
    expect(read([[], row({ ...BASE, 已用次数: '2', 已购买: '', 期望有权: '✗', 期望原因: 'QUOTA_EXHAUSTED', 期望渠道: '无', 期望响应时限: '无', 期望截止时间: '无', 期望剩余次数: '无' })])).toEqual({
      entries: [
        {
          offering: 'cloud',
          tier: 'premium',
          service: { text: '紧急故障处理', address: 'C3', reportAt: 'C3', unreadable: false },
          at: '2026-03-02T10:00:00+08:00',
          used: 2,
          purchased: false,
          expect: { entitled: false, reason: 'QUOTA_EXHAUSTED', channel: null, responseWindow: null, respondBy: null, remaining: null },
          cells: { entitled: 'G3', reason: 'H3', channel: 'I3', responseWindow: 'J3', respondBy: 'K3', remaining: 'L3' },
          source: { sheet: SHEET, cell: 'A3' },
        },
      ],
      issues: [],
    });
  });

  it('reads what is left blank as unchecked, no uses and not bought', () => {
    const [entry] = read([row({ ...BASE, 期望响应时限: '1工作日响应', 期望剩余次数: '3' })]).entries;
    expect(entry).toMatchObject({ used: null, purchased: false, expect: { responseWindow: { amount: 1, unit: 'working_day' }, remaining: 3 }, cells: { responseWindow: 'J2', remaining: 'L2' } });
  });

  it.each([['A2'], ['F2'], ['L2']])('skips a row whose %s the reader could not read', (address) => {
    expect(read([row({ ...BASE, 期望有权: '✓' })], { [address]: { unreadable: true } })).toEqual({ entries: [], issues: [] });
  });

  it.each([
    ['部署', ['服务产品', '服务项目', '时间', '期望有权']],
    ['服务产品', ['部署', '服务项目', '时间', '期望有权']],
  ])('refuses a table without its %s column, at the header', (missing, header) => {
    expect(read([['x', 'y', 'z', 'w']], {}, header)).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_COLUMN',
          sheet: SHEET,
          cell: 'A1',
          found: header.join(' | '),
          expected: `表头包含“${missing}”列`,
          expectedEn: `a header row with a ${missing} column`,
          message: `第 1 行的测试用例表头缺少“${missing}”列,该表未被导入。`,
          messageEn: `The test case header in row 1 has no ${missing} column, so the table is not imported.`,
        },
      ],
    });
  });
});

describe('each column’s refusal', () => {
  const issue = (over: Partial<Record<(typeof HEADER)[number], string>>, marks: Record<string, CellMark> = {}) => {
    const result = read([row({ ...BASE, 期望有权: '✓', ...over })], marks);
    expect(result.entries).toEqual([]);
    return result.issues;
  };

  it.each([
    ['部署', '月球', 'A2', '公有云 或 私有云', '公有云 (cloud) or 私有云 (on premise)', '部署形态', 'offering'],
    ['服务产品', '钻石', 'B2', '基础服务、优选服务 或 尊享服务', '基础服务, 优选服务 or 尊享服务 (basic, preferred, premium)', '服务产品', 'tier'],
    ['时间', '下周一', 'D2', '北京时间,如“2026-03-02 10:00”或“2026-03-02”(零点)', 'Asia/Shanghai wall time, e.g. “2026-03-02 10:00”, or a date for midnight', '时间', 'time'],
    ['已用次数', '两次', 'E2', '0 或正整数,如“1”', 'a whole number from 0, e.g. “1”', '已用次数', 'uses so far'],
    ['已购买', '买了', 'F2', '✓(已购买)或留空', '✓ (bought) or blank', '已购买', 'purchased'],
    ['期望有权', '也许', 'G2', '✓(有权)或 ✗(无权)', '✓ (entitled) or ✗ (not entitled)', '期望有权', 'expected entitlement'],
    ['期望原因', '不知道', 'H2', '未购买、仅面向私有云、服务产品不包含、目录中没有、额度已用完、不在合同有效期内,或其代码', 'a decision reason such as 未购买 (NOT_PURCHASED) or 仅面向私有云 (ON_PREMISE_ONLY), or its code', '期望原因', 'expected reason'],
    ['期望渠道', '电话', 'I2', '标准坐席、专属坐席 或 无', '标准坐席 (standard), 专属坐席 (dedicated) or 无 (none)', '期望渠道', 'expected channel'],
    ['期望响应时限', '尽快', 'J2', '响应时限,如“1工作日响应”“4工作小时响应”,或 无', 'a response window such as “1工作日响应” or “4工作小时响应”, or 无 (none)', '期望响应时限', 'expected response window'],
    ['期望截止时间', '明天', 'K2', '北京时间,如“2026-03-03 10:00”,或 无', 'Asia/Shanghai wall time such as “2026-03-03 10:00”, or 无 (none)', '期望截止时间', 'expected deadline'],
    ['期望剩余次数', '很多', 'L2', '0 或正整数,或 无', 'a whole number from 0, or 无 (none)', '期望剩余次数', 'expected uses left'],
  ])('%s “%s” at %s', (column, text, cell, expected, expectedEn, zh, en) => {
    expect(issue({ [column]: text })).toEqual([
      { severity: 'error', code: 'BAD_CELL', sheet: SHEET, cell, found: text, expected, expectedEn, message: `测试用例的${zh}“${text}”无法识别。`, messageEn: `The test case's ${en} "${text}" cannot be read.` },
    ]);
  });

  it.each([
    ['部署', 'A2', '部署形态', 'offering'],
    ['服务产品', 'B2', '服务产品', 'tier'],
    ['时间', 'D2', '时间', 'time'],
  ])('asks for the %s a case leaves blank, at %s', (column, cell, zh, en) => {
    expect(issue({ [column]: '' })).toEqual([
      { severity: 'error', code: 'MISSING_CASE_VALUE', sheet: SHEET, cell, expected: expect.any(String), expectedEn: expect.any(String), message: `这个测试用例没有写${zh}。`, messageEn: `This test case states no ${en}.` },
    ]);
  });

  it('asks for the service a case leaves blank, at its cell', () => {
    expect(issue({ 服务项目: '' })).toEqual([
      {
        severity: 'error',
        code: 'MISSING_CASE_VALUE',
        sheet: SHEET,
        cell: 'C2',
        expected: '服务项目名称或代码,如“紧急故障处理”',
        expectedEn: 'the name or code of a service, e.g. 紧急故障处理 (emergency_fault)',
        message: '这个测试用例没有写服务项目。',
        messageEn: 'This test case names no service.',
      },
    ]);
  });

  it('refuses a case that expects nothing, at its first cell', () => {
    expect(issue({ 期望有权: '' })).toEqual([
      {
        severity: 'error',
        code: 'CASE_EXPECTS_NOTHING',
        sheet: SHEET,
        cell: 'A2',
        expected: '至少一个期望列有内容:期望有权、期望原因、期望渠道、期望响应时限、期望截止时间、期望剩余次数',
        expectedEn: 'at least one expectation: 期望有权, 期望原因, 期望渠道, 期望响应时限, 期望截止时间 or 期望剩余次数',
        message: '第 2 行的测试用例没有写任何期望,无从检查。',
        messageEn: 'The test case in row 2 expects nothing, so there is nothing to check.',
      },
    ]);
  });

  it('names only the bad cell of a case that expects nothing readable', () => {
    expect(issue({ 期望有权: '', 期望渠道: '电话' }).map((i) => [i.code, i.cell])).toEqual([['BAD_CELL', 'I2']]);
  });

  it('reports a merged cell once where its value stands, and every bad cell of a row, failing each row it covers', () => {
    const result = read([row({ ...BASE, 部署: '月球', 期望有权: '✓', 期望渠道: '电话' }), row({ ...BASE, 部署: '月球', 期望有权: '✓' })], { A3: { mergedFrom: 'A2' } });
    expect(result.entries).toEqual([]);
    expect(result.issues.map((i) => [i.code, i.cell])).toEqual([
      ['BAD_CELL', 'A2'],
      ['BAD_CELL', 'I2'],
    ]);
  });

  it('fails a row under a merged expectation cell reported above it, rather than reading it without the expectation', () => {
    const result = read([row({ ...BASE, 期望有权: '✓', 期望渠道: '电话' }), row({ ...BASE, 期望有权: '✓', 期望渠道: '电话' }), row({ ...BASE, 期望有权: '✓' })], { I3: { mergedFrom: 'I2' } });
    expect(result.entries.map((e) => e.source.cell)).toEqual(['A4']);
    expect(result.issues.map((i) => [i.code, i.cell])).toEqual([['BAD_CELL', 'I2']]);
  });
});
