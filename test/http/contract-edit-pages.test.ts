import { beforeAll, beforeEach, expect, it } from 'vitest';
import type { Contract } from '../../src/contracts/contract-store.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

type Session = Awaited<ReturnType<typeof signIn>>;

describeEachDatabase('editing a contract in the pages', (current) => {
  let t: TestApp;
  let sales: Session;
  let contract: Contract;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    sales = await signIn(t.app, usernameOf('sales'));
  });
  beforeEach(async () => {
    const customer = await t.deps.contracts.createCustomer({ name: `编辑测试客户 ${Date.now()}${Math.random()}` }, { name: 'test', address: null });
    contract = await t.deps.contracts.createContract({
      customerId: customer.id,
      offering: 'on_premise',
      tier: 'premium',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      services: [{ service: 'db_migration', personDays: 5 }],
    });
  });
  const post = (session: Session, fields: Record<string, string>) => session.agent.post(`/contracts/${contract.id}/edit`).type('form').send({ _csrf: session.csrf, ...fields });
  const base = { offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2026-12-31' };

  it('links the form from the contract page and fills it from the stored contract', async () => {
    expect((await sales.agent.get(`/contracts/${contract.id}`)).text).toContain(`href="/contracts/${contract.id}/edit"`);
    const form = await sales.agent.get(`/contracts/${contract.id}/edit`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('修改合同');
    expect(form.text).toMatch(/<option value="on_premise" selected>/);
    expect(form.text).toMatch(/<option value="premium" selected>/);
    expect(form.text).toContain('name="startsOn" type="date" required value="2026-01-01"');
    expect(form.text).toMatch(/name="service_db_migration" value="1" checked>/);
    expect(form.text).toContain('name="days_db_migration" type="number"');
    expect(form.text).toMatch(/name="days_db_migration"[^>]*value="5"/);
    expect((await sales.agent.get(`/contracts/${contract.id}/edit?lang=en`)).text).toContain('Edit contract');
    expect((await sales.agent.get(`/contracts/${contract.id}/edit?lang=zh`)).text).toContain('修改合同');
  });

  it('saves offering, tier, dates and special services, and goes back to the contract', async () => {
    const res = await post(sales, { ...base, offering: 'cloud', tier: 'preferred', endsOn: '2027-06-30', service_data_repair: '1', days_data_repair: '2.5' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/contracts/${contract.id}`);
    expect(await t.deps.contracts.getContract(contract.id)).toMatchObject({
      customerId: contract.customerId,
      offering: 'cloud',
      tier: 'preferred',
      startsOn: '2026-01-01',
      endsOn: '2027-06-30',
      services: [{ service: 'data_repair', personDays: 2.5 }],
    });
    const page = await sales.agent.get(`/contracts/${contract.id}`);
    expect(page.text).toContain('2026-01-01 – 2027-06-30');
    expect(page.text).toContain('数据修复 · 2.5 人天 <span class="code">data_repair</span>');
  });

  it('shows a refused change again as typed, each problem in Chinese beside its highlighted field and in the summary', async () => {
    // Text that is no number is refused by PUT /api/contracts/:id's schema, before any other rule, as the API does.
    const notANumber = await post(sales, { ...base, tier: 'preferred', startsOn: '2026-01-01', endsOn: '2026-12-31', service_data_repair: '1', days_data_repair: 'abc' });
    expect(notANumber.status).toBe(400);
    expect(notANumber.text).toMatch(/id="f-days_data_repair"[^>]*value="abc" aria-invalid="true" aria-describedby="f-days_data_repair-error">[\s\S]*?<p class="field-error" id="f-days_data_repair-error">应为数字,例如 2.5<\/p>/);
    expect(notANumber.text).toContain('<a href="#f-days_data_repair">“数据修复”的人天:应为数字,例如 2.5</a>');
    const res = await post(sales, { ...base, tier: 'preferred', startsOn: '2026-02-30', endsOn: '2026-12-31', service_data_repair: '1', days_data_repair: '-1', service_onsite_support: '1', days_onsite_support: '3' });
    expect(res.status).toBe(400);
    expect(res.text).toContain('有 2 处需要修改');
    expect(res.text).toContain('<a href="#f-startsOn">开始日期:请填写有效日期,格式为 年-月-日,例如 2026-01-01</a>');
    expect(res.text).toMatch(/<div class="field invalid">\s*<label for="f-startsOn">开始日期<\/label>\s*<input id="f-startsOn" name="startsOn" type="date" required value="2026-02-30" aria-invalid="true" aria-describedby="f-startsOn-error">\s*<p class="field-error" id="f-startsOn-error">请填写有效日期/);
    expect(res.text).toMatch(/<option value="preferred" selected>/);
    expect(res.text).toMatch(/name="service_data_repair" value="1" checked>/);
    // services.0 is the first ticked service, data_repair: its problem stands at its days, not at onsite_support's.
    expect(res.text).toMatch(/id="f-days_data_repair"[^>]*value="-1" aria-invalid="true"[^>]*>[\s\S]*?<p class="field-error" id="f-days_data_repair-error">人天应在 0 到 10000 之间/);
    expect(res.text).toMatch(/id="f-days_onsite_support"[^>]*value="3">/);
    for (const text of ['内容无效', 'Invalid', 'startsOn must', 'services.0', 'YYYY-MM-DD']) expect(res.text).not.toContain(text);
    // What was typed replaced the stored services on the form: db_migration was unticked.
    expect(res.text).not.toMatch(/name="service_db_migration" value="1" checked>/);
    expect(await t.deps.contracts.getContract(contract.id)).toMatchObject({ tier: 'premium', startsOn: '2026-01-01', services: [{ service: 'db_migration', personDays: 5 }] });
  });

  it('refuses an on-premise-only service on a cloud contract, as the API does, naming the service and what to do', async () => {
    const res = await post(sales, { ...base, offering: 'cloud', service_db_migration: '1', days_db_migration: '5' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('数据库迁移仅面向私有云客户,公有云合同不能购买');
    expect(res.text).not.toContain('on-premise customers only');
    expect(res.text).toMatch(/<option value="cloud" selected>/);
    expect(res.text).toMatch(/id="f-service_db_migration"[^>]*checked aria-invalid="true"/);
    expect(res.text).toContain('<p class="field-error" id="f-service_db_migration-error">仅面向私有云客户:请取消勾选,或把部署改为“私有云(On Premise)”</p>');
    expect((await t.deps.contracts.getContract(contract.id)).offering).toBe('on_premise');
    const english = await post(sales, { ...base, offering: 'cloud', service_db_migration: '1', days_db_migration: '5', lang: 'en' });
    expect(english.status).toBe(422);
  });

  it('gives support, whose role only reads contracts, no form and 403 on the save', async () => {
    const support = await signIn(t.app, usernameOf('support'));
    expect((await support.agent.get(`/contracts/${contract.id}`)).text).not.toContain('/edit"');
    expect((await support.agent.get(`/contracts/${contract.id}/edit`)).status).toBe(403);
    const res = await post(support, { ...base, tier: 'basic' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('FORBIDDEN');
    expect((await t.deps.contracts.getContract(contract.id)).tier).toBe('premium');
  });

  it('refuses a save without the session’s CSRF token', async () => {
    const res = await sales.agent.post(`/contracts/${contract.id}/edit`).type('form').send({ ...base, tier: 'basic' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('CSRF_REJECTED');
    expect((await t.deps.contracts.getContract(contract.id)).tier).toBe('premium');
  });

  it('answers 404 for a contract that does not exist', async () => {
    expect((await sales.agent.get('/contracts/999999/edit')).status).toBe(404);
    expect((await sales.agent.post('/contracts/999999/edit').type('form').send({ _csrf: sales.csrf, ...base })).status).toBe(404);
  });
});
