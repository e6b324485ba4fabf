// Quantities on a quote line are exact fractions: 2.5 person-days is 5/2, and 3 uses × 1.5 person-days × 2
// years stays 9 rather than 8.999999999999998. A line's amount is unit price × numerator / denominator,
// rounded once.

export interface Quantity {
  /** Lowest terms; denominator > 0. */
  numerator: number;
  denominator: number;
  /** As the quote shows it: '3', '2.5', '0.25'. */
  display: string;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** A decimal string for n/d when d divides a power of ten (every quantity made from decimals does), else 'n/d'. */
function displayOf(numerator: number, denominator: number): string {
  let scale = 1n;
  for (let places = 0; places <= 15; places++, scale *= 10n) {
    if (scale % BigInt(denominator) !== 0n) continue;
    const scaled = (BigInt(numerator) * scale) / BigInt(denominator);
    const negative = scaled < 0n;
    const digits = String(negative ? -scaled : scaled).padStart(places + 1, '0');
    const whole = digits.slice(0, digits.length - places);
    const fraction = digits.slice(digits.length - places);
    return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
  }
  return `${numerator}/${denominator}`;
}

export function quantityOf(numerator: number, denominator = 1): Quantity {
  if (!Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator) || denominator <= 0) {
    throw new RangeError(`not a quantity: ${numerator}/${denominator}`);
  }
  const g = gcd(numerator, denominator) || 1;
  const n = numerator / g;
  const d = denominator / g;
  return { numerator: n, denominator: d, display: displayOf(n, d) };
}

/**
 * The exact value of a non-negative decimal with at most `maxPlaces` places, or null. A number is read through
 * its shortest decimal text, so 2.3 is 23/10 even though the double it holds is not.
 */
export function decimalQuantity(value: number | string, maxPlaces: number): Quantity | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = /^(\d+)(?:\.(\d+))?$/u.exec(text);
  if (!m?.[1]) return null;
  const fraction = m[2] ?? '';
  if (fraction.length > maxPlaces) return null;
  const numerator = Number(m[1] + fraction);
  if (!Number.isSafeInteger(numerator)) return null;
  return quantityOf(numerator, 10 ** fraction.length);
}

/** a × b, exactly; throws RangeError when the result does not fit safe integers. */
export function multiplyQuantities(a: Quantity, b: Quantity): Quantity {
  const n = BigInt(a.numerator) * BigInt(b.numerator);
  const d = BigInt(a.denominator) * BigInt(b.denominator);
  let x = n < 0n ? -n : n;
  let y = d;
  while (y !== 0n) [x, y] = [y, x % y];
  const g = x === 0n ? 1n : x;
  return quantityOf(checked(n / g), checked(d / g));
}

function checked(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`quantity out of range: ${value}`);
  }
  return Number(value);
}
