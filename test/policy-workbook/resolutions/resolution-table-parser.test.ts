// The 解决时限 table's parser on its own: every header word, each refusal as the policy owner reads it, and rows
// whose scope was refused (checked for their target, then left out).
import { describe, expect, it } from 'vitest';
import { isResolutionHeader, parseResolutionTable, RESOLUTION_WORDS } from '../../../src/policy-workbook/resolutions/resolution-table-parser.ts';
import { gridRows, table } from '../../support/grid-rows.ts';

const SHEET = '解决时限';
const EXPECTED = '解决时限,如“2个工作日”、“8工作小时内解决”或“一个半工作日”';
const EXPECTED_EN = 'a resolution target, e.g. “2个工作日” (2 working days), “8工作小时内解决” (8 working hours) or “一个半工作日”';

// Written out, not taken from the parser's list: a word lost from the list must fail a test.
const WORDS = ['解决时限', '解决时间', '解决目标', '解决时效', 'Resolution target', 'Resolution', 'Resolution time', 'Resolve within'];

describe('the 解决时限 header', () => {
  it('accepts exactly the words written out here', () => {
    expect(RESOLUTION_WORDS.all).toEqual(WORDS);
  });

  it.each(WORDS.map((w) => [w] as const))('reads the target column headed %s', (word) => {
    const { header, rows } = table([['部署', '服务产品', '服务项目', word], ['公有云', '尊享', '紧急故障处理', '4工作小时']]);
    expect(isResolutionHeader(header)).toBe(true);
    expect(parseResolutionTable(SHEET, header, rows)).toEqual({
      entries: [{ offering: 'cloud', tier: 'premium', service: { text: '紧急故障处理', address: 'C2', reportAt: 'C2', unreadable: false }, window: { amount: 4, unit: 'working_hour' }, source: { sheet: SHEET, cell: 'D2' } }],
      issues: [],
    });
  });

  it.each([
    ['a target column with no scope column', ['解决时限', '备注'], false],
    ['scope columns with no target column', ['部署', '服务产品', '服务项目'], false],
    ['one scope column and the target', ['服务项目', '解决时限'], true],
  ])('%s: %s', (_what, texts, expected) => {
    expect(isResolutionHeader(gridRows([texts])[0]!)).toBe(expected);
  });

  it('refuses a header without the target column, at its first cell', () => {
    const { header, rows } = table([['部署', '服务产品', '服务项目'], ['公有云', '尊享', '紧急故障处理']], 4, 2);
    expect(parseResolutionTable(SHEET, header, rows)).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_COLUMN',
          sheet: SHEET,
          cell: 'B4',
          found: '部署 | 服务产品 | 服务项目',
          expected: '表头包含“解决时限”列',
          expectedEn: 'a header row with a 解决时限 column',
          message: '第 4 行的解决时限表头缺少“解决时限”列,该表未被导入。',
          messageEn: 'The resolution target header in row 4 has no 解决时限 column, so the table is not imported.',
        },
      ],
    });
  });
});

describe('each row’s target', () => {
  const read = (value: string, marks = {}) => {
    const { header, rows } = table([['部署', '服务产品', '服务项目', '解决时限'], ['全部', '全部', null, value]], 1, 1, marks);
    return parseResolutionTable(SHEET, header, rows);
  };

  it('reads a scope of any offering, tier and service as nulls', () => {
    expect(read('2个工作日')).toEqual({ entries: [{ offering: null, tier: null, service: null, window: { amount: 2, unit: 'working_day' }, source: { sheet: SHEET, cell: 'D2' } }], issues: [] });
  });

  it('refuses a target it cannot read, naming it', () => {
    expect(read('尽快')).toEqual({
      entries: [],
      issues: [{ severity: 'error', code: 'BAD_CELL', sheet: SHEET, cell: 'D2', found: '尽快', expected: EXPECTED, expectedEn: EXPECTED_EN, message: '无法识别解决时限“尽快”。', messageEn: 'The resolution target "尽快" cannot be read.' }],
    });
  });

  it('asks for the target a row leaves blank', () => {
    expect(read('')).toEqual({
      entries: [],
      issues: [{ severity: 'error', code: 'MISSING_RESOLUTION_TARGET', sheet: SHEET, cell: 'D2', expected: EXPECTED, expectedEn: EXPECTED_EN, message: '这一行没有写解决时限。', messageEn: 'This row states no resolution target.' }],
    });
  });

  it('refuses more than 60 working days, saying the limit', () => {
    expect(read('61个工作日').issues).toEqual([
      {
        severity: 'error',
        code: 'BAD_CELL',
        sheet: SHEET,
        cell: 'D2',
        found: '61个工作日',
        expected: '解决时限不超过 60 个工作日,如“2个工作日”、“8工作小时内解决”或“一个半工作日”',
        expectedEn: 'a resolution target of at most 60 working days, e.g. “2个工作日” (2 working days), “8工作小时内解决” (8 working hours) or “一个半工作日”',
        message: '无法识别解决时限“61个工作日”。',
        messageEn: 'The resolution target "61个工作日" cannot be read.',
      },
    ]);
  });

  it('refuses more than 480 working hours, saying the limit', () => {
    expect(read('481工作小时').issues.map((i) => [i.expected, i.expectedEn])).toEqual([
      [
        '解决时限不超过 480 个工作小时,如“2个工作日”、“8工作小时内解决”或“一个半工作日”',
        'a resolution target of at most 480 working hours, e.g. “2个工作日” (2 working days), “8工作小时内解决” (8 working hours) or “一个半工作日”',
      ],
    ]);
  });

  it('checks the target of a row whose tier was refused, then leaves the row out', () => {
    const { header, rows } = table([['部署', '服务产品', '服务项目', '解决时限'], ['公有云', '金牌', '紧急故障处理', '2个工作日'], ['公有云', '白金', null, '很快'], ['公有云', '优选', null, '3个工作日']]);
    const result = parseResolutionTable(SHEET, header, rows);
    expect(result.entries.map((e) => [e.tier, e.window, e.source.cell])).toEqual([['preferred', { amount: 3, unit: 'working_day' }, 'D4']]);
    expect(result.issues.map((i) => [i.code, i.cell])).toEqual([
      ['UNKNOWN_TIER', 'B2'],
      ['UNKNOWN_TIER', 'B3'],
      ['BAD_CELL', 'D3'],
    ]);
  });
});
