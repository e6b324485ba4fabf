// Quota use over HTTP as the catalog grants it (per-use person-days, 非现场, person-days bought on the contract),
// and the NO_CSM warning of a 尊享 contract without a customer-success manager, in the API and on the pages.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

describeEachDatabase('quota use as the catalog grants it, over HTTP', (current) => {
  let t: TestApp;
  let customerId: number;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    customerId = (await t.deps.contracts.createCustomer({ name: '华东制造', contacts: [{ name: '钱进', email: 'qian@example.cn', role: 'csm' }] }, { name: 'test', address: null })).id;
  });
  const as = (role: keyof TestApp['tokens']) => ({ Authorization: `Bearer ${t.tokens[role]}` });
  // The sample became active when the app was built: ask about a moment after that.
  const at = () => new Date(Date.now() + 60_000).toISOString();
  const contract = async (body: Record<string, unknown> = {}) =>
    (await request(t.app).post('/api/contracts').set(as('sales')).send({ customerId, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31', ...body })).body.contract.id as number;

  it('refuses more than 2 person-days a use and on-site use of 代码诊断 without a manager’s override', async () => {
    const id = await contract();
    const use = (role: 'support' | 'manager', body: Record<string, unknown>) => request(t.app).post('/api/usage').set(as(role)).send({ contractId: id, service: 'code_diagnosis', at: at(), ...body });
    const tooMuch = await use('support', { personDays: 3 });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error).toMatchObject({
      code: 'PERSON_DAYS_OVER_USE',
      details: [{ field: 'personDays', message: expect.stringContaining('at most 2 person-days for one use'), messageZh: expect.stringContaining('每次至多 2 人天') }],
    });
    expect(tooMuch.body.error.message).toMatch(/^人天数 3 超过该服务每次 2 人天.* \/ personDays 3 exceeds the 2 person-days/);
    const onsite = await use('support', { personDays: 1, onsite: true });
    expect(onsite.status).toBe(422);
    expect(onsite.body.error).toMatchObject({ code: 'ONSITE_NOT_GRANTED', details: [{ field: 'onsite' }] });
    const notBoolean = await use('support', { personDays: 1, onsite: 'yes' });
    expect(notBoolean.status).toBe(400);
    const overridden = await use('manager', { personDays: 3, onsite: true, override: { reason: '客户机房断网,到场处理' } });
    expect(overridden.status).toBe(201);
    expect(overridden.body).toMatchObject({ exceeded: ['onsite', 'per_use'], usage: { onsite: true, personDays: 3 }, quota: { kind: 'yearly_uses', used: 1, remaining: 3, personDaysUsed: 3 } });
    const within = await use('support', { personDays: 2 });
    expect(within.body).toMatchObject({ exceeded: [], usage: { onsite: false }, quota: { used: 2, personDaysUsed: 5 } });
  });

  it('draws person-days bought on the contract down, with the same Idempotency-Key behaviour, to 409 QUOTA_EXHAUSTED', async () => {
    const id = await contract({ services: [{ service: 'db_migration', personDays: 3 }] });
    // One instant for every call: a retry is the same request, and the fingerprint covers `at`.
    const when = at();
    const use = (key: string, personDays: number) => request(t.app).post('/api/usage').set(as('support')).set('Idempotency-Key', key).send({ contractId: id, service: 'db_migration', personDays, at: when });
    const first = await use('mig-1', 2);
    expect(first.status).toBe(201);
    expect(first.body.quota).toMatchObject({ kind: 'person_days', purchased: 3, used: 2, remaining: 1, periodStart: '2026-01-01', periodEnd: '2099-12-31' });
    const replayed = await use('mig-1', 2);
    expect(replayed.status).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toEqual(first.body);
    expect((await use('mig-1', 1)).body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const short = await use('mig-2', 2);
    expect(short.status).toBe(409);
    expect(short.body.error).toMatchObject({ code: 'QUOTA_EXHAUSTED', details: { purchased: 3, used: 2, remaining: 1, requested: 2 } });
    // The refusal released the key: the same key with what is left goes through.
    expect((await use('mig-2', 1)).body.quota).toMatchObject({ used: 3, remaining: 0 });
    const none = await use('mig-3', 0.5);
    expect(none.status).toBe(409);
    expect(none.body.error.message).toBe('合同购买的 3 人天已用完(合同期 2026-01-01 至 2099-12-31) / All 3 person-days bought on the contract (2026-01-01 – 2099-12-31) are spent');
    const check = await request(t.app).post('/api/entitlements/check').set(as('support')).send({ contractId: id, service: 'db_migration', at: at() });
    expect(check.body).toMatchObject({ entitled: false, quota: { kind: 'person_days', purchased: 3, used: 3, remaining: 0 }, reasons: [{ code: 'QUOTA_EXHAUSTED' }] });
  });

  it('shows the person-days and the on-site control on the contract page, and records from it', async () => {
    const id = await contract({ services: [{ service: 'data_repair', personDays: 5 }] });
    const { agent, csrf } = await signIn(t.app, usernameOf('support'));
    const page = await agent.get(`/contracts/${id}`);
    expect(page.text).toContain('已用 0 / 5 人天 · 剩余 5 人天');
    expect(page.text).toContain('<option value="data_repair">数据修复(剩余 5 人天)</option>');
    expect(page.text).toContain('name="onsite" value="1"');
    const send = (fields: Record<string, string>) => agent.post(`/contracts/${id}/usage`).type('form').send({ _csrf: csrf, formId: `f-${Math.random()}`, ...fields });
    expect((await send({ service: 'data_repair', personDays: '1.5', onsite: '1' })).status).toBe(303);
    const [row] = (await current().db('quota_usage').where({ contract_id: id }).select('onsite', 'person_days')) as { onsite: number | boolean; person_days: string | number }[];
    expect([Boolean(row!.onsite), Number(row!.person_days)]).toEqual([true, 1.5]);
    expect((await agent.get(`/contracts/${id}`)).text).toContain('已用 1.5 / 5 人天 · 剩余 3.5 人天');
    // 代码诊断 on site from the page: refused beside the form, with what was typed kept.
    const refused = await send({ service: 'code_diagnosis', personDays: '2', onsite: '1', note: '到场' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('该服务为非现场服务,不能登记现场使用');
    expect(refused.text).toMatch(/name="onsite" value="1" checked/);
    const en = await agent.get(`/contracts/${id}?lang=en`);
    expect(en.text).toContain('1.5 of 5 person-days used · 3.5 person-days left');
  });

  it('saves a 尊享 contract without a customer-success manager with a NO_CSM warning until one is named', async () => {
    const bare = (await request(t.app).post('/api/customers').set(as('sales')).send({ name: '无经理客户', contacts: [{ name: '李雷', email: 'li@example.cn' }] })).body.customer;
    const body = { customerId: bare.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31' };
    const created = await request(t.app).post('/api/contracts').set(as('sales')).send(body);
    expect(created.status).toBe(201);
    expect(created.body.warnings).toEqual([
      {
        code: 'NO_CSM',
        message: expect.stringMatching(/^尊享服务承诺指定客户成功经理,但客户“无经理客户”还没有客户成功经理.* \/ 尊享 \(premium\) promises a named customer-success manager, but customer "无经理客户" has none/),
        // The same in one language each, for pages.
        messageZh: expect.stringMatching(/^尊享服务承诺指定客户成功经理,但客户“无经理客户”还没有客户成功经理:请在客户资料中添加[^/]*$/),
        messageEn: expect.stringMatching(/^Premium promises a named customer-success manager, but customer "无经理客户" has none: [^/]*$/),
        details: { customerId: bare.id, customerName: '无经理客户' },
      },
    ]);
    const id = created.body.contract.id as number;
    expect((await request(t.app).get(`/api/contracts/${id}`).set(as('support'))).body.warnings.map((w: { code: string }) => w.code)).toEqual(['NO_CSM']);
    // 优选 promises no manager: no warning; edited back to 尊享, the warning is back.
    expect((await request(t.app).put(`/api/contracts/${id}`).set(as('sales')).send({ ...body, tier: 'preferred' })).body.warnings).toEqual([]);
    const edited = await request(t.app).put(`/api/contracts/${id}`).set(as('sales')).send(body);
    expect(edited.status).toBe(200);
    expect(edited.body.warnings.map((w: { code: string }) => w.code)).toEqual(['NO_CSM']);

    const sales = await signIn(t.app, usernameOf('sales'));
    const page = await sales.agent.get(`/contracts/${id}`);
    expect(page.text).toMatch(/<p class="warning" role="status" data-code="NO_CSM">尊享服务承诺指定客户成功经理/);
    expect(page.text).toContain(`<a href="/customers/${bare.id}">在客户资料中添加客户成功经理</a>`);
    // The page's own edit form leads back to the contract page, which says it again.
    const form = await sales.agent.post(`/contracts/${id}/edit`).type('form').send({ _csrf: sales.csrf, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31' });
    expect(form.status).toBe(303);
    expect((await sales.agent.get(form.headers.location!)).text).toContain('data-code="NO_CSM"');

    // A bulk import says it for each such row, and imports them all the same.
    const csv = '客户名称,部署,服务产品,开始日期,结束日期\n无经理客户,公有云,尊享服务,2027-01-01,2027-12-31\n华东制造,私有云,尊享服务,2027-01-01,2027-12-31\n新客户,公有云,优选服务,2027-01-01,2027-12-31\n';
    const imported = await request(t.app).post('/api/contracts/import').set(as('sales')).attach('file', Buffer.from(csv), 'c.csv');
    expect(imported.status).toBe(201);
    expect(imported.body.warnings).toEqual([expect.objectContaining({ severity: 'warning', code: 'NO_CSM', cell: 'A2', found: '无经理客户' })]);
    const fromPage = await sales.agent.post(`/contracts/import?_csrf=${sales.csrf}`).attach('file', Buffer.from(csv.replaceAll('2027-', '2028-')), 'c.csv');
    expect(fromPage.status).toBe(200);
    expect(fromPage.text).toMatch(/<tr class="warning">[\s\S]*?<td class="mono">A2<\/td>[\s\S]*?NO_CSM<\/span> 合同 #\d+ 为尊享服务/);

    await request(t.app).put(`/api/customers/${bare.id}`).set(as('sales')).send({ contacts: [{ name: '李雷', email: 'li@example.cn' }, { name: '韩梅梅', email: 'han@example.cn', role: 'csm' }] });
    expect((await request(t.app).get(`/api/contracts/${id}`).set(as('support'))).body.warnings).toEqual([]);
    expect((await sales.agent.get(`/contracts/${id}`)).text).not.toContain('data-code="NO_CSM"');
  });
});
