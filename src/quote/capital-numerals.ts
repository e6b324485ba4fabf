// The amount in Chinese capital numerals (大写金额), as 《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》
// has banks and finance departments write it, so that a figure on a signed quote cannot be altered:
//  - 人民币 first, then 壹贰叁肆伍陆柒捌玖 with 拾佰仟万亿, always 壹拾 (never a bare 拾);
//  - one 零 for a gap of zeros inside the number (壹万零伍元, 壹仟零壹拾元, 壹亿零壹万元);
//  - no 零 where the rule makes it optional: a 万 group that starts with a digit (壹拾万柒仟元) and a zero 元
//    digit before 角 (壹拾元伍角); but 零 when 角 is zero and 分 is not (壹元零伍分), where the rule requires it;
//  - 整 after 元; after 角 the rule allows either, and we write 整 (伍角整) because it closes the amount
//    as 整 after 元 does; never after 分;
//  - a zero 元 part is left out when there are 角 or 分 (人民币伍分), and a zero amount is 人民币零元整.

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const;
const GROUP_UNITS = ['仟', '佰', '拾', ''] as const;

// Stryker disable next-line StringLiteral: the fallback is never reached (d is a digit, 0–9); it only satisfies noUncheckedIndexedAccess.
const digit = (d: number) => DIGITS[d] ?? '';

/** 1–9999, with one 零 for any run of zeros between non-zero digits and none at the end. */
function group(n: number): string {
  const digits = String(n).padStart(4, '0');
  let out = '';
  let gap = false;
  for (let i = 0; i < 4; i++) {
    const d = Number(digits[i]);
    if (d === 0) {
      gap = out !== '';
      continue;
    }
    out += `${gap ? '零' : ''}${digit(d)}${GROUP_UNITS[i]}`;
    gap = false;
  }
  return out;
}

/**
 * A positive whole number of yuan. Above 亿 the count of 亿 is itself read with 万 (壹万零壹亿), the way
 * Chinese reads large numbers, rather than stacking units (万亿 is only ever 壹万亿 with nothing between).
 * The lower part gets a 零 when it does not reach the unit just below (壹亿零壹万 but 壹拾万柒仟).
 */
function whole(n: number): string {
  for (const [size, unit] of [
    [100_000_000, '亿'],
    [10_000, '万'],
  ] as const) {
    if (n < size) continue;
    const high = Math.floor(n / size);
    const low = n % size;
    if (low === 0) return `${whole(high)}${unit}`;
    return `${whole(high)}${unit}${low < size / 10 ? '零' : ''}${whole(low)}`;
  }
  return group(n);
}

export interface CapitalOptions {
  /** Write 整 after 角 when there are no 分 (壹拾元伍角整); the default. false gives 壹拾元伍角. */
  zhengAfterJiao?: boolean;
}

/** 1234500 → '人民币壹万贰仟叁佰肆拾伍元整'; 105 → '人民币壹元零伍分'; 1050 → '人民币壹拾元伍角整'. */
export function toChineseCapital(fen: number, options: CapitalOptions = {}): string {
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new RangeError(`capital numerals are for a whole, non-negative number of fen, got ${fen}`);
  }
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (fen === 0) return '人民币零元整';

  let out = '人民币';
  if (yuan > 0) out += `${whole(yuan)}元`;
  if (jiao === 0 && fenDigit === 0) return `${out}整`;
  if (jiao > 0) out += `${digit(jiao)}角`;
  else if (yuan > 0) out += '零';
  if (fenDigit > 0) return `${out}${digit(fenDigit)}分`;
  return options.zhengAfterJiao === false ? out : `${out}整`;
}
