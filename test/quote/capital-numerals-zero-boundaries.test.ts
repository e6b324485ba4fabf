// Worked examples of 大写 at the 零 boundaries, where a read-back check cannot tell a wrong 零 from a right one
// (人民币壹万零壹仟元整 reads back as 11,000 too). The rule (《正确填写票据和结算凭证的基本规定》): one 零 for a run
// of zeros inside the number; where the 万 (or 元) digit is 0 but the next lower digit is not, 零 is optional,
// and this implementation leaves it out (壹拾万柒仟元); a section that does not reach the unit just below gets it.
import { describe, expect, it } from 'vitest';
import { toChineseCapital } from '../../src/quote/capital-numerals.ts';

const Y = (yuan: number) => yuan * 100;

describe('capital numerals at the 零 boundaries', () => {
  it.each([
    // A 万 section followed by a full 仟: no 零 (the issue's ¥11,000, which a `<=` turned into 壹万零壹仟).
    ['¥11,000', '人民币壹万壹仟元整', Y(11_000)],
    ['¥11,001', '人民币壹万壹仟零壹元整', Y(11_001)],
    ['¥19,999', '人民币壹万玖仟玖佰玖拾玖元整', Y(19_999)],
    // The 万 digit is 0 but 仟 is not: 零 is optional, and left out.
    ['¥101,000', '人民币壹拾万壹仟元整', Y(101_000)],
    ['¥1,001,000', '人民币壹佰万壹仟元整', Y(1_001_000)],
    ['¥10,001,000', '人民币壹仟万壹仟元整', Y(10_001_000)],
    // The lower section does not reach 仟: one 零, however many zeros.
    ['¥10,001', '人民币壹万零壹元整', Y(10_001)],
    ['¥10,010', '人民币壹万零壹拾元整', Y(10_010)],
    ['¥10,100', '人民币壹万零壹佰元整', Y(10_100)],
    ['¥100,100', '人民币壹拾万零壹佰元整', Y(100_100)],
    ['¥1,000,100', '人民币壹佰万零壹佰元整', Y(1_000_100)],
    ['¥10,000,100', '人民币壹仟万零壹佰元整', Y(10_000_100)],
    // Zeros inside the count of 万, and nothing below it.
    ['¥1,010,000', '人民币壹佰零壹万元整', Y(1_010_000)],
    ['¥10,010,000', '人民币壹仟零壹万元整', Y(10_010_000)],
    ['¥10,100,000', '人民币壹仟零壹拾万元整', Y(10_100_000)],
    ['¥110,000', '人民币壹拾壹万元整', Y(110_000)],
    // The same at 亿: the lower part gets 零 when it does not reach 仟万.
    ['¥110,000,000', '人民币壹亿壹仟万元整', Y(110_000_000)],
    ['¥101,000,000', '人民币壹亿零壹佰万元整', Y(101_000_000)],
    ['¥100,001,000', '人民币壹亿零壹仟元整', Y(100_001_000)],
    ['¥110,001,000', '人民币壹亿壹仟万壹仟元整', Y(110_001_000)],
    ['¥1,100,000,000', '人民币壹拾壹亿元整', Y(1_100_000_000)],
    // With 角 and 分: the 元 digit 0 before 角 takes no 零; a zero 角 before 分 does.
    ['¥11,000.50', '人民币壹万壹仟元伍角整', Y(11_000) + 50],
    ['¥10,000.05', '人民币壹万元零伍分', Y(10_000) + 5],
    ['¥101,000.55', '人民币壹拾万壹仟元伍角伍分', Y(101_000) + 55],
    ['¥0.10', '人民币壹角整', 10],
  ])('%s → %s', (_yuan, text, fen) => {
    expect(toChineseCapital(fen)).toBe(text);
  });

  it('says why it refuses an amount it cannot write', () => {
    expect(() => toChineseCapital(-100)).toThrow(/whole, non-negative number of fen, got -100/u);
  });
});
