import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { contractWorld, type ContractWorld } from '../support/contract-setup.ts';

const AT = new Date('2026-06-01T02:00:00Z');
const support = { name: 'support.user', address: '10.0.0.1', mayOverride: false };
const manager = { name: 'manager.user', address: '10.0.0.2', mayOverride: true };

describeEachDatabase('quota use', (current) => {
  let w: ContractWorld;
  let contractId: number;
  beforeEach(async () => {
    w = await contractWorld(current().db);
    const customer = await w.contracts.createCustomer({ name: '尊享客户' }, { name: 'test', address: null });
    contractId = (await w.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2027-12-31' })).id;
  });
  const use = (extra: Partial<Parameters<ContractWorld['usage']['record']>[0]> = {}) => ({
    contractId,
    service: 'code_diagnosis',
    personDays: 2,
    onsite: false,
    at: AT,
    note: null,
    override: null,
    idempotencyKey: null,
    ...extra,
  });

  it('records exactly the quota under 20 parallel uses', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => w.usage.record(use(), support)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code);
    expect(new Set(refused)).toEqual(new Set(['QUOTA_EXHAUSTED']));
    expect(Number((await current().db('quota_usage').count({ n: '*' }).first())?.n)).toBe(4);
    expect((await w.contracts.check(contractId, 'code_diagnosis', AT)).reasons.map((r) => r.code)).toEqual(['QUOTA_EXHAUSTED']);
  });

  it('starts a new count in the next contract year', async () => {
    for (let i = 0; i < 4; i++) await w.usage.record(use(), support);
    const next = await w.usage.record(use({ at: new Date('2027-01-01T00:00:00+08:00') }), support);
    expect(next.quota).toMatchObject({ used: 1, remaining: 3, periodStart: '2027-01-01' });
  });

  it('records a retried request once', async () => {
    const first = await w.usage.record(use({ idempotencyKey: 'req-42' }), support);
    const again = await w.usage.record(use({ idempotencyKey: 'req-42' }), support);
    expect(again).toMatchObject({ status: 'existing', usage: { id: first.usage.id } });
    const parallel = await Promise.all(Array.from({ length: 5 }, () => w.usage.record(use({ idempotencyKey: 'req-43' }), support)));
    expect(new Set(parallel.map((r) => r.usage.id)).size).toBe(1);
    expect(Number((await current().db('quota_usage').count({ n: '*' }).first())?.n)).toBe(2);
  });

  it('lets a manager override with a reason, audited, and nobody else', async () => {
    for (let i = 0; i < 4; i++) await w.usage.record(use(), support);
    await expect(w.usage.record(use({ override: { reason: '重大故障' } }), support)).rejects.toMatchObject({ code: 'OVERRIDE_NOT_ALLOWED' });
    const over = await w.usage.record(use({ override: { reason: '重大故障,经理批准' } }), manager);
    expect(over.usage.overrideReason).toBe('重大故障,经理批准');
    expect(over.exceeded).toEqual(['count']);
    const [entry] = await w.audit.list({ action: 'usage.override' });
    expect(entry).toMatchObject({ actor: 'manager.user', target: `contract:${contractId}`, details: { reason: '重大故障,经理批准', used: 5, perYear: 4, exceeded: ['count'] } });
  });

  it('scopes a key to its caller and binds it to the use it first recorded', async () => {
    const mine = await w.usage.record(use({ idempotencyKey: 'k-1', note: '张三的电话' }), support);
    // Another caller's key is another key: the manager's use is recorded, and the support user's note stays theirs.
    const theirs = await w.usage.record(use({ idempotencyKey: 'k-1', note: null }), manager);
    expect(theirs).toMatchObject({ status: 'created', usage: { actor: 'manager.user', note: null } });
    expect(theirs.usage.id).not.toBe(mine.usage.id);
    // The same caller's key for another use is refused, whatever differs.
    await expect(w.usage.record(use({ idempotencyKey: 'k-1', personDays: 1, note: '张三的电话' }), support)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    await expect(w.usage.record(use({ idempotencyKey: 'k-1', note: '另一次' }), support)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // Case matters: K-1 is not k-1.
    expect((await w.usage.record(use({ idempotencyKey: 'K-1', note: '张三的电话' }), support)).status).toBe('created');
    expect(Number((await current().db('quota_usage').count({ n: '*' }).first())?.n)).toBe(3);
  });

  it('refuses person-days that are not finite, not positive, finer than a tenth, or beyond a year’s grant, naming the field', async () => {
    for (const personDays of [-5, 0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e9, 0.05, 1001]) {
      const refusal = await w.usage.record(use({ personDays }), support).catch((err: unknown) => err);
      expect(refusal, String(personDays)).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'personDays' }] });
      expect((refusal as Error).message).toContain('personDays');
      expect((refusal as { messageZh: string }).messageZh).toContain('人天数');
    }
    // 尊享 code diagnosis: 4 uses a year of 2 person-days each. A whole year's grant in one use is a typing mistake,
    // refused also for a manager with an override.
    const over = await w.usage.record(use({ personDays: 8.5, override: { reason: '重大故障' } }), manager).catch((err: unknown) => err);
    expect(over).toMatchObject({ code: 'PERSON_DAYS_OVER_GRANT', details: [{ field: 'personDays', message: expect.stringContaining('at most 8'), messageZh: '请填写不超过 8 的人天数(整个合同年度的额度)' }] });
    expect((over as Error).message).toBe('personDays 8.5 exceeds the 8 person-days this service grants per contract year (4 × 2)');
    expect(Number((await current().db('quota_usage').count({ n: '*' }).first())?.n)).toBe(0);
    expect((await w.usage.record(use({ personDays: 0.5 }), support).then((r) => r.usage.personDays))).toBe(0.5);
  });

  it('records at most the grant’s 2 person-days a use; more needs a manager’s override, audited', async () => {
    expect((await w.usage.record(use({ personDays: 2 }), support)).exceeded).toEqual([]);
    for (const personDays of [2.1, 3, 8]) {
      const refusal = await w.usage.record(use({ personDays }), support).catch((err: unknown) => err);
      expect(refusal, String(personDays)).toMatchObject({ code: 'PERSON_DAYS_OVER_USE', details: [{ field: 'personDays', message: expect.stringContaining('at most 2 person-days for one use'), messageZh: expect.stringContaining('每次至多 2 人天') }] });
      expect((refusal as Error).message).toBe(`personDays ${personDays} exceeds the 2 person-days this service grants per use: going beyond needs a manager’s override with a reason`);
    }
    // A manager without a reason is refused too: nothing beyond the grant goes in silently.
    await expect(w.usage.record(use({ personDays: 3 }), manager)).rejects.toMatchObject({ code: 'PERSON_DAYS_OVER_USE' });
    const over = await w.usage.record(use({ personDays: 3, override: { reason: '升级后回归,多用一天' } }), manager);
    expect(over).toMatchObject({ status: 'created', exceeded: ['per_use'], usage: { personDays: 3, overrideReason: '升级后回归,多用一天' } });
    expect(over.quota).toMatchObject({ kind: 'yearly_uses', used: 2, remaining: 2, personDaysUsed: 5, personDaysEach: 2 });
    const [entry] = await w.audit.list({ action: 'usage.override' });
    expect(entry).toMatchObject({ actor: 'manager.user', details: { exceeded: ['per_use'], personDays: 3, reason: '升级后回归,多用一天' } });
    expect(Number((await current().db('quota_usage').count({ n: '*' }).first())?.n)).toBe(2);
  });

  it('refuses an on-site use of a 非现场 grant unless a manager overrides, and stores where each use happened', async () => {
    const refusal = await w.usage.record(use({ onsite: true }), support).catch((err: unknown) => err);
    expect(refusal).toMatchObject({ code: 'ONSITE_NOT_GRANTED', details: [{ field: 'onsite' }] });
    expect((refusal as { messageZh: string }).messageZh).toContain('非现场');
    await expect(w.usage.record(use({ onsite: true }), manager)).rejects.toMatchObject({ code: 'ONSITE_NOT_GRANTED' });
    const onsite = await w.usage.record(use({ onsite: true, personDays: 3, override: { reason: '客户机房无外网,只能到场' } }), manager);
    expect(onsite).toMatchObject({ exceeded: ['onsite', 'per_use'], usage: { onsite: true, personDays: 3 } });
    const remote = await w.usage.record(use(), support);
    expect(remote.usage).toMatchObject({ onsite: false, policyVersion: 1 });
    const rows = (await current().db('quota_usage').orderBy('id').select('onsite', 'policy_version')) as { onsite: number | boolean; policy_version: number }[];
    expect(rows.map((r) => [Boolean(r.onsite), Number(r.policy_version)])).toEqual([
      [true, 1],
      [false, 1],
    ]);
    // A retry must say where, as the first did: the same key with another place is another use.
    await w.usage.record(use({ idempotencyKey: 'where-1' }), support);
    await expect(w.usage.record(use({ idempotencyKey: 'where-1', onsite: true }), support)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses services without a quota and contracts not entitled', async () => {
    await expect(w.usage.record(use({ service: 'phone_support' }), support)).rejects.toMatchObject({ code: 'NO_QUOTA' });
    await expect(w.usage.record(use({ at: new Date('2030-01-01T00:00:00Z') }), manager)).rejects.toMatchObject({ code: 'NOT_ENTITLED' });
    // A special service the contract did not buy is not entitled; one bought as an item (0 person-days) has no ledger.
    await expect(w.usage.record(use({ service: 'data_repair', personDays: 1 }), support)).rejects.toMatchObject({ code: 'NOT_ENTITLED' });
  });
});
