// The edges of money arithmetic the main money tests leave open: overflow below −2^53 as well as above, the
// refusals' names and messages (a caller maps MoneyRangeError to its own refusal), and negative rates shown.
import { describe, expect, it } from 'vitest';
import { formatBasisPoints, formatYuan, MoneyRangeError, multiplyRoundHalfUp, sumFen } from '../../src/quote/money.ts';

const MAX = Number.MAX_SAFE_INTEGER;
const MIN = Number.MIN_SAFE_INTEGER;

describe('negative overflow', () => {
  it('sums down to −(2^53 − 1) and refuses one fen further', () => {
    expect(sumFen([MIN])).toBe(MIN);
    expect(sumFen([-MAX + 1, -1])).toBe(MIN);
    expect(() => sumFen([MIN, -1])).toThrow(MoneyRangeError);
    expect(() => sumFen([MIN, -1])).toThrow('the sum does not fit a safe integer of fen: -9007199254740992');
  });

  it('multiplies down to −(2^53 − 1) and refuses a product below it', () => {
    expect(multiplyRoundHalfUp(MAX, -10_000, 10_000)).toBe(MIN);
    expect(multiplyRoundHalfUp(MIN, 10_000, 10_000)).toBe(MIN);
    expect(() => multiplyRoundHalfUp(MIN, 10_001, 10_000)).toThrow(MoneyRangeError);
    expect(() => multiplyRoundHalfUp(MAX, -10_001, 10_000)).toThrow(/^the product does not fit a safe integer of fen: -9008099974666465$/u);
  });

  it('names its error MoneyRangeError, a RangeError', () => {
    const error = (() => {
      try {
        sumFen([MAX, 1]);
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(RangeError);
    expect(error).toMatchObject({ name: 'MoneyRangeError', message: 'the sum does not fit a safe integer of fen: 9007199254740992' });
  });
});

describe('refusing what is not a whole number of fen, naming the operand', () => {
  it.each([
    ['multiplyRoundHalfUp fen', () => multiplyRoundHalfUp(0.5, 1, 1), 'fen must be a safe integer, got 0.5'],
    ['multiplyRoundHalfUp numerator', () => multiplyRoundHalfUp(1, 0.5, 1), 'numerator must be a safe integer, got 0.5'],
    ['multiplyRoundHalfUp denominator', () => multiplyRoundHalfUp(1, 1, 0.5), 'denominator must be a safe integer, got 0.5'],
    ['multiplyRoundHalfUp zero denominator', () => multiplyRoundHalfUp(1, 1, 0), 'denominator must be positive, got 0'],
    ['sumFen', () => sumFen([1, 0.5]), 'an amount must be a safe integer, got 0.5'],
    ['formatYuan', () => formatYuan(0.5), 'fen must be a safe integer, got 0.5'],
    ['formatBasisPoints', () => formatBasisPoints(0.5), 'basis points must be a safe integer, got 0.5'],
  ])('%s', (_what, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});

describe('formatBasisPoints with negative rates', () => {
  it.each([
    [-1800, '-18%'],
    [-1850, '-18.5%'],
    [-625, '-6.25%'],
    [-5, '-0.05%'],
    [-10_000, '-100%'],
  ])('%d bp → %s', (bp, text) => expect(formatBasisPoints(bp)).toBe(text));
});
