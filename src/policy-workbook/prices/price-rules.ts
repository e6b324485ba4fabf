// The 价格 sheet in a rules document: the price list as data beside the rules, each price with the cell
// and workbook it came from. A quote records the version it priced from; this is what it read.
import type { Catalog } from '../../catalog/catalog.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import type { DiscountRules, PriceList, SpecialServicePrice, TierPrice } from '../../catalog/price-list.ts';
import type { RuleSource, RulesDocument } from '../rules-document.ts';

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

/** The price list of the workbook; undefined when it has no 价格 sheet, so older documents keep their form. */
export function pricesSection(catalog: Catalog, src: (ref: CellRef) => RuleSource): PricesSection | undefined {
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

const cellRef = (source: RuleSource): CellRef => ({ sheet: source.sheet, cell: source.cell });

/** The catalog's price list back from a rules document, for export; null when the document has none. */
export function pricesFromRules(doc: RulesDocument): PriceList | null {
  const section = doc.prices;
  if (!section) return null;
  return {
    tiers: section.tiers.map((p) => ({ ...p, source: cellRef(p.source) })),
    specialServices: section.specialServices.map((p) => ({ ...p, source: cellRef(p.source) })),
    vatBasisPoints: section.vatBasisPoints,
    vatSource: cellRef(section.vatSource),
    discount: { ...section.discount, source: cellRef(section.discount.source) },
    sample: section.sample,
  };
}
