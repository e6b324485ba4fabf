// Decision tables from docs/domain.md, over the committed sample policy, for both offerings.
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decide, type ContractFacts } from '../../src/entitlement/decision.ts';
import { compilePolicy, type CompiledPolicy } from '../../src/policy/compiled-policy.ts';
import type { RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { SAMPLE_RULES_PATH } from '../support/fixtures.ts';

const AT = new Date('2026-11-27T02:00:00Z');
let policy: CompiledPolicy;

beforeAll(async () => {
  policy = await compilePolicy({ id: 1, version: 1 }, JSON.parse(fs.readFileSync(SAMPLE_RULES_PATH, 'utf8')) as RulesDocument);
});

const contract = (offering: ContractFacts['offering'], tier: ContractFacts['tier'], extra: Partial<ContractFacts> = {}): ContractFacts => ({
  offering,
  tier,
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  purchased: [],
  ...extra,
});

describe('decisions per docs/domain.md', () => {
  // offering, tier, service, entitled, channel, window, coverage, reasons
  it.each([
    ['cloud', 'basic', 'phone_support', true, 'standard', null, { daysPerWeek: 7, hoursPerDay: 24 }, []],
    ['cloud', 'premium', 'phone_support', true, 'dedicated', null, { daysPerWeek: 7, hoursPerDay: 24 }, []],
    ['cloud', 'basic', 'online_im', false, null, null, null, ['NOT_IN_TIER']],
    ['cloud', 'preferred', 'online_im', true, 'standard', null, { daysPerWeek: 7, hoursPerDay: 8 }, []],
    ['on_premise', 'premium', 'online_im', true, 'dedicated', null, { daysPerWeek: 7, hoursPerDay: 8 }, []],
    ['cloud', 'basic', 'issue_feedback', true, null, { amount: 2, unit: 'working_day' }, { daysPerWeek: 7, hoursPerDay: 24 }, []],
    ['cloud', 'premium', 'issue_feedback', true, null, { amount: 0.5, unit: 'working_day' }, { daysPerWeek: 7, hoursPerDay: 24 }, []],
    ['on_premise', 'preferred', 'emergency_fault', true, null, { amount: 4, unit: 'working_hour' }, null, []],
    ['cloud', 'basic', 'system_ops', true, null, null, { daysPerWeek: 5, hoursPerDay: 8 }, []],
    ['cloud', 'premium', 'system_ops', true, null, null, { daysPerWeek: 7, hoursPerDay: 12 }, []],
    ['on_premise', 'premium', 'system_ops', false, null, null, null, ['NOT_OFFERED']],
    ['on_premise', 'basic', 'self_service_ops', false, null, null, null, ['NOT_OFFERED']],
    ['on_premise', 'basic', 'update_license', true, null, null, null, []],
    ['cloud', 'premium', 'update_license', false, null, null, null, ['NOT_OFFERED']],
    ['cloud', 'basic', 'community', true, null, null, null, []],
  ] as const)('%s %s %s → entitled %s', (offering, tier, service, entitled, channel, window, coverage, reasons) => {
    const d = decide(policy, contract(offering, tier), service, AT);
    expect(d).toMatchObject({ entitled, channel, responseWindow: window, coverage });
    expect(d.reasons.map((r) => r.code)).toEqual(reasons);
    if (d.available) expect(d.source?.workbookSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('names the lowest tier that would include a missing service', () => {
    expect(decide(policy, contract('cloud', 'basic'), 'code_diagnosis', AT).upgrade).toEqual({ tier: 'preferred' });
    expect(decide(policy, contract('cloud', 'basic'), 'online_im', AT).upgrade).toEqual({ tier: 'preferred' });
    expect(decide(policy, contract('cloud', 'premium'), 'phone_support', AT).upgrade).toBeNull();
  });

  it('lists deliverables and the premium customer-success items', () => {
    expect(decide(policy, contract('cloud', 'premium'), 'customer_success', AT).deliverables).toEqual(['指定客户成功经理', '每年1次服务报告及总部专家建议', '定制化在线培训课程']);
  });

  it('refuses the on-premise-only services on a cloud contract, and unpurchased ones on premise', () => {
    for (const service of ['performance_tuning', 'db_migration', 'cluster_ha']) {
      const cloud = decide(policy, contract('cloud', 'premium', { purchased: [service] }), service, AT);
      expect(cloud).toMatchObject({ entitled: false, available: false });
      expect(cloud.reasons.map((r) => r.code)).toEqual(['ON_PREMISE_ONLY']);
      const onPrem = decide(policy, contract('on_premise', 'basic'), service, AT);
      expect(onPrem).toMatchObject({ entitled: false, available: true });
      expect(onPrem.reasons.map((r) => r.code)).toEqual(['NOT_PURCHASED']);
      expect(decide(policy, contract('on_premise', 'basic', { purchased: [service] }), service, AT).entitled).toBe(true);
    }
    expect(decide(policy, contract('cloud', 'basic', { purchased: ['data_repair'] }), 'data_repair', AT).entitled).toBe(true);
  });

  it('counts code diagnosis per contract year and refuses when it is used up', () => {
    const c = contract('cloud', 'preferred', { startsOn: '2025-03-15', endsOn: '2027-03-14' });
    const seen: string[][] = [];
    const d = decide(policy, c, 'code_diagnosis', AT, (from, to) => (seen.push([from, to]), 1));
    expect(seen).toEqual([['2026-03-15', '2027-03-14']]);
    expect(d.quota).toEqual({ kind: 'yearly_uses', perYear: 2, personDaysEach: 2, onsite: false, used: 1, remaining: 1, personDaysUsed: 0, periodStart: '2026-03-15', periodEnd: '2027-03-14' });
    // With the person-days the uses recorded, as the contract service asks the ledger.
    expect(decide(policy, c, 'code_diagnosis', AT, () => ({ uses: 1, personDays: 1.5 })).quota).toMatchObject({ used: 1, personDaysUsed: 1.5 });
    expect(d.entitled).toBe(true);
    const exhausted = decide(policy, c, 'code_diagnosis', AT, () => 2);
    expect(exhausted).toMatchObject({ entitled: false, quota: { remaining: 0 } });
    expect(exhausted.reasons.map((r) => r.code)).toEqual(['QUOTA_EXHAUSTED']);
    // The day before the anniversary is the old year; the anniversary starts a new one (Asia/Shanghai dates).
    const lastDay = decide(policy, c, 'code_diagnosis', new Date('2026-03-14T15:59:59Z'), () => 0);
    expect(lastDay.quota?.periodStart).toBe('2025-03-15');
    const firstDay = decide(policy, c, 'code_diagnosis', new Date('2026-03-14T16:00:00Z'), () => 0);
    expect(firstDay.quota?.periodStart).toBe('2026-03-15');
  });

  it('refuses outside the contract term and explains each check', () => {
    const d = decide(policy, contract('cloud', 'premium'), 'phone_support', new Date('2027-01-01T00:00:00+08:00'));
    expect(d.entitled).toBe(false);
    expect(d.reasons.map((r) => r.code)).toEqual(['CONTRACT_INACTIVE']);
    expect(d.reasons[0]!.message).toMatch(/合同.* \/ .*contract/);
    expect(d.explanation.map((e) => [e.check, e.passed])).toEqual([
      ['contract.active', false],
      ['rule cloud.premium.phone_support', true],
    ]);
  });
});
