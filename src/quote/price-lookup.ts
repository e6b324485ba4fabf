// Finding a price in a price list, and the name a quote line prints for a service.
import { SPECIAL_SERVICES, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import type { PriceList, SpecialServicePrice, TierPrice } from '../catalog/price-list.ts';

export function findTierPrice(priceList: PriceList, offering: Offering, tier: Tier): TierPrice | undefined {
  return priceList.tiers.find((p) => p.offering === offering && p.tier === tier);
}

/** The offering's own price wins over a price for both offerings (offering null). */
export function findServicePrice(priceList: PriceList, service: string, offering: Offering): SpecialServicePrice | undefined {
  const candidates = priceList.specialServices.filter((p) => p.service === service);
  return candidates.find((p) => p.offering === offering) ?? candidates.find((p) => p.offering === null);
}

/** The canonical Chinese name; a service the workbook introduced with its own code is shown by that code. */
export function specialServiceName(service: string): string {
  return SPECIAL_SERVICES.find((s) => s.code === service)?.names[0] ?? service;
}
