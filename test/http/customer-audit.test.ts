// Customer and contact changes through the API and the pages are in the audit log, naming the person, the address
// the request came from, and what the customer was and became (issue 12, item 17).
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

describeEachDatabase('customer changes in the audit log, over HTTP', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });

  const customerEntries = async () => (await t.audit.list({ limit: 100 })).filter((e) => e.action.startsWith('customer.')).reverse();

  it('records creation and a redirected contact address by API token and by page, with before and after', async () => {
    const created = await request(t.app)
      .post('/api/customers')
      .set('Authorization', `Bearer ${t.tokens.sales}`)
      .send({ name: '审计客户', contacts: [{ name: '周杰', email: 'zhou@example.cn' }] });
    expect(created.status).toBe(201);
    const id = created.body.customer.id as number;

    const sales = await signIn(t.app, usernameOf('sales'));
    const saved = await sales.agent
      .post(`/customers/${id}`)
      .type('form')
      .send({ _csrf: sales.csrf, name: '审计客户', contact_0_name: '周杰', contact_0_email: 'zhou@elsewhere.example', contact_0_role: 'contact' });
    expect(saved.status).toBe(303);

    const [create, update, ...rest] = await customerEntries();
    expect(rest).toEqual([]);
    // A token acts for its owner: the audit log names the person, not the token.
    expect(create).toMatchObject({ action: 'customer.create', actor: usernameOf('sales'), target: `customer:${id}`, details: { after: { name: '审计客户', contacts: [{ email: 'zhou@example.cn' }] } } });
    expect(update).toMatchObject({
      action: 'customer.update',
      actor: usernameOf('sales'),
      target: `customer:${id}`,
      details: { before: { contacts: [{ name: '周杰', email: 'zhou@example.cn', role: 'contact' }] }, after: { contacts: [{ name: '周杰', email: 'zhou@elsewhere.example', role: 'contact' }] } },
    });
    for (const entry of [create, update]) expect(entry!.address).toMatch(/127\.0\.0\.1/);

    // Managers read it where they read the rest of the log, on the page with the values before and after.
    const manager = await signIn(t.app, usernameOf('manager'));
    const auditPage = await manager.agent.get('/audit');
    expect(auditPage.text).toContain('customer.update');
    expect(auditPage.text).toContain('zhou@elsewhere.example');
    const log = await request(t.app).get('/api/audit').set('Authorization', `Bearer ${t.tokens.manager}`);
    expect(log.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['customer.create', 'customer.update']));
  });
});
