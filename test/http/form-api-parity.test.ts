// Every page form that writes is refused by the same schema as its API twin: the same bad values sent to both get
// the same status and code, the page shows the message beside the form, and nothing is stored (issue 12, item 6).
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/accounts/roles.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

type Session = Awaited<ReturnType<typeof signIn>>;

describeEachDatabase('a form and its API twin refuse alike', (current) => {
  let t: TestApp;
  const sessions = {} as Record<Role, Session>;
  let customerId: number;
  let contractId: number;
  let requestId: number;

  beforeAll(async () => {
    t = await createTestApp(current().db);
    for (const role of ['sales', 'support', 'manager', 'admin'] as Role[]) sessions[role] = await signIn(t.app, usernameOf(role));
    const actor = { name: 'test', address: null };
    customerId = (await t.deps.contracts.createCustomer({ name: '同规客户', contacts: [{ name: '周杰', email: 'zhou@example.cn', role: 'contact' }] }, actor)).id;
    contractId = (await t.deps.contracts.createContract({ customerId, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31' })).id;
    requestId = (await t.deps.requests.open({ contractId, service: 'issue_feedback', openedAt: new Date(), summary: '月结报错' }, 'test', null)).request.id;
  });

  const count = async (table: string) => Number(((await current().db(table).count({ n: '*' })) as { n: number | string }[])[0]!.n);
  const api = (role: Role) => ({ Authorization: `Bearer ${t.tokens[role]}` });
  const page = (role: Role, path: string, fields: Record<string, string>) =>
    sessions[role].agent
      .post(path)
      .type('form')
      .send({ _csrf: sessions[role].csrf, ...fields });
  /** The page names the refusal in the API's words, in the page's language only: each detail's Chinese. */
  const expectSameRefusal = (pageRes: request.Response, apiRes: request.Response, code = 'VALIDATION_FAILED') => {
    expect(apiRes.body.error?.code, JSON.stringify(apiRes.body)).toBe(code);
    // superagent keeps the request it answered; its type does not say so.
    const sent = (pageRes as unknown as { req: { method: string; path: string } }).req;
    const where = `${sent.method} ${sent.path}`;
    expect([pageRes.status, apiRes.status], where).toEqual([apiRes.status, apiRes.status]);
    expect(pageRes.text, where).toContain('role="alert"');
    for (const d of apiRes.body.error.details as { message: string; messageZh?: string }[]) expect(pageRes.text, where).toContain(escape(d.messageZh ?? d.message));
  };
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#x27;').replace(/`/g, '&#x60;').replace(/=/g, '&#x3D;');

  it.each([
    ['negative', '-5', '-5'],
    ['zero', '0', '0'],
    ['a billion', '1e9', '1e9'],
    ['infinite', 'Infinity', '1e999'],
    ['not a number', 'two', '"two"'],
    ['finer than tenths', '0.05', '0.05'],
  ])('refuses %s person-days on the contract page as POST /api/usage does, and stores nothing', async (_what, typed, json) => {
    const before = await count('quota_usage');
    const apiRes = await request(t.app)
      .post('/api/usage')
      .set({ ...api('support'), 'Content-Type': 'application/json' })
      .send(`{"contractId":${contractId},"service":"code_diagnosis","personDays":${json}}`);
    const pageRes = await page('support', `/contracts/${contractId}/usage`, { service: 'code_diagnosis', personDays: typed, formId: `parity-${typed}` });
    expectSameRefusal(pageRes, apiRes);
    expect(apiRes.body.error.details).toEqual([expect.objectContaining({ field: 'personDays' })]);
    expect(pageRes.text).toContain(`value="${escape(typed)}"`);
    expect(await count('quota_usage')).toBe(before);
  });

  it.each([
    ['a list', 'a@x.com,attacker'],
    ['a display name', '"x"<b@y.com>'],
    ['a header break', 'a@x.com\r\nBcc: c@evil.example'],
  ])('refuses a contact address that is %s on the customer page as PUT /api/customers/:id does', async (_what, email) => {
    const stored = await t.deps.contracts.getCustomer(customerId);
    const apiRes = await request(t.app).put(`/api/customers/${customerId}`).set(api('sales')).send({ name: '同规客户', contacts: [{ name: '周杰', email, role: 'contact' }] });
    const pageRes = await page('sales', `/customers/${customerId}`, { name: '同规客户', contact_0_name: '周杰', contact_0_email: email, contact_0_role: 'contact' });
    expectSameRefusal(pageRes, apiRes);
    expect(apiRes.body.error.details).toEqual([expect.objectContaining({ field: 'contacts.0.email' })]);
    expect(await t.deps.contracts.getCustomer(customerId)).toEqual(stored);
  });

  it.each([
    ['CR LF', '同规\r\n客户'],
    ['NUL', '同规\u0000客户'],
    ['a bidi override', '同规\u202E客户'],
  ])('refuses a customer name with %s on the customer page, the new-contract form and the API', async (_what, name) => {
    const customers = await count('customers');
    const apiUpdate = await request(t.app).put(`/api/customers/${customerId}`).set(api('sales')).send({ name });
    const pageUpdate = await page('sales', `/customers/${customerId}`, { name });
    expectSameRefusal(pageUpdate, apiUpdate);
    const apiCreate = await request(t.app).post('/api/customers').set(api('sales')).send({ name });
    const pageCreate = await page('sales', '/contracts', { customerName: name, offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', endsOn: '2026-12-31' });
    expectSameRefusal(pageCreate, apiCreate);
    expect(await count('customers')).toBe(customers);
  });

  it('refuses bad contract fields on the new-contract and edit forms as the contracts API does, leaving no new customer behind', async () => {
    const customers = await count('customers');
    const contracts = await count('contracts');
    const fields = { offering: 'on_premise', tier: 'premium', startsOn: '2026-02-30', endsOn: '2026-12-31' };
    const apiCreate = await request(t.app).post('/api/contracts').set(api('sales')).send({ customerId, ...fields, services: [{ service: 'db_migration', personDays: -1 }] });
    const pageCreate = await page('sales', '/contracts', { customerName: '新客户不应留下', ...fields, service_db_migration: '1', days_db_migration: '-1' });
    expectSameRefusal(pageCreate, apiCreate);
    expect(apiCreate.body.error.details.map((d: { field: string }) => d.field)).toEqual(['startsOn', 'services.0.personDays']);
    const apiEdit = await request(t.app).put(`/api/contracts/${contractId}`).set(api('sales')).send({ customerId, ...fields, services: [{ service: 'db_migration', personDays: 'lots' }] });
    const pageEdit = await page('sales', `/contracts/${contractId}/edit`, { ...fields, service_db_migration: '1', days_db_migration: 'lots' });
    expectSameRefusal(pageEdit, apiEdit);
    // A sellable contract for a new customer whose contract is refused by the domain stores neither.
    const apiOnPrem = await request(t.app).post('/api/contracts').set(api('sales')).send({ customerId, offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', endsOn: '2026-12-31', services: [{ service: 'cluster_ha', personDays: 1 }] });
    const pageOnPrem = await page('sales', '/contracts', { customerName: '新客户不应留下', offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', endsOn: '2026-12-31', service_cluster_ha: '1', days_cluster_ha: '1' });
    expectSameRefusal(pageOnPrem, apiOnPrem, 'ON_PREMISE_ONLY');
    expect([await count('customers'), await count('contracts')]).toEqual([customers, contracts]);
  });

  it('refuses a bad intake and a response outside the supported years as the requests API does', async () => {
    const requests = await count('service_requests');
    const apiOpen = await request(t.app).post('/api/requests').set(api('support')).send({ contractId: 'one', service: 'issue_feedback', openedAt: 'yesterday', summary: '报错' });
    const pageOpen = await page('support', '/requests', { contractId: 'one', service: 'issue_feedback', openedAt: 'yesterday', summary: '报错', formId: 'parity-intake' });
    expectSameRefusal(pageOpen, apiOpen);
    expect(apiOpen.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['contractId', 'openedAt']);
    expect(await count('service_requests')).toBe(requests);

    const apiRespond = await request(t.app).post(`/api/requests/${requestId}/respond`).set(api('support')).send({ respondedAt: '2100-01-01T10:00:00+08:00' });
    const pageRespond = await page('support', `/requests/${requestId}/respond`, { respondedAt: '2100-01-01T10:00' });
    expectSameRefusal(pageRespond, apiRespond);
    expect((await t.deps.requests.get(requestId)).respondedAt).toBeNull();
  });

  it('refuses a quote, a decision note, an activation date and a report job as their API twins do', async () => {
    const quotes = await count('quotes');
    const apiQuote = await request(t.app).post('/api/quotes').set(api('sales')).send({ customerName: '报价客户', offering: 'cloud', tier: 'preferred', termYears: 11, codeDiagnosisUses: 101 });
    const pageQuote = await page('sales', '/quotes', { customerName: '报价客户', offering: 'cloud', tier: 'preferred', termYears: '11', codeDiagnosisUses: '101' });
    expectSameRefusal(pageQuote, apiQuote);
    expect(await count('quotes')).toBe(quotes);

    const pending = await request(t.app)
      .post('/api/quotes')
      .set(api('sales'))
      .send({ customerName: '报价客户', offering: 'on_premise', tier: 'premium', termYears: 1, licenceFen: 100_000_000, discountBasisPoints: 2000 });
    expect(pending.body.quote?.status, JSON.stringify(pending.body)).toBe('pending_approval');
    const number = pending.body.quote.number as string;
    const note = '太长'.repeat(251);
    const apiApprove = await request(t.app).post(`/api/quotes/${number}/approve`).set(api('manager')).send({ note });
    const pageApprove = await page('manager', `/quotes/${number}/approve`, { note });
    expectSameRefusal(pageApprove, apiApprove);
    expect((await t.deps.quotes.get(number)).status).toBe('pending_approval');

    const effectiveFrom = '2027-01-01'.padEnd(41, 'x');
    const apiActivate = await request(t.app).post('/api/policies/1/activate').set(api('admin')).send({ effectiveFrom });
    const pageActivate = await page('admin', '/policies/1/activate', { effectiveFrom });
    expectSameRefusal(pageActivate, apiActivate);

    const apiRun = await request(t.app).post('/api/reports/run').set(api('manager')).send({ job: 'weekly', dryRun: true });
    const pageRun = await page('manager', '/reports/run', { job: 'weekly', dryRun: 'on' });
    expectSameRefusal(pageRun, apiRun);
  });
});
