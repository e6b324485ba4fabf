// The fast path must say what json-rules-engine says when run per request, for every combination.
import fs from 'node:fs';
import { expect, it } from 'vitest';
import { OFFERINGS, SPECIAL_SERVICES, TIERS, TIER_SERVICES } from '../../src/catalog/catalog-codes.ts';
import { compilePolicy } from '../../src/policy/compiled-policy.ts';
import { createPolicyEngine } from '../../src/policy/policy-engine.ts';
import type { RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { SAMPLE_RULES_PATH } from '../support/fixtures.ts';

it('pre-evaluated answers equal a plain json-rules-engine run for every offering × tier × service', async () => {
  const doc = JSON.parse(fs.readFileSync(SAMPLE_RULES_PATH, 'utf8')) as RulesDocument;
  const compiled = await compilePolicy({ id: 1, version: 1 }, doc);
  const engine = createPolicyEngine(doc);
  let compared = 0;
  for (const offering of OFFERINGS) {
    for (const tier of TIERS) {
      for (const { code } of TIER_SERVICES) {
        const events = await engine.run({ offering, tier, service: code });
        const plain = events.find((e) => e.type === 'entitlement')?.params;
        expect(compiled.entitlement(offering, tier, code), `${offering}.${tier}.${code}`).toEqual(plain);
        compared++;
      }
      for (const { code } of SPECIAL_SERVICES) {
        const events = await engine.run({ offering, tier, service: code });
        const plain = events.find((e) => e.type === 'special_service')?.params;
        expect(compiled.special(offering, code), `${offering}.${code}`).toEqual(plain);
        compared++;
      }
    }
  }
  expect(compared).toBe(OFFERINGS.length * TIERS.length * (TIER_SERVICES.length + SPECIAL_SERVICES.length));
  expect(compiled.tierServices('on_premise')).not.toContain('system_ops');
  expect(compiled.knownServices()).toHaveLength(TIER_SERVICES.length + SPECIAL_SERVICES.length);
});
