// A hand-made price list for pricing tests: every pricing method, round numbers where a test reads them off,
// and gaps (cluster_ha, travel on data_repair) where a test needs a missing price.
import type { Offering, Tier } from '../../src/catalog/catalog-codes.ts';
import type { PriceList, SpecialServicePrice, TierPrice } from '../../src/catalog/price-list.ts';
import type { QuoteInput } from '../../src/quote/quote-types.ts';

let row = 2;
const at = () => ({ sheet: '价格', cell: `C${row++}` });

export const fixed = (offering: Offering, tier: Tier, annualFen: number): TierPrice => ({ offering, tier, method: 'fixed', annualFen, source: at() });
export const share = (offering: Offering, tier: Tier, basisPoints: number): TierPrice => ({ offering, tier, method: 'licence_share', basisPoints, source: at() });

export function service(service: string, unit: 'person_day' | 'item', unitFen: number, extra: Partial<SpecialServicePrice> = {}): SpecialServicePrice {
  return { service, offering: null, unit, unitFen, travelPerTripFen: null, source: at(), ...extra };
}

/** Sales may give 10% alone, a manager up to 30%; VAT 6%. */
export function priceList(overrides: Partial<PriceList> = {}): PriceList {
  return {
    tiers: [
      fixed('cloud', 'basic', 3_000_000), // ¥30,000.00
      fixed('cloud', 'preferred', 6_000_000),
      share('cloud', 'premium', 1800), // 18%
      fixed('on_premise', 'basic', 2_000_000),
      share('on_premise', 'preferred', 1850), // 18.5%
      fixed('on_premise', 'premium', 12_000_000), // ¥120,000.00
    ],
    specialServices: [
      service('db_migration', 'person_day', 300_000, { offering: 'on_premise' }),
      service('data_repair', 'person_day', 250_000),
      service('upgrade_migration', 'item', 800_000),
      service('onsite_support', 'person_day', 200_000, { travelPerTripFen: 80_000 }),
      service('dev_support_project', 'person_day', 240_000),
      // The offering's own price wins over the price for both.
      service('business_adjustment', 'person_day', 220_000),
      service('business_adjustment', 'person_day', 260_000, { offering: 'cloud' }),
      service('data_optimization', 'person_day', 12_345), // ¥123.45: × 2.5 lands on half a fen
    ],
    vatBasisPoints: 600,
    vatSource: { sheet: '价格', cell: 'B20' },
    discount: { salesLimitBasisPoints: 1000, maximumBasisPoints: 3000, source: { sheet: '价格', cell: 'B21' } },
    sample: true,
    ...overrides,
  };
}

export function input(overrides: Partial<QuoteInput> = {}): QuoteInput {
  return {
    offering: 'on_premise',
    tier: 'premium',
    termYears: 1,
    specialServices: [],
    discountBasisPoints: 0,
    includedCodeDiagnosis: null,
    ...overrides,
  };
}
