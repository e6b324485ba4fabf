// A quote's lines and totals from a price list, exact to the fen. Each line rounds once (half-up), then the
// totals: subtotal, discount on it, the amount before tax, VAT on that, and the total with tax. What may be
// sold at all (on-premise-only services on a cloud quote) is the rules engine's question, not this module's.
import { OFFERING_NAMES, TIER_NAMES } from '../catalog/catalog-names.ts';
import type { PriceList, SpecialServicePrice, TierPrice } from '../catalog/price-list.ts';
import { toChineseCapital } from './capital-numerals.ts';
import { codeDiagnosisLines } from './code-diagnosis.ts';
import { formatBasisPoints, formatYuan, MoneyRangeError, multiplyRoundHalfUp, sumFen } from './money.ts';
import { findServicePrice, findTierPrice, specialServiceName } from './price-lookup.ts';
import { decimalQuantity, quantityOf, type Quantity } from './quantity.ts';
import { refusalCollector, type Refuse } from './quote-refusals.ts';
import type { ComputedQuote, QuoteInput, QuoteLine, QuoteOutcome, SpecialServiceOrder } from './quote-types.ts';

export const MAX_TERM_YEARS = 10;
/** Person-days or items on one line; far beyond any real quote, and small enough that amounts stay exact. */
export const MAX_QUANTITY = 100_000;
export const MAX_TRIPS = 10_000;
const BASIS = 10_000;

const lineAmount = (unitFen: number, q: Quantity) => multiplyRoundHalfUp(unitFen, q.numerator, q.denominator);

function tierLine(price: TierPrice, input: QuoteInput, years: number, refuse: Refuse): QuoteLine | null {
  const quantity = quantityOf(years);
  const base = {
    kind: 'tier_fee' as const,
    code: input.tier,
    name: `${OFFERING_NAMES[input.offering].product.zh} ${TIER_NAMES[input.tier].zh}`,
    unit: '年' as const,
    quantity,
    discountable: true,
    source: price.source,
  };
  if (price.method === 'fixed') return { ...base, unitFen: price.annualFen, amountFen: lineAmount(price.annualFen, quantity) };

  const licence = input.licenceFen;
  if (licence === undefined || licence === null || licence === 0) {
    refuse('LICENCE_REQUIRED', 'licenceFen', `${TIER_NAMES[input.tier].zh}按软件许可费比例计价，请填写许可费金额`, 'this tier is priced as a share of the software licence: the licence amount is required');
    return null;
  }
  if (!Number.isSafeInteger(licence) || licence < 0) {
    refuse('INVALID_LICENCE', 'licenceFen', '许可费金额应为正数，最多两位小数', 'the licence amount must be a positive amount of yuan and fen');
    return null;
  }
  // The annual fee rounds once, so the line reads exactly as unit price × years.
  const annual = multiplyRoundHalfUp(licence, price.basisPoints, BASIS);
  return { ...base, unitFen: annual, amountFen: lineAmount(annual, quantity), note: `许可费 ${formatYuan(licence)} × ${formatBasisPoints(price.basisPoints)}` };
}

function orderQuantity(order: SpecialServiceOrder, price: SpecialServicePrice, field: string, refuse: Refuse): Quantity | null {
  const perDay = price.unit === 'person_day';
  const q = decimalQuantity(order.quantity, perDay ? 1 : 0);
  if (q && q.numerator > 0 && q.numerator <= MAX_QUANTITY * q.denominator) return q;
  const name = specialServiceName(order.service);
  if (perDay) refuse('INVALID_QUANTITY', field, `“${name}”的人天数应大于 0，最多一位小数`, `person-days for ${order.service} must be above 0 with at most one decimal place`);
  else refuse('INVALID_QUANTITY', field, `“${name}”的数量应为正整数`, `the quantity of ${order.service} must be a whole number above 0`);
  return null;
}

function serviceLines(priceList: PriceList, input: QuoteInput, refuse: Refuse): QuoteLine[] {
  const lines: QuoteLine[] = [];
  input.specialServices.forEach((order, i) => {
    const at = `specialServices[${i}]`;
    const name = specialServiceName(order.service);
    const price = findServicePrice(priceList, order.service, input.offering);
    if (!price) {
      refuse('NO_PRICE', `${at}.service`, `价格表中没有“${name}”在${OFFERING_NAMES[input.offering].product.zh}的价格`, `the price list has no price for ${order.service} on ${input.offering}`);
      return;
    }
    const quantity = orderQuantity(order, price, `${at}.quantity`, refuse);
    const trips = order.trips ?? 0;
    if (!Number.isInteger(trips) || trips < 0 || trips > MAX_TRIPS) {
      refuse('INVALID_QUANTITY', `${at}.trips`, `差旅次数应为 0–${MAX_TRIPS} 的整数`, `trips must be a whole number from 0 to ${MAX_TRIPS}`);
      return;
    }
    if (trips > 0 && price.travelPerTripFen === null) {
      refuse('NO_PRICE', `${at}.trips`, `价格表中没有“${name}”的差旅补贴`, `the price list has no travel allowance for ${order.service}`);
      return;
    }
    if (!quantity) return;
    lines.push({
      kind: 'special_service',
      code: order.service,
      name,
      unit: price.unit === 'person_day' ? '人天' : '项',
      quantity,
      unitFen: price.unitFen,
      amountFen: lineAmount(price.unitFen, quantity),
      discountable: true,
      source: price.source,
    });
    if (trips > 0 && price.travelPerTripFen !== null) {
      const count = quantityOf(trips);
      lines.push({
        kind: 'travel_allowance',
        code: order.service,
        name: '差旅补贴',
        unit: '次',
        quantity: count,
        unitFen: price.travelPerTripFen,
        amountFen: lineAmount(price.travelPerTripFen, count),
        // A fixed allowance per trip covers travel costs; discounting it would discount costs, not services.
        discountable: false,
        note: `${name}，按次计，不参与折扣`,
        source: price.source,
      });
    }
  });
  return lines;
}

function checkTermAndDiscount(input: QuoteInput, refuse: Refuse): void {
  const years = input.termYears;
  if (!Number.isInteger(years) || years < 1 || years > MAX_TERM_YEARS) {
    refuse('INVALID_TERM', 'termYears', `服务期限应为 1–${MAX_TERM_YEARS} 的整数年`, `the term must be a whole number of years from 1 to ${MAX_TERM_YEARS}`);
  }
  const bp = input.discountBasisPoints;
  if (!Number.isInteger(bp) || bp < 0 || bp > BASIS) {
    refuse('INVALID_DISCOUNT', 'discountBasisPoints', '折扣应在 0%–100% 之间，最多两位小数', 'the discount must be from 0% to 100%, to two decimal places');
  }
  // How far a discount may go, and who must approve it, is the sales rules' decision (src/quote/quote-rules.ts).
}

function totals(priceList: PriceList, input: QuoteInput, lines: QuoteLine[]): ComputedQuote {
  const subtotalFen = sumFen(lines.map((l) => l.amountFen));
  const discountBaseFen = sumFen(lines.filter((l) => l.discountable).map((l) => l.amountFen));
  const discountFen = multiplyRoundHalfUp(discountBaseFen, input.discountBasisPoints, BASIS);
  const netFen = subtotalFen - discountFen;
  const vatFen = multiplyRoundHalfUp(netFen, priceList.vatBasisPoints, BASIS);
  const totalFen = sumFen([netFen, vatFen]);
  return {
    offering: input.offering,
    tier: input.tier,
    termYears: input.termYears,
    lines,
    subtotalFen,
    discountBasisPoints: input.discountBasisPoints,
    discountBaseFen,
    discountFen,
    netFen,
    vatBasisPoints: priceList.vatBasisPoints,
    vatFen,
    totalFen,
    totalCapital: toChineseCapital(totalFen),
    sample: priceList.sample,
  };
}

/**
 * The computed quote, or every reason it cannot be priced. Lines come in the order the document prints them:
 * the tier fee, code diagnosis within and beyond the quota, then special services, each followed by its
 * travel allowance.
 */
export function priceQuote(priceList: PriceList, input: QuoteInput): QuoteOutcome {
  const { refusals, refuse } = refusalCollector();
  try {
    checkTermAndDiscount(input, refuse);
    // An invalid term still lets the other fields be checked; 1 year stands in, and the quote is refused anyway.
    const years = refusals.some((r) => r.code === 'INVALID_TERM') ? 1 : input.termYears;
    const lines: QuoteLine[] = [];
    const tierPrice = findTierPrice(priceList, input.offering, input.tier);
    if (!tierPrice) {
      refuse('NO_PRICE', 'tier', `价格表中没有${OFFERING_NAMES[input.offering].product.zh}${TIER_NAMES[input.tier].zh}的年费`, `the price list has no annual fee for ${input.tier} on ${input.offering}`);
    } else {
      const line = tierLine(tierPrice, input, years, refuse);
      if (line) lines.push(line);
    }
    lines.push(...codeDiagnosisLines(priceList, input, years, refuse));
    lines.push(...serviceLines(priceList, input, refuse));
    if (refusals.length > 0) return { ok: false, refusals };
    return { ok: true, quote: totals(priceList, input, lines) };
  } catch (error) {
    if (!(error instanceof MoneyRangeError)) throw error;
    refuse('AMOUNT_TOO_LARGE', 'quote', '金额过大，无法精确计算', 'the amounts are too large to compute exactly');
    return { ok: false, refusals };
  }
}
