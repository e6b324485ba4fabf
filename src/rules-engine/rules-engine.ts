// The one door to json-rules-engine. Policy, quote and advice rules are plain JSON documents (reviewable, stored,
// diffed); this module turns a list of them into an engine, checks that the library accepts a rule, and hands the
// fired events back typed as the caller's own event type. No other module imports the library (lint holds it), so
// its quirks — the cast its typings need, the facts object it keeps, its operators — are dealt with once, here.
import { Engine, Rule, type RuleProperties } from 'json-rules-engine';

/**
 * The operators a rule may name: json-rules-engine's own. A custom operator would be added to every engine in
 * createRulesEngine and named here, so that the documents checking their operators (advice rules) accept it.
 */
export const RULE_OPERATORS = ['equal', 'notEqual', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'in', 'notIn'] as const;
export type RuleOperator = (typeof RULE_OPERATORS)[number];

/** A rule as our documents write it: json-rules-engine's shape, with the event typed by the caller. */
export interface RuleSpec<E extends RuleEvent = RuleEvent> {
  name: string;
  priority?: number;
  conditions: unknown;
  event: E;
}

export interface RuleEvent {
  type: string;
  params?: unknown;
}

export interface RulesEngine<F extends object, E extends RuleEvent> {
  /** The events the rules fire for these facts, highest priority first. */
  run(facts: F): Promise<E[]>;
}

export interface RulesEngineOptions {
  /**
   * false: a condition on a fact the caller did not give throws (advice and quote facts are complete, so a
   * missing one is a bug); true: it is false (policy rules ask about facts a question may leave out, e.g. tier).
   */
  allowUndefinedFacts: boolean;
}

// json-rules-engine's RuleProperties types conditions and events loosely and differently from our documents;
// the shapes are the same at run time, and rules are checked by the library when they are added.
const asLibraryRule = (rule: RuleSpec): RuleProperties => rule as unknown as RuleProperties;

/** An engine over these rules, built once and run any number of times: it holds no state between runs. */
export function createRulesEngine<F extends object, E extends RuleEvent>(rules: readonly RuleSpec<E>[], options: RulesEngineOptions): RulesEngine<F, E> {
  const engine = new Engine([], { allowUndefinedFacts: options.allowUndefinedFacts });
  for (const rule of rules) engine.addRule(new Rule(asLibraryRule(rule)));
  return {
    async run(facts) {
      // A fresh object per run: the library's almanac adds to the facts it is given.
      const { events } = await engine.run({ ...facts });
      return events as unknown as E[];
    },
  };
}

/** Throws, naming the rule, when json-rules-engine would not accept it (an unknown operator, a malformed condition). */
export function assertRuleLoads(rule: RuleSpec): void {
  try {
    new Rule(asLibraryRule(rule));
  } catch (err) {
    throw new Error(`Rule ${rule.name} is not a valid json-rules-engine rule: ${(err as Error).message}`, { cause: err });
  }
}
