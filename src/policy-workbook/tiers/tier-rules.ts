// The tier tables in a rules document: one `entitlement` rule per offering × tier × service, carrying what the tier
// cell grants and the cell it came from; and the tier services read back from those rules, for export.
import { OFFERINGS, TIERS, type Offering, type ServiceKind, type Tier } from '../../catalog/catalog-codes.ts';
import type { Catalog, TierGrant, TierServiceEntry } from '../../catalog/catalog.ts';
import { bySourceRow } from '../catalog-tables.ts';
import { cellRefOf, equal, type AnyRule, type RuleOf, type RuleSource, type SourceOf } from '../rules-base.ts';

export interface EntitlementParams extends Omit<TierGrant, 'source'> {
  offering: Offering;
  tier: Tier;
  service: string;
  label: string;
  kind: ServiceKind;
  source: RuleSource;
}

export type EntitlementRule = RuleOf<'entitlement', EntitlementParams>;

export const isEntitlementRule = (rule: AnyRule): rule is EntitlementRule => rule.event.type === 'entitlement';

/** One rule per offering × tier × service, offering by offering in catalog order. */
export function entitlementRules(catalog: Catalog, src: SourceOf): EntitlementRule[] {
  const rules: EntitlementRule[] = [];
  for (const offering of OFFERINGS) {
    for (const entry of catalog.tierServices) {
      if (entry.offering !== offering) continue;
      const serviceCondition = equal('service', entry.service);
      for (const tier of TIERS) {
        const g = entry.grants[tier];
        rules.push({
          name: `${offering}.${tier}.${entry.service}`,
          priority: 10,
          conditions: { all: [equal('offering', offering), equal('tier', tier), serviceCondition] },
          event: {
            type: 'entitlement',
            params: {
              offering,
              tier,
              service: entry.service,
              label: entry.label,
              kind: entry.kind,
              included: g.included,
              channel: g.channel,
              responseWindow: g.responseWindow,
              coverage: g.coverage,
              quota: g.quota,
              deliverables: g.deliverables,
              text: g.text,
              source: src(g.source),
            },
          },
        });
      }
    }
  }
  return rules;
}

/** The tier services the rules were built from: one entry per offering × service, its grants by tier. */
export function tierServicesFromRules(rules: readonly AnyRule[]): TierServiceEntry[] {
  const entries = new Map<string, TierServiceEntry>();
  for (const rule of rules) {
    if (!isEntitlementRule(rule)) continue;
    const { offering, tier, service, label, kind, source, ...grant } = rule.event.params;
    const key = `${offering}|${service}`;
    const entry = entries.get(key) ?? { offering, service, label, kind, grants: {} as Record<Tier, TierGrant>, source: cellRefOf(source) };
    entry.grants[tier] = { ...grant, source: cellRefOf(source) };
    entries.set(key, entry);
  }
  return [...entries.values()].sort(bySourceRow);
}
