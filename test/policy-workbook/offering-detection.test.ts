// Which offering a table belongs to: only a text that names exactly one offering decides, and only the
// sheet name, the table's own title and the sheet's title are asked, in that order.
import { describe, expect, it } from 'vitest';
import { offeringFromText, offeringHint } from '../../src/policy-workbook/offering-hints.ts';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildSheet, type CellInput } from '../support/workbook-builder.ts';

const HEADER = ['服务项目', '基础服务', '优选服务', '尊享服务'];
const SPECIAL_HEADER = ['专项服务产品', '主要服务内容说明'];
const ROW = ['7*24电话支持', '✓', '✓', '专属坐席'];

async function offerings(sheet: string, rows: CellInput[][]): Promise<string[]> {
  const readout: WorkbookReadout = await readPolicyWorkbook(await buildSheet(sheet, rows));
  return readout.catalog.tables.map((t) => t.offering);
}

describe('offeringHint', () => {
  it.each([
    ['私有云', 'on_premise'],
    ['金蝶云星空（On Premise）服务产品目录', 'on_premise'],
    ['on-premises', 'on_premise'],
    ['本地部署目录', 'on_premise'],
    ['公有云', 'cloud'],
    ['金蝶云星空(SaaS)', 'cloud'],
    ['Public Cloud catalog', 'cloud'],
    // 金蝶云星空 itself contains 云: no hint.
    ['金蝶云星空服务产品目录', null],
    ['本表适用于公有云客户;私有云客户见另表', null],
    ['公有云 vs 私有云 对比', null],
    ['', null],
  ])('%j → %s', (text, hint) => {
    expect(offeringHint(text)).toBe(hint);
  });

  it('offeringFromText defaults to cloud when a text names both offerings or neither', () => {
    expect(offeringFromText('公有云 vs 私有云 对比')).toBe('cloud');
    expect(offeringFromText('金蝶云星空服务产品目录')).toBe('cloud');
    expect(offeringFromText('私有云专项服务')).toBe('on_premise');
  });
});

describe('readPolicyWorkbook: offering of a table', () => {
  it('reads a cloud sheet whose introduction mentions the on-premise catalog as cloud', async () => {
    expect(await offerings('公有云目录', [['本表适用于公有云客户;私有云客户见另表'], HEADER, ROW])).toEqual(['cloud']);
    expect(await offerings('Sheet1', [['本表适用于公有云客户;私有云客户见另表'], HEADER, ROW])).toEqual(['cloud']);
  });

  it('never lets a note row under one table decide the next table', async () => {
    const withTitle = [
      ['金蝶云星空服务产品目录'],
      HEADER,
      ROW,
      [],
      ['注:性能优化、数据库迁移仅针对私有云客户'],
      [],
      ['专项服务'],
      SPECIAL_HEADER,
      ['升级迁移', '评估、测试、实施'],
    ];
    expect(await offerings('服务目录', withTitle)).toEqual(['cloud', 'cloud']);
    const withoutTitle = [HEADER, ROW, [], ['注:以下专项服务仅针对私有云客户'], [], SPECIAL_HEADER, ['升级迁移', '评估']];
    expect(await offerings('服务目录', withoutTitle)).toEqual(['cloud', 'cloud']);
  });

  it('asks the title when the sheet name names both offerings', async () => {
    expect(await offerings('公有云 vs 私有云 对比', [HEADER, ROW])).toEqual(['cloud']);
    expect(await offerings('公有云 vs 私有云 对比', [['金蝶云星空（On Premise）服务产品目录'], HEADER, ROW])).toEqual(['on_premise']);
  });

  it('lets the sheet name win over a title, and a table title win over the sheet title', async () => {
    expect(await offerings('私有云', [['金蝶云星空（公有云）服务产品目录'], HEADER, ROW])).toEqual(['on_premise']);
    expect(
      await offerings('目录', [['金蝶云星空（本地部署）服务政策'], ['一、公有云服务产品目录'], HEADER, ROW, [], ['二、专项服务'], SPECIAL_HEADER, ['升级迁移', '评估']]),
    ).toEqual(['cloud', 'on_premise']);
  });

  it('reads only the title row directly above the header as the table title', async () => {
    const readout = await readPolicyWorkbook(
      await buildSheet('Sheet1', [HEADER, ROW, [], ['金蝶云星空（On Premise）专项服务'], [], SPECIAL_HEADER, ['性能优化', '诊断优化']]),
    );
    expect(readout.catalog.tables.map((t) => [t.offering, t.title])).toEqual([
      ['cloud', null],
      ['cloud', null],
    ]);
  });
});
