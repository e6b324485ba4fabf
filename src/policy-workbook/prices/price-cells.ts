// The spellings people type into the 价格 sheet: amounts of money, percentages, pricing methods, units and
// setting names. Money becomes integer fen and rates basis points by moving the decimal point in the text,
// never by arithmetic on floating-point numbers, so ¥0.29 is 29 fen and not 28.999999999999996.
import { matchKey, normalizeCellText } from '../../workbook/cell-text.ts';

export type TextParse<T> = { ok: true; value: T } | { ok: false; problem: 'unreadable' | 'too_precise' | 'negative' | 'out_of_range' };

/** 10亿元: no single price is larger, and sums of lines × years stay far inside exact integers. */
export const MAX_FEN = 100_000_000_000;

// ¥ also stands for ￥ (NFKC folds it); − (U+2212) is not folded, so it is spelled out.
const MONEY = /^([-−])?(?:¥|rmb|人民币)?([-−])?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万)?元?$/u;
const ACCOUNTING_NEGATIVE = /^\((.*)\)$/u;

/** Digits and a decimal part as an integer in units of 10^-places; null when the part has more digits. */
function scaled(whole: string, fraction: string, places: number): number | null {
  if (fraction.length > places) return null;
  const digits = `${whole}${fraction.padEnd(places, '0')}`.replace(/^0+(?=\d)/u, '');
  // Past 16 digits Number() would round: anything that long is out of range anyway.
  return digits.length > 16 ? Infinity : Number(digits);
}

/** '¥30,000', '30000', '2500.50元', '3.8万', '￥ 1,234.5'; numeric cells arrive as their shortest decimal text. */
export function parseMoney(text: string): TextParse<number> {
  let t = normalizeCellText(text).replace(/\s+/gu, '').toLowerCase();
  const accounting = ACCOUNTING_NEGATIVE.exec(t);
  if (accounting) t = `-${accounting[1]}`;
  const m = MONEY.exec(t);
  if (!m || (m[1] && m[2])) return { ok: false, problem: 'unreadable' };
  // 万 moves the point four places further: 3.8万 is 38000 元.
  const fen = scaled(m[3]!.replaceAll(',', ''), m[4] ?? '', m[5] ? 6 : 2);
  if (fen === null) return { ok: false, problem: 'too_precise' };
  if ((m[1] || m[2]) && fen > 0) return { ok: false, problem: 'negative' };
  return fen > MAX_FEN ? { ok: false, problem: 'out_of_range' } : { ok: true, value: fen };
}

const RATE = /^([-−])?(\d+)(?:\.(\d+))?%$/u;

/**
 * '18%', '12.5%', '6 %'; a percentage-formatted numeric cell arrives as such text (workbook-grid.ts). A bare
 * number is refused: 0.18 and 18 would each be read as someone else meant it.
 */
export function parseRate(text: string): TextParse<number> {
  const m = RATE.exec(normalizeCellText(text).replace(/\s+/gu, ''));
  if (!m) return { ok: false, problem: 'unreadable' };
  const bp = scaled(m[2]!, m[3] ?? '', 2);
  if (bp === null) return { ok: false, problem: 'too_precise' };
  if (m[1] && bp > 0) return { ok: false, problem: 'negative' };
  return bp > 10_000 ? { ok: false, problem: 'out_of_range' } : { ok: true, value: bp };
}

export const MONEY_EXPECTED = {
  zh: '金额(元,最多两位小数,不超过 10 亿元),如“¥30,000”、“30000”、“2500.50”或“3.8万”',
  en: 'an amount in yuan (at most 2 decimals, at most 1,000,000,000), e.g. ¥30,000, 30000, 2500.50 or 3.8万',
};
export const RATE_EXPECTED = {
  zh: '0% 到 100% 之间的百分比(最多两位小数),如“18%”或“12.5%”,或设置为百分比格式的数字',
  en: 'a percentage from 0% to 100% (at most 2 decimals), e.g. 18% or 12.5%, or a number formatted as a percentage',
};

/** '¥18,000' or '¥2,500.50': parseMoney reads it back to the same fen. */
export function formatFen(fen: number): string {
  const yuan = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+$)/gu, ',');
  const cents = fen % 100;
  return `¥${yuan}${cents === 0 ? '' : `.${String(cents).padStart(2, '0')}`}`;
}

/** '18%' or '12.5%': parseRate reads it back to the same basis points. */
export function formatBasisPoints(bp: number): string {
  const fraction = String(bp % 100).padStart(2, '0').replace(/0+$/u, '');
  return `${Math.floor(bp / 100)}${fraction ? `.${fraction}` : ''}%`;
}

/** Whole-cell words, compared by matchKey. */
function vocabulary<T extends string>(words: Record<T, readonly string[]>): (text: string) => T | null {
  const byKey = new Map<string, T>();
  for (const [value, list] of Object.entries(words) as [T, readonly string[]][]) for (const w of list) byKey.set(matchKey(w), value);
  return (text) => byKey.get(matchKey(text)) ?? null;
}

export const PRICING_METHOD_WORDS = {
  fixed: ['元/年', '固定年费', '年费', '固定价格', '固定', 'fixed', 'fixed annual fee', 'annual fee', 'fixed fee', 'yearly fee', 'per year', 'yuan/year', '¥/year'],
  licence_share: [
    ...['许可费比例', '按许可费比例', '许可费百分比', '软件许可费比例', 'licence share', 'license share'],
    ...['share of licence fee', 'share of license fee', 'licence fee share', 'license fee share', 'percentage of licence fee', 'percentage of license fee'],
    ...['% of licence fee', '% of license fee', 'share of licence', 'share of license'],
  ],
} as const;
export const parsePricingMethod = vocabulary(PRICING_METHOD_WORDS);
export const METHOD_EXPECTED = {
  zh: '“元/年”或“Fixed annual fee”(固定年费),或“许可费比例”或“Share of licence fee”(软件许可费的百分比)',
  en: 'Fixed annual fee or 元/年 (a fixed annual fee), or Share of licence fee or 许可费比例 (a share of the software licence amount)',
};

export const PRICE_UNIT_WORDS = {
  person_day: ['人天', '人日', '人/天', '每人天', 'person-day', 'person day', 'person-days', 'person days', 'per person-day', 'per person day', 'man-day', 'man-days', 'per man-day'],
  item: ['项', '每项', '按项', 'item', 'items', 'per item', 'each'],
} as const;
export const parsePriceUnit = vocabulary(PRICE_UNIT_WORDS);
export const UNIT_EXPECTED = {
  zh: '“人天”或“Per person-day”(按人天计价),或“项”或“Per item”(按项计价)',
  en: 'Per person-day or 人天 (priced by the person-day), or Per item or 项 (priced by the item)',
};

export type PriceSetting = 'vat' | 'sales_discount_limit' | 'discount_maximum';

export const PRICE_SETTING_WORDS: Record<PriceSetting, readonly string[]> = {
  vat: ['增值税率', '增值税', '增值税税率', '税率', 'VAT', 'VAT rate'],
  sales_discount_limit: ['销售自主折扣上限', '销售折扣上限', '自主折扣上限', '销售自主折扣', 'sales discount limit'],
  discount_maximum: ['折扣上限', '最大折扣', '最高折扣', '审批折扣上限', 'maximum discount'],
};
export const parsePriceSetting = vocabulary(PRICE_SETTING_WORDS);
export const SETTING_NAMES: Record<PriceSetting, { zh: string; en: string }> = {
  vat: { zh: '增值税率', en: 'VAT rate' },
  sales_discount_limit: { zh: '销售自主折扣上限', en: 'the discount sales may give alone' },
  discount_maximum: { zh: '折扣上限', en: 'the largest discount' },
};
