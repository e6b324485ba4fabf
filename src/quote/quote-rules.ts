// What may be sold, as rules run by the rules engine that decides entitlements too (src/rules-engine).
// The facts come from the quote and the policy version (which services are on-premise only, the tier's
// code-diagnosis quota, the price list's discount limits); the events say refuse, approve, or convert.
import { createRulesEngine, type RuleSpec } from '../rules-engine/rules-engine.ts';

export interface QuoteFacts {
  offering: string;
  /** Special services on the quote that this offering may not have (on-premise only, on a cloud quote). */
  onPremiseOnlyRequested: number;
  discountBasisPoints: number;
  salesLimitBasisPoints: number;
  maximumBasisPoints: number;
  /** Code-diagnosis uses a year the quote asks for, and how many the tier includes. */
  codeDiagnosisUses: number;
  codeDiagnosisPerYear: number;
}

export type QuoteEvent =
  | { type: 'refuse'; params: { code: 'ON_PREMISE_ONLY' | 'DISCOUNT_TOO_LARGE' } }
  | { type: 'approval_required'; params: { code: 'DISCOUNT_OVER_SALES_LIMIT' } }
  | { type: 'sell_beyond_quota'; params: { service: 'code_diagnosis'; as: 'dev_support_project' } };

/** Reviewable as JSON, like the catalog's rules. */
export const QUOTE_RULES: readonly RuleSpec<QuoteEvent>[] = [
  {
    name: 'quote.on_premise_only',
    priority: 30,
    conditions: { all: [{ fact: 'offering', operator: 'equal', value: 'cloud' }, { fact: 'onPremiseOnlyRequested', operator: 'greaterThan', value: 0 }] },
    event: { type: 'refuse', params: { code: 'ON_PREMISE_ONLY' } },
  },
  {
    name: 'quote.discount_too_large',
    priority: 20,
    conditions: { all: [{ fact: 'discountBasisPoints', operator: 'greaterThan', value: { fact: 'maximumBasisPoints' } }] },
    event: { type: 'refuse', params: { code: 'DISCOUNT_TOO_LARGE' } },
  },
  {
    name: 'quote.discount_needs_approval',
    priority: 10,
    conditions: { all: [{ fact: 'discountBasisPoints', operator: 'greaterThan', value: { fact: 'salesLimitBasisPoints' } }] },
    event: { type: 'approval_required', params: { code: 'DISCOUNT_OVER_SALES_LIMIT' } },
  },
  {
    name: 'quote.code_diagnosis_beyond_quota',
    priority: 10,
    conditions: { all: [{ fact: 'codeDiagnosisUses', operator: 'greaterThan', value: { fact: 'codeDiagnosisPerYear' } }] },
    event: { type: 'sell_beyond_quota', params: { service: 'code_diagnosis', as: 'dev_support_project' } },
  },
];

export interface QuoteRules {
  /** The events the quote rules fire for these facts, highest priority first. */
  evaluate(facts: QuoteFacts): Promise<QuoteEvent[]>;
}

/** The quote rules as an engine; the quote service builds it once and keeps it. */
export function createQuoteRules(): QuoteRules {
  // Every fact is given: a rule naming one that is missing is a bug, and throws.
  const engine = createRulesEngine<QuoteFacts, QuoteEvent>(QUOTE_RULES, { allowUndefinedFacts: false });
  return { evaluate: (facts) => engine.run(facts) };
}
