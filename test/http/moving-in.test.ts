// Moving into a new installation, as the README tells it: the server activated the sample at install time (as
// `npm start` does on an empty database); the old contracts are bulk-imported; their open requests from before the
// install are refused until the policy is activated from the start of the oldest contract; then they are entered.
// Once something has been decided, a past effective date is refused again, naming what was decided.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, editedSample, rowOf, tableOf, type TestApp } from '../support/http-app.ts';

describeEachDatabase('moving in over HTTP', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });
  const as = (role: keyof TestApp['tokens']) => ({ Authorization: `Bearer ${t.tokens[role]}` });

  it('imports old contracts, activates the policy from the oldest one’s start, then enters its open requests', async () => {
    const csv = '客户名称,部署,服务产品,开始日期,结束日期,联系人,邮箱\n苏州老客户,公有云,基础服务,2024-03-01,2027-02-28,吴刚,wu@example.cn\n无锡老客户,私有云,优选服务,2025-01-01,2027-12-31,,\n';
    const imported = await request(t.app).post('/api/contracts/import').set(as('sales')).attach('file', Buffer.from(csv), '老合同.csv');
    expect(imported.status).toBe(201);
    const [oldest] = imported.body.contractIds as number[];
    const openOld = () => request(t.app).post('/api/requests').set(as('support')).send({ contractId: oldest, service: 'issue_feedback', openedAt: '2024-06-03T10:00:00+08:00', summary: '迁入前未结的请求' });
    const before = await openOld();
    expect(before.status).toBe(422);
    expect(before.body.error).toMatchObject({ code: 'NOT_ENTITLED', details: { reasons: [{ code: 'NO_ACTIVE_POLICY' }] } });

    const activated = await request(t.app).post('/api/policies/1/activate').set(as('admin')).send({ effectiveFrom: '2024-03-01' });
    expect(activated.status).toBe(200);
    expect(activated.body).toMatchObject({ activation: { version: 1, effectiveFrom: '2024-02-29T16:00:00.000Z' }, version: { status: 'active' } });
    const opened = await openOld();
    expect(opened.status).toBe(201);
    expect(opened.body.request).toMatchObject({ policy: { version: 1 }, openedAt: '2024-06-03T02:00:00.000Z', respondBy: '2024-06-05T10:00:00+08:00' });

    // The installation's own workbook, from the same date, comes too late: a request was decided under version 1.
    const own = await editedSample((tables) => {
      rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[1] = '1工作日响应';
    });
    expect((await request(t.app).post('/api/policies').set(as('admin')).attach('workbook', own, 'own.xlsx')).status).toBe(201);
    const late = await request(t.app).post('/api/policies/2/activate').set(as('admin')).send({ effectiveFrom: '2024-03-01' });
    expect(late.status).toBe(422);
    expect(late.body.error).toMatchObject({ code: 'EFFECTIVE_DATE_IN_PAST', details: { blockedBy: { kind: 'service_request', id: opened.body.request.id, version: 1 } } });
    expect(late.body.error.message).toContain(`服务请求 #${opened.body.request.id}(合同 #${oldest},受理于 2024-06-03 10:00,按版本 1 判定)`);
    // From now on it may take over, as any activation.
    expect((await request(t.app).post('/api/policies/2/activate').set(as('admin')).send({})).status).toBe(200);
    const audit = await request(t.app).get('/api/audit').set(as('admin'));
    expect(audit.body.entries.find((e: { action: string; target: string }) => e.action === 'policy.activate' && e.target === 'policy:1')).toMatchObject({ details: { movingIn: true } });
  });
});
