// What a quote asks for and what pricing makes of it. Everything here is plain data, so a computed quote can
// be stored as the document of an issued quote and rendered later without being recomputed.
import type { CellRef } from '../catalog/cell-ref.ts';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import type { Quantity } from './quantity.ts';

export interface SpecialServiceOrder {
  /** A special service code (SPECIAL_SERVICES, or one the workbook introduced). */
  service: string;
  /** Person-days (one decimal place allowed) or items (whole), as the price list prices the service. */
  quantity: number;
  /** Trips for the travel allowance (差旅补贴), for a service priced with one (onsite_support). */
  trips?: number;
}

export interface CodeDiagnosisAllowance {
  perYear: number;
  personDaysEach: number;
}

export interface QuoteInput {
  offering: Offering;
  tier: Tier;
  /** Whole years, 1–10. */
  termYears: number;
  /** The software licence amount; required when the tier is priced as a share of it, else ignored. */
  licenceFen?: number | null;
  specialServices: readonly SpecialServiceOrder[];
  /** 0–10 000 (100% = 10 000). */
  discountBasisPoints: number;
  /** The tier's code-diagnosis quota from the entitlement decisions; null when the tier has none. */
  includedCodeDiagnosis: CodeDiagnosisAllowance | null;
  /**
   * Code-diagnosis uses a year the customer wants. Uses beyond the tier's quota are sold as dev_support_project
   * person-days, each as large as the tier's own uses unless personDaysEach says otherwise (it must, when the
   * tier includes none).
   */
  codeDiagnosisRequested?: { uses: number; personDaysEach?: number } | null;
}

export type QuoteUnit = '年' | '人天' | '项' | '次';

export type QuoteLineKind =
  | 'tier_fee' // the tier's annual fee × years
  | 'special_service'
  | 'travel_allowance' // 差旅补贴 × trips, for a special service priced with one
  | 'code_diagnosis_included' // uses within the tier's quota: shown, not charged
  | 'code_diagnosis_extra'; // uses beyond it, as dev_support_project person-days

export interface QuoteLine {
  kind: QuoteLineKind;
  /** The tier code for the tier fee, else the service code (dev_support_project for extra code diagnosis). */
  code: string;
  /** 项目 as the quote prints it. */
  name: string;
  unit: QuoteUnit;
  quantity: Quantity;
  unitFen: number;
  /** unitFen × quantity, rounded half-up once. */
  amountFen: number;
  /** Whether the quote's discount applies to this line; the travel allowance is a cost passed on, not discounted. */
  discountable: boolean;
  note?: string;
  /** The price list cell the unit price came from. */
  source?: CellRef;
}

export interface ComputedQuote {
  offering: Offering;
  tier: Tier;
  termYears: number;
  lines: QuoteLine[];
  /** 小计: the sum of the lines. */
  subtotalFen: number;
  discountBasisPoints: number;
  /** The part of the subtotal the discount applies to (all but the travel allowance). */
  discountBaseFen: number;
  /** 折扣: discountBase × discount, half-up; a positive amount that is subtracted. */
  discountFen: number;
  /** 不含税金额: subtotal − discount. */
  netFen: number;
  vatBasisPoints: number;
  /** 增值税: net × VAT rate, half-up. */
  vatFen: number;
  /** 价税合计: net + VAT. */
  totalFen: number;
  /** The total in capital numerals: 人民币壹万贰仟叁佰肆拾伍元整. */
  totalCapital: string;
  /** Priced from sample prices (示例): the document must say so. */
  sample: boolean;
}

export const QUOTE_REFUSAL_CODES = [
  'NO_PRICE',
  'LICENCE_REQUIRED',
  'INVALID_LICENCE',
  'INVALID_QUANTITY',
  'INVALID_TERM',
  'INVALID_DISCOUNT',
  'DISCOUNT_TOO_LARGE',
  'AMOUNT_TOO_LARGE',
] as const;
export type QuoteRefusalCode = (typeof QUOTE_REFUSAL_CODES)[number];

export interface QuoteRefusal {
  code: QuoteRefusalCode;
  /** The input field at fault, as a path: 'termYears', 'specialServices[1].quantity'. */
  field: string;
  /** Chinese / English, naming the service or amount concerned. */
  message: string;
}

export type QuoteOutcome = { ok: true; quote: ComputedQuote } | { ok: false; refusals: QuoteRefusal[] };
