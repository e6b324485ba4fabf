// The price list in a rules document: a section beside the rules with each price's cell and workbook,
// absent without a 价格 sheet, back out for export, and through export and re-import unchanged.
import { describe, expect, it } from 'vitest';
import { writeCatalogWorkbook } from '../../../src/policy-workbook/workbook-export.ts';
import { readPolicyWorkbook } from '../../../src/policy-workbook/read-policy-workbook.ts';
import { assertRulesLoad } from '../../../src/policy/policy-engine.ts';
import type { PriceList } from '../../../src/catalog/price-list.ts';
import { buildRulesDocument, catalogFromRules, type RulesDocument } from '../../../src/policy-workbook/rules-document.ts';
import { stableStringify } from '../../../src/policy/stable-json.ts';
import { CATALOG_SHEETS } from '../../support/calendar-workbooks.ts';
import { SPECIAL_SHEET, priceSheet, readWithPrices } from '../../support/price-workbooks.ts';
import { buildWorkbook, type SheetSpec } from '../../support/workbook-builder.ts';

async function rulesOf(...sheets: SheetSpec[]): Promise<RulesDocument> {
  const readout = await readWithPrices(...sheets);
  expect(readout.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return buildRulesDocument(readout.catalog, readout.sha256);
}

/** The prices without where they came from: another layout puts them in other cells. */
const content = (prices: PriceList | undefined) => JSON.parse(JSON.stringify(prices, (key: string, value: unknown) => (key === 'source' || key === 'vatSource' ? undefined : value))) as unknown;

describe('the prices section', () => {
  it('holds the price list beside the rules, every source naming its workbook', async () => {
    const doc = await rulesOf(priceSheet());
    const source = (cell: string) => ({ sheet: '价格', cell, workbookSha256: doc.workbookSha256 });
    expect(doc.prices?.tiers[0]).toEqual({ offering: 'cloud', tier: 'basic', method: 'fixed', annualFen: 1_800_000, source: source('D2') });
    expect(doc.prices?.tiers[3]).toEqual({ offering: 'on_premise', tier: 'basic', method: 'licence_share', basisPoints: 1200, source: source('D5') });
    expect(doc.prices?.specialServices[2]).toEqual({ service: 'onsite_support', offering: null, unit: 'person_day', unitFen: 250_000, travelPerTripFen: 80_000, source: source('D12') });
    expect(doc.prices).toMatchObject({ vatBasisPoints: 600, vatSource: source('B16'), discount: { salesLimitBasisPoints: 1000, maximumBasisPoints: 3000, source: source('B17') }, sample: false });
    // Prices are data, not rules: the engine loads the document as before.
    expect(doc.rules.some((r) => r.name.includes('price'))).toBe(false);
    expect(() => assertRulesLoad(doc)).not.toThrow();
  });

  it('is absent without a 价格 sheet, so the document keeps its old form', async () => {
    const doc = await rulesOf();
    expect(Object.keys(doc)).toEqual(['format', 'workbookSha256', 'tables', 'rules']);
    expect(stableStringify(doc)).not.toContain('"prices"');
    expect(catalogFromRules(doc).prices).toBeNull();
  });

  it('comes back out of the document as the catalog read it, for export', async () => {
    const readout = await readWithPrices(priceSheet());
    const doc = buildRulesDocument(readout.catalog, readout.sha256);
    expect(catalogFromRules(doc).prices).toEqual(readout.catalog.prices);
  });
});

describe('export and re-import', () => {
  const layout: SheetSpec = {
    name: '报价',
    rows: [
      ['注:示例价格'],
      [null, '服务等级', '部署形态', '计费方式', '年费'],
      [null, '基础', '全部', '元/年', 18000],
      [null, '优选', '公有云', '元/年', '3.8万'],
      [null, '优选', '私有云', '许可费比例', 0.18],
      [null, '尊享', '公有云', '元/年', '¥88,000.5'],
      [null, '尊享', '私有云', '许可费比例', '12.5%'],
      [],
      [null, '参数', '取值'],
      [null, '折扣上限', '30%'],
      [null, 'VAT', '6%'],
      [null, '销售折扣上限', '10%'],
      [],
      [null, '专项服务产品', '单位', '单价', '差旅费', '部署'],
      [null, 'onsite_support', '人天', 2500.5, 800],
      [null, '数据修复', '项', '3000', null, '私有云'],
      [null, '数据修复', '项', '3000'],
      [null, '数据库迁移', '人天', '4000', null, '私有云'],
      [null, '安全加固', '项', '2万'],
    ],
    numFmts: { E5: '0%' },
  };

  it('gives the same prices, the 示例 mark, and one row for a fee that a 全部 row set for both offerings', async () => {
    const before = await rulesOf(layout);
    expect(before.prices?.sample).toBe(true);
    const exported = await writeCatalogWorkbook(catalogFromRules(before));
    const reread = await readPolicyWorkbook(exported);
    expect(reread.issues).toEqual([]);
    const after = buildRulesDocument(reread.catalog, reread.sha256);
    expect(content(after.prices)).toEqual(content(before.prices));
    expect(after.rules).toHaveLength(before.rules.length);
    // The settings stood between the tables: they are written back there, under the sheet's 示例 heading.
    expect(reread.sheets.find((s) => s.name === '报价')?.priceTables?.map((t) => `${t.kind}@${t.headerCell}:${t.rows}`)).toEqual([
      'tier_prices@A4:5',
      'price_settings@A12:3',
      'service_prices@A18:5',
    ]);
    expect(after.prices?.tiers.filter((p) => p.tier === 'basic').map((p) => p.source.cell)).toEqual(['D5', 'D5']);
  });

  it('is stable: exporting the re-imported rules again gives the same workbook', async () => {
    const once = await writeCatalogWorkbook(catalogFromRules(await rulesOf(layout)));
    const reread = await readPolicyWorkbook(once);
    const twice = await writeCatalogWorkbook(catalogFromRules(buildRulesDocument(reread.catalog, reread.sha256)));
    expect(twice.equals(once)).toBe(true);
  });

  it('writes no 价格 sheet for a document without prices', async () => {
    const readout = await readPolicyWorkbook(await buildWorkbook([...CATALOG_SHEETS, SPECIAL_SHEET]));
    const exported = await readPolicyWorkbook(await writeCatalogWorkbook(catalogFromRules(buildRulesDocument(readout.catalog, readout.sha256))));
    expect(exported.sheets.map((s) => s.role)).not.toContain('prices');
    expect(exported.catalog.prices).toBeNull();
  });
});
