// The 价格 sheet: tier fees, special-service prices and settings, read by content wherever they stand.
import { describe, expect, it } from 'vitest';
import { formula } from '../../support/workbook-builder.ts';
import { SETTINGS_HEADER, priceSheet, readWithPrices, where } from '../../support/price-workbooks.ts';

const src = (cell: string, sheet = '价格') => ({ sheet, cell });

describe('the 价格 sheet', () => {
  it('reads tier fees, service prices and settings into the price list, to the fen and the basis point', async () => {
    const readout = await readWithPrices(priceSheet());
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.prices).toEqual({
      tiers: [
        { offering: 'cloud', tier: 'basic', method: 'fixed', annualFen: 1_800_000, source: src('D2') },
        { offering: 'cloud', tier: 'preferred', method: 'fixed', annualFen: 3_800_000, source: src('D3') },
        { offering: 'cloud', tier: 'premium', method: 'fixed', annualFen: 8_800_000, source: src('D4') },
        { offering: 'on_premise', tier: 'basic', method: 'licence_share', basisPoints: 1200, source: src('D5') },
        { offering: 'on_premise', tier: 'preferred', method: 'licence_share', basisPoints: 1800, source: src('D6') },
        { offering: 'on_premise', tier: 'premium', method: 'licence_share', basisPoints: 2500, source: src('D7') },
      ],
      specialServices: [
        { service: 'db_migration', offering: 'on_premise', unit: 'person_day', unitFen: 400_000, travelPerTripFen: null, source: src('D10') },
        { service: 'data_repair', offering: null, unit: 'person_day', unitFen: 300_000, travelPerTripFen: null, source: src('D11') },
        { service: 'onsite_support', offering: null, unit: 'person_day', unitFen: 250_000, travelPerTripFen: 80_000, source: src('D12') },
        { service: 'security_hardening', offering: null, unit: 'item', unitFen: 2_000_000, travelPerTripFen: null, source: src('D13') },
      ],
      vatBasisPoints: 600,
      vatSource: src('B16'),
      discount: { salesLimitBasisPoints: 1000, maximumBasisPoints: 3000, source: src('B17') },
      sample: false,
    });
    expect(readout.sheets.at(-1)).toEqual({
      name: '价格',
      role: 'prices',
      tables: [],
      priceTables: [
        { kind: 'tier_prices', headerCell: 'A1', rows: 6 },
        { kind: 'service_prices', headerCell: 'A9', rows: 4 },
        { kind: 'price_settings', headerCell: 'A15', rows: 3 },
      ],
    });
  });

  it('reads numbers, percentage cells, formulas, 万, 全部 and codes, wherever the tables stand, and finds 示例 in a note', async () => {
    const readout = await readWithPrices({
      name: '报价参考',
      rows: [
        ['2026 年服务报价'],
        [],
        [null, '一、年费'],
        [null, '服务等级', '部署形态', '计费方式', '年费'],
        [null, 'basic', '全部', 'fixed', 18000],
        [null, '优选服务', 'cloud', '元/年', '3.8万'],
        [null, '尊享服务', '金蝶云星空(公有云)', '元／年', formula('44000*2', 88000)],
        [null, '优选服务', 'on_premise', 'licence share', 0.18],
        [null, '尊享服务', '私有云', '许可费比例', formula('B8+0.07', 0.25)],
        [],
        [null, '专项服务产品', '单位', '单价(元)', '差旅费', '部署'],
        [null, 'onsite_support', '人天', 2500.5, 800],
        [null, '数据库迁移', '人日', '¥4,000.00', null, 'On Premise'],
        [null, '数据修复', '项', '3000', null, '所有'],
        [null, '安全加固', '项', '2万'],
        [],
        [null, '参数', '取值'],
        [null, 'VAT', 0.06],
        [null, '最大折扣', '30%'],
        [null, '销售折扣上限', '12.5%'],
        [],
        ['注:以上均为示例价格,正式报价以合同为准'],
      ],
      numFmts: { E8: '0%', E9: '0%', C18: '0.00%' },
    });
    expect(readout.issues).toEqual([]);
    const prices = readout.catalog.prices!;
    expect(prices.tiers.map((p) => [p.offering, p.tier, p.method === 'fixed' ? p.annualFen : `${p.basisPoints}bp`, p.source.cell])).toEqual([
      ['cloud', 'basic', 1_800_000, 'E5'],
      ['on_premise', 'basic', 1_800_000, 'E5'],
      ['cloud', 'preferred', 3_800_000, 'E6'],
      ['cloud', 'premium', 8_800_000, 'E7'],
      ['on_premise', 'preferred', '1800bp', 'E8'],
      ['on_premise', 'premium', '2500bp', 'E9'],
    ]);
    expect(prices.specialServices.map((p) => [p.service, p.offering, p.unit, p.unitFen, p.travelPerTripFen])).toEqual([
      ['onsite_support', null, 'person_day', 250_050, 80_000],
      ['db_migration', 'on_premise', 'person_day', 400_000, null],
      ['data_repair', null, 'item', 300_000, null],
      ['security_hardening', null, 'item', 2_000_000, null],
    ]);
    expect([prices.vatBasisPoints, prices.discount.salesLimitBasisPoints, prices.discount.maximumBasisPoints]).toEqual([600, 1250, 3000]);
    expect([prices.vatSource.cell, prices.discount.source.cell]).toEqual(['C18', 'C20']);
    expect(prices.sample).toBe(true);
  });

  it('marks the prices as samples only when a sheet holding a price table says 示例', async () => {
    const titled = await readWithPrices({ ...priceSheet(), rows: [['价格表(示例)'], [], ...priceSheet().rows] });
    expect(titled.issues).toEqual([]);
    expect(titled.catalog.prices?.sample).toBe(true);
    expect(titled.catalog.prices?.tiers[0]?.source).toEqual(src('D4'));

    const elsewhere = await readWithPrices({ name: '说明', rows: [['示例工作簿'], ['价格为示例']] }, priceSheet());
    expect(elsewhere.catalog.prices?.sample).toBe(false);
  });

  it('leaves prices null, and changes nothing else, in a workbook without the sheet', async () => {
    const readout = await readWithPrices();
    expect(readout.issues).toEqual([]);
    expect(readout.catalog.prices).toBeNull();
    expect(readout.sheets.every((s) => s.priceTables === undefined)).toBe(true);
  });

  it('leaves a special-services table that shows a price a catalog table, as before prices were read', async () => {
    const readout = await readWithPrices({ name: '专项服务(私有云)', rows: [['专项服务产品', '主要服务内容说明', '单价'], ['集群和高可用部署', '针对私有云客户', '¥4,000']] });
    expect(where(readout.issues)).toEqual([['warning', 'UNKNOWN_COLUMN', '专项服务(私有云)', 'C1']]);
    expect(readout.sheets.at(-1)).toMatchObject({ role: 'catalog', tables: [{ kind: 'special_services', offering: 'on_premise', rows: 1 }] });
    expect(readout.catalog.prices).toBeNull();
  });

  it('ignores 项目 | 值 on a sheet that holds no prices, and a hidden 价格 sheet, saying so', async () => {
    const notes = await readWithPrices({ name: '版本', rows: [SETTINGS_HEADER, ['版本', '2026.1'], ['维护人', '服务产品部']] });
    expect(notes.issues).toEqual([]);
    expect(notes.sheets.at(-1)).toMatchObject({ name: '版本', role: 'ignored' });

    const hidden = await readWithPrices({ ...priceSheet(), state: 'hidden' });
    expect(where(hidden.issues)).toEqual([['warning', 'HIDDEN_SHEET_IGNORED', '价格', 'A1']]);
    expect(hidden.issues[0]?.message).toContain('价格表');
    expect(hidden.catalog.prices).toBeNull();
  });
});
