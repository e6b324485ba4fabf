import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIERS } from '../../src/catalog/catalog-codes.ts';
import type { PriceList, SpecialServicePrice } from '../../src/catalog/price-list.ts';
import { priceQuote } from '../../src/quote/pricing.ts';
import type { ComputedQuote, QuoteInput, SpecialServiceOrder } from '../../src/quote/quote-types.ts';
import { fixed, service, share } from './price-fixtures.ts';

const SERVICES = ['db_migration', 'data_repair', 'upgrade_migration', 'onsite_support', 'dev_support_project'] as const;

/** Half-up for non-negative operands, by a different formula than the code's: floor((2an + d) / 2d). */
const halfUp = (a: number, n: number, d: number) => Number((2n * BigInt(a) * BigInt(n) + BigInt(d)) / (2n * BigInt(d)));

const fen = fc.integer({ min: 0, max: 100_000_000 }); // up to ¥1,000,000.00

const priceListArb: fc.Arbitrary<PriceList> = fc
  .record({
    tiers: fc.tuple(...TIERS.map((tier) => fc.oneof(fen.map((f) => fixed('on_premise', tier, f)), fc.integer({ min: 0, max: 10_000 }).map((bp) => share('on_premise', tier, bp))))),
    services: fc.tuple(
      ...SERVICES.map((code) =>
        fc.record({ unit: code === 'dev_support_project' ? fc.constant('person_day' as const) : fc.constantFrom('person_day' as const, 'item' as const), unitFen: fen, travel: fc.option(fen, { nil: null }) }),
      ),
    ),
    vat: fc.integer({ min: 0, max: 2000 }),
    salesLimit: fc.integer({ min: 0, max: 10_000 }),
    maximum: fc.integer({ min: 0, max: 10_000 }),
  })
  .map(({ tiers, services, vat, salesLimit, maximum }) => ({
    tiers,
    specialServices: services.map((s, i): SpecialServicePrice => service(SERVICES[i]!, s.unit, s.unitFen, { travelPerTripFen: s.travel })),
    vatBasisPoints: vat,
    vatSource: { sheet: '价格', cell: 'B20' },
    discount: { salesLimitBasisPoints: Math.min(salesLimit, maximum), maximumBasisPoints: Math.max(salesLimit, maximum), source: { sheet: '价格', cell: 'B21' } },
    sample: false,
  }));

/** A quote the price list can price: quantities fit each service's unit, trips only where travel is priced. */
function inputArb(prices: PriceList): fc.Arbitrary<QuoteInput> {
  const order = fc.integer({ min: 0, max: SERVICES.length - 1 }).chain((i) => {
    const price = prices.specialServices[i]!;
    return fc.record({
      service: fc.constant(price.service),
      quantity: price.unit === 'person_day' ? fc.integer({ min: 1, max: 2000 }).map((tenths) => tenths / 10) : fc.integer({ min: 1, max: 50 }),
      trips: price.travelPerTripFen === null ? fc.constant(undefined) : fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
    });
  });
  return fc.record({
    offering: fc.constant('on_premise' as const),
    tier: fc.constantFrom(...TIERS),
    termYears: fc.integer({ min: 1, max: 10 }),
    licenceFen: fc.integer({ min: 1, max: 10_000_000_000 }),
    specialServices: fc.array(order, { maxLength: 6 }) as fc.Arbitrary<SpecialServiceOrder[]>,
    discountBasisPoints: fc.integer({ min: 0, max: prices.discount.maximumBasisPoints }),
    includedCodeDiagnosis: fc.option(fc.record({ perYear: fc.integer({ min: 0, max: 6 }), personDaysEach: fc.integer({ min: 1, max: 40 }).map((t) => t / 10) }), { nil: null }),
    codeDiagnosisRequested: fc.option(fc.record({ uses: fc.integer({ min: 0, max: 12 }), personDaysEach: fc.constantFrom(1, 2.5, undefined) }), { nil: null }),
  }).map((input) => {
    // A tier without code diagnosis needs the request to say how large a use is.
    const requested = input.codeDiagnosisRequested;
    if (requested && !input.includedCodeDiagnosis && requested.personDaysEach === undefined) return { ...input, codeDiagnosisRequested: { ...requested, personDaysEach: 1.5 } };
    return input;
  });
}

const case_ = priceListArb.chain((prices) => inputArb(prices).map((input) => ({ prices, input })));

function priced(prices: PriceList, input: QuoteInput): ComputedQuote {
  const outcome = priceQuote(prices, input);
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.refusals)}`);
  return outcome.quote;
}

/** One quantity of the input made larger: a service's quantity or trips, the term, the licence, the uses. */
function grown(input: QuoteInput, prices: PriceList, pick: number, step: number): QuoteInput {
  const i = input.specialServices.length === 0 ? -1 : pick % input.specialServices.length;
  const services = input.specialServices.map((s, j) => {
    if (j !== i) return s;
    const perDay = prices.specialServices.find((p) => p.service === s.service)!.unit === 'person_day';
    if (step % 2 === 0 && s.trips !== undefined) return { ...s, trips: s.trips + 1 };
    return { ...s, quantity: perDay ? Math.round(s.quantity * 10 + step) / 10 : s.quantity + step };
  });
  switch (pick % 4) {
    case 0:
      return { ...input, specialServices: services };
    case 1:
      return { ...input, termYears: Math.min(10, input.termYears + 1) };
    case 2:
      return { ...input, licenceFen: (input.licenceFen ?? 0) + step * 997 };
    default:
      // Each use keeps its size; only a request that was absent gets one.
      return { ...input, codeDiagnosisRequested: input.codeDiagnosisRequested ? { ...input.codeDiagnosisRequested, uses: input.codeDiagnosisRequested.uses + 1 } : { uses: 1, personDaysEach: 1 } };
  }
}

describe('pricing properties (fast-check)', () => {
  it('every amount is a safe integer; lines round once; subtotal, discount, net, VAT and total add up', () => {
    fc.assert(
      fc.property(case_, ({ prices, input }) => {
        const q = priced(prices, input);
        for (const line of q.lines) {
          expect(line.amountFen).toBe(halfUp(line.unitFen, line.quantity.numerator, line.quantity.denominator));
          expect(Number.isSafeInteger(line.unitFen) && line.unitFen >= 0).toBe(true);
        }
        const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
        expect(q.subtotalFen).toBe(sum(q.lines.map((l) => l.amountFen)));
        expect(q.discountBaseFen).toBe(sum(q.lines.filter((l) => l.kind !== 'travel_allowance').map((l) => l.amountFen)));
        expect(q.discountFen).toBe(halfUp(q.discountBaseFen, input.discountBasisPoints, 10_000));
        expect(q.netFen).toBe(q.subtotalFen - q.discountFen);
        expect(q.vatFen).toBe(halfUp(q.netFen, prices.vatBasisPoints, 10_000));
        expect(q.totalFen).toBe(q.netFen + q.vatFen);
        for (const amount of [q.subtotalFen, q.discountBaseFen, q.discountFen, q.netFen, q.vatFen, q.totalFen]) {
          expect(Number.isSafeInteger(amount) && amount >= 0).toBe(true);
        }
        expect(q.discountFen).toBeLessThanOrEqual(q.discountBaseFen);
      }),
    );
  });

  it('no amount decreases when a quantity, the term, the licence or the uses increase', () => {
    fc.assert(
      fc.property(case_, fc.nat(), fc.integer({ min: 1, max: 25 }), ({ prices, input }, pick, step) => {
        const before = priced(prices, input);
        const after = priced(prices, grown(input, prices, pick, step));
        for (const key of ['subtotalFen', 'discountFen', 'netFen', 'vatFen', 'totalFen'] as const) {
          expect(after[key]).toBeGreaterThanOrEqual(before[key]);
        }
      }),
    );
  });

  it('a larger discount never raises the total', () => {
    fc.assert(
      fc.property(case_, fc.nat(), ({ prices, input }, extra) => {
        const more = Math.min(prices.discount.maximumBasisPoints, input.discountBasisPoints + (extra % 500));
        expect(priced(prices, { ...input, discountBasisPoints: more }).totalFen).toBeLessThanOrEqual(priced(prices, input).totalFen);
      }),
    );
  });
});
