// Idempotency-Key on POST /api/usage and POST /api/requests, as Stripe has it: scoped to the caller, bound to
// the request, the first response replayed (status included), failures never poisoning a key.
import request from 'supertest';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { scopedKey } from '../../src/idempotency/idempotency-service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, csrfOf, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

describeEachDatabase('Idempotency-Key over HTTP', (current) => {
  let t: TestApp;
  let contractA: number;
  let contractB: number;
  let basic: number;
  beforeAll(async () => {
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2026-01-01T00:00:00+08:00') });
    const customer = await t.deps.contracts.createCustomer({ name: '幂等客户' }, { name: 'test', address: null });
    const contract = async (tier: string) => (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier, startsOn: '2026-01-01', endsOn: '2099-12-31' })).id;
    contractA = await contract('premium');
    contractB = await contract('premium');
    basic = await contract('basic');
  });
  beforeEach(async () => {
    for (const table of ['idempotency_keys', 'quota_usage', 'service_requests']) await current().db(table).del();
  });

  const as = (role: 'support' | 'manager') => ({ Authorization: `Bearer ${t.tokens[role]}` });
  const use = (role: 'support' | 'manager', key: string | null, body: Record<string, unknown>) => {
    const req = request(t.app).post('/api/usage').set(as(role));
    return (key === null ? req : req.set('Idempotency-Key', key)).send({ service: 'code_diagnosis', personDays: 2, ...body });
  };
  const open = (key: string | null, body: Record<string, unknown>) => {
    const req = request(t.app).post('/api/requests').set(as('support'));
    return (key === null ? req : req.set('Idempotency-Key', key)).send({ contractId: contractA, service: 'issue_feedback', summary: '月结报错', ...body });
  };
  const count = async (table: string) => Number((await current().db(table).count({ n: '*' }).first())?.n);

  it('replays the first response for a retry: 201 again, the same body, marked as replayed', async () => {
    const first = await use('support', 'retry-1', { contractId: contractA, note: '第一次' });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body).toMatchObject({ status: 'created', usage: { contractId: contractA, note: '第一次' }, quota: { used: 1, remaining: 3 } });
    const again = await use('support', 'retry-1', { note: '第一次', contractId: contractA });
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('quota_usage')).toBe(1);
    // The stored key is the scoped hash, never the key as sent.
    expect((await current().db('quota_usage').first()).idempotency_key).toMatch(/^[0-9a-f]{64}$/);
  });

  it('keeps one caller’s key from another: a manager reusing a support user’s key records their own use', async () => {
    const support = await use('support', 'shared-key', { contractId: contractA, note: '客户张三的电话 138xxxx' });
    expect(support.status).toBe(201);
    const manager = await use('manager', 'shared-key', { contractId: contractB, note: '经理的登记' });
    expect(manager.status).toBe(201);
    expect(manager.headers['idempotent-replayed']).toBeUndefined();
    expect(manager.body.usage).toMatchObject({ contractId: contractB, note: '经理的登记' });
    expect(manager.body.usage.id).not.toBe(support.body.usage.id);
    expect(JSON.stringify(manager.body)).not.toContain('张三');
    expect(await count('quota_usage')).toBe(2);
  });

  it('refuses the caller’s own key reused for another contract with 409 IDEMPOTENCY_KEY_REUSED', async () => {
    expect((await use('support', 'mine', { contractId: contractA })).status).toBe(201);
    const reused = await use('support', 'mine', { contractId: contractB });
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(reused.body.error.message).toMatch(/[\u4e00-\u9fff].* \/ .*Idempotency-Key/);
    // Another number of person-days is another request too, and so is another endpoint.
    expect((await use('support', 'mine', { contractId: contractA, personDays: 1 })).status).toBe(409);
    expect((await open('mine', {})).status).toBe(409);
    expect(await count('quota_usage')).toBe(1);
    expect(await count('service_requests')).toBe(0);
  });

  it('compares keys case-sensitively: Key-A and key-a are two keys', async () => {
    const upper = await use('support', 'Key-A', { contractId: contractA });
    const lower = await use('support', 'key-a', { contractId: contractA });
    expect([upper.status, lower.status]).toEqual([201, 201]);
    expect(lower.headers['idempotent-replayed']).toBeUndefined();
    expect(lower.body.usage.id).not.toBe(upper.body.usage.id);
    const r1 = await open('Req-A', {});
    const r2 = await open('req-a', {});
    expect([r1.status, r2.status]).toEqual([201, 201]);
    expect(r2.body.request.id).not.toBe(r1.body.request.id);
    expect(await count('quota_usage')).toBe(2);
    expect(await count('service_requests')).toBe(2);
  });

  it('records once when retries with one key arrive in parallel, and all get the one response', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => use('support', 'parallel', { contractId: contractA })));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(201));
    expect(new Set(answers.map((a) => a.body.usage.id)).size).toBe(1);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(11);
    expect(await count('quota_usage')).toBe(1);
    const opened = await Promise.all(Array.from({ length: 12 }, () => open('parallel-request', {})));
    expect(opened.map((a) => a.status)).toEqual(Array(12).fill(201));
    expect(new Set(opened.map((a) => a.body.request.id)).size).toBe(1);
    expect(await count('service_requests')).toBe(1);
  });

  it('matches a retry without openedAt to the first request, whose time it keeps', async () => {
    const first = await open('no-time', {});
    expect(first.status).toBe(201);
    await new Promise((r) => setTimeout(r, 20));
    const retry = await open('no-time', {});
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    // Sending a time the first request did not send is another request.
    const timed = await open('no-time', { openedAt: first.body.request.openedAt });
    expect(timed.status).toBe(409);
    expect(timed.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await count('service_requests')).toBe(1);
  });

  it('lets a key be used again after an attempt that changed nothing (a refusal, a bad body)', async () => {
    const invalid = await use('support', 'after-failure', { contractId: contractA, personDays: -5 });
    expect(invalid.status).toBe(400);
    const notEntitled = await use('support', 'after-failure', { contractId: basic });
    expect(notEntitled.status).toBe(422);
    const ok = await use('support', 'after-failure', { contractId: contractA });
    expect(ok.status).toBe(201);
    expect(await count('quota_usage')).toBe(1);
    const refusedRequest = await open('request-after-failure', { contractId: basic, service: 'code_diagnosis' });
    expect(refusedRequest.status).toBe(422);
    expect((await open('request-after-failure', {})).status).toBe(201);
  });

  it('records once when the process died between the use and its response: the domain row’s key is the backstop', async () => {
    const first = await use('support', 'crash', { contractId: contractA });
    expect(first.status).toBe(201);
    // As if the server had crashed after the use was stored and before the response was: a claim left running.
    const [claim] = (await current().db('idempotency_keys').select('key_hash', 'owner')) as { key_hash: string; owner: string }[];
    expect(claim!.key_hash).toBe(scopedKey(claim!.owner, 'crash'));
    const changed = await current()
      .db('idempotency_keys')
      .where({ key_hash: claim!.key_hash })
      .update({ state: 'running', lock_token: 'dead-process', locked_at: '2026-01-01T00:00:00.000Z', response_status: null, response_body: null });
    expect(changed).toBe(1);
    const retry = await use('support', 'crash', { contractId: contractA });
    expect(retry.status).toBe(201);
    expect(retry.body.usage.id).toBe(first.body.usage.id);
    expect(await count('quota_usage')).toBe(1);
    // And a claim that vanished altogether (released after a failure that followed the write).
    await current().db('idempotency_keys').del();
    const again = await use('support', 'crash', { contractId: contractA });
    expect(again.body.usage.id).toBe(first.body.usage.id);
    const other = await use('support', 'crash', { contractId: contractB });
    expect(other.status).toBe(409);
    expect(await count('quota_usage')).toBe(1);
  });

  it('documents the header in the OpenAPI for both routes', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    for (const path of ['/api/usage', '/api/requests']) {
      expect(doc.paths[path].post.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header', schema: { type: 'string', minLength: 1, maxLength: 255 } }));
    }
    expect(doc.paths['/api/contracts'].post.parameters.map((p: { name: string }) => p.name)).not.toContain('Idempotency-Key');
  });

  it('refuses keys longer than 255 characters instead of cutting them', async () => {
    const long = await use('support', 'k'.repeat(256), { contractId: contractA });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect((await use('support', 'k'.repeat(255), { contractId: contractA })).status).toBe(201);
    expect(await count('quota_usage')).toBe(1);
  });

  it('opens one request for a double-submitted intake form, and a fresh form for a changed resubmission', async () => {
    const { agent } = await signIn(t.app, usernameOf('support'));
    const form = await agent.get(`/requests/new?contractId=${contractA}`);
    const formId = /name="formId" value="([^"]+)"/.exec(form.text)![1]!;
    const fields = { _csrf: csrfOf(form.text), formId, contractId: String(contractA), service: 'issue_feedback', openedAt: '2026-03-02T10:00', summary: '第一次提交' };
    const [one, two] = await Promise.all([agent.post('/requests').type('form').send(fields), agent.post('/requests').type('form').send(fields)]);
    expect([one.status, two.status]).toEqual([303, 303]);
    expect(two.headers.location).toBe(one.headers.location);
    expect(await count('service_requests')).toBe(1);
    const changed = await agent.post('/requests').type('form').send({ ...fields, summary: '改过的内容' });
    expect(changed.status).toBe(409);
    expect(changed.text).toContain('此表单已保存过');
    const freshId = /name="formId" value="([^"]+)"/.exec(changed.text)![1]!;
    expect(freshId).not.toBe(formId);
    const saved = await agent.post('/requests').type('form').send({ ...fields, formId: freshId, summary: '改过的内容' });
    expect(saved.status).toBe(303);
    expect(saved.headers.location).not.toBe(one.headers.location);
    expect(await count('service_requests')).toBe(2);
  });
});
