// The tier table's parser on its own: which rows head it, every header word, each kind of cell as a grant, and
// each refusal as the policy owner reads it (code, cell, found, expected and both messages), upright and on its side.
import { describe, expect, it } from 'vitest';
import { isTierHeader, parseTierTable } from '../../../src/policy-workbook/tiers/tier-table-parser.ts';
import { TIER_NAME_WORDS, TIER_WORDS } from '../../../src/policy-workbook/shared-columns.ts';
import type { GridRow } from '../../../src/workbook/workbook-grid.ts';
import { gridRows, table, type CellMark } from '../../support/grid-rows.ts';

const SHEET = '公有云';
const HEADER = ['服务项目', '基础服务', '优选服务', '尊享服务'];
type Line = (string | null)[];

const read = (lines: Line[], marks: Record<string, CellMark> = {}, header: Line = HEADER) => {
  const { header: h, rows } = table([header, ...lines], 1, 1, marks);
  return parseTierTable(SHEET, 'cloud', h, rows);
};
const grantsOf = (lines: Line[]) => {
  const result = read(lines);
  expect(result.issues).toEqual([]);
  return result.entries.map((e) => [e.service, e.kind, e.label, e.grants.basic, e.grants.preferred, e.grants.premium]);
};
const grant = (cell: string, over: object) => ({ included: true, channel: null, responseWindow: null, coverage: null, quota: null, deliverables: [], source: { sheet: SHEET, cell }, ...over });
const none = (cell: string) => grant(cell, { included: false, text: '' });

/** The same lines as a table on its side: each line becomes a sheet column, read across. */
function sideways(lines: Line[]): { header: GridRow; rows: GridRow[] } {
  const [header, ...rows] = gridRows(lines).map((line): GridRow => ({
    row: line.row,
    transposed: true,
    cells: line.cells.map((c) => ({ ...c, address: `${String.fromCharCode(64 + line.row)}${c.col}` })),
  }));
  return { header: header!, rows };
}

describe('which rows head a tier table', () => {
  it.each([
    ['服务项目 and a tier', ['服务项目', '尊享服务'], true],
    ['服务项目 alone', ['服务项目', '说明'], false],
    ['tiers without 服务项目', ['基础服务', '优选服务'], false],
  ])('%s: %s', (_what, texts, expected) => {
    expect(isTierHeader(gridRows([texts])[0]!)).toBe(expected);
  });

  it.each(TIER_NAME_WORDS.all.map((w) => [w] as const))('reads the item column headed %s', (word) => {
    expect(read([['紧急故障处理', '', '', '2工作小时响应']], {}, [word, '基础服务', '优选服务', '尊享服务']).entries.map((e) => e.service)).toEqual(['emergency_fault']);
  });

  const tierWords = (['basic', 'preferred', 'premium'] as const).flatMap((tier, i) => TIER_WORDS[tier].all.map((w) => [tier, w, i] as const));
  it.each(tierWords)('reads the %s column headed %s', (tier, word, index) => {
    const header = HEADER.map((h, i) => (i === index + 1 ? word : h));
    const [entry] = read([['紧急故障处理', '8工作小时响应', '4工作小时响应', '2工作小时响应']], {}, header).entries;
    expect(isTierHeader(gridRows([header])[0]!)).toBe(true);
    expect(entry!.grants[tier].responseWindow).toEqual({ amount: [8, 4, 2][index], unit: 'working_hour' });
  });
});

describe('each cell as a grant', () => {
  it('an item included, with the coverage its name states', () => {
    expect(grantsOf([['7*24自助运维', '✓', '✓', '—']])).toEqual([
      ['self_service_ops', 'inclusion', '7*24自助运维', grant('B2', { text: '✓', coverage: { daysPerWeek: 7, hoursPerDay: 24 } }), grant('C2', { text: '✓', coverage: { daysPerWeek: 7, hoursPerDay: 24 } }), grant('D2', { included: false, text: '—' })],
    ]);
  });

  it('a channel: standard when ticked, dedicated when it says so; a known item named without its hours keeps its catalog coverage', () => {
    const coverage = { daysPerWeek: 7, hoursPerDay: 24 };
    expect(grantsOf([['电话支持', '', '✓', '专属坐席']])).toEqual([
      ['phone_support', 'channel', '电话支持', none('B2'), grant('C2', { text: '✓', channel: 'standard', coverage }), grant('D2', { text: '专属坐席', channel: 'dedicated', coverage })],
    ]);
  });

  it('a new item (by its code) included: no channel, and no coverage unless its name states one', () => {
    const result = read([['驻场值守', '', '', '✓', 'onsite_watch']], {}, [...HEADER, '代码']);
    expect(result.issues).toEqual([]);
    expect(result.entries.map((e) => [e.service, e.kind, e.grants.premium])).toEqual([['onsite_watch', 'any', grant('D2', { text: '✓' })]]);
  });

  it('a response window', () => {
    expect(grantsOf([['问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应']])[0]!.slice(3)).toEqual([
      grant('B2', { text: '2工作日响应', responseWindow: { amount: 2, unit: 'working_day' }, coverage: { daysPerWeek: 7, hoursPerDay: 24 } }),
      grant('C2', { text: '1工作日响应', responseWindow: { amount: 1, unit: 'working_day' }, coverage: { daysPerWeek: 7, hoursPerDay: 24 } }),
      grant('D2', { text: '0.5工作日响应', responseWindow: { amount: 0.5, unit: 'working_day' }, coverage: { daysPerWeek: 7, hoursPerDay: 24 } }),
    ]);
  });

  it('coverage stated in the cell', () => {
    expect(grantsOf([['系统运维', '5*8小时', '7*8小时', '7*12小时']])[0]!.slice(3)).toEqual([
      grant('B2', { text: '5*8小时', coverage: { daysPerWeek: 5, hoursPerDay: 8 } }),
      grant('C2', { text: '7*8小时', coverage: { daysPerWeek: 7, hoursPerDay: 8 } }),
      grant('D2', { text: '7*12小时', coverage: { daysPerWeek: 7, hoursPerDay: 12 } }),
    ]);
  });

  it('a yearly quota, its item the deliverable', () => {
    expect(grantsOf([['开发技术支持', '', '代码诊断(限一年两次,2人天/次,非现场)', '代码诊断(限一年四次,2人天/次,现场)']])[0]!.slice(3)).toEqual([
      none('B2'),
      grant('C2', { text: '代码诊断(限一年两次,2人天/次,非现场)', quota: { perYear: 2, personDaysEach: 2, onsite: false }, deliverables: ['代码诊断'] }),
      grant('D2', { text: '代码诊断(限一年四次,2人天/次,现场)', quota: { perYear: 4, personDaysEach: 2, onsite: true }, deliverables: ['代码诊断'] }),
    ]);
  });

  it('numbered deliverables', () => {
    expect(grantsOf([['客户成功支持', '', '', '1、指定客户成功经理\n2、每年1次服务报告及总部专家建议']])[0]!.slice(5)).toEqual([
      grant('D2', { text: '1、指定客户成功经理2、每年1次服务报告及总部专家建议', deliverables: ['指定客户成功经理', '每年1次服务报告及总部专家建议'] }),
    ]);
  });
});

describe('refusals', () => {
  it('refuses a header without a tier column, naming the tier, at the item column', () => {
    expect(read([['紧急故障处理', '8工作小时响应', '4工作小时响应']], {}, ['服务项目', '基础服务', '优选服务'])).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_TIER_COLUMN',
          sheet: SHEET,
          cell: 'A1',
          found: '服务项目 | 基础服务 | 优选服务',
          expected: '表头包含“尊享服务”列',
          expectedEn: 'a header row with a 尊享服务 (Premium) column',
          message: '第 1 行的表头缺少“尊享服务”列。',
          messageEn: 'The header in row 1 has no 尊享服务 (Premium) column.',
        },
      ],
    });
  });

  it('names the missing tier’s row of a table on its side', () => {
    const { header, rows } = sideways([['服务项目', '基础服务', '尊享服务'], ['紧急故障处理', '8工作小时响应', '2工作小时响应']]);
    expect(parseTierTable(SHEET, 'cloud', header, rows).issues).toMatchObject([
      { code: 'MISSING_TIER_COLUMN', cell: 'A1', message: '第 A 列的表头缺少“优选服务”行。', messageEn: 'The header in column A has no 优选服务 (Preferred) row.' },
    ]);
  });

  it.each([
    ['tier cells', ['', '', '', '✓']],
    ['a code', ['', '', '', '', 'new_item']],
  ])('asks for the name of a row with %s', (_what, line) => {
    expect(read([line], {}, [...HEADER, '代码'])).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_SERVICE_NAME',
          sheet: SHEET,
          cell: 'A2',
          expected: '服务项目名称',
          expectedEn: 'the name of the service item',
          message: '第 2 行填写了服务内容,但没有服务项目名称。',
          messageEn: 'Row 2 has tier cells but no service item name.',
        },
      ],
    });
  });

  it('names the line of a table on its side that lacks its name, capitalised in English', () => {
    const { header, rows } = sideways([HEADER, ['', '', '', '✓']]);
    expect(parseTierTable(SHEET, 'cloud', header, rows).issues).toMatchObject([{ code: 'MISSING_SERVICE_NAME', cell: 'B1', message: '第 B 列填写了服务内容,但没有服务项目名称。', messageEn: 'Column B has tier cells but no service item name.' }]);
  });

  it('passes over blank rows, rows without cells and rows whose name the reader could not read', () => {
    const result = read([['', '', '', ''], [], ['紧急故障处理', '8工作小时响应', '4工作小时响应', '2工作小时响应'], ['问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应']], { A4: { unreadable: true } });
    expect(result.issues).toEqual([]);
    expect(result.entries.map((e) => e.service)).toEqual(['issue_feedback']);
  });

  it('reads a row whose code cell is not there as naming no code', () => {
    expect(read([['问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应']], {}, [...HEADER, '代码'])).toMatchObject({ entries: [{ service: 'issue_feedback' }], issues: [] });
  });

  it('quotes the header without its empty cells', () => {
    expect(read([], {}, ['服务项目', '', '基础服务', '优选服务']).issues).toMatchObject([{ code: 'MISSING_TIER_COLUMN', found: '服务项目 | 基础服务 | 优选服务' }]);
  });

  it('refuses an unknown item without a code, and reads the next', () => {
    const result = read([['远程值守', '', '', '✓'], ['问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应']]);
    expect(result.issues.map((i) => [i.code, i.cell])).toEqual([['UNKNOWN_SERVICE', 'A2']]);
    expect(result.entries.map((e) => e.service)).toEqual(['issue_feedback']);
  });

  it('refuses a cell it cannot read, once for a merged cell, and leaves those rows out', () => {
    const result = read([['问题反馈', '很快', '很快', '0.5工作日响应'], ['紧急故障处理', '8工作小时响应', '4工作小时响应', '2工作小时响应']], { C2: { mergedFrom: 'B2' } });
    expect(result.entries.map((e) => e.service)).toEqual(['emergency_fault']);
    expect(result.issues).toEqual([
      {
        severity: 'error',
        code: 'BAD_CELL',
        sheet: SHEET,
        cell: 'B2',
        found: '很快',
        expected: expect.stringContaining('响应'),
        expectedEn: expect.any(String),
        message: '“问题反馈”的基础服务内容无法识别。',
        messageEn: 'The Basic cell of "问题反馈" cannot be read.',
      },
    ]);
  });

  it('refuses each bad cell of a row at its own address', () => {
    expect(read([['问题反馈', '很快', '立刻', '0.5工作日响应']]).issues.map((i) => [i.cell, i.found, i.message])).toEqual([
      ['B2', '很快', '“问题反馈”的基础服务内容无法识别。'],
      ['C2', '立刻', '“问题反馈”的优选服务内容无法识别。'],
    ]);
  });

  it('leaves out a row with a tier cell the reader could not read (reported there)', () => {
    expect(read([['问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应']], { D2: { unreadable: true } })).toEqual({ entries: [], issues: [] });
  });
});
