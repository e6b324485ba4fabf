import { describe, expect, it } from 'vitest';
import { priceQuote } from '../../src/quote/pricing.ts';
import type { ComputedQuote, QuoteInput, QuoteRefusalCode } from '../../src/quote/quote-types.ts';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { fixed, input, priceList, service, share } from './price-fixtures.ts';

function quote(overrides: Partial<QuoteInput> = {}, prices: PriceList = priceList()): ComputedQuote {
  const outcome = priceQuote(prices, input(overrides));
  if (!outcome.ok) throw new Error(`refused: ${JSON.stringify(outcome.refusals)}`);
  return outcome.quote;
}

function refusals(overrides: Partial<QuoteInput> = {}, prices: PriceList = priceList()): [QuoteRefusalCode, string][] {
  const outcome = priceQuote(prices, input(overrides));
  if (outcome.ok) throw new Error('expected a refusal');
  return outcome.refusals.map((r) => [r.code, r.field]);
}

const onlyFixedTier = (annualFen: number, extra: Partial<PriceList> = {}) => priceList({ tiers: [fixed('on_premise', 'premium', annualFen)], ...extra });

describe('pricing methods', () => {
  it('fixed annual fee: 尊享 on premise with 10 person-days of db_migration', () => {
    const q = quote({ specialServices: [{ service: 'db_migration', quantity: 10 }] });
    expect(q.lines.map((l) => [l.kind, l.code, l.name, l.unit, l.quantity.display, l.unitFen, l.amountFen])).toEqual([
      ['tier_fee', 'premium', '金蝶云星空(On Premise) 尊享服务', '年', '1', 12_000_000, 12_000_000],
      ['special_service', 'db_migration', '数据库迁移', '人天', '10', 300_000, 3_000_000],
    ]);
    expect(q.lines[0]!.source).toEqual({ sheet: '价格', cell: expect.stringMatching(/^C\d+$/u) as string });
    // ¥150,000.00 + 6% = ¥159,000.00
    expect([q.subtotalFen, q.discountFen, q.netFen, q.vatFen, q.totalFen]).toEqual([15_000_000, 0, 15_000_000, 900_000, 15_900_000]);
    expect(q.totalCapital).toBe('人民币壹拾伍万玖仟元整');
    expect(q.sample).toBe(true);
  });

  it('licence share: the annual fee is the licence × rate, rounded half-up once, then × years', () => {
    // ¥1,000,001.00 × 18.5% = ¥185,000.185 → 18,500,018.5 fen → 18,500,019 fen a year.
    const q = quote({ tier: 'preferred', termYears: 3, licenceFen: 100_000_100 });
    const line = q.lines[0]!;
    expect([line.unit, line.quantity.display, line.unitFen, line.amountFen]).toEqual(['年', '3', 18_500_019, 55_500_057]);
    expect(line.note).toBe('许可费 ¥1,000,001.00 × 18.5%');
  });

  it('licence share at a whole rate shows the rate plainly', () => {
    const q = quote({ offering: 'cloud', tier: 'premium', licenceFen: 100_000_000 });
    expect(q.lines[0]!.note).toBe('许可费 ¥1,000,000.00 × 18%');
    expect(q.lines[0]!.amountFen).toBe(18_000_000);
  });

  it('the licence amount is ignored for a fixed-fee tier', () => {
    expect(quote({ licenceFen: -5 }).subtotalFen).toBe(12_000_000);
  });

  it('person-days with one decimal place; the line rounds half-up once', () => {
    // ¥123.45 × 2.5 = ¥308.625 → 30,862.5 fen → 30,863 fen.
    const line = quote({ specialServices: [{ service: 'data_optimization', quantity: 2.5 }] }).lines[1]!;
    expect([line.unit, line.quantity, line.amountFen]).toEqual(['人天', { numerator: 5, denominator: 2, display: '2.5' }, 30_863]);
  });

  it('per item', () => {
    const line = quote({ specialServices: [{ service: 'upgrade_migration', quantity: 2 }] }).lines[1]!;
    expect([line.code, line.name, line.unit, line.quantity.display, line.unitFen, line.amountFen]).toEqual(['upgrade_migration', '升级迁移', '项', '2', 800_000, 1_600_000]);
  });

  it('onsite_support adds a travel allowance line per trip, which the discount does not touch', () => {
    const q = quote({ specialServices: [{ service: 'onsite_support', quantity: 3, trips: 2 }], discountBasisPoints: 1000 });
    expect(q.lines.slice(1).map((l) => [l.kind, l.name, l.unit, l.quantity.display, l.unitFen, l.amountFen, l.discountable])).toEqual([
      ['special_service', '现场支持(机构提供)', '人天', '3', 200_000, 600_000, true],
      ['travel_allowance', '差旅补贴', '次', '2', 80_000, 160_000, false],
    ]);
    expect(q.subtotalFen).toBe(12_760_000);
    expect(q.discountBaseFen).toBe(12_600_000);
    expect(q.discountFen).toBe(1_260_000);
    expect(q.netFen).toBe(11_500_000);
    expect(q.vatFen).toBe(690_000);
    expect(q.totalFen).toBe(12_190_000);
  });

  it('no trips, no travel line', () => {
    expect(quote({ specialServices: [{ service: 'onsite_support', quantity: 1, trips: 0 }] }).lines.map((l) => l.kind)).toEqual(['tier_fee', 'special_service']);
  });

  it('an offering’s own service price wins over the price for both offerings', () => {
    const order = { specialServices: [{ service: 'business_adjustment', quantity: 1 }] };
    expect(quote({ ...order, offering: 'cloud', tier: 'basic' }).lines[1]!.unitFen).toBe(260_000);
    expect(quote(order).lines[1]!.unitFen).toBe(220_000);
  });

  it('multi-year terms multiply the tier fee, not the special services', () => {
    const q = quote({ termYears: 3, specialServices: [{ service: 'data_repair', quantity: 1 }] });
    expect(q.lines.map((l) => [l.quantity.display, l.amountFen])).toEqual([
      ['3', 36_000_000],
      ['1', 250_000],
    ]);
    expect(quote({ termYears: 10 }).subtotalFen).toBe(120_000_000);
  });
});

describe('discounts', () => {
  // ¥120,000.00 a year. Who may give how much is the sales rules' decision (test/quote/quote-rules.test.ts,
  // test/http/quotes.test.ts); pricing prices any discount from 0% to 100% exactly.
  it.each([
    [0, 0],
    [1, 1_200],
    [1000, 1_200_000], // at the sample's sales limit
    [1001, 1_201_200], // one basis point over it
    [3000, 3_600_000], // at the sample's maximum
    [3001, 3_601_200], // one over: priced, then refused by the rules
    [10_000, 12_000_000],
  ])('%d bp → discount %d fen', (bp, discountFen) => {
    const q = quote({ discountBasisPoints: bp });
    expect(q.discountFen).toBe(discountFen);
    expect(q.netFen).toBe(12_000_000 - discountFen);
  });

  it.each([-1, 10_001, 10.5, Number.NaN])('%d bp is not a discount', (bp) => {
    expect(refusals({ discountBasisPoints: bp })).toEqual([['INVALID_DISCOUNT', 'discountBasisPoints']]);
  });

  it('rounds the discount half-up', () => {
    // 1,000,025 fen × 10% = 100,002.5 → 100,003.
    const q = quote({ discountBasisPoints: 1000 }, onlyFixedTier(1_000_025));
    expect(q.discountFen).toBe(100_003);
    expect(q.netFen).toBe(900_022);
  });
});

describe('VAT', () => {
  it.each([
    [1_000_025, 60_002], // 60,001.5 → up
    [1_000_075, 60_005], // 60,004.5 → up, not to even
    [1_000_024, 60_001], // 60,001.44
    [1_000_026, 60_002], // 60,001.56
    [25, 2], // 1.5
    [8, 0], // 0.48
    [0, 0],
  ])('net %d fen → VAT %d fen (6%%, half-up)', (net, vat) => {
    const q = quote({}, onlyFixedTier(net));
    expect(q.netFen).toBe(net);
    expect(q.vatFen).toBe(vat);
    expect(q.totalFen).toBe(net + vat);
  });

  it('uses the price list’s rate', () => {
    expect(quote({}, onlyFixedTier(1_000_000, { vatBasisPoints: 1300 })).vatFen).toBe(130_000);
    expect(quote({}, onlyFixedTier(1_000_000, { vatBasisPoints: 0 })).vatFen).toBe(0);
  });
});

describe('code diagnosis', () => {
  const preferred = { offering: 'on_premise' as const, tier: 'preferred' as const, licenceFen: 100_000_000, includedCodeDiagnosis: { perYear: 2, personDaysEach: 2 } };

  it('uses beyond the quota are dev_support_project person-days, the rest a free line', () => {
    const q = quote({ ...preferred, termYears: 3, codeDiagnosisRequested: { uses: 5 } });
    const [included, extra] = q.lines.slice(1);
    expect([included!.kind, included!.code, included!.unit, included!.quantity.display, included!.unitFen, included!.amountFen]).toEqual(['code_diagnosis_included', 'code_diagnosis', '次', '6', 0, 0]);
    expect(included!.note).toBe('优选服务每年含 2 次，每次 2 人天，不另收费');
    // 3 uses a year over the quota × 2 person-days × 3 years = 18 person-days × ¥2,400.00.
    expect([extra!.kind, extra!.code, extra!.unit, extra!.quantity.display, extra!.unitFen, extra!.amountFen]).toEqual(['code_diagnosis_extra', 'dev_support_project', '人天', '18', 240_000, 4_320_000]);
    expect(extra!.name).toBe('开发技术支持(机构提供)（代码诊断超出配额）');
    expect(extra!.note).toBe('优选服务配额每年 2 次；每年超出 3 次 × 每次 2 人天 × 3 年');
    expect(q.subtotalFen).toBe(3 * 18_500_000 + 4_320_000);
  });

  it('within the quota there is only the free line; none asked, no line', () => {
    expect(quote({ ...preferred, codeDiagnosisRequested: { uses: 2 } }).lines.map((l) => [l.kind, l.amountFen])).toEqual([
      ['tier_fee', 18_500_000],
      ['code_diagnosis_included', 0],
    ]);
    expect(quote({ ...preferred, codeDiagnosisRequested: { uses: 0 } }).lines).toHaveLength(1);
    expect(quote({ ...preferred, codeDiagnosisRequested: null }).lines).toHaveLength(1);
  });

  it('fractional use sizes stay exact', () => {
    const q = quote({ ...preferred, includedCodeDiagnosis: { perYear: 2, personDaysEach: 0.25 }, termYears: 2, codeDiagnosisRequested: { uses: 3 } });
    expect(q.lines[2]!.quantity).toEqual({ numerator: 1, denominator: 2, display: '0.5' });
    expect(q.lines[2]!.amountFen).toBe(120_000);
  });

  it('a tier without code diagnosis sells every use, at the size the request gives', () => {
    const q = quote({ tier: 'basic', includedCodeDiagnosis: null, codeDiagnosisRequested: { uses: 2, personDaysEach: 1.5 } });
    expect(q.lines.map((l) => [l.kind, l.quantity.display, l.amountFen])).toEqual([
      ['tier_fee', '1', 2_000_000],
      ['code_diagnosis_extra', '3', 720_000],
    ]);
    expect(q.lines[1]!.note).toBe('基础服务不含代码诊断；每年超出 2 次 × 每次 1.5 人天 × 1 年');
    expect(refusals({ tier: 'basic', codeDiagnosisRequested: { uses: 1 } })).toEqual([['INVALID_QUANTITY', 'codeDiagnosisRequested.personDaysEach']]);
  });

  it('is refused without a person-day price for dev_support_project', () => {
    const noDev = priceList({ specialServices: priceList().specialServices.filter((s) => s.service !== 'dev_support_project') });
    const byItem = priceList({ specialServices: [service('dev_support_project', 'item', 100_000)] });
    for (const prices of [noDev, byItem]) {
      expect(refusals({ ...preferred, codeDiagnosisRequested: { uses: 3 } }, prices)).toEqual([['NO_PRICE', 'codeDiagnosisRequested.uses']]);
      expect(priceQuote(prices, input({ ...preferred, codeDiagnosisRequested: { uses: 2 } })).ok).toBe(true);
    }
  });

  it.each([-1, 1.5, 366])('%d uses a year is refused', (uses) => {
    expect(refusals({ ...preferred, codeDiagnosisRequested: { uses } })).toEqual([['INVALID_QUANTITY', 'codeDiagnosisRequested.uses']]);
  });
});

describe('refusals', () => {
  it('NO_PRICE for a tier the price list does not price', () => {
    expect(refusals({}, priceList({ tiers: [] }))).toEqual([['NO_PRICE', 'tier']]);
  });

  it('NO_PRICE for a service without a price, for this offering or at all', () => {
    expect(refusals({ specialServices: [{ service: 'cluster_ha', quantity: 1 }] })).toEqual([['NO_PRICE', 'specialServices[0].service']]);
    expect(refusals({ offering: 'cloud', tier: 'basic', specialServices: [{ service: 'db_migration', quantity: 1 }] })).toEqual([['NO_PRICE', 'specialServices[0].service']]);
  });

  it('NO_PRICE for trips on a service without a travel allowance', () => {
    expect(refusals({ specialServices: [{ service: 'data_repair', quantity: 1, trips: 1 }] })).toEqual([['NO_PRICE', 'specialServices[0].trips']]);
  });

  it.each([undefined, null, 0])('LICENCE_REQUIRED for a licence-share tier with licence %j', (licenceFen) => {
    expect(refusals({ tier: 'preferred', licenceFen })).toEqual([['LICENCE_REQUIRED', 'licenceFen']]);
  });

  it.each([-100, 1.5, Number.NaN])('INVALID_LICENCE for licence %d', (licenceFen) => {
    expect(refusals({ tier: 'preferred', licenceFen })).toEqual([['INVALID_LICENCE', 'licenceFen']]);
  });

  it.each([
    ['db_migration', 0],
    ['db_migration', -1],
    ['db_migration', 2.55],
    ['db_migration', Number.NaN],
    ['db_migration', 100_000.1],
    ['upgrade_migration', 1.5],
    ['upgrade_migration', 0],
  ])('INVALID_QUANTITY for %s × %d', (svc, quantity) => {
    expect(refusals({ specialServices: [{ service: svc, quantity }] })).toEqual([['INVALID_QUANTITY', 'specialServices[0].quantity']]);
  });

  it('the largest quantity is allowed', () => {
    expect(quote({ specialServices: [{ service: 'db_migration', quantity: 100_000 }] }).lines[1]!.amountFen).toBe(30_000_000_000);
  });

  it.each([-1, 1.5, 10_001])('INVALID_QUANTITY for %d trips', (trips) => {
    expect(refusals({ specialServices: [{ service: 'onsite_support', quantity: 1, trips }] })).toEqual([['INVALID_QUANTITY', 'specialServices[0].trips']]);
  });

  it.each([0, 11, 1.5, -1, Number.NaN])('INVALID_TERM for %d years', (termYears) => {
    expect(refusals({ termYears })).toEqual([['INVALID_TERM', 'termYears']]);
  });

  it('lists every reason at once', () => {
    expect(
      refusals({
        tier: 'preferred',
        termYears: 0,
        discountBasisPoints: 10_001,
        specialServices: [
          { service: 'cluster_ha', quantity: 1 },
          { service: 'data_repair', quantity: 0.05 },
          { service: 'data_repair', quantity: 1 },
        ],
      }),
    ).toEqual([
      ['INVALID_TERM', 'termYears'],
      ['INVALID_DISCOUNT', 'discountBasisPoints'],
      ['LICENCE_REQUIRED', 'licenceFen'],
      ['NO_PRICE', 'specialServices[0].service'],
      ['INVALID_QUANTITY', 'specialServices[1].quantity'],
    ]);
  });

  it('messages are bilingual and name what is at fault', () => {
    const outcome = priceQuote(priceList(), input({ specialServices: [{ service: 'cluster_ha', quantity: 1 }] }));
    expect(outcome.ok ? null : outcome.refusals[0]!.message).toBe('价格表中没有“集群和高可用部署”在金蝶云星空(On Premise)的价格 / the price list has no price for cluster_ha on on_premise');
  });

  it('AMOUNT_TOO_LARGE rather than an inexact amount', () => {
    expect(refusals({ termYears: 10 }, onlyFixedTier(Math.floor(Number.MAX_SAFE_INTEGER / 5)))).toEqual([['AMOUNT_TOO_LARGE', 'quote']]);
    expect(refusals({ tier: 'preferred', licenceFen: Number.MAX_SAFE_INTEGER }, priceList({ tiers: [share('on_premise', 'preferred', 10_000)] }))).toEqual([['AMOUNT_TOO_LARGE', 'quote']]);
  });
});
