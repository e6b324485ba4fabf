// Withdrawing a scheduled activation (issue 16), on SQLite and MariaDB: before it takes effect it is withdrawn and
// audited in one transaction, the row kept and the version listed as 已撤回; once in effect it is refused, also when
// the instant passes while the withdrawal waits for the lock a record's writer holds; every instance's policy cache
// forgets it at its next refresh. And the impact list: a page of the contracts a draft would change, with what changes.
import { beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createAuditLog } from '../../src/audit/audit-log.ts';
import { createPolicyCache } from '../../src/entitlement/policy-cache.ts';
import { holdDecidedVersion } from '../../src/policy/decided-version-repository.ts';
import { PolicyError } from '../../src/policy/policy-error.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from '../../src/policy/policy-service.ts';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook } from '../../src/workbook/workbook-writer.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { manualClock, sampleWorkbook } from '../support/fixtures.ts';

/** The sample with 7*24问题反馈 of cloud 基础服务 answered within 4 working hours, as a second version. */
async function editedSample(): Promise<Buffer> {
  const tables = sampleWorkbookTables();
  const row = tables[0]!.rows.find((r) => r[4] === 'issue_feedback')!;
  row[1] = '4工作小时响应';
  return writeWorkbook(tables);
}

const SCHEDULED = '2026-11-30T16:00:00.000Z'; // 2026-12-01 00:00 in Shanghai

async function refusal(p: Promise<unknown>): Promise<PolicyError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(PolicyError);
  return err as PolicyError;
}

describeEachDatabase('withdrawing a scheduled activation', (current) => {
  const clock = manualClock('2026-11-27T02:00:00.000Z');
  let db: Database;
  let policies: PolicyService;

  beforeEach(async () => {
    db = current().db;
    for (const t of ['contract_services', 'quota_usage', 'service_requests', 'quotes', 'contracts', 'customer_contacts', 'customers', 'audit_log', 'policy_activations', 'policy_blobs', 'policy_versions']) await db(t).del();
    clock.set('2026-11-27T02:00:00.000Z');
    policies = createPolicyService(createPolicyRepository(db), clock.now, createAuditLog(db, clock.now));
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample.xlsx', actor: 'admin', activate: true });
    await policies.importWorkbook({ bytes: await editedSample(), filename: 'edited.xlsx', actor: 'admin' });
    await policies.activate(2, 'admin', new Date(SCHEDULED));
  });

  it('withdraws it before it takes effect: audited, kept for history, listed as 已撤回, and scheduled again later', async () => {
    expect((await policies.activeAndScheduled()).scheduled?.version).toBe(2);
    const withdrawn = await policies.withdraw(2, 'alice', '203.0.113.5');
    expect(withdrawn).toEqual([expect.objectContaining({ version: 2, effectiveFrom: SCHEDULED, withdrawnBy: 'alice', withdrawnAt: '2026-11-27T02:00:00.000Z' })]);
    expect((await policies.getVersion(2)).status).toBe('withdrawn');
    expect((await policies.activeAt(new Date('2026-12-02T00:00:00Z')))?.version).toBe(1);
    expect(await policies.activeAndScheduled()).toMatchObject({ active: { version: 1 }, scheduled: null });
    // History: both activation rows stay.
    expect(Number((await db('policy_activations').count({ n: '*' }).first())?.n)).toBe(2);
    const audit = await db('audit_log').where({ action: 'policy.withdraw' });
    expect(audit).toEqual([expect.objectContaining({ actor: 'alice', target: 'policy:2', address: '203.0.113.5' })]);

    // Nothing left to withdraw.
    expect((await refusal(policies.withdraw(2, 'alice'))).code).toBe('NOT_SCHEDULED');
    // Scheduled again for the same date: a new row, a millisecond on (the withdrawn one keeps its place).
    const again = await policies.activate(2, 'admin', new Date(SCHEDULED));
    expect(Date.parse(again.effectiveFrom) - Date.parse(SCHEDULED)).toBe(1);
    expect((await policies.getVersion(2)).status).toBe('scheduled');
  });

  it('refuses once it has taken effect, and changes nothing', async () => {
    clock.set(SCHEDULED);
    const err = await refusal(policies.withdraw(2, 'alice'));
    expect(err.code).toBe('ALREADY_IN_EFFECT');
    expect((await policies.getVersion(2)).status).toBe('active');
    expect(await db('audit_log').where({ action: 'policy.withdraw' })).toEqual([]);
  });

  it('compares with the instant read under the lock: a withdrawal waiting for a writer while the date arrives is refused', async () => {
    // A record's writer holds version 1's row (as a service request being stored does) …
    const trx = await db.transaction();
    await holdDecidedVersion(trx, { version: 1, at: '2026-11-27T02:00:00.000Z' });
    const pending = policies.withdraw(2, 'alice').then(() => null, (e: unknown) => e);
    await new Promise((r) => setTimeout(r, 150));
    // … while it waits, the effective date comes.
    clock.set('2026-11-30T16:00:00.001Z');
    await trx.commit();
    const err = (await pending) as PolicyError;
    expect(err).toBeInstanceOf(PolicyError);
    expect(err.code).toBe('ALREADY_IN_EFFECT');
    expect((await policies.getVersion(2)).status).toBe('active');
  });

  it('two withdrawals at once: one withdraws, the other finds nothing scheduled', async () => {
    const outcomes = await Promise.allSettled([policies.withdraw(2, 'alice'), policies.withdraw(2, 'bob')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect((refused.reason as PolicyError).code).toBe('NOT_SCHEDULED');
    expect(await db('audit_log').where({ action: 'policy.withdraw' })).toHaveLength(1);
  });

  it('every instance’s policy cache forgets the withdrawn schedule at its next refresh', async () => {
    let ms = 0;
    const caches = [createPolicyCache(policies, { refreshMs: 2000, clock: () => ms }), createPolicyCache(createPolicyService(createPolicyRepository(db), clock.now), { refreshMs: 2000, clock: () => ms })];
    const later = new Date('2026-12-02T00:00:00Z');
    for (const c of caches) expect((await c.at(later))?.version).toBe(2);
    await policies.withdraw(2, 'alice');
    ms += 2000;
    for (const c of caches) expect((await c.at(later))?.version).toBe(1);
  });

  it('lists a page of the contracts a draft would change, with what changes for each', async () => {
    await policies.withdraw(2, 'alice');
    const at = '2026-11-01T00:00:00.000Z';
    const [a] = await db('customers').insert({ name: '甲公司', created_at: at, updated_at: at });
    const [b] = await db('customers').insert({ name: '乙公司', created_at: at, updated_at: at });
    const contract = async (customer: number, offering: string, tier: string, endsOn = '2027-10-31') =>
      Number((await db('contracts').insert({ customer_id: customer, offering, tier, starts_on: '2026-11-01', ends_on: endsOn, created_at: at, updated_at: at }))[0]);
    const touched = [await contract(Number(a), 'cloud', 'basic'), await contract(Number(b), 'cloud', 'basic')];
    await contract(Number(a), 'cloud', 'premium');
    await contract(Number(b), 'on_premise', 'basic');
    await contract(Number(b), 'cloud', 'basic', '2026-01-31'); // ended

    const page = await policies.touchedContracts(2, 'active', 0, 1);
    expect(page.contracts).toEqual([
      expect.objectContaining({ id: touched[1], customerName: '乙公司', offering: 'cloud', tier: 'basic', changes: [expect.objectContaining({ service: 'issue_feedback', from: '2工作日响应', to: '4工作小时响应' })], calendars: false }),
    ]);
    const next = await policies.touchedContracts(2, 'active', 1, 1);
    expect(next.contracts.map((c) => c.id)).toEqual([touched[0]]);
    expect((await policies.touchedContracts(2, 'active', 2, 1)).contracts).toEqual([]);
  });
});
