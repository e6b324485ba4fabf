// What changes for customers in the special-services tables when one rules document replaces another: each
// service's availability, delivery and listings, compared without their cells (moving a row is no change).
import { same, type ChangeKind } from '../keyed-diff.ts';
import type { AnyRule } from '../rules-base.ts';
import { isSpecialServiceRule, type SpecialServiceParams } from './special-rules.ts';

export interface SpecialServiceChange {
  kind: ChangeKind;
  service: string;
  label: string;
  fromOfferings: string[];
  toOfferings: string[];
  fields: string[];
}

const SPECIAL_FIELDS = ['offerings', 'deliveredBy', 'listings'] as const;

function specialsOf(doc: { rules: readonly AnyRule[] } | null): Map<string, SpecialServiceParams> {
  const map = new Map<string, SpecialServiceParams>();
  for (const rule of doc?.rules ?? []) if (isSpecialServiceRule(rule)) map.set(rule.event.params.service, rule.event.params);
  return map;
}

/** Listings compared without their source cells: moving a row is not a change for customers. */
const listingsOf = (p: SpecialServiceParams) => p.listings.map(({ offering, label, description }) => ({ offering, label, description }));

export function diffSpecialServices(before: { rules: readonly AnyRule[] } | null, after: { rules: readonly AnyRule[] }): SpecialServiceChange[] {
  const oldSpecial = specialsOf(before);
  const newSpecial = specialsOf(after);
  const specialServices: SpecialServiceChange[] = [];
  for (const [service, p] of newSpecial) {
    const was = oldSpecial.get(service);
    const fields = was
      ? SPECIAL_FIELDS.filter((f) => (f === 'listings' ? !same(listingsOf(was), listingsOf(p)) : !same(was[f], p[f])))
      : ['offerings'];
    if (fields.length === 0) continue;
    specialServices.push({
      kind: was ? 'changed' : 'added',
      service,
      label: p.listings[0]?.label ?? service,
      fromOfferings: was?.offerings ?? [],
      toOfferings: p.offerings,
      fields,
    });
  }
  for (const [service, p] of oldSpecial) {
    if (newSpecial.has(service)) continue;
    specialServices.push({ kind: 'removed', service, label: p.listings[0]?.label ?? service, fromOfferings: p.offerings, toOfferings: [], fields: ['offerings'] });
  }
  return specialServices;
}
