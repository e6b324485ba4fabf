// Service requests over HTTP: the API, the intake pages (decision and deadline before saving) and the queue.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, csrfOf, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

describeEachDatabase('service requests over HTTP', (current) => {
  let t: TestApp;
  let contractId: number;
  let basicId: number;
  beforeAll(async () => {
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2026-01-01T00:00:00+08:00') });
    const customer = await t.deps.contracts.createCustomer({ name: '<script>alert(1)</script>温州电气' }, { name: 'test', address: null });
    contractId = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2030-12-31' })).id;
    basicId = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'basic', startsOn: '2026-01-01', endsOn: '2030-12-31' })).id;
  });
  const api = (token = t.tokens.support) => ({ Authorization: `Bearer ${token}` });
  const soon = () => new Date().toISOString();

  it('opens a request with its deadline, refuses one without entitlement, and answers the queue', async () => {
    const openedAt = soon();
    const opened = await request(t.app).post('/api/requests').set(api()).set('Idempotency-Key', 'k-1').send({ contractId, service: 'emergency_fault', openedAt, summary: '系统无法登录' });
    expect(opened.status).toBe(201);
    expect(opened.body.request).toMatchObject({ contractId, service: 'emergency_fault', responseWindow: { amount: 4, unit: 'working_hour' }, calendar: '标准工作日', status: expect.stringMatching(/^(open|at_risk)$/) });
    expect(opened.body.request.respondBy).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+08:00$/);
    expect(opened.body.request.proof.sentence.en).toContain('respond by');
    const retried = await request(t.app).post('/api/requests').set(api()).set('Idempotency-Key', 'k-1').send({ contractId, service: 'emergency_fault', openedAt, summary: '系统无法登录' });
    // A retry gets the first response again: its status and its body, marked as replayed.
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.body).toEqual(opened.body);
    const reused = await request(t.app).post('/api/requests').set(api()).set('Idempotency-Key', 'k-1').send({ contractId, service: 'issue_feedback', openedAt, summary: '另一个问题' });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');

    const refused = await request(t.app).post('/api/requests').set(api()).send({ contractId: basicId, service: 'code_diagnosis', openedAt: soon(), summary: '代码诊断' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('NOT_ENTITLED');
    expect(refused.body.error.message).toMatch(/无权.*\/ The contract is not entitled/);
    expect(refused.body.error.details.reasons.map((r: { code: string }) => r.code)).toEqual(['NOT_IN_TIER']);

    const invalid = await request(t.app).post('/api/requests').set(api()).send({ contractId: 'one', service: 'emergency_fault', openedAt: 'yesterday' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['contractId', 'openedAt', 'summary']);

    const queue = await request(t.app).get(`/api/requests?status=open&contractId=${contractId}`).set(api(t.tokens.sales));
    expect(queue.status).toBe(200);
    expect(queue.body.requests.map((r: { id: number }) => r.id)).toEqual([opened.body.request.id]);
    const bad = await request(t.app).get('/api/requests?status=late').set(api());
    expect(bad.status).toBe(400);

    const forbidden = await request(t.app).post('/api/requests').set(api(t.tokens.sales)).send({ contractId, service: 'emergency_fault', summary: 'x' });
    expect(forbidden.status).toBe(403);

    const responded = await request(t.app).post(`/api/requests/${opened.body.request.id}/respond`).set(api()).send({ respondedAt: new Date(Date.now() + 1_000).toISOString() });
    expect(responded.status).toBe(200);
    expect(responded.body.request).toMatchObject({ status: 'met', respondedBy: 'support.user' });
    const twice = await request(t.app).post(`/api/requests/${opened.body.request.id}/respond`).set(api()).send({ respondedAt: new Date(Date.now() + 2_000).toISOString() });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_RESPONDED');
    const missing = await request(t.app).get('/api/requests/987654').set(api());
    expect(missing.status).toBe(404);
  });

  it('shows the decision and the deadline before saving, saves once, and lists the request in the queue', async () => {
    const { agent } = await signIn(t.app, usernameOf('support'));
    const form = await agent.get(`/requests/new?contractId=${contractId}`);
    expect(form.status).toBe(200);
    const csrf = csrfOf(form.text);
    const formId = /name="formId" value="([^"]+)"/.exec(form.text)![1]!;
    expect(form.text).toContain(`<option value="${contractId}" selected>`);
    expect(form.text).not.toContain('<script>alert(1)</script>');

    const fields = { _csrf: csrf, formId, contractId: String(contractId), service: 'issue_feedback', openedAt: '2026-02-13T17:00', summary: '<b>月结</b>报错' };
    const preview = await agent.post('/requests/preview').type('form').send(fields);
    expect(preview.status).toBe(200);
    // 优选: 1 working day from Friday 17:00, with the make-up Saturday 2/14 worked → Saturday 17:00.
    expect(preview.text).toContain('2026-02-14 17:00');
    expect(preview.text).toContain('调休');
    expect(preview.text).toContain('&lt;b&gt;月结&lt;/b&gt;报错');
    expect(await countRequests()).toBe(1);

    const saved = await agent.post('/requests').type('form').send(fields);
    expect(saved.status).toBe(303);
    const again = await agent.post('/requests').type('form').send(fields);
    expect(again.headers.location).toBe(saved.headers.location);
    expect(await countRequests()).toBe(2);

    const page = await agent.get(saved.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('2026-02-14 17:00');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;温州电气');

    const refused = await agent.post('/requests').type('form').send({ ...fields, formId: 'another', contractId: String(basicId), service: 'code_diagnosis' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('客户的服务产品不包含该服务');

    const queue = await agent.get('/requests?state=all&response=breached');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`href="/requests/${saved.headers.location!.split('/').pop()}"`);
    const respond = await agent.post(`${saved.headers.location}/respond`).type('form').send({ _csrf: csrf, respondedAt: '2026-02-13T18:00' });
    expect(respond.status).toBe(303);
    expect((await agent.get('/requests?state=all&response=met')).text).toContain(`href="/requests/${saved.headers.location!.split('/').pop()}"`);
  });

  async function countRequests(): Promise<number> {
    return Number((await current().db('service_requests').count({ n: '*' }).first())?.n);
  }
});
