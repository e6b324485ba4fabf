// The 价格 sheet's problems: each bad cell, repeated or missing row and contradictory setting, named by cell.
import { describe, expect, it } from 'vitest';
import { ROW, SERVICE_PRICE_HEADER, TIER_PRICE_HEADER, errors, priceSheet, readWithPrices, where, worded } from '../../support/price-workbooks.ts';

describe('tier fees', () => {
  it('reports every bad cell at once, at the cell to fix', async () => {
    const readout = await readWithPrices(
      priceSheet((t) => {
        t.tiers = [
          ['火星云', '基础服务', '元/年', '¥18,000'],
          ['公有云', '白金服务', '元/年', '¥38,000'],
          ['公有云', '尊享服务', '按月', '¥88,000'],
          ['私有云', '基础', '许可费比例', '¥12,000'],
          ['私有云', '优选', '许可费比例', '150%'],
          ['私有云', '尊享', '元/年', '-5000'],
          ['公有云', '基础服务', '元/年', '2500.555'],
          ['公有云', '优选服务', '元/年', null],
          ['私有云', null, '许可费比例', '18%'],
          ['私有云', '优选', null, '18%'],
          ['私有云', '尊享', '许可费比例', '0.25'],
        ];
      }),
    );
    expect(where(errors(readout.issues))).toEqual([
      ['error', 'UNKNOWN_OFFERING', '价格', 'A2'],
      ['error', 'UNKNOWN_TIER', '价格', 'B3'],
      ['error', 'UNKNOWN_PRICING_METHOD', '价格', 'C4'],
      ['error', 'BAD_RATE', '价格', 'D5'],
      ['error', 'RATE_OUT_OF_RANGE', '价格', 'D6'],
      ['error', 'NEGATIVE_AMOUNT', '价格', 'D7'],
      ['error', 'BAD_AMOUNT', '价格', 'D8'],
      ['error', 'MISSING_PRICE', '价格', 'D9'],
      ['error', 'UNKNOWN_TIER', '价格', 'B10'],
      ['error', 'UNKNOWN_PRICING_METHOD', '价格', 'C11'],
      ['error', 'BAD_RATE', '价格', 'D12'],
    ]);
    expect(readout.issues.every(worded)).toBe(true);
    const at = (cell: string) => readout.issues.find((i) => i.cell === cell)!;
    expect(at('D5')).toMatchObject({ found: '¥12,000', expected: expect.stringContaining('18%') });
    expect(at('D5').message).toContain('许可费比例');
    expect(at('D8')).toMatchObject({ found: '2500.555', expected: expect.stringContaining('两位小数') });
    expect(at('B10')).toMatchObject({ message: '第 10 行没有填写服务产品。' });
    expect(at('B10').found).toBeUndefined();
  });

  it('refuses a table without 计价方式 or 价格, and warns about a column it does not read', async () => {
    const sheet = priceSheet();
    sheet.rows[0] = ['部署', '服务产品', '价格', '备注'];
    const readout = await readWithPrices(sheet);
    // Without the table every fee is missing too; only the header's own issues matter here.
    expect(where(readout.issues).filter(([, code]) => code !== 'MISSING_TIER_PRICE')).toEqual([
      ['error', 'MISSING_COLUMN', '价格', 'A1'],
      ['warning', 'UNKNOWN_COLUMN', '价格', 'D1'],
    ]);
    expect(readout.issues[0]?.expected).toContain('计价方式');
    expect(readout.sheets.at(-1)?.priceTables?.[0]).toEqual({ kind: 'tier_prices', headerCell: 'A1', rows: 0 });
  });

  it('keeps the first of two rows that say the same, and refuses two that disagree, a 全部 row counting for both', async () => {
    const readout = await readWithPrices(
      priceSheet((t) => {
        // The 全部 row repeats cloud's ¥88,000 but contradicts on premise's 25%: the contradiction is what is reported.
        t.tiers.push(['公有云', '基础服务', '元/年', '18000'], ['全部', '尊享', '元/年', '¥88,000']);
      }),
    );
    expect(where(readout.issues)).toEqual([
      ['error', 'CONFLICTING_PRICE', '价格', 'D9'],
      ['warning', 'DUPLICATE_PRICE', '价格', 'D8'],
    ]);
    expect(readout.issues[0]).toMatchObject({ found: '全部 | 尊享 | 元/年 | ¥88,000', expected: expect.stringContaining('价格!D7') });
    expect(readout.issues[1]?.message).toBe('金蝶云星空(公有云)基础服务的价格重复出现,以 价格!D2 为准,此行已忽略。');
  });

  it('warns about an offering × tier the catalog sells without a price: quotes for it will be refused', async () => {
    const readout = await readWithPrices(priceSheet((t) => t.tiers.splice(1, 1)));
    expect(where(readout.issues)).toEqual([['warning', 'MISSING_TIER_PRICE', '价格', 'A1']]);
    expect(readout.issues[0]?.message).toBe('没有金蝶云星空(公有云)优选服务的价格:该服务产品无法报价。');
    expect(readout.catalog.prices?.tiers).toHaveLength(5);
  });
});

describe('special-service prices', () => {
  it('reports unknown services, units, bad amounts and travel allowances outside onsite_support, at their cells', async () => {
    const readout = await readWithPrices(
      priceSheet((t) => {
        t.services = [
          ['数据库迁移', '私有云', '人天', '¥4,000', '¥800'],
          ['瑜伽课', null, '人天', '¥1,000'],
          ['7*24电话支持', null, '人天', '¥1,000'],
          ['数据修复', null, '小时', '¥3,000'],
          ['现场支持', '火星云', '人天', '¥2,500', '八百'],
          [null, null, '人天', '¥2,500'],
          ['security_hardening', null, '项', null],
        ];
      }),
    );
    const s = ROW.services;
    expect(where(errors(readout.issues))).toEqual([
      ['error', 'TRAVEL_ALLOWANCE_NOT_ALLOWED', '价格', `E${s}`],
      ['error', 'UNKNOWN_SERVICE', '价格', `A${s + 1}`],
      ['error', 'UNKNOWN_SERVICE', '价格', `A${s + 2}`],
      ['error', 'UNKNOWN_PRICE_UNIT', '价格', `C${s + 3}`],
      ['error', 'UNKNOWN_OFFERING', '价格', `B${s + 4}`],
      ['error', 'BAD_AMOUNT', '价格', `E${s + 4}`],
      ['error', 'MISSING_SERVICE_NAME', '价格', `A${s + 5}`],
      ['error', 'MISSING_PRICE', '价格', `D${s + 6}`],
    ]);
    expect(readout.issues.every(worded)).toBe(true);
    expect(readout.issues.find((i) => i.code === 'UNKNOWN_SERVICE' && i.found === '7*24电话支持')?.message).toContain('只有专项服务单独计价');
  });

  it('refuses a table without 计价单位', async () => {
    const sheet = priceSheet();
    sheet.rows[ROW.services - 2] = ['专项服务产品', '部署', '单位名称', '单价']; // the header, row 9
    const readout = await readWithPrices(sheet);
    expect(where(readout.issues).filter(([, code]) => code !== 'MISSING_SERVICE_PRICE')).toEqual([
      ['error', 'MISSING_COLUMN', '价格', `A${ROW.services - 1}`],
      ['warning', 'UNKNOWN_COLUMN', '价格', `C${ROW.services - 1}`],
    ]);
  });

  it('keeps a 全部 row partly priced above for the offering still unpriced, and refuses prices that disagree', async () => {
    const readout = await readWithPrices(
      priceSheet((t) => {
        t.services = [
          ['数据修复', '私有云', '人天', '¥3,000'],
          ['数据修复', '全部', '人天', '¥3,000'],
          ['现场支持（机构提供）', null, '人天', '¥2,500', '¥800'],
          ['现场支持', '公有云', '人天', '¥2,500', '¥900'],
          ['数据库迁移', '私有云', '人天', '¥4,000'],
          ['security_hardening', null, '项', '¥20,000'],
        ];
      }),
    );
    const s = ROW.services;
    expect(where(readout.issues)).toEqual([
      ['error', 'CONFLICTING_PRICE', '价格', `D${s + 3}`],
      ['warning', 'DUPLICATE_PRICE', '价格', `D${s + 1}`],
    ]);
    expect(readout.catalog.prices?.specialServices.filter((p) => p.service === 'data_repair').map((p) => [p.offering, p.source.cell])).toEqual([
      ['on_premise', `D${s}`],
      ['cloud', `D${s + 1}`],
    ]);
  });

  it('warns about a price that cannot be used and a service the catalog sells without one', async () => {
    const readout = await readWithPrices(
      priceSheet((t) => {
        t.services[0] = ['数据库迁移', '全部', '人天', '¥4,000'];
        t.services.splice(1, 1);
      }),
    );
    expect(where(readout.issues)).toEqual([
      ['warning', 'MISSING_SERVICE_PRICE', '价格', 'A9'],
      ['warning', 'PRICED_SERVICE_NOT_SOLD', '价格', 'D10'],
    ]);
    expect(readout.issues[0]).toMatchObject({ found: '数据修复', message: expect.stringContaining('金蝶云星空(公有云)、金蝶云星空(On Premise)') });
    expect(readout.issues[1]).toMatchObject({ found: '数据库迁移', message: expect.stringContaining('金蝶云星空(公有云)') });
  });
});

describe('price settings', () => {
  it('reports bad rates, unknown and repeated settings, and a maximum discount below the sales limit', async () => {
    const readout = await readWithPrices(
      priceSheet((t) => {
        t.settings = [
          ['增值税率', '6'],
          ['销售自主折扣上限', '40%'],
          ['折扣上限', '30%'],
          ['运费', '5%'],
          ['增值税', '6%'],
          ['销售折扣上限', '40%'],
        ];
      }),
    );
    const s = ROW.settings;
    expect(where(readout.issues)).toEqual([
      ['error', 'BAD_RATE', '价格', `B${s}`],
      ['error', 'DISCOUNT_LIMITS_REVERSED', '价格', `B${s + 2}`],
      ['error', 'UNKNOWN_PRICE_SETTING', '价格', `A${s + 3}`],
      ['error', 'CONFLICTING_PRICE', '价格', `B${s + 4}`],
      ['warning', 'DUPLICATE_PRICE', '价格', `B${s + 5}`],
    ]);
    expect(readout.issues[0]).toMatchObject({ found: '6', expected: expect.stringContaining('18%') });
    expect(readout.issues[1]).toMatchObject({ found: '30%', expected: expect.stringContaining('40%') });
    expect(readout.catalog.prices?.vatBasisPoints).toBeUndefined();
  });

  it('refuses a price list without its settings, naming each missing one', async () => {
    const none = await readWithPrices({ name: '价格', rows: [TIER_PRICE_HEADER, ...priceSheet().rows.slice(1, 7), [], SERVICE_PRICE_HEADER, ...priceSheet().rows.slice(9, 13)] });
    expect(where(none.issues)).toEqual([
      ['error', 'MISSING_PRICE_SETTING', '价格', 'A1'],
      ['error', 'MISSING_PRICE_SETTING', '价格', 'A1'],
      ['error', 'MISSING_PRICE_SETTING', '价格', 'A1'],
    ]);
    expect(none.issues.map((i) => i.message)).toEqual(['价格表没有“增值税率”:报价无法计算。', '价格表没有“销售自主折扣上限”:报价无法计算。', '价格表没有“折扣上限”:报价无法计算。']);
    expect(none.catalog.prices).toBeNull();

    const partial = await readWithPrices(priceSheet((t) => t.settings.splice(0, 1)));
    expect(where(partial.issues)).toEqual([['error', 'MISSING_PRICE_SETTING', '价格', `A${ROW.settings - 1}`]]);
  });
});
