import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toChineseCapital } from '../../src/quote/capital-numerals.ts';

const Y = (yuan: number) => yuan * 100;

/**
 * A small reader of capital amounts, independent of the writer: digits accumulate under 拾佰仟, 万 and 亿 close
 * a section, and 亿 takes everything before it (so 壹万零壹亿 is 10001 亿).
 */
function readCapital(text: string): number {
  const m = /^人民币(?:(.+)元)?(?:零)?(?:(.)角)?(?:(.)分)?整?$/u.exec(text);
  if (!m) throw new Error(`not a capital amount: ${text}`);
  const digits = '零壹贰叁肆伍陆柒捌玖';
  const units: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };
  let yi = 0;
  let wan = 0;
  let section = 0;
  let d = 0;
  for (const c of m[1] ?? '') {
    if (digits.includes(c)) d = digits.indexOf(c);
    else if (units[c]) {
      section += d * units[c];
      d = 0;
    } else if (c === '万') {
      wan = section + d;
      section = 0;
      d = 0;
    } else if (c === '亿') {
      yi = wan * 10_000 + section + d;
      wan = 0;
      section = 0;
      d = 0;
    } else throw new Error(`unexpected ${c} in ${text}`);
  }
  const yuan = yi * 100_000_000 + wan * 10_000 + section + d;
  const jiao = m[2] ? digits.indexOf(m[2]) : 0;
  const fen = m[3] ? digits.indexOf(m[3]) : 0;
  return yuan * 100 + jiao * 10 + fen;
}

describe('toChineseCapital', () => {
  it.each([
    // The example, and zero.
    [Y(12_345), '人民币壹万贰仟叁佰肆拾伍元整'],
    [0, '人民币零元整'],
    [Y(1), '人民币壹元整'],
    [Y(10), '人民币壹拾元整'],
    [Y(15), '人民币壹拾伍元整'],
    // Zeros in the middle: one 零 for a run of them, none at the end.
    [Y(10_005), '人民币壹万零伍元整'],
    [Y(1_010), '人民币壹仟零壹拾元整'],
    [Y(1_001), '人民币壹仟零壹元整'],
    [Y(1_100), '人民币壹仟壹佰元整'],
    [Y(6_007), '人民币陆仟零柒元整'],
    [Y(1_409), '人民币壹仟肆佰零玖元整'],
    [Y(20_304), '人民币贰万零叁佰零肆元整'],
    [Y(107_000), '人民币壹拾万柒仟元整'], // the 万 digit is 0 but 仟 is not: no 零 (the rule allows either)
    [Y(100_700), '人民币壹拾万零柒佰元整'],
    // 万 and 亿 boundaries.
    [Y(10_000), '人民币壹万元整'],
    [Y(100_000), '人民币壹拾万元整'],
    [Y(1_000_000), '人民币壹佰万元整'],
    [Y(1_000_001), '人民币壹佰万零壹元整'],
    [Y(9_999_999), '人民币玖佰玖拾玖万玖仟玖佰玖拾玖元整'],
    [Y(100_000_000), '人民币壹亿元整'],
    [Y(100_000_001), '人民币壹亿零壹元整'],
    [Y(100_000_010), '人民币壹亿零壹拾元整'],
    [Y(100_010_000), '人民币壹亿零壹万元整'],
    [Y(120_000_000), '人民币壹亿贰仟万元整'],
    [Y(102_000_000), '人民币壹亿零贰佰万元整'],
    [Y(1_000_000_000), '人民币壹拾亿元整'],
    [Y(1_000_010_000), '人民币壹拾亿零壹万元整'],
    [Y(1_000_000_000_000), '人民币壹万亿元整'],
    [Y(1_000_100_000_000), '人民币壹万零壹亿元整'],
    // 角 and 分.
    [5, '人民币伍分'],
    [50, '人民币伍角整'],
    [55, '人民币伍角伍分'],
    [105, '人民币壹元零伍分'],
    [130, '人民币壹元叁角整'],
    [1_050, '人民币壹拾元伍角整'], // the 元 digit is 0 before 角: no 零
    [1_234, '人民币壹拾贰元叁角肆分'],
    [1_640_902, '人民币壹万陆仟肆佰零玖元零贰分'], // 角 zero, 分 not: 零 is required
    [32_504, '人民币叁佰贰拾伍元零肆分'],
    [10_700_053, '人民币壹拾万柒仟元伍角叁分'],
    [Y(100_000_000) + 1, '人民币壹亿元零壹分'],
    [Number.MAX_SAFE_INTEGER, '人民币玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
  ])('%d fen → %s', (fen, text) => {
    expect(toChineseCapital(fen)).toBe(text);
    expect(readCapital(text)).toBe(fen);
  });

  it('leaves 整 off after 角 when asked, and never writes it after 分', () => {
    expect(toChineseCapital(1_050, { zhengAfterJiao: false })).toBe('人民币壹拾元伍角');
    expect(toChineseCapital(50, { zhengAfterJiao: false })).toBe('人民币伍角');
    expect(toChineseCapital(1_000, { zhengAfterJiao: false })).toBe('人民币壹拾元整');
    expect(toChineseCapital(1_055, { zhengAfterJiao: false })).toBe('人民币壹拾元伍角伍分');
  });

  it.each([-1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses %d', (fen) => {
    expect(() => toChineseCapital(fen)).toThrow(RangeError);
  });

  const amount = fc.oneof(
    fc.integer({ min: 0, max: 10 ** 12 }),
    // Sparse digits, where zeros and section boundaries are.
    fc.array(fc.constantFrom(0, 0, 0, 1, 5, 9), { minLength: 1, maxLength: 13 }).map((ds) => Number(ds.join(''))),
  );

  it('reads back to the same amount, so no two amounts share a text (property, up to 10^12 fen)', () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(readCapital(toChineseCapital(a))).toBe(a);
        if (a !== b) expect(toChineseCapital(a)).not.toBe(toChineseCapital(b));
      }),
    );
  });

  it('is well formed: one 零 at a time, never before a unit or at the end, 整 only without 分 (property)', () => {
    fc.assert(
      fc.property(amount, (fen) => {
        const text = toChineseCapital(fen);
        expect(text).toMatch(/^人民币[零壹贰叁肆伍陆柒捌玖拾佰仟万亿元角分整]+$/u);
        if (fen === 0) return;
        expect(text).not.toMatch(/零零|零[拾佰仟万亿元角分整]|[万亿]零?[万亿]|^人民币[零拾佰仟万亿]/u);
        expect(text.endsWith('整')).toBe(fen % 10 === 0);
        expect(text.includes('元')).toBe(fen >= 100 || fen === 0);
      }),
    );
  });
});
