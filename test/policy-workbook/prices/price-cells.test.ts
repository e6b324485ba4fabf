// Money, rates and words of the 价格 sheet: exact to the fen and the basis point, never through floating point.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_FEN, formatBasisPoints, formatFen, parseMoney, parsePriceSetting, parsePriceUnit, parsePricingMethod, parseRate } from '../../../src/policy-workbook/prices/price-cells.ts';
import { percentText } from '../../../src/workbook/workbook-grid.ts';

describe('parseMoney', () => {
  it.each([
    ['¥30,000', 3_000_000],
    ['￥30,000.00', 3_000_000],
    ['30000', 3_000_000],
    ['30000元', 3_000_000],
    ['RMB 1,234,567.89', 123_456_789],
    ['人民币2500.5', 250_050],
    ['¥ 2,500.50 元', 250_050],
    ['0.29', 29],
    ['0.1', 10],
    ['3万', 3_000_000],
    ['3.8万元', 3_800_000],
    ['1.234567万', 1_234_567],
    ['0', 0],
    ['-0', 0],
    ['1000000000', MAX_FEN],
  ])('reads %s as %d fen', (text, fen) => {
    expect(parseMoney(text)).toEqual({ ok: true, value: fen });
  });

  it.each([
    ['2500.555', 'too_precise'],
    ['0.30000000000000004', 'too_precise'],
    ['1.2345678万', 'too_precise'],
    ['-2500', 'negative'],
    ['¥-2,500', 'negative'],
    ['(2,500)', 'negative'],
    ['1000000000.01', 'out_of_range'],
    ['99999999999999999999', 'out_of_range'],
    ['3,00', 'unreadable'],
    ['30,0000', 'unreadable'],
    ['1e+21', 'unreadable'],
    ['18%', 'unreadable'],
    ['两千五', 'unreadable'],
    ['2500元/人天', 'unreadable'],
    ['--2500', 'unreadable'],
    ['', 'unreadable'],
  ])('refuses %s (%s)', (text, problem) => {
    expect(parseMoney(text)).toEqual({ ok: false, problem });
  });

  it('reads back every amount it formats, to the fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_FEN }), (fen) => {
        expect(parseMoney(formatFen(fen))).toEqual({ ok: true, value: fen });
      }),
    );
    expect([formatFen(1_800_000), formatFen(250_050), formatFen(5), formatFen(123_456_789)]).toEqual(['¥18,000', '¥2,500.50', '¥0.05', '¥1,234,567.89']);
  });
});

describe('parseRate', () => {
  it.each([
    ['6%', 600],
    ['18 %', 1800],
    ['12.5%', 1250],
    ['0.01%', 1],
    ['６％', 600],
    ['100%', 10_000],
    ['0%', 0],
  ])('reads %s as %d basis points', (text, bp) => {
    expect(parseRate(text)).toEqual({ ok: true, value: bp });
  });

  it.each([
    ['0.18', 'unreadable'],
    ['18', 'unreadable'],
    ['九折', 'unreadable'],
    ['12.345%', 'too_precise'],
    ['100.01%', 'out_of_range'],
    ['150%', 'out_of_range'],
    ['-5%', 'negative'],
  ])('refuses %s (%s)', (text, problem) => {
    expect(parseRate(text)).toEqual({ ok: false, problem });
  });

  it('reads back every rate it formats', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        expect(parseRate(formatBasisPoints(bp))).toEqual({ ok: true, value: bp });
      }),
    );
    expect([formatBasisPoints(600), formatBasisPoints(1250), formatBasisPoints(1), formatBasisPoints(10_000)]).toEqual(['6%', '12.5%', '0.01%', '100%']);
  });
});

describe('a percentage cell as text', () => {
  it.each([
    [0.18, '18%'],
    [0.06, '6%'],
    [0.07, '7%'],
    [0.125, '12.5%'],
    [1, '100%'],
    [0, '0%'],
    [0.0005, '0.05%'],
    [0.00001, '0.001%'],
    [-0.05, '-5%'],
    [12, '1200%'],
  ])('shows %d as %s, moving the decimal point in the text', (value, text) => {
    expect(percentText(value)).toBe(text);
  });
});

describe('the words of the 价格 sheet', () => {
  it('reads pricing methods, units and setting names in the spellings people use', () => {
    expect(['元/年', '元／年', '固定年费', 'fixed', '许可费比例', '按许可费比例', 'License share', '按年'].map(parsePricingMethod)).toEqual([
      'fixed',
      'fixed',
      'fixed',
      'fixed',
      'licence_share',
      'licence_share',
      'licence_share',
      null,
    ]);
    expect(['人天', '人日', '人/天', '项', '每项', '次', ''].map(parsePriceUnit)).toEqual(['person_day', 'person_day', 'person_day', 'item', 'item', null, null]);
    expect(['增值税率', '增值税', 'VAT', '销售自主折扣上限', '销售 折扣上限', '折扣上限', '最大折扣', '折扣'].map(parsePriceSetting)).toEqual([
      'vat',
      'vat',
      'vat',
      'sales_discount_limit',
      'sales_discount_limit',
      'discount_maximum',
      'discount_maximum',
      null,
    ]);
  });
});
