// The special-services tables in a rules document: one `special_service` rule per service, naming the offerings
// whose catalog lists it (its availability) and each listing's cell; and the listings read back, for export.
import { OFFERINGS, type DeliveredBy, type Offering } from '../../catalog/catalog-codes.ts';
import type { Catalog, SpecialServiceEntry } from '../../catalog/catalog.ts';
import { bySourceRow } from '../catalog-tables.ts';
import { cellRefOf, equal, type AnyRule, type FactCondition, type RuleOf, type RuleSource, type SourceOf } from '../rules-base.ts';

export interface SpecialListing {
  offering: Offering;
  label: string;
  description: string;
  source: RuleSource;
}

export interface SpecialServiceParams {
  service: string;
  deliveredBy: DeliveredBy;
  /** Offerings whose catalog lists it; a service listed on premise only cannot be sold to cloud customers. */
  offerings: Offering[];
  onPremiseOnly: boolean;
  listings: SpecialListing[];
  source: RuleSource;
}

export type SpecialServiceRule = RuleOf<'special_service', SpecialServiceParams>;

export const isSpecialServiceRule = (rule: AnyRule): rule is SpecialServiceRule => rule.event.type === 'special_service';

/** One availability rule per special service, in the order the catalog first lists each. */
export function specialServiceRules(catalog: Catalog, src: SourceOf): SpecialServiceRule[] {
  const rules: SpecialServiceRule[] = [];
  const bySpecial = new Map<string, Catalog['specialServices']>();
  for (const entry of catalog.specialServices) {
    const list = bySpecial.get(entry.service);
    if (list) list.push(entry);
    else bySpecial.set(entry.service, [entry]);
  }
  for (const [service, entries] of bySpecial) {
    const listings = OFFERINGS.flatMap((offering) =>
      entries
        .filter((e) => e.offering === offering)
        .map((e) => ({ offering, label: e.label, description: e.description, source: src(e.source) })),
    );
    const offerings = listings.map((l) => l.offering);
    const first = entries[0]!;
    const conditions: FactCondition[] = [equal('service', service)];
    if (offerings.length < OFFERINGS.length) {
      conditions.push(offerings.length === 1 ? equal('offering', offerings[0]!) : { fact: 'offering', operator: 'in', value: offerings });
    }
    rules.push({
      name: `special.${service}`,
      priority: 5,
      conditions: { all: conditions },
      event: {
        type: 'special_service',
        params: {
          service,
          deliveredBy: first.deliveredBy,
          offerings,
          onPremiseOnly: offerings.length === 1 && offerings[0] === 'on_premise',
          listings,
          source: listings[0]!.source,
        },
      },
    });
  }
  return rules;
}

/** The special services the rules were built from: one entry per listing. */
export function specialServicesFromRules(rules: readonly AnyRule[]): SpecialServiceEntry[] {
  const entries: SpecialServiceEntry[] = [];
  for (const rule of rules) {
    if (!isSpecialServiceRule(rule)) continue;
    const p = rule.event.params;
    for (const l of p.listings) {
      entries.push({ offering: l.offering, service: p.service, label: l.label, description: l.description, deliveredBy: p.deliveredBy, source: cellRefOf(l.source) });
    }
  }
  return entries.sort(bySourceRow);
}
