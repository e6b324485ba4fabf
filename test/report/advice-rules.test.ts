import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AdviceRulesError, compileAdviceRules, loadAdviceRules, type AdviceFacts } from '../../src/report/advice-rules.ts';

const SHIPPED = path.resolve(import.meta.dirname, '../../rules/expert-advice.rules.json');

const year = (overrides: Partial<AdviceFacts> = {}): AdviceFacts => ({
  offering: 'on_premise',
  tier: 'premium',
  months: 12,
  requests: 24,
  requestsPerMonth: 2,
  met: 20,
  breached: 4,
  emergencyFaults: 0,
  emergencyBreaches: 0,
  codeDiagnosisAllowed: 4,
  codeDiagnosisUsed: 4,
  codeDiagnosisRemaining: 0,
  hasPerformanceTuning: 0,
  hasOnsiteSupport: 0,
  ...overrides,
});

const codes = async (facts: AdviceFacts) => (await loadAdviceRules(SHIPPED).evaluate(facts)).map((a) => a.code);

describe('expert-advice rules (rules/expert-advice.rules.json)', () => {
  it('recommends performance tuning from the third emergency fault on premise, unless it was bought', async () => {
    expect(await codes(year({ emergencyFaults: 2 }))).toEqual([]);
    expect(await codes(year({ emergencyFaults: 3 }))).toEqual(['RECOMMEND_PERFORMANCE_TUNING']);
    expect(await codes(year({ emergencyFaults: 3, offering: 'cloud' }))).toEqual([]);
    expect(await codes(year({ emergencyFaults: 3, hasPerformanceTuning: 1 }))).toEqual([]);
  });

  it('reminds of unused code diagnosis with the figures filled in', async () => {
    const advice = await loadAdviceRules(SHIPPED).evaluate(year({ codeDiagnosisUsed: 1, codeDiagnosisRemaining: 3 }));
    expect(advice).toEqual([
      expect.objectContaining({ code: 'REMIND_CODE_DIAGNOSIS', service: 'code_diagnosis', zh: expect.stringContaining('共 4 次,仅使用 1 次,3 次未使用'), en: expect.stringContaining('1 were used and 3 went unused') }),
    ]);
    expect(await codes(year({ codeDiagnosisAllowed: 0, codeDiagnosisUsed: 0, codeDiagnosisRemaining: 0 }))).toEqual([]);
  });

  it('recommends 尊享 to a busy 优选 customer and on-site support to a very busy 尊享 one, highest priority first', async () => {
    expect(await codes(year({ tier: 'preferred', requestsPerMonth: 5.9 }))).toEqual([]);
    expect(await codes(year({ tier: 'preferred', requestsPerMonth: 6 }))).toEqual(['RECOMMEND_PREMIUM']);
    expect(await codes(year({ requestsPerMonth: 10 }))).toEqual(['RECOMMEND_ONSITE_SUPPORT']);
    expect(await codes(year({ requestsPerMonth: 10, hasOnsiteSupport: 1 }))).toEqual([]);
    expect(await codes(year({ requestsPerMonth: 12, emergencyFaults: 5, codeDiagnosisRemaining: 2 }))).toEqual(['RECOMMEND_PERFORMANCE_TUNING', 'REMIND_CODE_DIAGNOSIS', 'RECOMMEND_ONSITE_SUPPORT']);
  });

  const rule = (overrides: Record<string, unknown>) => ({
    rules: [
      {
        name: 'r',
        conditions: { all: [{ fact: 'requests', operator: 'greaterThan', value: 1 }] },
        event: { type: 'advice', params: { code: 'X_Y', service: null, zh: '共 {requests} 个', en: '{requests} requests' } },
        ...overrides,
      },
    ],
  });
  const problemsOf = (json: unknown) => {
    try {
      compileAdviceRules(json, 'rules.json');
    } catch (err) {
      expect(err).toBeInstanceOf(AdviceRulesError);
      return (err as AdviceRulesError).problems.join('\n');
    }
    throw new Error('accepted');
  };

  it('refuses rules naming unknown facts, operators or placeholders, or a name twice, saying where', () => {
    expect(problemsOf(rule({ conditions: { all: [{ fact: 'emergencies', operator: 'greaterThan', value: 1 }] } }))).toContain('rules.json: rules.0.conditions');
    expect(problemsOf(rule({ conditions: { all: [{ fact: 'requests', operator: 'regex', value: 1 }] } }))).toContain('rules.0.conditions');
    expect(problemsOf(rule({ event: { type: 'advice', params: { code: 'X_Y', service: null, zh: '共 {requestz} 个', en: 'x' } } }))).toMatch(/rules\.0\.event\.params\.zh: \{…\} must name a fact/);
    expect(problemsOf({ rules: [rule({}).rules[0], rule({}).rules[0]] })).toContain('the rule name r is used twice');
    expect(compileAdviceRules(rule({}), 'rules.json').document.rules).toHaveLength(1);
  });

  it('names the file when it is missing or not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'advice-'));
    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{ "rules": [');
    expect(() => loadAdviceRules(broken)).toThrow(broken);
    expect(() => loadAdviceRules(path.join(dir, 'missing.json'))).toThrow(/missing\.json/);
  });
});
