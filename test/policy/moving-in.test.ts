// Moving in: the first policy of an installation can take effect from a past date (the start of the oldest contract)
// while nothing has been decided in that period under another version — a service request, quota use or quote at or
// after that date. Otherwise the refusal stands and names what blocks it. The check and the records' writes hold one
// lock between them: a request recorded while the activation runs is either seen by it, or decided again under it.
import { beforeEach, expect, it } from 'vitest';
import { createPolicyCache } from '../../src/entitlement/policy-cache.ts';
import { createEntitlementService } from '../../src/entitlement/entitlement-service.ts';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import { createContractService } from '../../src/contracts/contract-service.ts';
import { holdDecidedVersion, lockAllVersions, versionInForce } from '../../src/policy/decided-version-repository.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from '../../src/policy/policy-service.ts';
import { createQuoteRepository } from '../../src/quote/quote-repository.ts';
import { createQuoteService } from '../../src/quote/quote-service.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createRequestRepository } from '../../src/requests/request-repository.ts';
import { createRequestService } from '../../src/requests/request-service.ts';
import { contractWorld, type ContractWorld } from '../support/contract-setup.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { editedSample, tableOf } from '../support/http-app.ts';

// The world's clock: the sample was activated at install time, SAMPLE_FROM (contract-setup imports it then).
const NOW = new Date('2026-11-27T02:00:00.000Z');
const SAMPLE_FROM = '2025-01-01T00:00:00.000Z';
// The start of the oldest contract: moving in from here.
const D = new Date('2023-12-31T16:00:00.000Z');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The installation's own workbook: the sample with one response window changed. */
const ownWorkbook = () =>
  editedSample((tables) => {
    const row = tableOf(tables, 'cloud', 'tier').rows.find((r) => r.at(-1) === 'issue_feedback')!;
    row[3] = '4工作小时响应';
  });

describeEachDatabase('moving in', (current) => {
  let w: ContractWorld;
  let policies: PolicyService;
  let contractId: number;
  beforeEach(async () => {
    w = await contractWorld(current().db, () => NOW);
    policies = createPolicyService(createPolicyRepository(current().db), () => NOW, w.audit);
    const customer = await w.contracts.createCustomer({ name: '老客户' }, { name: 'test', address: null });
    contractId = (await w.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2024-01-01', endsOn: '2027-12-31' })).id;
  });
  const open = (openedAt: string, requests = w.requests) => requests.open({ contractId, service: 'issue_feedback', openedAt: new Date(openedAt), summary: '迁入前的未结请求' }, 'support.user');
  const activations = async () =>
    (await current().db('policy_activations as a').join('policy_versions as v', 'v.id', 'a.policy_version_id').orderBy('a.id').select('v.version', 'a.effective_from', 'a.withdrawn_by')) as {
      version: number;
      effective_from: string;
      withdrawn_by: number | null;
    }[];

  it('lets the sample activated at install time take effect from the start of the oldest contract', async () => {
    await expect(open('2024-03-01T02:00:00Z')).rejects.toMatchObject({ code: 'NOT_ENTITLED', details: { reasons: [{ code: 'NO_ACTIVE_POLICY' }] } });
    const activation = await policies.activate(1, 'admin', D);
    expect(activation).toMatchObject({ version: 1, effectiveFrom: D.toISOString() });
    // Asking again records nothing more.
    expect((await policies.activate(1, 'admin', D)).id).toBe(activation.id);
    expect((await open('2024-03-01T02:00:00Z')).request.policy.version).toBe(1);
    expect(await activations()).toEqual([
      { version: 1, effective_from: SAMPLE_FROM, withdrawn_by: null },
      { version: 1, effective_from: D.toISOString(), withdrawn_by: null },
    ]);
    const [entry] = await w.audit.list({ action: 'policy.activate' });
    expect(entry).toMatchObject({ actor: 'admin', target: 'policy:1', details: { effectiveFrom: D.toISOString(), movingIn: true, withdrawn: [] } });
  });

  it('puts the installation’s own workbook in the sample’s place from a past date, withdrawing the sample’s activation', async () => {
    await policies.importWorkbook({ bytes: await ownWorkbook(), filename: 'own.xlsx', actor: 'admin' });
    const activation = await policies.activate(2, 'admin', D);
    expect((await policies.activeAt(new Date('2024-02-01T00:00:00Z')))?.version).toBe(2);
    expect((await policies.activeAt(NOW))?.version).toBe(2);
    const rows = await activations();
    expect(rows).toEqual([
      { version: 1, effective_from: SAMPLE_FROM, withdrawn_by: activation.id },
      { version: 2, effective_from: D.toISOString(), withdrawn_by: null },
    ]);
    expect(Object.fromEntries((await policies.listVersions()).map((v) => [v.version, [v.status, v.effectiveFrom]]))).toEqual({ 1: ['draft', null], 2: ['active', D.toISOString()] });
    const [entry] = await w.audit.list({ action: 'policy.activate' });
    expect(entry).toMatchObject({ details: { movingIn: true, withdrawn: [{ version: 1, effectiveFrom: SAMPLE_FROM }] } });
    // The open requests from before the install are decided under the installation's own policy.
    const opened = await open('2024-03-01T02:00:00Z');
    expect(opened.request).toMatchObject({ policy: { version: 2 }, responseWindow: { amount: 4, unit: 'working_hour' } });
    // Later activations are as they always were: from now on, version 1 again.
    await policies.activate(1, 'admin');
    expect((await policies.activeAt(NOW))?.version).toBe(1);
  });

  it('refuses when a service request was decided in the period under another version, naming it', async () => {
    const { request } = await open('2026-06-01T02:00:00Z');
    await policies.importWorkbook({ bytes: await ownWorkbook(), filename: 'own.xlsx', actor: 'admin' });
    const refusal = await policies.activate(2, 'admin', D).catch((err: unknown) => err);
    expect(refusal).toMatchObject({
      code: 'EFFECTIVE_DATE_IN_PAST',
      details: { blockedBy: { kind: 'service_request', id: request.id, contractId, at: '2026-06-01T02:00:00.000Z', version: 1 } },
    });
    expect((refusal as Error).message).toBe(
      `Effective date 2024-01-01 00:00 (Asia/Shanghai) is in the past, and a decision was already made after it under another version: service request #${request.id} (contract #${contractId}, opened 2026-06-01 10:00, decided under version 1). Activation must not rewrite decisions already made.`,
    );
    expect((refusal as { messageZh: string }).messageZh).toContain(`服务请求 #${request.id}`);
    // A date after the request is no way round it: version 1 was in force before that date.
    await expect(policies.activate(2, 'admin', new Date('2026-07-01T00:00:00Z'))).rejects.toMatchObject({ details: { inForceBefore: { version: 1, effectiveFrom: SAMPLE_FROM } } });
    // The version the request was decided under may take effect earlier: nothing it decided changes.
    expect((await policies.activate(1, 'admin', D)).effectiveFrom).toBe(D.toISOString());
    expect((await activations()).map((a) => [a.version, a.withdrawn_by])).toEqual([
      [1, null],
      [1, null],
    ]);
  });

  it('refuses when a quota use or a quote was decided in the period under another version', async () => {
    await policies.importWorkbook({ bytes: await ownWorkbook(), filename: 'own.xlsx', actor: 'admin' });
    const use = await w.usage.record(
      { contractId, service: 'code_diagnosis', personDays: 2, onsite: false, at: new Date('2026-05-01T02:00:00Z'), note: null, override: null, idempotencyKey: null },
      { name: 'support.user', address: null, mayOverride: false },
    );
    await expect(policies.activate(2, 'admin', D)).rejects.toMatchObject({ details: { blockedBy: { kind: 'quota_use', id: use.usage.id, version: 1 } } });
    await current().db('quota_usage').del();

    const quotes = createQuoteService({
      store: createQuoteRepository(current().db),
      cache: createPolicyCache(w.policies, { refreshMs: 0 }),
      entitlements: w.entitlements,
      contracts: w.contracts,
      audit: w.audit,
      seller: loadConfig({}).seller,
      clock: () => NOW,
    });
    const quote = await quotes.create({ customerName: '报价客户', offering: 'cloud', tier: 'basic', termYears: 1, specialServices: [], discountBasisPoints: 0 }, { name: 'sales.user', address: null });
    const refusal = await policies.activate(2, 'admin', D).catch((err: unknown) => err);
    expect(refusal).toMatchObject({ details: { blockedBy: { kind: 'quote', name: quote.number, version: 1 } } });
    expect((refusal as Error).message).toContain(`quote ${quote.number} (made 2026-11-27 10:00, decided under version 1)`);
    expect((await activations()).map((a) => a.version)).toEqual([1]);
  });

  it('imports a workbook with its activation from a past date together, or stores nothing', async () => {
    await open('2026-06-01T02:00:00Z');
    const versions = async () => Number((await current().db('policy_versions').count({ n: '*' }).first())?.n);
    await expect(policies.importWorkbook({ bytes: await ownWorkbook(), filename: 'own.xlsx', actor: 'admin', activate: true, effectiveFrom: D })).rejects.toMatchObject({
      code: 'EFFECTIVE_DATE_IN_PAST',
      details: { blockedBy: { kind: 'service_request' } },
    });
    expect(await versions()).toBe(1);
    await current().db('service_requests').del();
    const imported = await policies.importWorkbook({ bytes: await ownWorkbook(), filename: 'own.xlsx', actor: 'admin', activate: true, effectiveFrom: D });
    expect(imported).toMatchObject({ status: 'created', version: { version: 2, status: 'active', effectiveFrom: D.toISOString() }, activation: { effectiveFrom: D.toISOString() } });
    expect((await activations()).map((a) => [a.version, a.withdrawn_by === null])).toEqual([
      [1, false],
      [2, true],
    ]);
  });

  it('sees a request being recorded while it runs: it waits for it, then refuses naming it', async () => {
    await policies.importWorkbook({ bytes: await ownWorkbook(), filename: 'own.xlsx', actor: 'admin' });
    const { db } = current();
    // A writer in the middle of recording a request decided under version 1 (as the request repository does it).
    const trx = await db.transaction();
    await holdDecidedVersion(trx, { version: 1, at: '2026-06-01T02:00:00.000Z' });
    const [id] = await trx('service_requests').insert({
      contract_id: contractId,
      service: 'issue_feedback',
      summary: '正在登记',
      opened_at: '2026-06-01T02:00:00.000Z',
      policy_id: 1,
      policy_version: 1,
      created_by: 'support.user',
      created_at: NOW.toISOString(),
    });
    let settled = false;
    const activation = policies
      .activate(2, 'admin', D)
      .catch((err: unknown) => err)
      .finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false);
    await trx.commit();
    expect(await activation).toMatchObject({ code: 'EFFECTIVE_DATE_IN_PAST', details: { blockedBy: { kind: 'service_request', id: Number(id) } } });
    expect((await activations()).map((a) => a.version)).toEqual([1]);
  });

  it('makes a request decided before the activation committed wait, and decides it again under the new version', async () => {
    await policies.importWorkbook({ bytes: await ownWorkbook(), filename: 'own.xlsx', actor: 'admin' });
    const { db } = current();
    const v2 = Number(((await db('policy_versions').where({ version: 2 }).first('id')) as { id: number }).id);
    // The activation in the middle of its transaction, holding what it holds (as the policy repository does it).
    const trx = await db.transaction();
    await lockAllVersions(trx);
    const [activationId] = await trx('policy_activations').insert({ policy_version_id: v2, effective_from: D.toISOString(), activated_at: NOW.toISOString(), activated_by: 'admin' });
    await trx('policy_activations').whereNot('id', Number(activationId)).update({ withdrawn_by: Number(activationId), withdrawn_at: NOW.toISOString() });
    let settled = false;
    const request = open('2026-06-01T02:00:00Z').finally(() => (settled = true));
    await sleep(300);
    expect(settled).toBe(false);
    await trx.commit();
    expect((await request).request.policy.version).toBe(2);
  });

  it('decides again a request decided on a stale list of activations, instead of storing it under the old version', async () => {
    const { db } = current();
    // Another instance's view: activations read once, an hour ago, and not again until the record says they moved.
    const stale = createEntitlementService(createPolicyCache(w.policies, { refreshMs: 3_600_000 }));
    const contracts = createContractService(createContractRepository(db), stale, () => NOW);
    const requests = createRequestService(createRequestRepository(db), contracts, stale, () => NOW);
    expect((await stale.check({ offering: 'cloud', tier: 'premium', startsOn: null, endsOn: null, purchased: [] }, 'issue_feedback', new Date('2026-06-01T02:00:00Z'))).policy.version).toBe(1);
    await policies.importWorkbook({ bytes: await ownWorkbook(), filename: 'own.xlsx', actor: 'admin' });
    await policies.activate(2, 'admin', D);
    const opened = await open('2026-06-01T02:00:00Z', requests);
    expect(opened.request).toMatchObject({ policy: { version: 2 }, responseWindow: { amount: 4, unit: 'working_hour' } });
    expect(await versionInForce(db, opened.request.openedAt)).toBe(2);
  });

  it('never leaves a request decided under another version than the one in force at its arrival, when both race', async () => {
    const { db } = current();
    const outcomes = new Set<string>();
    for (let round = 0; round < 6; round++) {
      if (round > 0) {
        w = await contractWorld(db, () => NOW);
        policies = createPolicyService(createPolicyRepository(db), () => NOW, w.audit);
        const customer = await w.contracts.createCustomer({ name: `客户${round}` }, { name: 'test', address: null });
        contractId = (await w.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2024-01-01', endsOn: '2027-12-31' })).id;
      }
      await policies.importWorkbook({ bytes: await ownWorkbook(), filename: 'own.xlsx', actor: 'admin' });
      const [opened, activated] = await Promise.allSettled([open('2026-06-01T02:00:00Z'), policies.activate(2, 'admin', D)]);
      expect(opened.status).toBe('fulfilled');
      const request = (opened as PromiseFulfilledResult<Awaited<ReturnType<typeof open>>>).value.request;
      expect(request.policy.version).toBe(await versionInForce(db, request.openedAt));
      if (activated.status === 'rejected') {
        expect(activated.reason).toMatchObject({ details: { blockedBy: { kind: 'service_request', id: request.id } } });
        outcomes.add('refused');
      } else {
        expect(request.policy.version).toBe(2);
        outcomes.add('moved in');
      }
    }
    expect(outcomes.size).toBeGreaterThan(0);
  });
});
