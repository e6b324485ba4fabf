// Tier cells as an international office types them: every English word of the cell vocabulary, with the same
// meanings as the Chinese ones, the same bounds, and the same cell-precise errors in both languages.
import { describe, expect, it } from 'vitest';
import type { ServiceKind } from '../../src/catalog/catalog-codes.ts';
import { parseResolutionTarget, parseStatedWindow, parseTierCell, type CellMeaning } from '../../src/policy-workbook/cell-vocabulary.ts';
import { MARK_WORDS, parseCellNumber } from '../../src/policy-workbook/cell-words.ts';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildRulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { buildWorkbook } from '../support/workbook-builder.ts';

const ALL_KINDS: ServiceKind[] = ['inclusion', 'channel', 'response_window', 'coverage', 'quota', 'deliverables', 'any'];

function meaningOf(text: string, kind: ServiceKind): CellMeaning {
  const parsed = parseTierCell(text, kind);
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to parse as ${kind}, got: ${parsed.expectedEn}`);
  return parsed.meaning;
}

function rejection(text: string, kind: ServiceKind): { expected: string; expectedEn: string } {
  const parsed = parseTierCell(text, kind);
  if (parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to be refused as ${kind}, got ${JSON.stringify(parsed.meaning)}`);
  return parsed;
}

describe('English cells: not included', () => {
  const words = ['No', 'NO', 'no', 'N', 'n', 'None', 'NONE', 'Not included', 'NOT INCLUDED', 'not  included', 'N/A', 'n/a', 'NA', 'Not applicable', 'Excluded', 'FALSE', 'false', '-', ' - '];
  it.each(words.flatMap((word) => ALL_KINDS.map((kind) => [word, kind] as const)))('%j is none for %s', (word, kind) => {
    expect(parseTierCell(word, kind)).toEqual({ ok: true, meaning: { kind: 'none' } });
  });
});

describe('English cells: included', () => {
  const words = ['Yes', 'YES', 'yes', 'Y', 'y', 'Included', 'INCLUDED', 'Include', 'Includes', 'TRUE', 'True', 'true'];
  const kinds: ServiceKind[] = ['inclusion', 'channel', 'deliverables', 'any'];
  it.each(words.flatMap((word) => kinds.map((kind) => [word, kind] as const)))('%j is included for %s', (word, kind) => {
    expect(meaningOf(word, kind)).toEqual({ kind: 'included' });
  });

  it.each(['response_window', 'coverage', 'quota'] as const)('Yes is refused for %s: the value must be stated', (kind) => {
    expect(parseTierCell('Yes', kind).ok).toBe(false);
  });
});

describe('English cells: dedicated channel', () => {
  const words = ['Dedicated agent', 'DEDICATED AGENT', 'dedicated agent', 'Dedicated agents', 'Dedicated', 'Dedicated seat', ' Dedicated   agent '];
  it.each(words.flatMap((word) => (['channel', 'deliverables', 'any'] as const).map((kind) => [word, kind] as const)))(
    '%j is dedicated for %s',
    (word, kind) => {
      expect(meaningOf(word, kind)).toEqual({ kind: 'dedicated' });
    },
  );

  it('Dedicated agent is no inclusion mark', () => {
    expect(rejection('Dedicated agent', 'inclusion').expected).toContain('Yes');
  });

  it.each([['Dedicated engineer'], ['Standard agent'], ['Dedicated agent seat']])('%j is refused for channel, naming the English words', (text) => {
    const { expected, expectedEn } = rejection(text, 'channel');
    expect(expected).toContain('Dedicated agent');
    expect(expectedEn).toContain('Dedicated agent');
  });
});

describe('English cells: response windows', () => {
  const cases: [string, number, 'working_day' | 'working_hour'][] = [
    ['Response within 0.5 working day', 0.5, 'working_day'],
    ['Response within 1 working day', 1, 'working_day'],
    ['Response within 2 working days', 2, 'working_day'],
    ['RESPONSE WITHIN 1 WORKING DAY', 1, 'working_day'],
    ['response within 1 working day', 1, 'working_day'],
    ['Response within 4 working hours', 4, 'working_hour'],
    ['Response within 1 working hour', 1, 'working_hour'],
    ['Respond within 2 working days', 2, 'working_day'],
    ['Responds within 2 working days', 2, 'working_day'],
    ['Response in 1 working day', 1, 'working_day'],
    ['Within 1 working day', 1, 'working_day'],
    ['1 working day', 1, 'working_day'],
    ['1 working day response', 1, 'working_day'],
    ['2 business days', 2, 'working_day'],
    ['2 work days', 2, 'working_day'],
    ['2 workdays', 2, 'working_day'],
    ['8 business hours', 8, 'working_hour'],
    ['8 work hours', 8, 'working_hour'],
    ['4 hours', 4, 'working_hour'],
    ['Response within 4 hrs', 4, 'working_hour'],
    ['Response within 4h', 4, 'working_hour'],
    ['Half a working day', 0.5, 'working_day'],
    ['Half working day', 0.5, 'working_day'],
    ['Response within half a working day', 0.5, 'working_day'],
    ['Response within half an hour', 0.5, 'working_hour'],
    ['0.5 working days', 0.5, 'working_day'],
    ['.5 working day', 0.5, 'working_day'],
    ['One working day', 1, 'working_day'],
    ['Response within two working days', 2, 'working_day'],
    ['Response within twelve working hours', 12, 'working_hour'],
    ['One and a half working days', 1.5, 'working_day'],
    ['Response within 1 and a half working days', 1.5, 'working_day'],
    ['Response within 60 working days', 60, 'working_day'],
    ['Response within 59.5 working days', 59.5, 'working_day'],
    ['Response within 480 working hours', 480, 'working_hour'],
    ['Response within 479.5 working hours', 479.5, 'working_hour'],
  ];
  it.each(cases)('%j → %d %s', (text, amount, unit) => {
    const expected = { kind: 'response_window', amount, unit };
    expect(meaningOf(text, 'response_window')).toEqual(expected);
    expect(meaningOf(text, 'any')).toEqual(expected);
  });

  it.each([
    ['Response within 61 working days', '60'],
    ['Response within 60.5 working days', '60'],
    ['61 working days', '60'],
    ['Response within 481 working hours', '480'],
    ['Response within 1000 hours', '480'],
    ['Response within 99999999999999999999999 working days', '60'],
  ])('%j is refused, naming the bound %s in both languages and the English form', (text, bound) => {
    for (const kind of ['response_window', 'any'] as const) {
      const { expected, expectedEn } = rejection(text, kind);
      expect(expected).toContain(bound);
      expect(expectedEn).toContain(bound);
      expect(expectedEn).toMatch(/Response within \d+ working (?:day|hours)/u);
    }
  });

  it.each(['Response within 0 working days', 'Response within zero working days', 'Response within 3 working weeks', 'Response within 1 day', 'Respond asap', 'Response within a week', 'Yes', 'Dedicated agent', '5x8', '1 day'])(
    '%j is refused for response_window, naming the English form',
    (text) => {
      const { expected, expectedEn } = rejection(text, 'response_window');
      expect(expected).toContain('Response within 1 working day');
      expect(expectedEn).toContain('Response within 1 working day');
      expect(expectedEn).toContain('Response within 4 working hours');
    },
  );

  it.each(['Response within 0 working days', 'Response within 3 working weeks', 'Response within 1 day', 'Responds in about a week'])(
    '%j was meant as a response window, so any refuses it too',
    (text) => {
      expect(rejection(text, 'any').expectedEn).toContain('response window');
    },
  );

  it.each(['Responsive design review', 'Responses to tickets', 'Respond asap'])('%j is free text for any: it states no window', (text) => {
    expect(meaningOf(text, 'any')).toEqual({ kind: 'deliverables', items: [text] });
  });
});

describe('English cells: resolution targets', () => {
  it.each([
    ['Resolved within 2 working days', 2, 'working_day'],
    ['resolved within 2 working days', 2, 'working_day'],
    ['2 working days', 2, 'working_day'],
    ['Within 2 working days', 2, 'working_day'],
    ['Resolution within 8 working hours', 8, 'working_hour'],
    ['Resolve in 8 hours', 8, 'working_hour'],
    ['Fixed within 8 working hours', 8, 'working_hour'],
    ['Fix within 1 working day', 1, 'working_day'],
    ['Restored within 4 hours', 4, 'working_hour'],
    ['Restore within half a working day', 0.5, 'working_day'],
    ['One and a half working days', 1.5, 'working_day'],
    ['60 working days', 60, 'working_day'],
    ['480 working hours', 480, 'working_hour'],
  ] as const)('%j → %d %s', (text, amount, unit) => {
    expect(parseResolutionTarget(text)).toEqual({ amount, unit });
  });

  it.each([
    ['61 working days', 'working_day'],
    ['Resolved within 481 working hours', 'working_hour'],
  ] as const)('%j is too long (%s)', (text, unit) => {
    expect(parseResolutionTarget(text)).toEqual({ tooLong: unit });
  });

  it.each(['Resolved within 0 working days', 'Resolved soon', '2 weeks', 'Response within 2 working days'])('%j states no target', (text) => {
    expect(parseResolutionTarget(text)).toBeNull();
  });

  it('a stated window reads as a response window or a target alike', () => {
    expect(parseStatedWindow('Response within 4 working hours')).toEqual({ amount: 4, unit: 'working_hour' });
    expect(parseStatedWindow('Resolved within 2 working days')).toEqual({ amount: 2, unit: 'working_day' });
    expect(parseStatedWindow('1工作日响应')).toEqual({ amount: 1, unit: 'working_day' });
    expect(parseStatedWindow('Soon')).toBeNull();
  });
});

describe('English cells: coverage', () => {
  const cases: [string, number, number][] = [
    ['5x8', 5, 8], ['7x8', 7, 8], ['7x12', 7, 12], ['7x24', 7, 24],
    ['5X8', 5, 8], ['5×8', 5, 8], ['5*8', 5, 8], ['5✕8', 5, 8], ['5＊8', 5, 8],
    ['5x8 hours', 5, 8], ['7 x 12', 7, 12], ['7 X 12 Hours', 7, 12], ['7×24', 7, 24], ['7×24 hours', 7, 24],
    ['5x8 hour', 5, 8], ['5x8 hrs', 5, 8], ['5x8 hr', 5, 8], ['5x8h', 5, 8], ['5 days x 8 hours', 5, 8], ['5 day x 8 hours', 5, 8], ['5d x 8h', 5, 8],
    ['24/7', 7, 24], ['24x7', 7, 24], ['24×7', 7, 24], ['24*7', 7, 24],
    ['1x1', 1, 1], ['7x1', 7, 1], ['1x24', 1, 24],
  ];
  it.each(cases)('%j → %d days × %d hours', (text, daysPerWeek, hoursPerDay) => {
    const expected = { kind: 'coverage', daysPerWeek, hoursPerDay };
    expect(meaningOf(text, 'coverage')).toEqual(expected);
    expect(meaningOf(text, 'any')).toEqual(expected);
  });

  it.each(['0x8', '8x8', '5x0', '5x25', '8x25 hours', '7x12 days', 'All day', 'Yes', 'Response within 1 working day', '5x8x2 hours'])(
    '%j is refused for coverage, naming the English form',
    (text) => {
      const { expected, expectedEn } = rejection(text, 'coverage');
      expect(expected).toContain('7x12 hours');
      expect(expectedEn).toContain('7x12 hours');
      expect(expectedEn).toContain('1-7 days, 1-24 hours');
    },
  );

  it.each(['0x8', '8x8 hours', '5x25', '8x25'])('%j has the shape of coverage, so any refuses it too', (text) => {
    expect(rejection(text, 'any').expectedEn).toContain('days a week');
  });
});

describe('English cells: quotas', () => {
  const cases: [string, string, number, number, boolean][] = [
    ['Code diagnosis (2 per year, 2 person-days each, remote)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (twice a year, 2 person-days each, off-site)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (4 times a year, 2 person-days each, onsite)', 'Code diagnosis', 4, 2, true],
    ['Code diagnosis (4 times a year, 2 person-days each, on-site)', 'Code diagnosis', 4, 2, true],
    ['Code diagnosis (4 times a year, 2 person-days each, on site)', 'Code diagnosis', 4, 2, true],
    ['Code diagnosis (4 times a year, 2 person-days each, in person)', 'Code diagnosis', 4, 2, true],
    ['Code diagnosis (twice a year, 2 person-days each, offsite)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (twice a year, 2 person-days each, off site)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (twice a year, 2 person-days each, remotely)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (twice a year, 2 person-days each, online)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (twice a year, 2 person-days each)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (once a year, 1 person-day each)', 'Code diagnosis', 1, 1, false],
    ['Code diagnosis (once per year, 1 man-day each)', 'Code diagnosis', 1, 1, false],
    ['Code diagnosis (thrice a year, 2 man-days)', 'Code diagnosis', 3, 2, false],
    ['Code diagnosis (three times a year, 2 man days each)', 'Code diagnosis', 3, 2, false],
    ['Code diagnosis (four times a year, 2 person days each)', 'Code diagnosis', 4, 2, false],
    ['Code diagnosis (2 times per year, 2 person-days per visit)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (2 each year, 2 person-days/visit)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (2 every year, 2 person-days per session)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (2 an year, 2 person-days per time)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (2/year, 2 person-days)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (2x a year, 2 person-days)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (2 times yearly, 2 person-days)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (2 annually, 2 person-days)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (up to 2 per year, 2 person-days each)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (at most 2 per year, 2 person-days each)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (max 2 per year, 2 person-days each)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (maximum 2 per year, 2 person-days each)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (limited to 2 per year, 2 person-days each)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (12 per year, 1.5 person-days each, remote)', 'Code diagnosis', 12, 1.5, false],
    ['Code diagnosis (twice a year, half a person-day each, onsite)', 'Code diagnosis', 2, 0.5, true],
    ['Code diagnosis (twice a year, 0.5 person-days each and onsite)', 'Code diagnosis', 2, 0.5, true],
    ['Code diagnosis (twice a year; 2 person-days each; remote)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (remote, 2 person-days each, twice a year)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis (twice a year\n2 person-days each\nremote)', 'Code diagnosis', 2, 2, false],
    ['Code diagnosis（twice a year，2 person-days each，remote）', 'Code diagnosis', 2, 2, false],
    ['CODE DIAGNOSIS (TWICE A YEAR, 2 PERSON-DAYS EACH, ONSITE)', 'CODE DIAGNOSIS', 2, 2, true],
    // Chinese and English terms mix in one cell as they do across a workbook.
    ['代码诊断 (twice a year, 2人天/次, 现场)', '代码诊断', 2, 2, true],
    ['Code diagnosis (限一年两次, 2 person-days each, remote)', 'Code diagnosis', 2, 2, false],
  ];
  it.each(cases)('%j', (text, item, perYear, personDaysEach, onsite) => {
    const expected = { kind: 'quota', item, perYear, personDaysEach, onsite };
    expect(meaningOf(text, 'quota')).toEqual(expected);
    expect(meaningOf(text, 'any')).toEqual(expected);
  });

  it.each([
    'Code diagnosis',
    '(twice a year, 2 person-days each, remote)',
    'Code diagnosis (twice a year, remote)',
    'Code diagnosis (2 person-days each, remote)',
    'Code diagnosis (0 per year, 2 person-days each)',
    'Code diagnosis (half a year, 2 person-days each)',
    'Code diagnosis (1.5 per year, 2 person-days each)',
    'Code diagnosis (twice a year, 0 person-days each)',
    'Code diagnosis (twice a year, 2 person-days each, travel included)',
    'twice a year, 2 person-days each, remote',
    'Yes',
  ])('%j is refused for quota, naming the English form', (text) => {
    const { expected, expectedEn } = rejection(text, 'quota');
    expect(expected).toContain('Code diagnosis (twice a year, 2 person-days each, remote)');
    expect(expectedEn).toContain('Code diagnosis (twice a year, 2 person-days each, remote)');
  });

  it.each(['Code diagnosis (twice a year, 0 person-days each)', 'Code diagnosis (twice a year, 2 person-days each, travel included)', 'Code diagnosis (twice annually, with travel)'])(
    '%j has the shape of a quota, so any refuses it too',
    (text) => {
      expect(rejection(text, 'any').expectedEn).toContain('yearly quota');
    },
  );

  it('a bracket that talks of neither years nor person-days is free text for any', () => {
    expect(meaningOf('Code review (remote)', 'any')).toEqual({ kind: 'deliverables', items: ['Code review(remote)'] });
  });
});

describe('English cells: deliverables', () => {
  const cases: [string, string[]][] = [
    ['1. Upgrade guidance 2. Service tools', ['Upgrade guidance', 'Service tools']],
    ['1.Upgrade guidance 2.Service tools', ['Upgrade guidance', 'Service tools']],
    ['1) Upgrade guidance 2) Service tools', ['Upgrade guidance', 'Service tools']],
    ['(1) Upgrade guidance (2) Service tools', ['Upgrade guidance', 'Service tools']],
    ['1. Upgrade guidance\n2. Service tools', ['Upgrade guidance', 'Service tools']],
    ['1) Upgrade guidance\r\n2) Service tools\r\n', ['Upgrade guidance', 'Service tools']],
    ['1. Upgrade guidance; 2. Service tools;', ['Upgrade guidance', 'Service tools']],
    ['1. Named customer success manager 2. Yearly service report 3. Tailored online training', ['Named customer success manager', 'Yearly service report', 'Tailored online training']],
    ['1. Upgrade to version 2.0 2. Service tools', ['Upgrade to version 2.0', 'Service tools']],
    ['- Upgrade guidance\n- Service tools', ['Upgrade guidance', 'Service tools']],
    ['• Upgrade guidance\n• Service tools', ['Upgrade guidance', 'Service tools']],
    ['* Upgrade guidance\n* Service tools', ['Upgrade guidance', 'Service tools']],
    ['Upgrade guidance\nService tools', ['Upgrade guidance', 'Service tools']],
    ['Yearly service report', ['Yearly service report']],
  ];
  it.each(cases)('%j', (text, items) => {
    expect(meaningOf(text, 'deliverables')).toEqual({ kind: 'deliverables', items });
    expect(meaningOf(text, 'any')).toEqual({ kind: 'deliverables', items });
  });

  it('a cell that is only numbering is refused, naming the English form', () => {
    const { expected, expectedEn } = rejection('1) 2)', 'deliverables');
    expect(expected).toContain('1. Upgrade guidance 2. Service tools');
    expect(expectedEn).toContain('1. Upgrade guidance 2. Service tools');
  });
});

describe('English cells: refusals in both languages, naming the English words', () => {
  const cases: [ServiceKind, string, string][] = [
    ['inclusion', 'Maybe', '“Yes”'],
    ['inclusion', 'Dedicated agent', '“Yes”'],
    ['inclusion', 'x', '“No”'],
    ['channel', 'Premium agent', '“Dedicated agent”'],
    ['response_window', 'ASAP', '“Response within 1 working day”'],
    ['coverage', 'Office hours', '“7x12 hours”'],
    ['quota', 'Code diagnosis (on request)', '“Code diagnosis (twice a year, 2 person-days each, remote)”'],
  ];
  it.each(cases)('%s refuses %j, both texts naming %s', (kind, text, word) => {
    const { expected, expectedEn } = rejection(text, kind);
    expect(expected).toContain(word);
    expect(expectedEn).toContain(word);
    // The Chinese text is Chinese and the English text English, each naming the other's form too.
    expect(expected).toMatch(/\p{Script=Han}/u);
    expect(expectedEn).toMatch(/^[“a-z]/u);
  });
});

describe('English number words', () => {
  it.each([
    ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8], ['nine', 9], ['ten', 10],
    ['eleven', 11], ['twelve', 12], ['once', 1], ['twice', 2], ['thrice', 3], ['half', 0.5], ['halfa', 0.5], ['halfan', 0.5], ['2', 2], ['0.5', 0.5], ['.5', 0.5],
  ] as const)('%j → %d', (text, value) => {
    expect(parseCellNumber(text, 'en')).toBe(value);
  });

  it.each(['constructor', 'toString', 'thirteen', '', '1.2.3', 'a'])('%j is no English number', (text) => {
    expect(parseCellNumber(text, 'en')).toBeNull();
  });

  it('each language reads only its own words', () => {
    expect(parseCellNumber('两', 'en')).toBeNull();
    expect(parseCellNumber('two', 'zh')).toBeNull();
    expect(parseCellNumber('两', 'zh')).toBe(2);
  });
});

describe('the word lists are data', () => {
  it('every listed word of every language means what its list says', () => {
    for (const words of Object.values(MARK_WORDS)) {
      for (const word of words.none) for (const kind of ALL_KINDS) expect(parseTierCell(word, kind), `${word} ${kind}`).toEqual({ ok: true, meaning: { kind: 'none' } });
      for (const word of words.included) expect(meaningOf(word, 'inclusion'), word).toEqual({ kind: 'included' });
      for (const word of words.dedicated) expect(meaningOf(word, 'channel'), word).toEqual({ kind: 'dedicated' });
    }
  });
});

describe('readPolicyWorkbook: Chinese headers with English cells', () => {
  const HEADER = ['服务项目', '基础服务', '优选服务', '尊享服务'];
  const SPECIAL_HEADER = ['专项服务产品', '主要服务内容说明', '公有云', '私有云'];
  // The docs/domain.md catalog, each cell typed once in Chinese and once in English. Items named inside a cell (the
  // quota's item, the deliverables) stay as the catalog names them, so only the cells' own text may differ.
  const rows: [string, string[], string[]][] = [
    ['7*24自助运维', ['✓', '✓', '✓'], ['Yes', 'Y', 'Included']],
    ['7*24电话支持', ['✓', '✓', '专属坐席'], ['Yes', 'TRUE', 'Dedicated agent']],
    ['7*24问题反馈', ['2工作日响应', '1工作日响应', '0.5工作日响应'], ['Response within 2 working days', 'Response within 1 working day', 'Response within half a working day']],
    ['7*8在线IM服务', ['', '✓', '专属坐席'], ['No', 'Include', 'Dedicated seat']],
    ['系统运维', ['5*8小时', '7*8小时', '7*12小时'], ['5x8', '7 X 8 hours', '7×12']],
    ['紧急故障处理', ['1工作日响应', '4工作小时响应', '2工作小时响应'], ['1 working day', 'Response within 4 working hours', 'Respond within 2 working hours']],
    ['金蝶云社区', ['✓', '✓', '✓'], ['yes', 'YES', 'Yes']],
    [
      '开发技术支持',
      ['-', '代码诊断(限一年两次,2人天/次,非现场)', '代码诊断（限一年四次，2人天/次，现场）'],
      ['None', '代码诊断 (twice a year, 2 person-days each, remote)', '代码诊断 (4 times a year, 2 person-days each, onsite)'],
    ],
    [
      '应用提升支持',
      ['', '1、产品更新升级技术指导 2、提供审计拆分、数据结转工具', '1、产品更新升级技术指导\n2、提供服务工具'],
      ['N/A', '1. 产品更新升级技术指导 2. 提供审计拆分、数据结转工具', '1) 产品更新升级技术指导\n2) 提供服务工具'],
    ],
  ];
  const specials: [string, string[], string[]][] = [
    ['升级迁移', ['✓', '✓'], ['Yes', 'Yes']],
    ['性能优化', ['', '✓'], ['No', 'Yes']],
  ];

  async function readRules(language: 1 | 2) {
    const bytes = await buildWorkbook([
      {
        name: '公有云',
        rows: [
          HEADER,
          ...rows.map((row) => [row[0], ...row[language]]),
          [],
          SPECIAL_HEADER,
          ...specials.map((row) => [row[0], '说明', ...row[language]]),
        ],
      },
    ]);
    const readout = await readPolicyWorkbook(bytes);
    return { readout, doc: buildRulesDocument(readout.catalog, 'same') };
  }

  // The cell's own words are kept as typed, for the record; everything decided from them must be equal.
  const withoutText = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'text' ? undefined : v))) as unknown;

  it('imports to the same rules as the Chinese cells, except each cell’s text', async () => {
    const chinese = await readRules(1);
    const english = await readRules(2);
    expect(english.readout.issues).toEqual(chinese.readout.issues);
    expect(english.doc.rules.length).toBe(rows.length * 3 + specials.length);
    expect(withoutText(english.doc)).toEqual(withoutText(chinese.doc));
    const premiumQuota = english.doc.rules.find((r) => r.name === 'cloud.premium.code_diagnosis');
    expect(premiumQuota?.event.params).toMatchObject({ quota: { perYear: 4, personDaysEach: 2, onsite: true }, text: '代码诊断(4 times a year,2 person-days each,onsite)' });
  });

  it('refuses unknown English words at their exact cell, in both languages', async () => {
    const bytes = await buildWorkbook([
      {
        name: '公有云',
        rows: [
          HEADER,
          ['7*24电话支持', 'Yes', 'Yes', 'Premium agent'],
          ['7*24问题反馈', 'Response within 2 working days', 'Response within 3 working weeks', 'Response within 61 working days'],
          ['系统运维', '5x8', 'Office hours', '8x8'],
          ['开发技术支持', 'No', 'Code diagnosis (on request)', 'Code diagnosis (twice a year, 2 person-days each, remote)'],
        ],
      },
    ]);
    const readout = await readPolicyWorkbook(bytes);
    const errors = readout.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => `${i.sheet}!${i.cell}`)).toEqual(['公有云!D2', '公有云!C3', '公有云!D3', '公有云!C4', '公有云!D4', '公有云!C5']);
    const at = (cell: string) => errors.find((i) => i.cell === cell);
    expect(at('D2')?.expected).toContain('Dedicated agent');
    expect(at('D2')?.expectedEn).toContain('Dedicated agent');
    expect(at('C3')?.expectedEn).toContain('Response within 1 working day');
    expect(at('D3')?.expected).toContain('60');
    expect(at('D3')?.expectedEn).toContain('at most 60 working days');
    expect(at('C4')?.expected).toContain('7x12 hours');
    expect(at('C5')?.expectedEn).toContain('Code diagnosis (twice a year, 2 person-days each, remote)');
    for (const issue of errors) {
      expect(issue.message).toMatch(/\p{Script=Han}/u);
      expect(issue.messageEn.length).toBeGreaterThan(0);
    }
  });
});
