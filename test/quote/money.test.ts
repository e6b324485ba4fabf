import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBasisPoints, formatYuan, MoneyRangeError, multiplyRoundHalfUp, parseYuan, sumFen, yuanToFen } from '../../src/quote/money.ts';
import { decimalQuantity, multiplyQuantities, quantityOf } from '../../src/quote/quantity.ts';

const MAX = Number.MAX_SAFE_INTEGER;

/** Half-up for non-negative operands, by a different formula than the code's: floor((2an + d) / 2d). */
const referenceHalfUp = (a: number, n: number, d: number) => Number((2n * BigInt(a) * BigInt(n) + BigInt(d)) / (2n * BigInt(d)));

describe('yuanToFen', () => {
  it.each([
    ['12,345.67', 1_234_567],
    ['¥12345', 1_234_500],
    ['￥12,345.00', 1_234_500],
    ['12345.6', 1_234_560],
    ['0.05', 5],
    ['0', 0],
    ['100元', 10_000],
    [' 1 234.5 ', 123_450],
    ['1.2万', 1_200_000],
    ['1.234567万', 1_234_567],
    ['12万元', 12_000_000],
    ['-¥1,234.50', -123_450],
    ['-0', 0],
    ['１２，３４５．６７', 1_234_567],
    ['90071992547409.91', MAX],
  ])('%s → %d fen', (text, fen) => {
    expect(yuanToFen(text)).toBe(fen);
    expect(Object.is(yuanToFen(text), -0)).toBe(false);
  });

  it.each([
    ['12.345', /最多两位小数.*at most two/u],
    ['0.001', /at most two/u],
    ['1.2345678万', /at most six with 万/u],
    ['', /an amount is required/u],
    ['   ', /an amount is required/u],
    ['1,23.4', /not an amount/u],
    ['12,3456', /not an amount/u],
    ['.5', /not an amount/u],
    ['12.', /not an amount/u],
    ['1e5', /not an amount/u],
    ['abc', /not an amount/u],
    ['¥-12', /not an amount/u],
    ['1.2亿', /not an amount/u],
    ['90071992547409.92', /too large/u],
  ])('refuses %j', (text, message) => {
    const parsed = parseYuan(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(message);
    expect(() => yuanToFen(text)).toThrow(RangeError);
  });

  it('reads back every formatted amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX, max: MAX }), (fen) => {
        expect(yuanToFen(formatYuan(fen))).toBe(fen);
        expect(yuanToFen(formatYuan(fen, { symbol: false }))).toBe(fen);
      }),
    );
  });
});

describe('multiplyRoundHalfUp', () => {
  it.each([
    // [fen, numerator, denominator, expected]
    [25, 600, 10_000, 2], // 1.5 → 2
    [24, 600, 10_000, 1], // 1.44 → 1
    [1_000_025, 600, 10_000, 60_002], // 60001.5 → 60002
    [1_000_075, 600, 10_000, 60_005], // 60004.5 → 60005 (not to even)
    [1_000_024, 600, 10_000, 60_001],
    [12_345, 25, 10, 30_863], // ¥123.45 × 2.5 person-days = 30862.5 fen
    [12_345, 1, 3, 4_115],
    [100_000_100, 1850, 10_000, 18_500_019], // 18500018.5
    [0, 1850, 10_000, 0],
    [-25, 600, 10_000, -2], // half away from zero for negatives
    [-24, 600, 10_000, -1],
    [25, -600, 10_000, -2],
    [-1, 1, 3, 0],
  ])('%d × %d / %d = %d', (fen, n, d, expected) => {
    const result = multiplyRoundHalfUp(fen, n, d);
    expect(result).toBe(expected);
    expect(Object.is(result, -0)).toBe(false);
  });

  it('is exact where the product passes 2^53', () => {
    // 9007199254740991 × 9999 / 10000 = 9006298534815516.9009: a double product would be off by several fen.
    expect(multiplyRoundHalfUp(MAX, 9999, 10_000)).toBe(9_006_298_534_815_517);
    expect(multiplyRoundHalfUp(MAX, 10_000, 10_000)).toBe(MAX);
  });

  it('refuses a result past 2^53 with MoneyRangeError, and non-integers with RangeError', () => {
    expect(() => multiplyRoundHalfUp(MAX, 10_001, 10_000)).toThrow(MoneyRangeError);
    expect(() => multiplyRoundHalfUp(1.5, 1, 1)).toThrow(RangeError);
    expect(() => multiplyRoundHalfUp(1, 1, 0)).toThrow(/denominator/u);
    expect(() => multiplyRoundHalfUp(1, 0.5, 1)).toThrow(/numerator/u);
  });

  it('agrees with floor((2an + d) / 2d), and negation commutes with it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 11 }), fc.integer({ min: 0, max: 10 ** 4 }), fc.integer({ min: 1, max: 10 ** 6 }), (a, n, d) => {
        const r = multiplyRoundHalfUp(a, n, d);
        expect(r).toBe(referenceHalfUp(a, n, d));
        expect(multiplyRoundHalfUp(-a, n, d)).toBe(r === 0 ? 0 : -r);
      }),
    );
  });
});

describe('sumFen', () => {
  it('adds, and refuses past 2^53 rather than losing a fen', () => {
    expect(sumFen([])).toBe(0);
    expect(sumFen([1, 2, -3, 100])).toBe(100);
    expect(sumFen([MAX - 1, 1])).toBe(MAX);
    expect(() => sumFen([MAX, 1])).toThrow(MoneyRangeError);
    expect(() => sumFen([0.5])).toThrow(RangeError);
  });
});

describe('formatYuan', () => {
  it.each([
    [1_234_500, '¥12,345.00'],
    [-123_450, '-¥1,234.50'],
    [0, '¥0.00'],
    [5, '¥0.05'],
    [-5, '-¥0.05'],
    [50, '¥0.50'],
    [99_999, '¥999.99'],
    [100_000, '¥1,000.00'],
    [123_456_789_012, '¥1,234,567,890.12'],
    [MAX, '¥90,071,992,547,409.91'],
  ])('%d → %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
    expect(formatYuan(fen, { symbol: false })).toBe(text.replace('¥', ''));
  });

  it('refuses what is not a whole number of fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatYuan(Number.NaN)).toThrow(RangeError);
    expect(() => formatYuan(MAX + 1)).toThrow(RangeError);
  });
});

describe('formatBasisPoints', () => {
  it.each([
    [1800, '18%'],
    [1850, '18.5%'],
    [625, '6.25%'],
    [600, '6%'],
    [5, '0.05%'],
    [0, '0%'],
    [10_000, '100%'],
  ])('%d bp → %s', (bp, text) => expect(formatBasisPoints(bp)).toBe(text));
});

describe('quantities', () => {
  it.each([
    [2.5, 1, 5, 2, '2.5'],
    [2.3, 1, 23, 10, '2.3'],
    ['2.50', 2, 5, 2, '2.5'],
    [3, 0, 3, 1, '3'],
    [0.25, 6, 1, 4, '0.25'],
    [0, 1, 0, 1, '0'],
  ])('decimalQuantity(%j, %d) = %d/%d shown as %s', (value, places, n, d, display) => {
    expect(decimalQuantity(value, places)).toEqual({ numerator: n, denominator: d, display });
  });

  it.each([
    [2.55, 1],
    [2.5, 0],
    [-1, 1],
    [Number.NaN, 1],
    [Number.POSITIVE_INFINITY, 1],
    [1e21, 1],
    ['1/2', 1],
    ['', 1],
  ])('decimalQuantity(%j, %d) is null', (value, places) => {
    expect(decimalQuantity(value, places)).toBeNull();
  });

  it('multiplies exactly and shows the exact decimal', () => {
    expect(multiplyQuantities(quantityOf(3), decimalQuantity(1.5, 1)!)).toEqual({ numerator: 9, denominator: 2, display: '4.5' });
    expect(multiplyQuantities(decimalQuantity(0.1, 1)!, decimalQuantity(0.2, 1)!).display).toBe('0.02');
    expect(quantityOf(1, 3).display).toBe('1/3');
    expect(quantityOf(6, 4)).toEqual({ numerator: 3, denominator: 2, display: '1.5' });
    expect(() => quantityOf(1, 0)).toThrow(RangeError);
  });
});
