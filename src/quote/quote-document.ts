// What a quote document shows, computed once when the quote is made and stored with it.
import type { Channel, Coverage, ResponseWindow } from '../catalog/catalog.ts';
import type { SellerConfig } from '../config/config.ts';
import type { YearlyQuotaState } from '../entitlement/decision.ts';
import type { ComputedQuote, SpecialServiceOrder } from './quote-types.ts';

/** One service of the tier, as the decisions say it: "what this tier includes". */
export interface IncludedService {
  service: string;
  name: string;
  channel: Channel | null;
  responseWindow: ResponseWindow | null;
  coverage: Coverage | null;
  quota: Pick<YearlyQuotaState, 'perYear' | 'personDaysEach' | 'onsite'> | null;
  deliverables: string[];
}

/** The seller (乙方/卖方) as configured when the quote was made: the block a customer pays and writes to. */
export type QuoteSeller = SellerConfig;

/** What sales asked for, as given: a copy or a revision of the quote starts from it. */
export interface QuoteAsked {
  licenceFen: number | null;
  specialServices: SpecialServiceOrder[];
  codeDiagnosisUses: number | null;
}

export interface QuoteDocument extends ComputedQuote {
  customer: { id: number; name: string };
  /** The day it was made and the last day it holds, in Asia/Shanghai. */
  date: string;
  validUntil: string;
  policy: { id: number; version: number };
  includes: IncludedService[];
  /** Special services on the quote that only on-premise customers may have, marked as such. */
  onPremiseOnly: string[];
  notes: string;
  /** The events of the sales rules that applied (e.g. DISCOUNT_OVER_SALES_LIMIT). */
  rules: string[];
  validDays: number;
  terms: { zh: string[]; en: string[] };
  /** Absent on quotes made before quotes named their seller; those show the seller configured now. */
  seller?: QuoteSeller;
  /** Absent on quotes made before it was stored; src/quote/quote-draft.ts reads those back from the lines. */
  asked?: QuoteAsked;
}

export const QUOTE_VALID_DAYS = 30;
