// The json-rules-engine adapter: events in priority order and typed as the caller's, facts left as given, the
// two answers to a fact the caller did not give, and a rule the library refuses named by its name.
import { describe, expect, it } from 'vitest';
import { assertRuleLoads, createRulesEngine, type RuleSpec } from '../../src/rules-engine/rules-engine.ts';

type Event = { type: 'flag'; params: { code: string } };
interface Facts {
  requests: number;
  tier?: string;
}

const rules: RuleSpec<Event>[] = [
  { name: 'busy', priority: 1, conditions: { all: [{ fact: 'requests', operator: 'greaterThan', value: 10 }] }, event: { type: 'flag', params: { code: 'BUSY' } } },
  { name: 'very_busy', priority: 5, conditions: { all: [{ fact: 'requests', operator: 'greaterThanInclusive', value: 100 }] }, event: { type: 'flag', params: { code: 'VERY_BUSY' } } },
  { name: 'premium', priority: 3, conditions: { all: [{ fact: 'tier', operator: 'equal', value: 'premium' }] }, event: { type: 'flag', params: { code: 'PREMIUM' } } },
];

describe('rules engine adapter', () => {
  it('fires the matching rules, highest priority first, and leaves the facts as given', async () => {
    const engine = createRulesEngine<Facts, Event>(rules, { allowUndefinedFacts: true });
    const facts: Facts = { requests: 100, tier: 'premium' };
    expect((await engine.run(facts)).map((e) => e.params.code)).toEqual(['VERY_BUSY', 'PREMIUM', 'BUSY']);
    expect(facts).toEqual({ requests: 100, tier: 'premium' });
    // The boundary: 10 is not more than 10; the engine keeps nothing from the run before.
    expect((await engine.run({ requests: 10, tier: 'basic' })).map((e) => e.params.code)).toEqual([]);
    expect((await engine.run({ requests: 11 })).map((e) => e.params.code)).toEqual(['BUSY']);
  });

  it('a fact the caller left out is false when allowed, and an error when not', async () => {
    const lenient = createRulesEngine<Facts, Event>(rules, { allowUndefinedFacts: true });
    expect((await lenient.run({ requests: 0 })).map((e) => e.params.code)).toEqual([]);
    const strict = createRulesEngine<Facts, Event>(rules, { allowUndefinedFacts: false });
    await expect(strict.run({ requests: 0 })).rejects.toThrow(/tier/);
  });

  it('names a rule json-rules-engine would not accept', () => {
    expect(() => assertRuleLoads(rules[0]!)).not.toThrow();
    expect(() => assertRuleLoads({ name: 'no_conditions', conditions: {}, event: { type: 'flag' } })).toThrow(/Rule no_conditions is not a valid json-rules-engine rule/);
    expect(() => createRulesEngine([{ name: 'no_conditions', conditions: {}, event: { type: 'flag' } }], { allowUndefinedFacts: false })).toThrow();
  });
});
