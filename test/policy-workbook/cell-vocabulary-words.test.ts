// Every word docs/domain.md's "Cell vocabulary" documents, each pinned by its own case (issue 19): a word dropped
// from a list, a bound moved by one or a pattern loosened is a named failure here, not a silent change of meaning.
import { describe, expect, it } from 'vitest';
import type { ServiceKind } from '../../src/catalog/catalog-codes.ts';
import { coverageFromName, parseResolutionTarget, parseTierCell, splitDeliverables } from '../../src/policy-workbook/cell-vocabulary.ts';

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
