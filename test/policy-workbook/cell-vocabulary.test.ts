import { describe, it, expect } from 'vitest';
import type { ServiceKind } from '../../src/catalog/catalog-codes.ts';
import { parseChineseNumber, parseTierCell, splitDeliverables, type CellMeaning } from '../../src/policy-workbook/cell-vocabulary.ts';
import { matchKey, normalizeCellText } from '../../src/workbook/cell-text.ts';

const ALL_KINDS: ServiceKind[] = ['inclusion', 'channel', 'response_window', 'coverage', 'quota', 'deliverables', 'any'];

function meaningOf(text: string, kind: ServiceKind): CellMeaning {
  const parsed = parseTierCell(text, kind);
  if (!parsed.ok) throw new Error(`expected ${JSON.stringify(text)} to parse as ${kind}, got: ${parsed.expectedEn}`);
  return parsed.meaning;
}

describe('normalizeCellText', () => {
  it.each([
    ['  ✓  ', '✓'],
    ['1、 产品 更新', '1、产品更新'],
    ['1、产品更新', '1、产品更新'],
    ['代码诊断（限一年两次，2人天/次，非现场）', '代码诊断(限一年两次,2人天/次,非现场)'],
    ['代码诊断 ( 限一年两次 , 2 人天/次 , 非现场 )', '代码诊断(限一年两次,2人天/次,非现场)'],
    ['２工作日响应', '2工作日响应'],
    ['7＊24电话支持', '7*24电话支持'],
    ['7 * 24 电话支持', '7*24电话支持'],
    ['金蝶云\u3000社区', '金蝶云社区'],
    ['在线\u00A0IM\u00A0服务', '在线IM服务'],
    ['产品更新\n升级技术指导', '产品更新升级技术指导'],
    ['产品更新\r\n\r\n  升级技术指导', '产品更新升级技术指导'],
    ['SQL   Server\tto\nOracle', 'SQL Server to Oracle'],
    ['Customer   success\u3000manager', 'Customer success manager'],
    ['✔\uFE0F', '✔'],
    ['\u200B是\uFEFF', '是'],
    ['①产品更新 ②服务工具', '(1)产品更新(2)服务工具'],
    ['', ''],
    [' \u3000\n ', ''],
  ])('%j → %j', (raw, expected) => {
    expect(normalizeCellText(raw)).toBe(expected);
  });
});

describe('matchKey', () => {
  it.each([
    ['7＊24 电话支持', '7*24电话支持'],
    ['7×24电话支持', '7*24电话支持'],
    ['7x24电话支持', '7*24电话支持'],
    ['7X24电话支持', '7*24电话支持'],
    ['7✕24电话支持', '7*24电话支持'],
    ['7 × 24 电话支持', '7*24电话支持'],
    ['７＊２４电话支持', '7*24电话支持'],
    ['7*8在线IM服务', '7*8在线im服务'],
    ['7*8 在线 im 服务', '7*8在线im服务'],
    ['金蝶云社区（学习与能力提升）', '金蝶云社区(学习与能力提升)'],
    ['Service Items', 'serviceitems'],
  ])('matchKey(%j) === matchKey(%j)', (a, b) => {
    expect(matchKey(a)).toBe(matchKey(b));
  });

  it('maps a multiplication sign only between digits', () => {
    expect(matchKey('7x24电话支持')).toBe('7*24电话支持');
    expect(matchKey('Box')).toBe('box');
    expect(matchKey('X服务')).toBe('x服务');
  });

  it('keeps different names apart', () => {
    expect(matchKey('7*24电话支持')).not.toBe(matchKey('7*8电话支持'));
  });
});

describe('parseChineseNumber', () => {
  it.each([
    ['一', 1], ['二', 2], ['两', 2], ['三', 3], ['四', 4], ['五', 5], ['六', 6], ['七', 7], ['八', 8], ['九', 9],
    ['十', 10], ['十二', 12], ['二十', 20], ['二十五', 25], ['半', 0.5], ['零', 0],
    ['0', 0], ['1', 1], ['2', 2], ['12', 12], ['0.5', 0.5], ['1.5', 1.5], ['.5', 0.5], ['２', 2], ['０.５', 0.5], [' 4 ', 4],
  ])('%j → %d', (text, expected) => {
    expect(parseChineseNumber(text)).toBe(expected);
  });

  it.each(['', '两十', '十十', '一二', 'abc', '1.2.3', '-1', '1e3', '百', '半半', '1/2'])('%j → null', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});

describe('parseTierCell: not included', () => {
  const tokens = ['', '   ', '\u3000', '\n', '-', '—', '–', '——', '--', '－', '×', '✗', '无', 'N/A', 'n/a', 'N / A', 'NA', 'na', ' - '];
  const cases = tokens.flatMap((token) => ALL_KINDS.map((kind) => [token, kind] as const));
  it.each(cases)('%j is none for %s', (token, kind) => {
    expect(parseTierCell(token, kind)).toEqual({ ok: true, meaning: { kind: 'none' } });
  });
});

describe('parseTierCell: included and dedicated', () => {
  const included = ['✓', '√', '✔', '✔\uFE0F', '是', 'Y', 'y', 'Yes', 'YES', 'yes', ' ✓ ', '\u3000√\u3000'];
  const acceptsIncluded: ServiceKind[] = ['inclusion', 'channel', 'deliverables', 'any'];
  it.each(included.flatMap((token) => acceptsIncluded.map((kind) => [token, kind] as const)))(
    '%j is included for %s',
    (token, kind) => {
      expect(meaningOf(token, kind)).toEqual({ kind: 'included' });
    },
  );

  it.each(['channel', 'deliverables', 'any'] as const)('专属坐席 is dedicated for %s', (kind) => {
    expect(meaningOf('专属坐席', kind)).toEqual({ kind: 'dedicated' });
    expect(meaningOf(' 专属 坐席 ', kind)).toEqual({ kind: 'dedicated' });
    expect(meaningOf('专属座席', kind)).toEqual({ kind: 'dedicated' });
  });

  it.each(['response_window', 'coverage', 'quota'] as const)('✓ is rejected for %s: the value must be stated', (kind) => {
    const parsed = parseTierCell('✓', kind);
    expect(parsed.ok).toBe(false);
  });
});

describe('parseTierCell: response window', () => {
  const days: [string, number][] = [
    ['0.5', 0.5], ['半', 0.5], ['一', 1], ['两', 2], ['1', 1], ['2', 2], ['4', 4], ['1.5', 1.5], ['十', 10],
  ];
  const dayForms = ['{n}工作日响应', '{n}个工作日响应', '{n}个工作日内响应', '{n}工作日内响应'];
  const hourForms = ['{n}工作小时响应', '{n}个工作小时响应', '{n}小时响应', '{n}个工作小时内响应', '{n}小时内响应', '{n}个小时响应'];
  const cases = [
    ...dayForms.flatMap((form) => days.map(([n, amount]) => [form.replace('{n}', n), amount, 'working_day'] as const)),
    ...hourForms.flatMap((form) => days.map(([n, amount]) => [form.replace('{n}', n), amount, 'working_hour'] as const)),
    ['２工作日响应', 2, 'working_day'] as const,
    ['０.５工作日响应', 0.5, 'working_day'] as const,
    [' 1 工作日 响应 ', 1, 'working_day'] as const,
    ['1\u3000个工作日\n响应', 1, 'working_day'] as const,
    ['一个半工作日响应', 1.5, 'working_day'] as const,
    ['半个工作日响应', 0.5, 'working_day'] as const,
  ];
  it.each(cases)('%j → %d %s', (text, amount, unit) => {
    const expected = { kind: 'response_window', amount, unit };
    expect(meaningOf(text, 'response_window')).toEqual(expected);
    expect(meaningOf(text, 'any')).toEqual(expected);
  });

  it.each(['0工作日响应', '零工作日响应', '0个工作小时响应', '3工作周响应', '1天响应', '一周内响应', '尽快响应', '工作日响应', '✓', '专属坐席', '5*8小时', '1工作日'])(
    '%j is rejected for response_window',
    (text) => {
      const parsed = parseTierCell(text, 'response_window');
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.expected).toContain('工作日响应');
      expect(parsed.expectedEn).toMatch(/response window/);
    },
  );

  it.each(['0工作日响应', '3工作周响应', '1天响应'])('%j looks like a response window, so any rejects it too', (text) => {
    const parsed = parseTierCell(text, 'any');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.expected).toContain('工作日响应');
  });
});

describe('parseTierCell: coverage', () => {
  const separators = ['*', '×', 'x', 'X', '＊', '✕'];
  const shapes: [string, number, number][] = [['5{s}8小时', 5, 8], ['7{s}8小时', 7, 8], ['7{s}12小时', 7, 12], ['7{s}24小时', 7, 24], ['5{s}8', 5, 8]];
  const cases = [
    ...separators.flatMap((s) => shapes.map(([shape, d, h]) => [shape.replace('{s}', s), d, h] as const)),
    ['５＊８小时', 5, 8] as const,
    [' 5 * 8 小时 ', 5, 8] as const,
    ['5 x 8 小时', 5, 8] as const,
    ['5天×8小时', 5, 8] as const,
    ['7*24h', 7, 24] as const,
  ];
  it.each(cases)('%j → %d days × %d hours', (text, daysPerWeek, hoursPerDay) => {
    const expected = { kind: 'coverage', daysPerWeek, hoursPerDay };
    expect(meaningOf(text, 'coverage')).toEqual(expected);
    expect(meaningOf(text, 'any')).toEqual(expected);
  });

  it.each(['8*25小时', '8*8小时', '0*8小时', '5*0小时', '5*25小时', '7*12天', '全天', '✓', '1工作日响应', '5*8*2小时'])(
    '%j is rejected for coverage',
    (text) => {
      const parsed = parseTierCell(text, 'coverage');
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.expected).toContain('5*8小时');
      expect(parsed.expectedEn).toMatch(/days a week/);
    },
  );

  it.each(['8*25小时', '0*8小时', '5×25'])('%j looks like coverage, so any rejects it too', (text) => {
    const parsed = parseTierCell(text, 'any');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.expected).toContain('5*8小时');
  });
});

describe('parseTierCell: quota', () => {
  const cases: [string, string, number, number, boolean][] = [
    ['代码诊断(限一年两次,2人天/次,非现场)', '代码诊断', 2, 2, false],
    ['代码诊断(限一年四次,2人天/次,非现场)', '代码诊断', 4, 2, false],
    ['代码诊断（限一年两次，2人天/次，非现场）', '代码诊断', 2, 2, false],
    ['代码诊断（限一年四次，２人天／次，非现场）', '代码诊断', 4, 2, false],
    ['代码诊断(限每年2次,2人天/次,非现场)', '代码诊断', 2, 2, false],
    ['代码诊断(一年2次,2人天/次,非现场)', '代码诊断', 2, 2, false],
    ['代码诊断(每年两次,2人天/次,非现场)', '代码诊断', 2, 2, false],
    ['代码诊断(限一年12次,2人天/次,非现场)', '代码诊断', 12, 2, false],
    ['代码诊断(限一年十二次,两人天/次,非现场)', '代码诊断', 12, 2, false],
    ['代码诊断(2次/年,1.5人天/次,非现场)', '代码诊断', 2, 1.5, false],
    ['代码诊断(限一年两次,0.5人天/次,现场)', '代码诊断', 2, 0.5, true],
    ['代码诊断(限一年两次,半人天/次,现场)', '代码诊断', 2, 0.5, true],
    ['现场诊断(限一年一次,3人天/次,现场)', '现场诊断', 1, 3, true],
    ['代码诊断(限一年两次,2人天/次)', '代码诊断', 2, 2, false],
    ['代码诊断(限一年两次;2人天/次;非现场)', '代码诊断', 2, 2, false],
    ['代码诊断(限一年两次、2人天/次、非现场)', '代码诊断', 2, 2, false],
    ['代码诊断(限一年两次；2人天/次；现场)', '代码诊断', 2, 2, true],
    ['代码诊断 ( 限一年两次 ， 2 人天 / 次 ， 非现场 )', '代码诊断', 2, 2, false],
    ['代码诊断(限一年两次\n2人天/次\n非现场)', '代码诊断', 2, 2, false],
    ['代码诊断(非现场,2人天/次,限一年两次)', '代码诊断', 2, 2, false],
    ['开发技术支持(机构提供)(限一年两次,2人天/次,现场)', '开发技术支持(机构提供)', 2, 2, true],
  ];
  it.each(cases)('%j', (text, item, perYear, personDaysEach, onsite) => {
    const expected = { kind: 'quota', item, perYear, personDaysEach, onsite };
    expect(meaningOf(text, 'quota')).toEqual(expected);
    expect(meaningOf(text, 'any')).toEqual(expected);
  });

  it.each([
    '代码诊断',
    '(限一年两次,2人天/次,非现场)',
    '代码诊断(限一年两次,非现场)',
    '代码诊断(2人天/次,非现场)',
    '代码诊断(限一年零次,2人天/次,非现场)',
    '代码诊断(限一年半次,2人天/次,非现场)',
    '代码诊断(限一年两次,0人天/次,非现场)',
    '代码诊断(限一年两次,2人天/次,非现场,含差旅)',
    '限一年两次,2人天/次,非现场',
    '✓',
  ])('%j is rejected for quota', (text) => {
    const parsed = parseTierCell(text, 'quota');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.expected).toContain('代码诊断(限一年两次,2人天/次,非现场)');
    expect(parsed.expectedEn).toMatch(/quota/);
  });

  it.each(['代码诊断(限一年两次,0人天/次,非现场)', '代码诊断(限一年两次,2人天/次,含差旅)'])(
    '%j looks like a quota, so any rejects it too',
    (text) => {
      const parsed = parseTierCell(text, 'any');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.expected).toContain('人天/次');
    },
  );
});

describe('parseTierCell: deliverables', () => {
  const cases: [string, string[]][] = [
    ['1、产品更新升级技术指导 2、提供审计拆分、数据结转工具', ['产品更新升级技术指导', '提供审计拆分、数据结转工具']],
    ['1、产品更新升级技术指导\n2、提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['1、产品更新升级技术指导\r\n2、提供服务工具\r\n', ['产品更新升级技术指导', '提供服务工具']],
    ['1、指定客户成功经理 2、每年1次服务报告及总部专家建议 3、定制化在线培训课程', ['指定客户成功经理', '每年1次服务报告及总部专家建议', '定制化在线培训课程']],
    ['1、指定客户成功经理2、每年1次服务报告及总部专家建议3、定制化在线培训课程', ['指定客户成功经理', '每年1次服务报告及总部专家建议', '定制化在线培训课程']],
    ['１、产品 更新\u3000升级技术指导　　２、提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['  1、 产品更新升级技术指导  \n\n  2、 提供服务工具  ', ['产品更新升级技术指导', '提供服务工具']],
    ['1.产品更新升级技术指导 2.提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['1. 产品更新升级技术指导\n2. 提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['1)产品更新升级技术指导 2)提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['(1)产品更新升级技术指导 (2)提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['（1）产品更新升级技术指导（2）提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['①产品更新升级技术指导②提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['1、产品更新升级技术指导;2、提供服务工具;', ['产品更新升级技术指导', '提供服务工具']],
    ['1、产品更新\n升级技术指导\n2、提供服务工具', ['产品更新升级技术指导', '提供服务工具']],
    ['1、升级到2.0版本 2、提供服务工具', ['升级到2.0版本', '提供服务工具']],
    ['1、指定客户成功经理', ['指定客户成功经理']],
    ['每年1次服务报告', ['每年1次服务报告']],
    ['  每年1次 服务报告 ', ['每年1次服务报告']],
    ['指定客户成功经理\n每年1次服务报告', ['指定客户成功经理', '每年1次服务报告']],
    ['1. Product update guidance 2. Service tools', ['Product update guidance', 'Service tools']],
  ];
  it.each(cases)('%j', (text, items) => {
    expect(splitDeliverables(text)).toEqual(items);
    expect(meaningOf(text, 'deliverables')).toEqual({ kind: 'deliverables', items });
    expect(meaningOf(text, 'any')).toEqual({ kind: 'deliverables', items });
  });

  it('a deliverables kind accepts any stated text, even one shaped like a response window', () => {
    expect(meaningOf('3工作周响应', 'deliverables')).toEqual({ kind: 'deliverables', items: ['3工作周响应'] });
  });

  it('returns no items for blank text', () => {
    expect(splitDeliverables('')).toEqual([]);
    expect(splitDeliverables(' \n\u3000 ')).toEqual([]);
  });

  it('rejects a cell that is only numbering', () => {
    const parsed = parseTierCell('1、 2、', 'deliverables');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.expected).not.toBe('');
  });
});

describe('parseTierCell: rejection per kind', () => {
  const cases: [ServiceKind, string, string][] = [
    ['inclusion', '专属坐席', '“✓”或“Yes”表示包含,留空、“-”或“No”表示不包含'],
    ['inclusion', '1工作日响应', '“✓”或“Yes”表示包含,留空、“-”或“No”表示不包含'],
    ['inclusion', '包括', '“✓”或“Yes”表示包含,留空、“-”或“No”表示不包含'],
    ['inclusion', 'x', '“✓”或“Yes”表示包含,留空、“-”或“No”表示不包含'],
    ['channel', '1工作日响应', '专属坐席'],
    ['channel', '专属客服', '专属坐席'],
    ['response_window', '5*8小时', '工作日响应'],
    ['coverage', '1工作日响应', '5*8小时'],
    ['quota', '每年1次服务报告', '人天/次'],
  ];
  it.each(cases)('%s rejects %j', (kind, text, hint) => {
    const parsed = parseTierCell(text, kind);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.expected).toContain(hint);
    expect(parsed.expectedEn.length).toBeGreaterThan(0);
  });

  it('every rejection explains itself in both languages', () => {
    for (const kind of ALL_KINDS) {
      for (const text of ['0工作日响应', '8*25小时', '代码诊断(限一年两次,0人天/次)', '专属坐席', '✓', '随便写']) {
        const parsed = parseTierCell(text, kind);
        if (parsed.ok) continue;
        expect(parsed.expected.length).toBeGreaterThan(0);
        expect(parsed.expectedEn.length).toBeGreaterThan(0);
      }
    }
  });
});

describe('parseTierCell: the docs/domain.md catalog', () => {
  const rows: [ServiceKind, string[]][] = [
    ['inclusion', ['✓', '✓', '✓']],
    ['channel', ['✓', '✓', '专属坐席']],
    ['response_window', ['2工作日响应', '1工作日响应', '0.5工作日响应']],
    ['channel', ['', '✓', '专属坐席']],
    ['coverage', ['5*8小时', '7*8小时', '7*12小时']],
    ['response_window', ['1工作日响应', '4工作小时响应', '2工作小时响应']],
    ['quota', ['', '代码诊断(限一年两次,2人天/次,非现场)', '代码诊断(限一年四次,2人天/次,非现场)']],
    ['deliverables', ['', '1、产品更新升级技术指导 2、提供审计拆分、数据结转工具', '1、产品更新升级技术指导 2、提供服务工具']],
    ['deliverables', ['', '每年1次服务报告', '1、指定客户成功经理 2、每年1次服务报告及总部专家建议 3、定制化在线培训课程']],
  ];
  it.each(rows)('every %s cell of %j parses', (kind, cells) => {
    for (const cell of cells) expect(parseTierCell(cell, kind).ok).toBe(true);
  });
});
