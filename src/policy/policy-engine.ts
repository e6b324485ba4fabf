// The policy's rules run through the rules-engine adapter: callers hand in a rules document and facts, and get
// the document's own event types back.
import { assertRuleLoads, createRulesEngine } from '../rules-engine/rules-engine.ts';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import type { PolicyRule, RulesDocument } from '../policy-workbook/rules-document.ts';

export interface PolicyFacts {
  offering: Offering;
  tier?: Tier;
  service: string;
}

export type PolicyEvent = PolicyRule['event'];

export interface PolicyEngine {
  run(facts: PolicyFacts): Promise<PolicyEvent[]>;
}

export function createPolicyEngine(doc: RulesDocument): PolicyEngine {
  // A question may leave the tier out (special services): a condition on it is then simply false.
  return createRulesEngine<PolicyFacts, PolicyEvent>(doc.rules, { allowUndefinedFacts: true });
}

/**
 * Throws with the rule's name when json-rules-engine would not accept a rule. json-rules-engine checks
 * structure (conditions, operators, event), not values, so one rule of each structure stands for all
 * rules built the same way: a 6,500-rule policy is checked in a few rules' time.
 */
export function assertRulesLoad(doc: RulesDocument): void {
  const checked = new Set<string>();
  for (const rule of doc.rules) {
    const shape = `${rule.event.type}|${rule.priority}|${rule.conditions.all.map((c) => `${c.fact}:${c.operator}:${typeof c.value}`).join(',')}`;
    if (checked.has(shape)) continue;
    checked.add(shape);
    assertRuleLoads(rule);
  }
}
