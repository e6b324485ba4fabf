// Money is an integer number of fen (分). A JS number holds every fen amount up to ¥90 trillion exactly, so
// amounts stay plain numbers for JSON, knex and templates; products of amounts and rates are taken in BigInt,
// where an intermediate result may pass 2^53, and only a safe-integer result comes back.

/** An amount of money that does not fit a safe integer: a quote that large is refused rather than rounded. */
export class MoneyRangeError extends RangeError {
  override name = 'MoneyRangeError';
}

export type ParsedYuan = { ok: true; fen: number } | { ok: false; message: string };

// Full-width digits, comma, full stop and minus, as an IME types them.
const FULL_WIDTH = /[０-９，．－]/gu;
const foldFullWidth = (text: string) => text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

// sign, currency mark, integer part (plain, or grouped by thousands), fraction, 万, 元.
const YUAN = /^(-)?[¥￥]?(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?(万)?元?$/u;

/**
 * Reads an amount of yuan as written on a form or a sheet: '12,345.67', '¥12345', '12345.6', '1.2万', '100元'.
 * Exact: an amount with more places than a fen holds is an error, never rounded, because a silently rounded
 * licence amount would change a quote's price without anyone seeing it.
 */
export function parseYuan(text: string): ParsedYuan {
  // Stryker disable next-line MethodExpression,Regex: the replace removes every whitespace character, so trim() and matching runs (+) change nothing.
  const t = foldFullWidth(text.trim()).replace(/\s+/gu, '');
  if (t === '') return { ok: false, message: '请填写金额 / an amount is required' };
  const m = YUAN.exec(t);
  if (!m?.[2]) {
    return { ok: false, message: `无法识别的金额“${text}”，请写成 12,345.67 / not an amount: “${text}” (write e.g. 12,345.67)` };
  }
  const wan = m[4] !== undefined;
  // A 万 holds 10^6 fen, so 1.234567万 is still a whole number of fen; plain yuan have two places.
  const places = wan ? 6 : 2;
  const fraction = m[3] ?? '';
  if (fraction.length > places) {
    return {
      ok: false,
      message: wan
        ? `“${text}”的小数位过多：以万为单位最多六位小数 / “${text}” has too many decimal places: at most six with 万`
        : `“${text}”的小数位过多：金额最多两位小数（到分） / “${text}” has too many decimal places: at most two (fen)`,
    };
  }
  const digits = m[2].replace(/,/gu, '') + fraction.padEnd(places, '0');
  const fen = BigInt(digits);
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, message: `金额“${text}”过大 / the amount “${text}” is too large` };
  }
  const n = Number(fen);
  // -0 is not an amount anyone means.
  return { ok: true, fen: m[1] && n !== 0 ? -n : n };
}

/** parseYuan, throwing a RangeError with the same bilingual message when the text is not an amount. */
export function yuanToFen(text: string): number {
  const parsed = parseYuan(text);
  if (!parsed.ok) throw new RangeError(parsed.message);
  return parsed.fen;
}

function checkedNumber(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new MoneyRangeError(`${what} does not fit a safe integer of fen: ${value}`);
  }
  return Number(value);
}

function requireInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a safe integer, got ${value}`);
}

/**
 * fen × numerator / denominator, rounded once to a whole fen, half away from zero: x.5 fen becomes x+1 for a
 * positive product and −(x+1) for a negative one, so a negated amount rounds to the negated rounding.
 * Quote amounts are never negative (a discount is a positive amount that is subtracted), so in practice this
 * is the half-up rounding of the price list. Rates are basis points (numerator bp, denominator 10 000);
 * quantities in tenths are (tenths, 10).
 */
export function multiplyRoundHalfUp(fen: number, numerator: number, denominator: number): number {
  requireInteger(fen, 'fen');
  requireInteger(numerator, 'numerator');
  requireInteger(denominator, 'denominator');
  if (denominator <= 0) throw new RangeError(`denominator must be positive, got ${denominator}`);
  const product = BigInt(fen) * BigInt(numerator);
  // Stryker disable next-line EqualityOperator: at 0n both branches give 0n (BigInt has no −0).
  const magnitude = product < 0n ? -product : product;
  const d = BigInt(denominator);
  let q = magnitude / d;
  if ((magnitude % d) * 2n >= d) q += 1n;
  // Stryker disable next-line ConditionalExpression: a shortcut; without it 0n becomes Number(0n), 0 and never −0, since BigInt has no −0.
  if (q === 0n) return 0;
  // Stryker disable next-line EqualityOperator: a zero product has returned above, and −0n is 0n anyway.
  return checkedNumber(product < 0n ? -q : q, 'the product');
}

/** The sum of amounts, refusing (MoneyRangeError) rather than losing a fen past 2^53. */
export function sumFen(amounts: readonly number[]): number {
  let total = 0n;
  for (const a of amounts) {
    requireInteger(a, 'an amount');
    total += BigInt(a);
  }
  return checkedNumber(total, 'the sum');
}

const groupThousands = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/gu, ',');

/**
 * '¥12,345.00'; a negative amount is '-¥1,234.50'. Written out by hand rather than with Intl so that the text
 * is the same whatever locale the server or the browser runs in. `symbol: false` gives '12,345.00'.
 */
export function formatYuan(fen: number, options: { symbol?: boolean } = {}): string {
  requireInteger(fen, 'fen');
  const magnitude = Math.abs(fen);
  const yuan = groupThousands(String(Math.floor(magnitude / 100)));
  const cents = String(magnitude % 100).padStart(2, '0');
  return `${fen < 0 ? '-' : ''}${options.symbol === false ? '' : '¥'}${yuan}.${cents}`;
}

/** Basis points as a percentage without trailing zeros: 1800 → '18%', 1850 → '18.5%', 625 → '6.25%'. */
export function formatBasisPoints(basisPoints: number): string {
  requireInteger(basisPoints, 'basis points');
  const magnitude = Math.abs(basisPoints);
  const fraction = String(magnitude % 100).padStart(2, '0').replace(/0+$/u, '');
  return `${basisPoints < 0 ? '-' : ''}${Math.floor(magnitude / 100)}${fraction ? `.${fraction}` : ''}%`;
}
