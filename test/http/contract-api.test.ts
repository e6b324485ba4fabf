import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, editedSample, rowOf, tableOf, type TestApp } from '../support/http-app.ts';

describeEachDatabase('contracts API', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });
  const as = (role: keyof TestApp['tokens']) => ({ Authorization: `Bearer ${t.tokens[role]}` });

  it('creates customers and contracts, decides by contract id, and records quota use once per key', async () => {
    // The sample policy became active when the app was built: ask about a moment after that.
    const at = new Date(Date.now() + 60_000).toISOString();
    const customer = await request(t.app).post('/api/customers').set(as('sales')).send({ name: '杭州云端贸易', contacts: [{ name: '赵敏', email: 'zhao@example.cn' }] });
    expect(customer.status).toBe(201);
    const bad = await request(t.app).post('/api/contracts').set(as('sales')).send({ customerId: customer.body.customer.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2026-12-31', services: [{ service: 'db_migration', personDays: 3 }] });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('ON_PREMISE_ONLY');
    const contract = await request(t.app).post('/api/contracts').set(as('sales')).send({ customerId: customer.body.customer.id, offering: 'cloud', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2099-12-31' });
    expect(contract.status).toBe(201);
    const id = contract.body.contract.id as number;

    const check = await request(t.app).post('/api/entitlements/check').set(as('support')).send({ contractId: id, service: 'code_diagnosis', at });
    expect(check.body).toMatchObject({ entitled: true, quota: { perYear: 2, used: 0, remaining: 2 } });

    const use = (key: string) => request(t.app).post('/api/usage').set(as('support')).set('Idempotency-Key', key).send({ contractId: id, service: 'code_diagnosis', personDays: 2, at });
    const first = await use('a');
    expect(first.status).toBe(201);
    // A retry gets the first response again, status included.
    const retried = await use('a');
    expect(retried.status).toBe(201);
    expect(retried.body).toEqual(first.body);
    expect((await use('b')).body.quota).toMatchObject({ used: 2, remaining: 0 });
    const refused = await use('c');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'QUOTA_EXHAUSTED', details: { perYear: 2, used: 2 } });

    const overrideBySupport = await request(t.app).post('/api/usage').set(as('support')).send({ contractId: id, service: 'code_diagnosis', personDays: 2, at, override: { reason: '客户系统宕机' } });
    expect(overrideBySupport.status).toBe(403);
    const overrideByManager = await request(t.app).post('/api/usage').set(as('manager')).send({ contractId: id, service: 'code_diagnosis', personDays: 2, at, override: { reason: '客户系统宕机' } });
    expect(overrideByManager.status).toBe(201);

    const view = await request(t.app).get(`/api/contracts/${id}/entitlements?at=${encodeURIComponent(at)}`).set(as('support'));
    expect(view.status).toBe(200);
    expect(view.body.decisions.find((d: { service: string }) => d.service === 'code_diagnosis').quota).toMatchObject({ used: 3, remaining: 0 });
    expect(view.body.decisions.find((d: { service: string }) => d.service === 'online_im')).toMatchObject({ entitled: true, channel: 'standard' });
  });

  it('refuses bad ids and fields by name', async () => {
    expect((await request(t.app).get('/api/contracts/abc').set(as('support'))).body.error.code).toBe('BAD_ID');
    expect((await request(t.app).get('/api/contracts/99999').set(as('support'))).status).toBe(404);
    const missing = await request(t.app).post('/api/contracts').set(as('sales')).send({ offering: 'cloud' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['customerId', 'tier', 'startsOn', 'endsOn']));
    expect((await request(t.app).post('/api/customers').set(as('support')).send({ name: 'x' })).status).toBe(403);
  });

  it('counts the contracts a new policy version would change', async () => {
    const customer = await request(t.app).post('/api/customers').set(as('sales')).send({ name: '影响测算客户' });
    for (const tier of ['preferred', 'basic']) {
      await request(t.app).post('/api/contracts').set(as('sales')).send({ customerId: customer.body.customer.id, offering: 'on_premise', tier, startsOn: '2026-01-01', endsOn: '2099-12-31' });
    }
    const bytes = await editedSample((tables) => (rowOf(tableOf(tables, 'on_premise', 'tier'), 'issue_feedback')[2] = '0.5工作日响应'));
    const upload = await request(t.app).post('/api/policies').set(as('admin')).attach('workbook', bytes, 'v-next.xlsx');
    expect(upload.status).toBe(201);
    const total = (await request(t.app).get('/api/contracts?limit=500').set(as('support'))).body.contracts.length;
    // Only the on-premise 优选 contract has the changed entitlement; the 基础 one is in force but untouched.
    const impact = { contracts: 1, total, first: [expect.objectContaining({ offering: 'on_premise', tier: 'preferred', customerName: '影响测算客户' })], scope: { tiers: [{ offering: 'on_premise', tier: 'preferred' }], services: [], causes: ['entitlements'] } };
    expect(upload.body.impact).toMatchObject(impact);
    const diff = await request(t.app).get(`/api/policies/${upload.body.version.version}/diff`).set(as('support'));
    expect(diff.body.impact).toMatchObject(impact);
  });

  it('lists contracts and customers filtered, sorted and counted by the database, codes in and out', async () => {
    const customer = await request(t.app).post('/api/customers').set(as('sales')).send({ name: '接口筛选客户' });
    const id = customer.body.customer.id as number;
    await request(t.app).post('/api/contracts').set(as('sales')).send({ customerId: id, offering: 'on_premise', tier: 'premium', startsOn: '2020-01-01', endsOn: '2020-12-31', services: [{ service: 'db_migration', personDays: 3 }] });
    const listed = await request(t.app).get('/api/contracts?search=接口筛选&offering=on_premise&state=ended&service=db_migration&sort=endsOn&limit=1').set(as('support'));
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ total: 1, contracts: [{ customerId: id, tier: 'premium', services: [{ service: 'db_migration', personDays: 3 }] }] });
    const bad = await request(t.app).get('/api/contracts?state=soon').set(as('support'));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'state' })]);
    const customers = await request(t.app).get('/api/customers?search=接口筛选&sort=newest').set(as('support'));
    expect(customers.body).toMatchObject({ total: 1, customers: [{ id, name: '接口筛选客户', contracts: 1 }] });
  });
});
