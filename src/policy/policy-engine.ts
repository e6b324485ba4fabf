// json-rules-engine stays behind this module: callers hand in a rules document and facts, and get events back.
import { Engine, Rule } from 'json-rules-engine';
import type { Offering, Tier } from './catalog-codes.ts';
import type { PolicyRule, RulesDocument } from './rules-document.ts';

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
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const rule of doc.rules) engine.addRule(new Rule(rule as unknown as ConstructorParameters<typeof Rule>[0]));
  return {
    async run(facts) {
      const { events } = await engine.run({ ...facts });
      return events as unknown as PolicyEvent[];
    },
  };
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
    try {
      new Rule(rule as unknown as ConstructorParameters<typeof Rule>[0]);
    } catch (err) {
      throw new Error(`Rule ${rule.name} is not a valid json-rules-engine rule: ${(err as Error).message}`, { cause: err });
    }
  }
}
