// What may be sold, as json-rules-engine rules: the same engine that decides entitlements decides quotes.
// The facts come from the quote and the policy version (which services are on-premise only, the tier's
// code-diagnosis quota, the price list's discount limits); the events say refuse, approve, or convert.
import { Engine, Rule } from 'json-rules-engine';

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
export const QUOTE_RULES = [
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
] as const;

let engine: Engine | null = null;

/** The events the quote rules fire for these facts, highest priority first. */
export async function evaluateQuote(facts: QuoteFacts): Promise<QuoteEvent[]> {
  if (!engine) {
    engine = new Engine([], { allowUndefinedFacts: false });
    for (const rule of QUOTE_RULES) engine.addRule(new Rule(structuredClone(rule) as unknown as ConstructorParameters<typeof Rule>[0]));
  }
  const { events } = await engine.run({ ...facts });
  return events as unknown as QuoteEvent[];
}
