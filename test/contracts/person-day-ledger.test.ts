// Special services bought on a contract in person-days are drawn down through the quota ledger, over the
// contract's whole term: shown in decisions, refused when nothing (or not enough) is left unless a manager
// overrides, recorded once per key, and exactly the bought days under parallel uses.
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { contractWorld, type ContractWorld } from '../support/contract-setup.ts';

const AT = new Date('2026-06-01T02:00:00Z');
const support = { name: 'support.user', address: '10.0.0.1', mayOverride: false };
const manager = { name: 'manager.user', address: '10.0.0.2', mayOverride: true };

describeEachDatabase('person-day ledger of special services', (current) => {
  let w: ContractWorld;
  let contractId: number;
  let customerId: number;
  beforeEach(async () => {
    w = await contractWorld(current().db);
    customerId = (await w.contracts.createCustomer({ name: '私有云客户' }, { name: 'test', address: null })).id;
    contractId = (
      await w.contracts.createContract({
        customerId,
        offering: 'on_premise',
        tier: 'preferred',
        startsOn: '2026-01-01',
        endsOn: '2027-12-31',
        services: [
          { service: 'data_repair', personDays: 4 },
          { service: 'db_migration', personDays: 10 },
          // Bought as an item (项): a delivery, not a budget of days.
          { service: 'upgrade_migration', personDays: 0 },
        ],
      })
    ).id;
  });
  const use = (extra: Partial<Parameters<ContractWorld['usage']['record']>[0]> = {}) => ({
    contractId,
    service: 'data_repair',
    personDays: 1,
    onsite: false,
    at: AT,
    note: null,
    override: null,
    idempotencyKey: null,
    ...extra,
  });
  const usedRows = async () => Number((await current().db('quota_usage').count({ n: '*' }).first())?.n);

  it('shows purchased, used and remaining person-days in decisions, over the contract’s whole term', async () => {
    const fresh = await w.contracts.check(contractId, 'data_repair', AT);
    expect(fresh).toMatchObject({ entitled: true, quota: { kind: 'person_days', purchased: 4, used: 0, remaining: 4, periodStart: '2026-01-01', periodEnd: '2027-12-31' } });
    const first = await w.usage.record(use({ personDays: 1.5 }), support);
    expect(first.quota).toEqual({ kind: 'person_days', purchased: 4, used: 1.5, remaining: 2.5, periodStart: '2026-01-01', periodEnd: '2027-12-31' });
    // The next contract year draws on the same days: they were bought once, for the contract.
    const nextYear = await w.usage.record(use({ personDays: 1, at: new Date('2027-03-01T02:00:00Z') }), support);
    expect(nextYear.quota).toMatchObject({ used: 2.5, remaining: 1.5 });
    const { decisions } = await w.contracts.entitlements(contractId, AT);
    expect(decisions.find((d) => d.service === 'data_repair')?.quota).toMatchObject({ kind: 'person_days', used: 2.5, remaining: 1.5 });
    expect(decisions.find((d) => d.service === 'db_migration')?.quota).toMatchObject({ kind: 'person_days', used: 0, remaining: 10 });
    // The item, and the tier's yearly quota alongside.
    expect(decisions.find((d) => d.service === 'upgrade_migration')).toMatchObject({ entitled: true, quota: null });
    expect(decisions.find((d) => d.service === 'code_diagnosis')?.quota).toMatchObject({ kind: 'yearly_uses', perYear: 2, used: 0 });
  });

  it('refuses a use beyond what is left (409 QUOTA_EXHAUSTED) unless a manager overrides, audited', async () => {
    await w.usage.record(use({ personDays: 3 }), support);
    const short = await w.usage.record(use({ personDays: 2 }), support).catch((err: unknown) => err);
    expect(short).toMatchObject({ code: 'QUOTA_EXHAUSTED', details: { purchased: 4, used: 3, remaining: 1, requested: 2 } });
    expect((short as Error).message).toBe('Only 1 of the 4 person-days bought on the contract remain, and this use records 2: going beyond needs a manager’s override with a reason');
    const last = await w.usage.record(use({ personDays: 1 }), support);
    expect(last.quota).toMatchObject({ used: 4, remaining: 0 });
    const none = await w.usage.record(use({ personDays: 0.5 }), support).catch((err: unknown) => err);
    expect(none).toMatchObject({ code: 'QUOTA_EXHAUSTED', messageZh: '合同购买的 4 人天已用完(合同期 2026-01-01 至 2027-12-31)' });
    const decision = await w.contracts.check(contractId, 'data_repair', AT);
    expect(decision).toMatchObject({ entitled: false, quota: { used: 4, remaining: 0 } });
    expect(decision.reasons.map((r) => r.code)).toEqual(['QUOTA_EXHAUSTED']);

    const over = await w.usage.record(use({ personDays: 2, override: { reason: '数据修复超出预估,经理批准' } }), manager);
    expect(over).toMatchObject({ exceeded: ['person_days'], quota: { used: 6, remaining: 0 } });
    const [entry] = await w.audit.list({ action: 'usage.override' });
    expect(entry).toMatchObject({ actor: 'manager.user', details: { service: 'data_repair', exceeded: ['person_days'], used: 6, purchased: 4 } });
    expect(await usedRows()).toBe(3);
  });

  it('records exactly the bought person-days under 20 parallel uses of one', async () => {
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => w.usage.record(use(), support)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code);
    expect(new Set(refused)).toEqual(new Set(['QUOTA_EXHAUSTED']));
    expect(await usedRows()).toBe(4);
    expect((await w.contracts.check(contractId, 'data_repair', AT)).quota).toMatchObject({ used: 4, remaining: 0 });
  });

  it('records a retried use once, and refuses items, services not bought and the on-premise-only on cloud', async () => {
    const first = await w.usage.record(use({ idempotencyKey: 'repair-1' }), support);
    const again = await w.usage.record(use({ idempotencyKey: 'repair-1' }), support);
    expect(again).toMatchObject({ status: 'existing', usage: { id: first.usage.id } });
    await expect(w.usage.record(use({ idempotencyKey: 'repair-1', personDays: 2 }), support)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await usedRows()).toBe(1);

    await expect(w.usage.record(use({ service: 'upgrade_migration' }), support)).rejects.toMatchObject({ code: 'NO_QUOTA' });
    await expect(w.usage.record(use({ service: 'cluster_ha' }), support)).rejects.toMatchObject({ code: 'NOT_ENTITLED' });
    // On-site support is a special service like any other: the ledger does not ask where it was delivered.
    const onsite = await w.contracts.createContract({ customerId, offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', endsOn: '2026-12-31', services: [{ service: 'onsite_support', personDays: 2 }] });
    const trip = await w.usage.record(use({ contractId: onsite.id, service: 'onsite_support', personDays: 2, onsite: true }), support);
    expect(trip).toMatchObject({ exceeded: [], usage: { onsite: true }, quota: { remaining: 0 } });
  });

  it('draws down what an edited contract now says was bought', async () => {
    await w.usage.record(use({ personDays: 3 }), support);
    const contract = await w.contracts.getContract(contractId);
    await w.contracts.updateContract(contractId, { ...contract, services: contract.services.map((s) => (s.service === 'data_repair' ? { ...s, personDays: 6 } : s)) });
    expect((await w.usage.record(use({ personDays: 3 }), support)).quota).toMatchObject({ purchased: 6, used: 6, remaining: 0 });
  });
});
