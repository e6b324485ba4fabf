// Each way a decision can go, with what it says besides yes or no: available, the upgrade, deliverables, the
// source, and every step of its explanation. Over the sample policy, and over copies of it edited to reach the
// paths the sample does not (a tier that drops a service a lower tier has; a special service one offering lacks).
import fs from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decide, type ContractFacts } from '../../src/entitlement/decision.ts';
import { compilePolicy, type CompiledPolicy } from '../../src/policy/compiled-policy.ts';
import type { RulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { SAMPLE_RULES_PATH } from '../support/fixtures.ts';

const AT = new Date('2026-11-27T10:00:00+08:00');
const sample = JSON.parse(fs.readFileSync(SAMPLE_RULES_PATH, 'utf8')) as RulesDocument;
const SHA = sample.workbookSha256;

let policy: CompiledPolicy;
let edited: CompiledPolicy;

/**
 * The sample with 7*24电话支持 left out of 优选 (basic and premium keep it), 在线IM left out of 尊享 too (so no tier
 * above 优选 has it), no cloud rule at all for 优选's 应用提升支持, 数据修复 listed on the cloud catalog only, and
 * 现场支持 on no catalog.
 */
function editedSample(): RulesDocument {
  const doc = structuredClone(sample);
  doc.rules = doc.rules.filter((rule) => {
    const { type, params } = rule.event as unknown as { type: string; params: Record<string, unknown> };
    return !(type === 'entitlement' && params.offering === 'cloud' && params.tier === 'preferred' && params.service === 'app_improvement');
  });
  for (const rule of doc.rules) {
    const { type, params } = rule.event as unknown as { type: string; params: Record<string, unknown> };
    if (type === 'entitlement' && params.offering === 'cloud' && params.tier === 'preferred' && params.service === 'phone_support') {
      Object.assign(params, { included: false, text: '', channel: null });
    }
    if (type === 'entitlement' && params.offering === 'cloud' && params.tier === 'premium' && params.service === 'online_im') {
      Object.assign(params, { included: false, text: '', channel: null });
    }
    if (type === 'special_service' && params.service === 'data_repair') {
      const listings = (params.listings as { offering: string }[]).filter((l) => l.offering === 'cloud');
      Object.assign(params, { offerings: ['cloud'], listings });
      rule.conditions = { all: [...(rule.conditions as { all: object[] }).all, { fact: 'offering', operator: 'equal', value: 'cloud' }] } as typeof rule.conditions;
    }
    if (type === 'special_service' && params.service === 'onsite_support') {
      Object.assign(params, { offerings: [], listings: [] });
      rule.conditions = { all: [...(rule.conditions as { all: object[] }).all, { fact: 'offering', operator: 'in', value: [] }] } as typeof rule.conditions;
    }
  }
  return doc;
}

beforeAll(async () => {
  policy = await compilePolicy({ id: 1, version: 1 }, sample);
  edited = await compilePolicy({ id: 2, version: 2 }, editedSample());
});

const contract = (offering: ContractFacts['offering'], tier: ContractFacts['tier'], extra: Partial<ContractFacts> = {}): ContractFacts => ({
  offering,
  tier,
  startsOn: '2026-03-01',
  endsOn: '2026-12-31',
  purchased: [],
  ...extra,
});
const codes = (d: ReturnType<typeof decide>) => d.reasons.map((r) => r.code);
const cell = (d: ReturnType<typeof decide>) => d.source && `${d.source.sheet}!${d.source.cell}`;

describe('the first and last day of a contract (Asia/Shanghai dates)', () => {
  const c = contract('cloud', 'basic', { startsOn: '2026-03-01', endsOn: '2026-06-30' });
  it.each([
    ['the day before startsOn, its last second', '2026-02-28T23:59:59+08:00', false],
    ['startsOn, its first second', '2026-03-01T00:00:00+08:00', true],
    ['startsOn, at noon', '2026-03-01T12:00:00+08:00', true],
    ['endsOn, at noon', '2026-06-30T12:00:00+08:00', true],
    ['endsOn, its last second', '2026-06-30T23:59:59+08:00', true],
    ['the day after endsOn, its first second', '2026-07-01T00:00:00+08:00', false],
  ])('%s: active %s', (_label, at, active) => {
    const d = decide(policy, c, 'phone_support', new Date(at));
    expect(d.entitled).toBe(active);
    expect(codes(d)).toEqual(active ? [] : ['CONTRACT_INACTIVE']);
    expect(d.explanation[0]).toEqual({ check: 'contract.active', passed: active, detail: `2026-03-01 ≤ ${at.slice(0, 10)} ≤ 2026-06-30` });
  });

  it('a contract without a start or an end date is open on that side', () => {
    for (const [startsOn, endsOn, detail] of [
      [null, null, '… ≤ 2026-11-27 ≤ …'],
      [null, '2026-11-27', '… ≤ 2026-11-27 ≤ 2026-11-27'],
      ['2026-11-27', null, '2026-11-27 ≤ 2026-11-27 ≤ …'],
    ] as const) {
      const d = decide(policy, contract('cloud', 'basic', { startsOn, endsOn }), 'phone_support', AT);
      expect(d.entitled).toBe(true);
      expect(d.explanation[0]).toEqual({ check: 'contract.active', passed: true, detail });
    }
    expect(decide(policy, contract('cloud', 'basic', { startsOn: null, endsOn: '2026-11-26' }), 'phone_support', AT).entitled).toBe(false);
    expect(decide(policy, contract('cloud', 'basic', { startsOn: '2026-11-28', endsOn: null }), 'phone_support', AT).entitled).toBe(false);
  });
});

describe('a contract starting on 29 February counts its quota in the years of docs/domain.md', () => {
  const c = contract('cloud', 'preferred', { startsOn: '2024-02-29', endsOn: '2028-12-31' });
  it.each([
    ['2025-02-27T10:00:00+08:00', '2024-02-29', '2025-02-27'],
    ['2025-02-28T10:00:00+08:00', '2025-02-28', '2026-02-27'],
    ['2025-03-01T10:00:00+08:00', '2025-02-28', '2026-02-27'],
    ['2026-02-28T10:00:00+08:00', '2026-02-28', '2027-02-27'],
  ])('code diagnosis asked at %s counts %s – %s', (at, periodStart, periodEnd) => {
    const asked: string[][] = [];
    const d = decide(policy, c, 'code_diagnosis', new Date(at), (from, to) => (asked.push([from, to]), 0));
    expect(asked).toEqual([[periodStart, periodEnd]]);
    expect(d.quota).toMatchObject({ kind: 'yearly_uses', periodStart, periodEnd, used: 0, remaining: 2 });
  });
});

describe('the last contract year of a contract that ends off an anniversary', () => {
  it('is short, ending on the end date (a contract 2026-03-15 – 2026-12-31 asked on 2026-06-01)', () => {
    const c = contract('cloud', 'preferred', { startsOn: '2026-03-15', endsOn: '2026-12-31' });
    const asked: string[][] = [];
    const d = decide(policy, c, 'code_diagnosis', new Date('2026-06-01T10:00:00+08:00'), (from, to) => (asked.push([from, to]), 0));
    expect(asked).toEqual([['2026-03-15', '2026-12-31']]);
    expect(d.quota).toMatchObject({ periodStart: '2026-03-15', periodEnd: '2026-12-31' });
  });

  it('is a whole year when the contract ends on the day before an anniversary (2026-03-15 – 2027-03-14)', () => {
    const c = contract('cloud', 'preferred', { startsOn: '2026-03-15', endsOn: '2027-03-14' });
    expect(decide(policy, c, 'code_diagnosis', new Date('2026-06-01T10:00:00+08:00')).quota).toMatchObject({ periodStart: '2026-03-15', periodEnd: '2027-03-14' });
  });
});

describe('upgrade and available on every path', () => {
  it.each([
    // [label, policy, offering, tier, service, purchased, at, reasons, available, upgrade]
    ['entitled', 'sample', 'cloud', 'basic', 'phone_support', [], AT, [], true, null],
    ['entitled at the top tier', 'sample', 'cloud', 'premium', 'online_im', [], AT, [], true, null],
    ['not in the tier: the next tier has it', 'sample', 'cloud', 'basic', 'online_im', [], AT, ['NOT_IN_TIER'], true, 'preferred'],
    ['not in the tier: a lower tier has it, the upgrade is the higher one', 'edited', 'cloud', 'preferred', 'phone_support', [], AT, ['NOT_IN_TIER'], true, 'premium'],
    ['not in the tier: the next tier lacks it too, one above has it', 'edited', 'cloud', 'basic', 'online_im', [], AT, ['NOT_IN_TIER'], true, 'preferred'],
    ['not in the top tier: nothing to upgrade to', 'edited', 'cloud', 'premium', 'online_im', [], AT, ['NOT_IN_TIER'], true, null],
    ['not in the tier: the next tier has no rule for it, the one above includes it', 'edited', 'cloud', 'basic', 'app_improvement', [], AT, ['NOT_IN_TIER'], true, 'premium'],
    ['not in the offering', 'sample', 'on_premise', 'premium', 'system_ops', [], AT, ['NOT_OFFERED'], false, null],
    ['a service no catalog has', 'sample', 'cloud', 'premium', 'tea_service', [], AT, ['NOT_OFFERED'], false, null],
    ['outside the term, a service the tier has', 'sample', 'cloud', 'premium', 'phone_support', [], new Date('2027-01-01T10:00:00+08:00'), ['CONTRACT_INACTIVE'], true, null],
    ['outside the term, a service the tier lacks', 'sample', 'cloud', 'basic', 'online_im', [], new Date('2027-01-01T10:00:00+08:00'), ['CONTRACT_INACTIVE', 'NOT_IN_TIER'], true, 'preferred'],
    ['outside the term, a service the offering lacks', 'sample', 'on_premise', 'basic', 'system_ops', [], new Date('2027-01-01T10:00:00+08:00'), ['CONTRACT_INACTIVE', 'NOT_OFFERED'], false, null],
    ['special, bought', 'sample', 'cloud', 'basic', 'data_repair', ['data_repair'], AT, [], true, null],
    ['special, not bought', 'sample', 'cloud', 'basic', 'data_repair', [], AT, ['NOT_PURCHASED'], true, null],
    ['special, on premise only, on a cloud contract', 'sample', 'cloud', 'premium', 'cluster_ha', ['cluster_ha'], AT, ['ON_PREMISE_ONLY'], false, null],
    ['special, on the cloud catalog only, on premise', 'edited', 'on_premise', 'premium', 'data_repair', ['data_repair'], AT, ['NOT_OFFERED'], false, null],
    ['special, on no catalog, on a cloud contract: not offered rather than on premise only', 'edited', 'cloud', 'premium', 'onsite_support', ['onsite_support'], AT, ['NOT_OFFERED'], false, null],
    ['special, bought, outside the term', 'sample', 'cloud', 'basic', 'data_repair', ['data_repair'], new Date('2026-01-01T10:00:00+08:00'), ['CONTRACT_INACTIVE'], true, null],
  ] as const)('%s', (_label, which, offering, tier, service, purchased, at, reasons, available, upgrade) => {
    const d = decide(which === 'sample' ? policy : edited, contract(offering, tier, { purchased: [...purchased] }), service, at);
    expect(d).toMatchObject({ policy: which === 'sample' ? { id: 1, version: 1 } : { id: 2, version: 2 }, offering, tier, service, at: at.toISOString() });
    expect(codes(d)).toEqual(reasons);
    expect(d.entitled).toBe(reasons.length === 0);
    expect(d.available).toBe(available);
    expect(d.upgrade).toEqual(upgrade ? { tier: upgrade } : null);
  });

  it('a quota used up leaves the service available, with nothing to upgrade to at the top', () => {
    const d = decide(policy, contract('cloud', 'premium'), 'code_diagnosis', AT, () => 4);
    expect(codes(d)).toEqual(['QUOTA_EXHAUSTED']);
    expect(d).toMatchObject({ entitled: false, available: true, upgrade: null, quota: { used: 4, remaining: 0 } });
    // More uses than the year allows (a manager's override) still leave 0, not a negative count.
    expect(decide(policy, contract('cloud', 'premium'), 'code_diagnosis', AT, () => 5).quota).toMatchObject({ used: 5, remaining: 0 });
  });

  it('a decision that grants nothing says nothing about channel, window, coverage, quota or deliverables', () => {
    for (const d of [
      decide(policy, contract('cloud', 'basic'), 'online_im', AT),
      decide(policy, contract('on_premise', 'premium'), 'system_ops', AT),
    ]) {
      expect(d).toMatchObject({ channel: null, responseWindow: null, coverage: null, quota: null, deliverables: [] });
    }
    // A special service not bought still says what it would deliver.
    expect(decide(policy, contract('cloud', 'basic'), 'data_repair', AT)).toMatchObject({ quota: null, deliverables: [expect.stringMatching(/^对于非产品原因导致的数据问题/u)] });
  });
});

describe('special services: deliverables, source and person-days', () => {
  it('gives the listing of the contract’s own offering, with its cell', () => {
    const cloud = decide(policy, contract('cloud', 'basic', { purchased: ['upgrade_migration'] }), 'upgrade_migration', AT);
    expect(cloud.deliverables).toEqual(['针对产品更新升级或产品迁移提供的评估、测试、实施及问题处理等。']);
    expect(cell(cloud)).toBe('金蝶云星空（公有云）!A16');
    const onPremise = decide(policy, contract('on_premise', 'basic'), 'upgrade_migration', AT);
    expect(onPremise.deliverables).toEqual(['针对产品更新升级或产品迁移提供的评估、测试、实施及问题处理等。']);
    expect(cell(onPremise)).toBe('金蝶云星空（On Premise）!A15');
    expect(onPremise.source?.workbookSha256).toBe(SHA);
  });

  it('NOT_OFFERED for a special service the offering’s catalog lacks: no deliverables, no source', () => {
    const d = decide(edited, contract('on_premise', 'premium', { purchased: ['data_repair'] }), 'data_repair', AT);
    expect(d).toMatchObject({ entitled: false, available: false, deliverables: [], source: null, quota: null, upgrade: null });
    expect(d.reasons).toEqual([{ code: 'NOT_OFFERED', message: '该部署形态的服务目录中没有该服务 / this offering’s catalog does not have this service' }]);
    // Still sold on the cloud.
    expect(decide(edited, contract('cloud', 'premium', { purchased: ['data_repair'] }), 'data_repair', AT).entitled).toBe(true);
  });

  it('ON_PREMISE_ONLY names the reason in words', () => {
    const d = decide(policy, contract('cloud', 'premium'), 'db_migration', AT);
    expect(d).toMatchObject({ deliverables: [], source: null });
    expect(d.reasons).toEqual([{ code: 'ON_PREMISE_ONLY', message: '该专项服务仅面向私有云客户 / this special service is for on-premise customers only' }]);
  });

  it('draws person-days bought down over the whole term, in tenths, never below 0', () => {
    const c = contract('cloud', 'basic', { purchased: ['data_repair'], purchasedPersonDays: { data_repair: 4 } });
    const asked: string[][] = [];
    const d = decide(policy, c, 'data_repair', AT, (from, to) => (asked.push([from, to]), { uses: 3, personDays: 3.7 }));
    expect(asked).toEqual([['2026-03-01', '2026-12-31']]);
    expect(d.quota).toEqual({ kind: 'person_days', purchased: 4, used: 3.7, remaining: 0.3, periodStart: '2026-03-01', periodEnd: '2026-12-31' });
    expect(d.entitled).toBe(true);
    const used = decide(policy, c, 'data_repair', AT, () => ({ uses: 4, personDays: 4 }));
    expect(codes(used)).toEqual(['QUOTA_EXHAUSTED']);
    expect(used.quota).toMatchObject({ used: 4, remaining: 0 });
    expect(decide(policy, c, 'data_repair', AT, () => ({ uses: 5, personDays: 4.5 })).quota).toMatchObject({ used: 4.5, remaining: 0 });
    // A bare count is uses alone: no person-days drawn.
    expect(decide(policy, c, 'data_repair', AT, () => 2).quota).toMatchObject({ used: 0, remaining: 4 });
  });

  it('an open-ended contract draws person-days over the day asked; none bought, or not bought, means no budget', () => {
    const open = contract('cloud', 'basic', { startsOn: null, endsOn: null, purchased: ['data_repair'], purchasedPersonDays: { data_repair: 2 } });
    expect(decide(policy, open, 'data_repair', AT).quota).toMatchObject({ periodStart: '2026-11-27', periodEnd: '2026-11-27' });
    const item = contract('cloud', 'basic', { purchased: ['data_repair'], purchasedPersonDays: { data_repair: 0 } });
    expect(decide(policy, item, 'data_repair', AT, () => 99).quota).toBeNull();
    const notBought = contract('cloud', 'basic', { purchasedPersonDays: { data_repair: 4 } });
    expect(decide(policy, notBought, 'data_repair', AT).quota).toBeNull();
  });
});

describe('every step of an explanation', () => {
  // A rule's step is built once per compiled policy and kept: a fresh policy for each case builds it under test.
  beforeEach(async () => {
    policy = await compilePolicy({ id: 1, version: 1 }, sample);
  });
  const step = (check: string, passed: boolean, detail: string) => ({ check, passed, detail });
  const active = step('contract.active', true, '2026-03-01 ≤ 2026-11-27 ≤ 2026-12-31');

  it('an included service with a yearly quota: the term, the rule with its cell text, the quota', () => {
    const c = contract('cloud', 'preferred', { startsOn: '2025-03-15', endsOn: '2027-03-14' });
    expect(decide(policy, c, 'code_diagnosis', AT, () => 1).explanation).toEqual([
      step('contract.active', true, '2025-03-15 ≤ 2026-11-27 ≤ 2027-03-14'),
      step('rule cloud.preferred.code_diagnosis', true, 'offering = cloud, tier = preferred, service = code_diagnosis: 代码诊断(限一年两次,2人天/次,非现场)'),
      step('quota.remaining', true, '1 / 2 (2026-03-15 – 2027-03-14)'),
    ]);
    expect(decide(policy, c, 'code_diagnosis', AT, () => 2).explanation[2]).toEqual(step('quota.remaining', false, '2 / 2 (2026-03-15 – 2027-03-14)'));
  });

  it('a service the tier lacks: its blank cell', () => {
    expect(decide(policy, contract('cloud', 'basic'), 'online_im', AT).explanation).toEqual([
      active,
      step('rule cloud.basic.online_im', false, 'offering = cloud, tier = basic, service = online_im: (空 / blank)'),
    ]);
  });

  it('a service the offering lacks: no rule', () => {
    expect(decide(policy, contract('on_premise', 'premium'), 'system_ops', AT).explanation).toEqual([active, step('rule on_premise.premium.system_ops', false, 'no rule for system_ops in on_premise')]);
  });

  it('a special service: the rule, whether it was bought, and the person-days', () => {
    const c = contract('cloud', 'basic', { purchased: ['data_repair'], purchasedPersonDays: { data_repair: 4 } });
    expect(decide(policy, c, 'data_repair', AT, () => ({ uses: 1, personDays: 1.5 })).explanation).toEqual([
      active,
      step('rule special.data_repair', true, 'service = data_repair, offering = cloud'),
      step('contract.purchased', true, 'data_repair'),
      step('quota.person_days', true, '1.5 / 4 人天 (2026-03-01 – 2026-12-31)'),
    ]);
    expect(decide(policy, c, 'data_repair', AT, () => ({ uses: 2, personDays: 4 })).explanation[3]).toEqual(step('quota.person_days', false, '4 / 4 人天 (2026-03-01 – 2026-12-31)'));
    expect(decide(policy, contract('cloud', 'basic'), 'data_repair', AT).explanation).toEqual([
      active,
      step('rule special.data_repair', true, 'service = data_repair, offering = cloud'),
      step('contract.purchased', false, 'data_repair'),
    ]);
  });

  it('a special service the offering does not sell: the rule alone', () => {
    expect(decide(policy, contract('cloud', 'premium', { purchased: ['cluster_ha'] }), 'cluster_ha', AT).explanation).toEqual([
      active,
      step('rule special.cluster_ha', false, 'service = cluster_ha, offering = cloud'),
    ]);
  });

  it('the same rule step each time it is asked, and a fresh explanation per decision', () => {
    const a = decide(policy, contract('cloud', 'basic'), 'phone_support', AT);
    const b = decide(policy, contract('cloud', 'basic'), 'phone_support', AT);
    expect(a.explanation[1]).toEqual(b.explanation[1]);
    expect(a.explanation[1]).toEqual(step('rule cloud.basic.phone_support', true, 'offering = cloud, tier = basic, service = phone_support: ✓'));
    expect(a.explanation).not.toBe(b.explanation);
  });
});
