// The price list of a policy version (the workbook's 价格 sheet): what a tier costs per year, what special
// services cost, VAT, and how far a discount may go. Money is integer fen (分); rates are basis points
// (1% = 100 bp), so nothing here is ever a floating-point amount.
import type { Offering, Tier } from './catalog-codes.ts';
import type { CellRef } from './cell-ref.ts';

export type TierPrice =
  /** 元/年: a fixed annual fee. */
  | { offering: Offering; tier: Tier; method: 'fixed'; annualFen: number; source: CellRef }
  /** 许可费比例: a share of the software licence amount, per year. */
  | { offering: Offering; tier: Tier; method: 'licence_share'; basisPoints: number; source: CellRef };

export interface SpecialServicePrice {
  service: string;
  /** null: the same price for both offerings. */
  offering: Offering | null;
  /** 人天 (per person-day) or 项 (per item). */
  unit: 'person_day' | 'item';
  unitFen: number;
  /** onsite_support only: a travel allowance per trip (差旅补贴/次); null when none. */
  travelPerTripFen: number | null;
  source: CellRef;
}

export interface DiscountRules {
  /** The largest discount sales may give alone (销售自主折扣上限); above it a manager must approve. */
  salesLimitBasisPoints: number;
  /** The largest discount at all, even with a manager's approval (折扣上限); above it a quote is refused. */
  maximumBasisPoints: number;
  source: CellRef;
}

export interface PriceList {
  tiers: TierPrice[];
  specialServices: SpecialServicePrice[];
  /** 增值税 (6% = 600). */
  vatBasisPoints: number;
  vatSource: CellRef;
  discount: DiscountRules;
  /** The sheet says these are sample prices (示例): quotes made from them say so too. */
  sample: boolean;
}
