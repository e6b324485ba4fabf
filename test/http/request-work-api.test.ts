// The desk's work on a request over the API: assign, priority, notes and replies (a reply is one outbox row, a
// retry with the same Idempotency-Key the same comment), the status flow and its refusals in the API's error
// shape, the queue's filters with a total, and the role matrix (support writes, sales reads).
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, usernameOf, type TestApp } from '../support/http-app.ts';

describeEachDatabase('the desk’s work on service requests over the API', (current) => {
  let t: TestApp;
  let contractId: number;
  beforeAll(async () => {
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2026-01-01T00:00:00+08:00') });
    const customer = await t.deps.contracts.createCustomer({ name: '温州电气', contacts: [{ name: '陈工', email: 'chen@wz-electric.example', role: 'contact' }] }, { name: 'test', address: null });
    contractId = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2030-12-31' })).id;
  });
  const api = (role: keyof TestApp['tokens'] = 'support') => ({ Authorization: `Bearer ${t.tokens[role]}` });
  const openOne = async (service: string, summary: string) => {
    const res = await request(t.app).post('/api/requests').set(api()).send({ contractId, service, summary });
    expect(res.status).toBe(201);
    return res.body.request as { id: number; priority: string; state: string };
  };

  it('works a request from intake to closed and refuses what the flow does not allow', async () => {
    const r = await openOne('emergency_fault', '全员无法登录');
    expect(r).toMatchObject({ priority: 'P1', state: 'new', assignee: null, nextStates: ['in_progress', 'waiting_customer', 'resolved'] });
    const id = r.id;

    const assigned = await request(t.app).post(`/api/requests/${id}/assign`).set(api()).send({ assignee: usernameOf('support') });
    expect(assigned.status).toBe(200);
    expect(assigned.body.request.assignee).toBe(usernameOf('support'));
    const notDesk = await request(t.app).post(`/api/requests/${id}/assign`).set(api()).send({ assignee: usernameOf('sales') });
    expect(notDesk.status).toBe(422);
    expect(notDesk.body.error).toMatchObject({ code: 'NOT_A_SUPPORT_USER', message: expect.stringMatching(/技术支持.* \/ .*support user/) });

    const noReason = await request(t.app).post(`/api/requests/${id}/priority`).set(api()).send({ priority: 'P2', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.code).toBe('VALIDATION_FAILED');
    const lowered = await request(t.app).post(`/api/requests/${id}/priority`).set(api()).send({ priority: 'P2', reason: '有临时办法' });
    expect(lowered.body.request.priority).toBe('P2');

    const note = await request(t.app).post(`/api/requests/${id}/comments`).set(api()).send({ kind: 'note', body: '已远程查看' });
    expect(note.status).toBe(201);
    const reply = () => request(t.app).post(`/api/requests/${id}/comments`).set(api()).set('Idempotency-Key', 'reply-1').send({ kind: 'reply', body: '已定位原因,正在修复。' });
    const first = await reply();
    const retried = await reply();
    expect(first.status).toBe(201);
    expect(retried.body.comment.id).toBe(first.body.comment.id);
    expect(first.body.request).toMatchObject({ state: 'in_progress', respondedBy: usernameOf('support') });
    expect(await current().db('outbox').where({ job: 'request-reply' }).count({ n: '*' }).first()).toMatchObject({ n: 1 });

    const closeEarly = await request(t.app).post(`/api/requests/${id}/close`).set(api()).send({});
    expect(closeEarly.status).toBe(409);
    expect(closeEarly.body.error).toMatchObject({ code: 'INVALID_TRANSITION', message: expect.stringContaining('处理中'), details: { state: 'in_progress', requested: 'closed' } });

    expect((await request(t.app).post(`/api/requests/${id}/state`).set(api()).send({ state: 'waiting_customer' })).body.request.state).toBe('waiting_customer');
    expect((await request(t.app).post(`/api/requests/${id}/state`).set(api()).send({ state: 'closed' })).status).toBe(400);
    expect((await request(t.app).post(`/api/requests/${id}/resolve`).set(api()).send({ resolution: '已修复' })).body.request).toMatchObject({ state: 'resolved', resolution: '已修复' });
    expect((await request(t.app).post(`/api/requests/${id}/close`).set(api()).send({})).body.request.state).toBe('closed');
    expect((await request(t.app).post(`/api/requests/${id}/reopen`).set(api()).send({ reason: '' })).status).toBe(400);
    expect((await request(t.app).post(`/api/requests/${id}/reopen`).set(api()).send({ reason: '又出现了' })).body.request.state).toBe('in_progress');

    const history = await request(t.app).get(`/api/requests/${id}/history`).set(api('sales'));
    expect(history.status).toBe(200);
    expect(history.body.history.map((e: { action: string }) => e.action)).toEqual(['opened', 'assigned', 'priority', 'note', 'responded', 'reply', 'state', 'state', 'resolved', 'closed', 'reopened']);
    expect(history.body.comments).toHaveLength(2);
    expect(history.body.pauses).toHaveLength(1);

    // Sales read, and may not write.
    expect((await request(t.app).post(`/api/requests/${id}/assign`).set(api('sales')).send({ assignee: null })).status).toBe(403);
    expect((await request(t.app).post(`/api/requests/${id}/comments`).set(api('sales')).send({ kind: 'note', body: 'x' })).status).toBe(403);
    expect((await request(t.app).get(`/api/requests/${id}`).set(api('expert'))).status).toBe(200);
    expect((await request(t.app).post('/api/requests/987654/close').set(api()).send({})).status).toBe(404);
  });

  it('filters, searches, sorts and pages the queue, with the total', async () => {
    await openOne('issue_feedback', '打印模板错位_A');
    await openOne('emergency_fault', '月结无法过账');
    const list = async (query: string) => (await request(t.app).get(`/api/requests?${query}`).set(api('sales'))).body as { requests: { summary: string; priority: string }[]; total: number };
    const p1 = await list('state=new&priority=P1');
    expect(p1.requests.map((r) => r.summary)).toEqual(['月结无法过账']);
    expect((await list('q=模板错位_')).requests.map((r) => r.summary)).toEqual(['打印模板错位_A']);
    expect((await list('q=%25')).total).toBe(0);
    const paged = await list('limit=1&sort=priority');
    expect(paged.requests).toHaveLength(1);
    expect(paged.requests[0]!.priority).toBe('P1');
    expect(paged.total).toBeGreaterThanOrEqual(3);
    expect((await list('assignee=none&state=active')).requests.every((r) => r.summary !== '全员无法登录')).toBe(true);
    expect((await request(t.app).get('/api/requests?state=sleeping').set(api())).status).toBe(400);
  });
});
