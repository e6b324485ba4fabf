// The 价格 sheet in a rules document: the price list as data beside the rules, each price with the cell
// and workbook it came from. A quote records the version it priced from; this is what it read.
import type { Catalog } from '../../catalog/catalog.ts';
import type { DiscountRules, PriceList, SpecialServicePrice, TierPrice } from '../../catalog/price-list.ts';
import { cellRefOf, type RuleSource, type SourceOf } from '../rules-base.ts';

/** A record with its source widened to a RuleSource; distributes over unions, so a TierPrice keeps its method. */
type Sourced<T> = T extends unknown ? Omit<T, 'source'> & { source: RuleSource } : never;

export type TierPriceRecord = Sourced<TierPrice>;
export type SpecialServicePriceRecord = Sourced<SpecialServicePrice>;

/** A PriceList whose every source names the workbook too; it is a PriceList, so quotes read it as one. */
export interface PricesSection extends Omit<PriceList, 'tiers' | 'specialServices' | 'vatSource' | 'discount'> {
  tiers: TierPriceRecord[];
  specialServices: SpecialServicePriceRecord[];
  vatSource: RuleSource;
  discount: Sourced<DiscountRules>;
}

/** A rules document as the price kind sees it: the 价格 sheet, absent when the workbook has none (and in documents stored before it existed). */
export interface PricesView {
  prices?: PricesSection;
}

/** The price list of the workbook; undefined when it has no 价格 sheet, so older documents keep their form. */
export function pricesSection(catalog: Catalog, src: SourceOf): PricesSection | undefined {
  const prices = catalog.prices;
  if (!prices) return undefined;
  return {
    tiers: prices.tiers.map((p) => ({ ...p, source: src(p.source) })),
    specialServices: prices.specialServices.map((p) => ({ ...p, source: src(p.source) })),
    vatBasisPoints: prices.vatBasisPoints,
    vatSource: src(prices.vatSource),
    discount: { ...prices.discount, source: src(prices.discount.source) },
    sample: prices.sample,
  };
}

/** The catalog's price list back from a rules document, for export; null when the document has none. */
export function pricesFromRules(doc: PricesView): PriceList | null {
  const section = doc.prices;
  if (!section) return null;
  return {
    tiers: section.tiers.map((p) => ({ ...p, source: cellRefOf(p.source) })),
    specialServices: section.specialServices.map((p) => ({ ...p, source: cellRefOf(p.source) })),
    vatBasisPoints: section.vatBasisPoints,
    vatSource: cellRefOf(section.vatSource),
    discount: { ...section.discount, source: cellRefOf(section.discount.source) },
    sample: section.sample,
  };
}
