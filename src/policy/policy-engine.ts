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

/** Throws with the rule's name when json-rules-engine would not accept a rule. */
export function assertRulesLoad(doc: RulesDocument): void {
  for (const rule of doc.rules) {
    try {
      new Rule(rule as unknown as ConstructorParameters<typeof Rule>[0]);
    } catch (err) {
      throw new Error(`Rule ${rule.name} is not a valid json-rules-engine rule: ${(err as Error).message}`, { cause: err });
    }
  }
}
