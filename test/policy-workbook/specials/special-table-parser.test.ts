// The special-services table's parser on its own: offering columns (both, neither, one), rows without a name,
// marks it cannot read, new services by code and who delivers them, each refusal as the policy owner reads it.
import { describe, expect, it } from 'vitest';
import { isSpecialHeader, parseSpecialTable } from '../../../src/policy-workbook/specials/special-table-parser.ts';
import { DESCRIPTION_WORDS, OFFERING_COLUMN_WORDS, SPECIAL_NAME_WORDS } from '../../../src/policy-workbook/shared-columns.ts';
import { gridRows, table, type CellMark } from '../../support/grid-rows.ts';

const SHEET = '专项服务';
const WITH_OFFERINGS = ['专项服务产品', '主要服务内容说明', '公有云', '私有云'];

const read = (lines: (string | null)[][], offering: 'cloud' | 'on_premise' = 'cloud', marks: Record<string, CellMark> = {}) => {
  const { header, rows } = table(lines, 1, 1, marks);
  return parseSpecialTable(SHEET, offering, header, rows);
};
const brief = (r: ReturnType<typeof read>) => r.entries.map((e) => [e.offering, e.service, e.label, e.description, e.deliveredBy, e.source.cell]);

describe('which rows head a special-services table', () => {
  it.each(SPECIAL_NAME_WORDS.all.map((w) => [w] as const))('the name column headed %s', (word) => {
    expect(isSpecialHeader(gridRows([[word, '说明']])[0]!)).toBe(true);
  });
  it('not a row without it', () => {
    expect(isSpecialHeader(gridRows([['服务项目', '说明']])[0]!)).toBe(false);
  });
  it.each(DESCRIPTION_WORDS.all.map((w) => [w] as const))('reads the description headed %s', (word) => {
    expect(brief(read([['专项服务产品', word], ['数据修复', '修复错误数据']]))).toEqual([['cloud', 'data_repair', '数据修复', '修复错误数据', 'branch_with_hq_tools', 'A2']]);
  });
  it.each([...OFFERING_COLUMN_WORDS.cloud.all.map((w) => [w, '私有云'] as const), ...OFFERING_COLUMN_WORDS.on_premise.all.map((w) => ['公有云', w] as const)])(
    'reads the offering columns headed %s and %s',
    (cloud, onPremise) => {
      expect(brief(read([['专项服务产品', cloud, onPremise], ['数据库迁移', '', '✓']]))).toEqual([['on_premise', 'db_migration', '数据库迁移', '', 'branch_with_hq_tools', 'A2']]);
    },
  );
});

describe('reading the rows', () => {
  it('lists a row under the sheet’s offering when the table has no offering columns', () => {
    const result = read([['专项服务产品', '说明'], ['现场支持(机构提供)', '到客户现场'], [], ['升级迁移']], 'on_premise');
    expect(result.issues).toEqual([]);
    expect(brief(result)).toEqual([
      ['on_premise', 'onsite_support', '现场支持(机构提供)', '到客户现场', 'branch', 'A2'],
      ['on_premise', 'upgrade_migration', '升级迁移', '', 'branch_with_hq_tools', 'A4'],
    ]);
  });

  it('lists a row under each offering it marks, and none it leaves blank', () => {
    expect(brief(read([WITH_OFFERINGS, ['升级迁移', '版本升级', '✓', '✓'], ['性能优化', '调优', '', '✓']]))).toEqual([
      ['cloud', 'upgrade_migration', '升级迁移', '版本升级', 'branch_with_hq_tools', 'A2'],
      ['on_premise', 'upgrade_migration', '升级迁移', '版本升级', 'branch_with_hq_tools', 'A2'],
      ['on_premise', 'performance_tuning', '性能优化', '调优', 'branch_with_hq_tools', 'A3'],
    ]);
  });

  it('reads a new service by its code; 机构提供 in its name means the branch delivers it', () => {
    expect(brief(read([['专项服务产品', '代码'], ['培训服务(机构提供)', 'training'], ['报表定制', 'report_design']]))).toEqual([
      ['cloud', 'training', '培训服务(机构提供)', '', 'branch', 'A2'],
      ['cloud', 'report_design', '报表定制', '', 'branch_with_hq_tools', 'A3'],
    ]);
  });

  it('refuses a new service without a code, and goes on', () => {
    const result = read([['专项服务产品', '代码'], ['报表定制', ''], ['数据修复', '']]);
    expect(result.issues.map((i) => [i.code, i.cell])).toEqual([['UNKNOWN_SERVICE', 'A2']]);
    expect(brief(result).map((e) => e[1])).toEqual(['data_repair']);
  });

  it('refuses a table with only one offering column, at its name column', () => {
    expect(read([['序号', '专项服务产品', '私有云'], ['1', '数据修复', '✓']])).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_OFFERING_COLUMN',
          sheet: SHEET,
          cell: 'B1',
          found: '序号 | 专项服务产品 | 私有云',
          expected: '同时有“公有云”与“私有云”两列,或两列都不设(按工作表的部署形态)',
          expectedEn: 'both a 公有云 (cloud) and a 私有云 (on premise) column, or neither (the sheet’s offering applies)',
          message: '专项服务表只有一个部署形态列,缺少“公有云”列:无法判断另一部署形态是否提供。',
          messageEn: 'The special-services table has only one offering column; without a Cloud Galaxy (public cloud) column its availability there is unknown.',
        },
      ],
    });
    expect(read([['专项服务产品', '公有云'], ['数据修复', '✓']]).issues[0]).toMatchObject({
      message: '专项服务表只有一个部署形态列,缺少“私有云”列:无法判断另一部署形态是否提供。',
      messageEn: 'The special-services table has only one offering column; without a Cloud Galaxy (on premise) column its availability there is unknown.',
    });
  });

  it.each([
    ['a description', ['', '说明文字', '', '']],
    ['a code', ['', '', 'new_thing', '']],
    ['a mark', ['', '', '', '✓']],
  ])('asks for the name of a row with %s', (_what, line) => {
    expect(read([['专项服务产品', '说明', '代码', '公有云', '私有云'], [...line, '']])).toEqual({
      entries: [],
      issues: [
        {
          severity: 'error',
          code: 'MISSING_SERVICE_NAME',
          sheet: SHEET,
          cell: 'A2',
          expected: '专项服务产品名称',
          expectedEn: 'the name of the special service',
          message: '第 2 行填写了专项服务内容,但没有专项服务产品名称。',
          messageEn: 'Row 2 describes a special service but has no name.',
        },
      ],
    });
  });

  it('passes over a row whose every cell is blank, and one whose name the reader could not read', () => {
    expect(read([WITH_OFFERINGS, ['', '', '', ''], ['数据修复', '', '✓', '✓'], ['数据优化', '', '✓', '']], 'cloud', { A3: { unreadable: true } })).toMatchObject({
      entries: [{ service: 'data_optimization', offering: 'cloud' }],
      issues: [],
    });
  });

  it('warns of a service marked in no offering: no customer can buy it', () => {
    expect(read([WITH_OFFERINGS, ['数据修复', '', '', '✗']])).toEqual({
      entries: [],
      issues: [
        {
          severity: 'warning',
          code: 'NOT_OFFERED_ANYWHERE',
          sheet: SHEET,
          cell: 'A2',
          found: '数据修复',
          expected: '至少在一个部署形态(公有云或私有云)列中标记“✓”',
          expectedEn: 'a ✓ in at least one offering column (cloud or on premise)',
          message: '“数据修复”没有在任何部署形态中提供:没有客户能购买它。',
          messageEn: '"数据修复" is offered in no offering, so no customer can buy it.',
        },
      ],
    });
  });

  it('refuses each mark of a row it cannot read, at its own cell', () => {
    expect(read([WITH_OFFERINGS, ['数据修复', '', '也许', '大概']]).issues.map((i) => [i.code, i.cell, i.found])).toEqual([
      ['BAD_CELL', 'C2', '也许'],
      ['BAD_CELL', 'D2', '大概'],
    ]);
  });

  it('quotes the header without its empty cells', () => {
    expect(read([['专项服务产品', '', '私有云']]).issues).toMatchObject([{ code: 'MISSING_OFFERING_COLUMN', found: '专项服务产品 | 私有云' }]);
  });

  it('refuses a mark it cannot read, once for a merged cell, and leaves the rows out', () => {
    const result = read([WITH_OFFERINGS, ['数据修复', '', '也许', '✓'], ['数据优化', '', '也许', '✓']], 'cloud', { C3: { mergedFrom: 'C2' } });
    expect(result.entries).toEqual([]);
    expect(result.issues).toEqual([
      {
        severity: 'error',
        code: 'BAD_CELL',
        sheet: SHEET,
        cell: 'C2',
        found: '也许',
        expected: expect.any(String),
        expectedEn: expect.any(String),
        message: '“数据修复”的金蝶云星空(公有云)列内容无法识别。',
        messageEn: 'The Cloud Galaxy (public cloud) cell of "数据修复" cannot be read.',
      },
    ]);
    expect(result.issues[0]!.expected).toContain('✓');
  });

  it('leaves out a row with a mark the reader could not read (reported there), and reads the next', () => {
    const result = read([WITH_OFFERINGS, ['数据修复', '', '✓', '✓'], ['数据优化', '', '✓', '']], 'cloud', { D2: { unreadable: true } });
    expect(brief(result)).toEqual([['cloud', 'data_optimization', '数据优化', '', 'branch_with_hq_tools', 'A3']]);
    expect(result.issues).toEqual([]);
  });
});
