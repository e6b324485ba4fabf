import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

describeEachDatabase('contract pages', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });

  it('lets sales create a contract in the form and shows what it has', async () => {
    const { agent, csrf } = await signIn(t.app, usernameOf('sales'));
    const refused = await agent
      .post('/contracts')
      .type('form')
      .send({ _csrf: csrf, customerName: '<b>上海</b>云计算', offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31', service_cluster_ha: '1', days_cluster_ha: '5' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('cluster_ha 仅面向私有云客户');
    expect(refused.text).toContain('value="&lt;b&gt;上海&lt;/b&gt;云计算"');

    const created = await agent
      .post('/contracts')
      .type('form')
      .send({ _csrf: csrf, customerName: '<b>上海</b>云计算', offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31', service_data_repair: '1', days_data_repair: '3' });
    expect(created.status).toBe(303);
    const page = await agent.get(created.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('&lt;b&gt;上海&lt;/b&gt;云计算');
    expect(page.text).not.toContain('<b>上海</b>');
    expect(page.text).toMatch(/code">phone_support<\/span><\/td>\s*<td>✓<\/td>\s*<td>专属坐席/);
    expect(page.text).toContain('0.5 工作日');
  });

  it('shows support the list without the forms, and refuses its posts', async () => {
    const { agent, csrf } = await signIn(t.app, usernameOf('support'));
    const list = await agent.get('/contracts');
    expect(list.status).toBe(200);
    expect(list.text).toContain('上海');
    expect(list.text).not.toContain('method="post" action="/contracts"');
    expect((await agent.post('/contracts').type('form').send({ _csrf: csrf, customerName: 'x' })).status).toBe(403);
  });

  it('shows every bad cell of a rejected bulk import', async () => {
    const { agent, csrf } = await signIn(t.app, usernameOf('sales'));
    const csv = '客户名称,部署,服务产品,开始日期,结束日期\n杭州,公有云,铂金,2026-01-01,2026-12-31\n';
    const res = await agent.post(`/contracts/import?_csrf=${csrf}`).attach('file', Buffer.from(csv), '合同.csv');
    expect(res.status).toBe(422);
    expect(res.text).toContain('BAD_TIER');
    expect(res.text).toMatch(/<td class="mono">C2<\/td>/);
  });

  it('lets support record quota use on the contract page, once per form, until it is used up', async () => {
    const customer = await t.deps.contracts.createCustomer({ name: '页面登记客户' }, { name: 'test', address: null });
    const contract = await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2099-12-31' });
    const { agent, csrf } = await signIn(t.app, usernameOf('support'));
    const page = await agent.get(`/contracts/${contract.id}`);
    expect(page.text).toContain('code_diagnosis (已用 0 / 2 次, 每次至多 2 人天, 非现场)');
    expect(page.text).not.toContain('name="overrideReason"');
    const formId = /name="formId" value="([^"]+)"/.exec(page.text)![1]!;
    const send = (id: string) => agent.post(`/contracts/${contract.id}/usage`).type('form').send({ _csrf: csrf, formId: id, service: 'code_diagnosis', personDays: '2' });
    expect((await send(formId)).status).toBe(303);
    expect((await send(formId)).status).toBe(303);
    expect((await agent.get(`/contracts/${contract.id}`)).text).toContain('code_diagnosis (已用 1 / 2 次, 每次至多 2 人天, 非现场)');
    expect((await send('second')).status).toBe(303);
    const refused = await send('third');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('已用完');
    const manager = await signIn(t.app, usernameOf('manager'));
    expect((await manager.agent.get(`/contracts/${contract.id}`)).text).toContain('name="overrideReason"');
  });

  it('finds a customer’s contracts by search in the database, not only among the latest 200', async () => {
    const target = await t.deps.contracts.createCustomer({ name: '搜索目标_客户' }, { name: 'test', address: null });
    const old = await t.deps.contracts.createContract({ customerId: target.id, offering: 'cloud', tier: 'basic', startsOn: '2025-01-01', endsOn: '2025-12-31' });
    const filler = await t.deps.contracts.createCustomer({ name: '填充客户' }, { name: 'test', address: null });
    const at = new Date().toISOString();
    const rows = Array.from({ length: 210 }, () => ({ customer_id: filler.id, offering: 'cloud', tier: 'basic', starts_on: '2026-01-01', ends_on: '2026-12-31', created_at: at, updated_at: at }));
    await current().db('contracts').insert(rows);
    const { agent } = await signIn(t.app, usernameOf('support'));
    const found = await agent.get(`/contracts?search=${encodeURIComponent('目标_')}`);
    expect(found.status).toBe(200);
    expect(found.text).toContain(`<a href="/contracts/${old.id}">${old.id}</a>`);
    expect(found.text).not.toContain('填充客户');
    expect(found.text).toContain('value="目标_"');
    expect((await agent.get('/contracts?search=_%25')).text).toContain('尚无合同');
  });
});
