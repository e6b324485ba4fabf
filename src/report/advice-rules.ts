// 总部专家建议: the yearly report's advice comes from json-rules-engine rules over the contract year's facts.
// The rules are a reviewable JSON document (rules/expert-advice.rules.json); loading checks every fact and
// operator they name, so a typo is an error at start naming the rule and the field, not advice that never fires.
import fs from 'node:fs';
import { z } from 'zod';
import { createRulesEngine, RULE_OPERATORS } from '../rules-engine/rules-engine.ts';
import { fill, placeholdersOf } from '../shared/i18n.ts';

/** The facts of one contract year; numbers for flags too, so every rule compares like with like. */
export interface AdviceFacts {
  offering: string;
  tier: string;
  /** Months the contract year spans (12 for a whole year; fewer for a short last year). */
  months: number;
  requests: number;
  /** requests / months, one decimal. */
  requestsPerMonth: number;
  met: number;
  breached: number;
  emergencyFaults: number;
  emergencyBreaches: number;
  codeDiagnosisAllowed: number;
  codeDiagnosisUsed: number;
  codeDiagnosisRemaining: number;
  hasPerformanceTuning: 0 | 1;
  hasOnsiteSupport: 0 | 1;
}

export const ADVICE_FACTS: readonly (keyof AdviceFacts)[] = [
  'offering', 'tier', 'months', 'requests', 'requestsPerMonth', 'met', 'breached', 'emergencyFaults', 'emergencyBreaches',
  'codeDiagnosisAllowed', 'codeDiagnosisUsed', 'codeDiagnosisRemaining', 'hasPerformanceTuning', 'hasOnsiteSupport',
];

export interface Advice {
  code: string;
  service: string | null;
  zh: string;
  en: string;
}

// Not a refusal (no DomainError): a broken rules file is refused at start, like a bad configuration.
export class AdviceRulesError extends Error {
  constructor(readonly problems: string[]) {
    super(`专家建议规则无效 / invalid expert-advice rules:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'AdviceRulesError';
  }
}

type Condition = { fact: string; operator: string; value: unknown } | { all: Condition[] } | { any: Condition[] } | { not: Condition };

const condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ fact: z.enum(ADVICE_FACTS as [string, ...string[]]), operator: z.enum(RULE_OPERATORS), value: z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]) }).strict(),
    z.object({ all: z.array(condition).min(1) }).strict(),
    z.object({ any: z.array(condition).min(1) }).strict(),
    z.object({ not: condition }).strict(),
  ]),
);

// Advice texts have the placeholders of every other text (src/shared/i18n.ts), each naming a fact.
const knownPlaceholders = (text: string) => placeholdersOf(text).every((p) => (ADVICE_FACTS as readonly string[]).includes(p));

const adviceText = z.string().trim().min(1).max(1000).refine(knownPlaceholders, { message: `{…} must name a fact: ${ADVICE_FACTS.join(', ')}` });

const documentSchema = z
  .object({
    description: z.string().optional(),
    rules: z.array(
      z
        .object({
          name: z.string().trim().min(1).max(100),
          priority: z.number().int().min(1).max(100).default(1),
          conditions: z.union([z.object({ all: z.array(condition).min(1) }).strict(), z.object({ any: z.array(condition).min(1) }).strict()]),
          event: z
            .object({
              type: z.literal('advice'),
              params: z.object({ code: z.string().regex(/^[A-Z][A-Z0-9_]{1,63}$/), service: z.string().regex(/^[a-z][a-z0-9_]{1,63}$/).nullable().default(null), zh: adviceText, en: adviceText }).strict(),
            })
            .strict(),
        })
        .strict(),
    ),
  })
  .strict();

export type AdviceRulesDocument = z.infer<typeof documentSchema>;

export interface AdviceRules {
  /** The advice these facts call for, highest priority first, its texts filled in from the facts. */
  evaluate(facts: AdviceFacts): Promise<Advice[]>;
  readonly document: AdviceRulesDocument;
}

/** Checks the document and builds the engine once; `where` names the file in errors. */
export function compileAdviceRules(json: unknown, where: string): AdviceRules {
  const parsed = documentSchema.safeParse(json);
  if (!parsed.success) {
    throw new AdviceRulesError(parsed.error.issues.map((i) => `${where}: ${i.path.length ? i.path.join('.') : '(document)'}: ${i.message}`));
  }
  const names = parsed.data.rules.map((r) => r.name);
  const repeated = names.filter((n, i) => names.indexOf(n) !== i);
  if (repeated.length) throw new AdviceRulesError([`${where}: rules: the rule name ${repeated[0]} is used twice`]);

  const document = parsed.data;
  type AdviceEvent = AdviceRulesDocument['rules'][number]['event'];
  // Every fact is given (the schema allows only ADVICE_FACTS), so a missing one is a bug and throws.
  const engine = createRulesEngine<AdviceFacts, AdviceEvent>(document.rules, { allowUndefinedFacts: false });

  return {
    document,
    async evaluate(facts) {
      const events = await engine.run(facts);
      return events.map(({ params: p }) => ({ code: p.code, service: p.service, zh: fill(p.zh, { ...facts }), en: fill(p.en, { ...facts }) }));
    },
  };
}

/** Reads and compiles the rules file; every failure names the file (and, for bad rules, the field). */
export function loadAdviceRules(file: string): AdviceRules {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AdviceRulesError([`${file}: ${(err as Error).message}`]);
  }
  return compileAdviceRules(json, file);
}
