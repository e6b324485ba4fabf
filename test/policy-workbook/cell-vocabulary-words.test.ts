// Every word docs/domain.md's "Cell vocabulary" documents, each pinned by its own case (issue 19): a word dropped
// from a list, a bound moved by one or a pattern loosened is a named failure here, not a silent change of meaning.
import { describe, expect, it } from 'vitest';
import type { ServiceKind } from '../../src/catalog/catalog-codes.ts';
import { coverageFromName, parseChineseNumber, parseResolutionTarget, parseTierCell, splitDeliverables } from '../../src/policy-workbook/cell-vocabulary.ts';

const ALL_KINDS: ServiceKind[] = ['inclusion', 'channel', 'response_window', 'coverage', 'quota', 'deliverables', 'any'];
const NONE = { ok: true, meaning: { kind: 'none' } };

describe('documented "not included" words', () => {
  const words = [
    ['blank', ''],
    ['hyphen', '-'],
    ['hyphen U+2010', '‐'],
    ['non-breaking hyphen', '‑'],
    ['figure dash', '‒'],
    ['en dash', '–'],
    ['em dash', '—'],
    ['horizontal bar', '―'],
    ['minus sign', '−'],
    ['repeated dashes', '——'],
    ['mixed dashes', '-–—'],
    ['multiplication sign', '×'],
    ['ballot x', '✗'],
    ['multiplication x', '✕'],
    ['heavy ballot x', '✘'],
    ['slash', '/'],
    ['无', '无'],
    ['否', '否'],
    ['不包含', '不包含'],
    ['no', 'no'],
    ['No', 'No'],
    ['n', 'n'],
    ['none', 'none'],
    ['None', 'None'],
    ['N/A', 'N/A'],
    ['NA', 'NA'],
    ['not included', 'Not included'],
    ['not applicable', 'Not applicable'],
    ['excluded', 'Excluded'],
    ['false', 'FALSE'],
  ] as const;
  it.each(words.flatMap(([name, word]) => ALL_KINDS.map((kind) => [name, word, kind] as const)))('%s (%j) is none for %s', (_name, word, kind) => {
    expect(parseTierCell(word, kind)).toEqual(NONE);
  });

  it('不包含 is none even where free text is accepted, not a deliverable named 不包含', () => {
    expect(parseTierCell('不包含', 'deliverables')).toEqual(NONE);
    expect(parseTierCell('不包含', 'any')).toEqual(NONE);
  });

  it.each(['-x', 'x-', '- -x', '/-', 'no way', 'nah', '//'])('%j is no none word', (text) => {
    expect(parseTierCell(text, 'deliverables')).not.toEqual(NONE);
  });
});

describe('documented "included" words', () => {
  const words = ['✓', '√', '✔', '☑', '✅', '是', '有', '包含', 'Y', 'y', 'Yes', 'yes', 'Included', 'Include', 'Includes', 'TRUE'];
  it.each(words.flatMap((word) => (['inclusion', 'channel', 'deliverables', 'any'] as const).map((kind) => [word, kind] as const)))(
    '%j is included for %s',
    (word, kind) => {
      expect(parseTierCell(word, kind)).toEqual({ ok: true, meaning: { kind: 'included' } });
    },
  );

  it.each(words)('%j states no value where one must be stated', (word) => {
    for (const kind of ['response_window', 'coverage', 'quota'] as const) expect(parseTierCell(word, kind).ok, kind).toBe(false);
  });
});

describe('documented "dedicated" words', () => {
  it.each(['专属坐席', '专属座席', 'Dedicated agent', 'Dedicated agents', 'Dedicated seat', 'Dedicated'])('%j is dedicated for channel and any', (word) => {
    for (const kind of ['channel', 'any', 'deliverables'] as const) expect(parseTierCell(word, kind)).toEqual({ ok: true, meaning: { kind: 'dedicated' } });
  });

  it.each(['专属坐席', 'Dedicated agent'])('%j is refused for inclusion', (word) => {
    expect(parseTierCell(word, 'inclusion').ok).toBe(false);
  });
});

describe('dash-bulleted deliverables', () => {
  it.each([
    ['- 产品更新升级技术指导\n- 提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['-产品更新升级技术指导\n-提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['• 产品更新升级技术指导\n• 提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['· 产品更新升级技术指导\n▪ 提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['● 产品更新升级技术指导\n◦ 提供服务工具\n‣ 数据结转工具', ['产品更新升级技术指导', '提供服务工具', '数据结转工具']],
    ['* 产品更新升级技术指导\n* 提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['- 产品更新升级技术指导', ['产品更新升级技术指导']],
  ])('%j is a list of items, not "not included"', (text, items) => {
    for (const kind of ['deliverables', 'any'] as const) expect(parseTierCell(text, kind)).toEqual({ ok: true, meaning: { kind: 'deliverables', items } });
    expect(splitDeliverables(text)).toEqual(items);
  });

  it('a bullet on its own is no item', () => {
    expect(splitDeliverables('-\n提供服务工具')).toEqual(['提供服务工具']);
  });
});

describe('coverage bounds', () => {
  it.each([
    ['1*1小时', 1, 1],
    ['1*24小时', 1, 24],
    ['7*1小时', 7, 1],
    ['7*24小时', 7, 24],
    ['7∗24', 7, 24],
    ['7✖24', 7, 24],
    ['5h', null, null],
  ] as const)('%j', (text, daysPerWeek, hoursPerDay) => {
    const parsed = parseTierCell(text, 'coverage');
    if (daysPerWeek === null) expect(parsed.ok).toBe(false);
    else expect(parsed).toEqual({ ok: true, meaning: { kind: 'coverage', daysPerWeek, hoursPerDay } });
  });

  it.each(['0*8小时', '8*8小时', '5*0小时', '5*25小时', '0*0', '8*24', '7*25'])('%j is out of bounds, an error for coverage and any', (text) => {
    for (const kind of ['coverage', 'any'] as const) {
      const parsed = parseTierCell(text, kind);
      expect(parsed.ok, kind).toBe(false);
      if (!parsed.ok) expect(parsed.expected).toContain('天数1-7,小时数1-24');
    }
  });

  it.each([
    ['1*1电话支持', { daysPerWeek: 1, hoursPerDay: 1 }],
    ['7*24电话支持', { daysPerWeek: 7, hoursPerDay: 24 }],
    ['7*24小时电话支持', { daysPerWeek: 7, hoursPerDay: 24 }],
    ['7x24 phone support', { daysPerWeek: 7, hoursPerDay: 24 }],
    ['0*8电话支持', null],
    ['8*8电话支持', null],
    ['7*0电话支持', null],
    ['7*25电话支持', null],
    ['7*24', null],
    ['12电话支持', null],
  ] as const)('a name %j states coverage %j', (name, coverage) => {
    expect(coverageFromName(name)).toEqual(coverage);
  });
});

describe('window bounds', () => {
  it.each([
    ['0.1工作日响应', 0.1, 'working_day'],
    ['60工作日响应', 60, 'working_day'],
    ['0.1工作小时响应', 0.1, 'working_hour'],
    ['480工作小时响应', 480, 'working_hour'],
    ['480小时响应', 480, 'working_hour'],
  ] as const)('%j is within bounds', (text, amount, unit) => {
    expect(parseTierCell(text, 'response_window')).toEqual({ ok: true, meaning: { kind: 'response_window', amount, unit } });
    expect(parseResolutionTarget(text.replace('响应', ''))).toEqual({ amount, unit });
  });

  it.each([
    ['60.5工作日响应', '60个工作日', '480'],
    ['61工作日响应', '60个工作日', '480'],
    ['480.5工作小时响应', '480个工作小时', '60个'],
    ['481小时响应', '480个工作小时', '60个'],
  ])('%j is too long: the error names %s and not %s', (text, bound, other) => {
    for (const kind of ['response_window', 'any'] as const) {
      const parsed = parseTierCell(text, kind);
      expect(parsed.ok).toBe(false);
      if (parsed.ok) continue;
      expect(parsed.expected).toContain(bound);
      expect(parsed.expected).not.toContain(other);
    }
  });

  it.each([
    ['60.5工作日', 'working_day'],
    ['481工作小时', 'working_hour'],
  ] as const)('target %j is too long (%s)', (text, unit) => {
    expect(parseResolutionTarget(text)).toEqual({ tooLong: unit });
  });

  it.each(['0工作日响应', '0.0工作日响应', '零个工作小时响应'])('%j is no window: a window is above 0', (text) => {
    expect(parseTierCell(text, 'response_window').ok).toBe(false);
    expect(parseResolutionTarget(text.replace('响应', ''))).toBeNull();
  });

  it('one and a half is one plus a half, in both languages', () => {
    expect(parseResolutionTarget('一个半工作日')).toEqual({ amount: 1.5, unit: 'working_day' });
    expect(parseResolutionTarget('两个半工作小时')).toEqual({ amount: 2.5, unit: 'working_hour' });
    expect(parseResolutionTarget('two and a half working hours')).toEqual({ amount: 2.5, unit: 'working_hour' });
  });
});

describe('numbered lists: where a list starts and how far it counts', () => {
  it.each([
    ['a list counts up from 1: 3、 after 1、 is text', '1、A 3、B', ['A 3、B']],
    ['a number inside a word starts no list', '第1、A 2、B', ['第1、A 2、B']],
    ['a list may start after a colon', '说明:1、A 2、B', ['说明', 'A', 'B']],
    ['repeated separators after an item are dropped', '1、A;; 2、B;;', ['A', 'B']],
    ['a hyphen inside a line is no bullet', 'SQL Server-Oracle迁移\n提供服务工具', ['SQL Server-Oracle迁移', '提供服务工具']],
    ['lines before the list are items of their own', '服务内容\n补充说明\n1、A 2、B', ['服务内容', '补充说明', 'A', 'B']],
    ['a list runs past 9', '1、a 2、b 3、c 4、d 5、e 6、f 7、g 8、h 9、i 10、j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']],
    ['a bracketed list runs past 9', '(1)a (2)b (3)c (4)d (5)e (6)f (7)g (8)h (9)i (10)j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']],
    ['blank lines between items are no items', '1、A\n\n\n2、B', ['A', 'B']],
  ])('%s: %j', (_name, text, items) => {
    expect(splitDeliverables(text)).toEqual(items);
  });
});

describe('cells meant as a window or a quota, where the kind is not known', () => {
  it.each([
    ['a long text that merely ends in 响应', '这是一个很长很长的说明最后才响应'],
    ['a text where 响应 is not the end', '尽快响应客户需求'],
    ['a long text that opens like a response window', 'Responds within the hour, always, for every single customer ticket'],
    ['a text where "response within" is not the start', 'Quick response within a week'],
    ['a bracket of terms followed by more text', 'Code diagnosis (twice a year, 2 person-days each) extra'],
  ])('%s is free text: %j', (_name, text) => {
    expect(parseTierCell(text, 'any')).toEqual({ ok: true, meaning: { kind: 'deliverables', items: splitDeliverables(text) } });
  });

  it.each([
    ['Respond within a week', 'response window'],
    ['代码诊断(2人天/次,非现场)', 'yearly quota'],
    ['代码诊断(每年最多两次)', 'yearly quota'],
    ['Code diagnosis (1 person-day each)', 'yearly quota'],
    ['Code diagnosis (2 person days)', 'yearly quota'],
  ])('%j was meant as a %s and is refused', (text, what) => {
    const parsed = parseTierCell(text, 'any');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.expectedEn).toContain(what);
  });

  it('a quota cell must end with its terms', () => {
    expect(parseTierCell('Code diagnosis (twice a year, 2 person-days each) extra', 'quota').ok).toBe(false);
  });

  it('& joins quota terms', () => {
    expect(parseTierCell('Code diagnosis (twice a year & 2 person-days each & remote)', 'quota')).toEqual({
      ok: true,
      meaning: { kind: 'quota', item: 'Code diagnosis', perYear: 2, personDaysEach: 2, onsite: false },
    });
  });
});

describe('what a refusal says', () => {
  it('a window too long names the bound with both languages’ examples', () => {
    const days = parseTierCell('61工作日响应', 'response_window');
    const hours = parseTierCell('481工作小时响应', 'response_window');
    if (days.ok || hours.ok) throw new Error('expected refusals');
    expect(days.expected).toContain('“1工作日响应”或“Response within 1 working day”');
    expect(days.expectedEn).toContain('“Response within 1 working day” or “1工作日响应”');
    expect(hours.expected).toContain('“4工作小时响应”或“Response within 4 working hours”');
    expect(hours.expectedEn).toContain('“Response within 4 working hours” or “4工作小时响应”');
  });

  it.each(ALL_KINDS.filter((k) => k !== 'deliverables' && k !== 'any'))('a refusal for %s says a blank cell means not included', (kind) => {
    const parsed = parseTierCell('随便写(无意义)', kind);
    if (parsed.ok) throw new Error('expected a refusal');
    expect(parsed.expected).toContain('留空、“-”或“No”表示不包含');
    expect(parsed.expectedEn).toContain('blank, “-” or “No” for not included');
  });

  it('a kind the vocabulary does not know is a programming error, not a cell error', () => {
    expect(() => parseTierCell('✓', 'bogus' as ServiceKind)).toThrow('Unknown service kind: bogus');
  });
});

describe('numbers inside phrases', () => {
  it.each([
    ['1.25工作日', 1.25],
    ['.25工作日', 0.25],
    ['二 十工作日', 20],
  ])('%j', (text, amount) => {
    expect(parseResolutionTarget(text)).toEqual({ amount, unit: 'working_day' });
  });
});

describe('parseChineseNumber: spaces', () => {
  it('spaces inside a number are typing noise', () => {
    expect(parseChineseNumber('1 0')).toBe(10);
    expect(parseChineseNumber('.25')).toBe(0.25);
    expect(parseChineseNumber('1.25')).toBe(1.25);
  });
});
