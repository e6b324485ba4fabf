// What changes in the 价格 sheet when one rules document replaces another: tier fees by offering × tier,
// service prices by service × offering (a 全部 row counts for each), settings by name. Moved cells are not changes.
import { diffKeyed, same, type ChangeKind } from '../keyed-diff.ts';
import { OFFERINGS, type Offering, type Tier } from '../../catalog/catalog-codes.ts';
import type { PricesSection, PricesView, SpecialServicePriceRecord, TierPriceRecord } from './price-rules.ts';

export type PriceChangeKind = ChangeKind;

export type TierPriceValue = { method: 'fixed'; annualFen: number } | { method: 'licence_share'; basisPoints: number };

export interface TierPriceChange {
  kind: PriceChangeKind;
  offering: Offering;
  tier: Tier;
  /** The price before and after; null when there was none. */
  from: TierPriceValue | null;
  to: TierPriceValue | null;
}

export interface ServicePriceValue {
  unit: 'person_day' | 'item';
  unitFen: number;
  travelPerTripFen: number | null;
}

export interface SpecialServicePriceChange {
  kind: PriceChangeKind;
  service: string;
  offering: Offering;
  from: ServicePriceValue | null;
  to: ServicePriceValue | null;
}

export interface PriceSettingChange {
  kind: PriceChangeKind;
  setting: 'vat' | 'sales_discount_limit' | 'discount_maximum';
  /** Basis points before and after; null when there was no price list. */
  from: number | null;
  to: number | null;
}

export interface PriceChanges {
  tiers: TierPriceChange[];
  specialServices: SpecialServicePriceChange[];
  settings: PriceSettingChange[];
  /** Whether the prices were samples (示例), before and after; absent when that did not change. */
  sample?: { from: boolean | null; to: boolean | null };
}

const tierValue = (p: TierPriceRecord): TierPriceValue =>
  p.method === 'fixed' ? { method: p.method, annualFen: p.annualFen } : { method: p.method, basisPoints: p.basisPoints };
const serviceValue = (p: SpecialServicePriceRecord): ServicePriceValue => ({ unit: p.unit, unitFen: p.unitFen, travelPerTripFen: p.travelPerTripFen });

const tiersOf = (prices: PricesSection | undefined) => new Map((prices?.tiers ?? []).map((p) => [`${p.offering}|${p.tier}`, p]));
const servicesOf = (prices: PricesSection | undefined) =>
  new Map((prices?.specialServices ?? []).flatMap((p) => (p.offering ? [p.offering] : OFFERINGS).map((offering) => [`${p.service}|${offering}`, { ...p, offering }] as const)));
const SETTINGS = ['vat', 'sales_discount_limit', 'discount_maximum'] as const;
const settingOf = (prices: PricesSection | undefined, setting: PriceSettingChange['setting']): number | null => {
  if (!prices) return null;
  return setting === 'vat' ? prices.vatBasisPoints : setting === 'sales_discount_limit' ? prices.discount.salesLimitBasisPoints : prices.discount.maximumBasisPoints;
};

/** null when nothing about prices changed, so a diff without price changes keeps its old shape. */
export function diffPrices(before: PricesView | null, after: PricesView): PriceChanges | null {
  const [was, now] = [before?.prices, after.prices];
  const tiers = diffKeyed(tiersOf(was), tiersOf(now), (kind, a, b) => {
    const [from, to] = [a ? tierValue(a) : null, b ? tierValue(b) : null];
    const p = (b ?? a)!;
    return kind === 'changed' && same(from, to) ? null : { kind, offering: p.offering, tier: p.tier, from, to };
  });
  const specialServices = diffKeyed(servicesOf(was), servicesOf(now), (kind, a, b) => {
    const [from, to] = [a ? serviceValue(a) : null, b ? serviceValue(b) : null];
    const p = (b ?? a)!;
    return kind === 'changed' && same(from, to) ? null : { kind, service: p.service, offering: p.offering, from, to };
  });
  const settings = SETTINGS.flatMap((setting): PriceSettingChange[] => {
    const [from, to] = [settingOf(was, setting), settingOf(now, setting)];
    return from === to ? [] : [{ kind: from === null ? 'added' : to === null ? 'removed' : 'changed', setting, from, to }];
  });
  const sample = (was?.sample ?? null) === (now?.sample ?? null) ? null : { from: was?.sample ?? null, to: now?.sample ?? null };
  if (tiers.length + specialServices.length + settings.length === 0 && !sample) return null;
  return { tiers, specialServices, settings, ...(sample ? { sample } : {}) };
}
