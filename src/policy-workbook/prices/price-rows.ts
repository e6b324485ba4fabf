// The rows of every 价格 table read so far in a workbook, collected before they are checked: service prices name
// services from any sheet, and a setting missing is reported at the price tables' header.
import type { PendingServicePrice } from './price-service-parser.ts';
import type { PendingSetting } from './price-settings-parser.ts';
import type { PendingTierPrice } from './price-tier-parser.ts';

export type PriceTableKind = 'tier_prices' | 'service_prices' | 'price_settings';

export interface PriceTableRows {
  tiers: PendingTierPrice[];
  services: PendingServicePrice[];
  settings: PendingSetting[];
  /** Every price table read, in workbook order: what is missing is reported at its header. */
  headers: { kind: PriceTableKind; sheet: string; cell: string }[];
  /** Some sheet holding a price table says 示例: the prices are samples. */
  sample: boolean;
}

export function emptyPriceTableRows(): PriceTableRows {
  return { tiers: [], services: [], settings: [], headers: [], sample: false };
}
