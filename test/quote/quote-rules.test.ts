// The sales rules, run through json-rules-engine: on-premise-only services, the two discount limits, and
// code diagnosis beyond the tier's quota.
import { describe, expect, it } from 'vitest';
import { createQuoteRules, type QuoteFacts } from '../../src/quote/quote-rules.ts';

const rules = createQuoteRules();
const base: QuoteFacts = { offering: 'on_premise', onPremiseOnlyRequested: 0, discountBasisPoints: 0, salesLimitBasisPoints: 1000, maximumBasisPoints: 3000, codeDiagnosisUses: 0, codeDiagnosisPerYear: 2 };
const codes = async (change: Partial<QuoteFacts>) => (await rules.evaluate({ ...base, ...change })).map((e) => `${e.type}:${'code' in e.params ? e.params.code : e.params.as}`);

describe('quote rules', () => {
  it.each([
    ['a plain quote', {}, []],
    ['db_migration on a cloud quote', { offering: 'cloud', onPremiseOnlyRequested: 1 }, ['refuse:ON_PREMISE_ONLY']],
    ['db_migration on premise', { onPremiseOnlyRequested: 1 }, []],
    ['a discount at the sales limit', { discountBasisPoints: 1000 }, []],
    ['a discount 0.01% over the sales limit', { discountBasisPoints: 1001 }, ['approval_required:DISCOUNT_OVER_SALES_LIMIT']],
    ['a discount at the maximum', { discountBasisPoints: 3000 }, ['approval_required:DISCOUNT_OVER_SALES_LIMIT']],
    ['a discount over the maximum', { discountBasisPoints: 3001 }, ['refuse:DISCOUNT_TOO_LARGE', 'approval_required:DISCOUNT_OVER_SALES_LIMIT']],
    ['code diagnosis within the quota', { codeDiagnosisUses: 2 }, []],
    ['code diagnosis beyond the quota', { codeDiagnosisUses: 3 }, ['sell_beyond_quota:dev_support_project']],
    ['code diagnosis on a tier without it', { codeDiagnosisUses: 1, codeDiagnosisPerYear: 0 }, ['sell_beyond_quota:dev_support_project']],
  ] as const)('%s', async (_name, change, expected) => {
    expect((await codes(change)).sort()).toEqual([...expected].sort());
  });
});
