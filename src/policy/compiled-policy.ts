// A policy version made ready to answer in microseconds. json-rules-engine remains the evaluator of
// record: every offering × tier × service is run through it once, when the version is loaded, and the
// events it fires are indexed. Nothing is parsed or evaluated per request.
import { OFFERINGS, TIERS, type Offering, type Tier } from './catalog-codes.ts';
import { createPolicyEngine } from './policy-engine.ts';
import type { EntitlementParams, RulesDocument, SpecialServiceParams } from './rules-document.ts';

export interface CompiledPolicy {
  id: number;
  version: number;
  workbookSha256: string;
  entitlement(offering: Offering, tier: Tier, service: string): EntitlementParams | undefined;
  /** The special service as this offering may sell it; undefined when it may not. */
  special(offering: Offering, service: string): SpecialServiceParams | undefined;
  isSpecial(service: string): boolean;
  /** Tier services of an offering, in catalog order. */
  tierServices(offering: Offering): readonly string[];
  specialServices(): readonly string[];
  knownServices(): readonly string[];
}

const key = (...parts: string[]) => parts.join('|');

export async function compilePolicy(ref: { id: number; version: number }, doc: RulesDocument): Promise<CompiledPolicy> {
  const engine = createPolicyEngine(doc);
  const tierCodes = new Map<Offering, string[]>(OFFERINGS.map((o) => [o, []]));
  const specialCodes: string[] = [];
  for (const rule of doc.rules) {
    if (rule.event.type === 'entitlement') {
      const list = tierCodes.get(rule.event.params.offering)!;
      if (!list.includes(rule.event.params.service)) list.push(rule.event.params.service);
    } else if (!specialCodes.includes(rule.event.params.service)) {
      specialCodes.push(rule.event.params.service);
    }
  }
  const allTierCodes = [...new Set([...tierCodes.values()].flat())];

  const entitlements = new Map<string, EntitlementParams>();
  const specials = new Map<string, SpecialServiceParams>();
  for (const offering of OFFERINGS) {
    for (const tier of TIERS) {
      for (const service of allTierCodes) {
        for (const event of await engine.run({ offering, tier, service })) {
          if (event.type === 'entitlement') entitlements.set(key(offering, tier, service), event.params);
        }
      }
    }
    for (const service of specialCodes) {
      for (const event of await engine.run({ offering, service })) {
        if (event.type === 'special_service') specials.set(key(offering, service), event.params);
      }
    }
  }
  const known = [...allTierCodes, ...specialCodes.filter((c) => !allTierCodes.includes(c))];
  const specialSet = new Set(specialCodes);

  return {
    id: ref.id,
    version: ref.version,
    workbookSha256: doc.workbookSha256,
    entitlement: (offering, tier, service) => entitlements.get(key(offering, tier, service)),
    special: (offering, service) => specials.get(key(offering, service)),
    isSpecial: (service) => specialSet.has(service),
    tierServices: (offering) => tierCodes.get(offering) ?? [],
    specialServices: () => specialCodes,
    knownServices: () => known,
  };
}
