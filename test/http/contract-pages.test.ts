// The contracts pages as sales and the desk use them: a contract made in the form (a refusal in the page's
// language, beside the field at fault and in the summary), what it has (services by name), quota use, and the list
// paged, filtered, sorted and exported by the database.
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, rawBody, signIn, usernameOf, type TestApp } from '../support/http-app.ts';
import { SPECIAL_SERVICES, TIER_SERVICES } from '../../src/catalog/catalog-codes.ts';

/** What a reader sees: no head, no attributes, no small secondary `.code` text. */
const visibleText = (html: string) =>
  html
    .replace(/<head>[\s\S]*?<\/head>/i, '')
    .replace(/<span class="code">[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
const SERVICE_CODE = new RegExp(`\\b(${[...TIER_SERVICES, ...SPECIAL_SERVICES].map((s) => s.code).join('|')})\\b`, 'g');
/** Handlebars escapes = and & in attributes; links are compared as the browser reads them. */
const unescaped = (html: string) => html.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
const codesIn = (text: string) => [...new Set([...text.matchAll(SERVICE_CODE)].map((m) => m[1]))];

describeEachDatabase('contract pages', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });

  it('lets sales create a contract in the form and shows what it has, by service name', async () => {
    const { agent, csrf } = await signIn(t.app, usernameOf('sales'));
    const refused = await agent
      .post('/contracts')
      .type('form')
      .send({ _csrf: csrf, customerName: '<b>上海</b>云计算', offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31', service_cluster_ha: '1', days_cluster_ha: '5' });
    expect(refused.status).toBe(422);
    // The refusal names the service and says what to do, in Chinese only, beside the box that was ticked.
    expect(refused.text).toContain('集群和高可用部署仅面向私有云客户,公有云合同不能购买');
    expect(refused.text).toMatch(/id="f-service_cluster_ha"[^>]*aria-invalid="true" aria-describedby="f-service_cluster_ha-error"/);
    expect(refused.text).toContain('<p class="field-error" id="f-service_cluster_ha-error">仅面向私有云客户:请取消勾选,或把部署改为“私有云(On Premise)”</p>');
    expect(refused.text).toContain('<a href="#f-service_cluster_ha">专项服务“集群和高可用部署”:仅面向私有云客户');
    expect(refused.text).not.toContain('on premise only');
    expect(refused.text).not.toContain('services.0');
    expect(refused.text).toContain('value="&lt;b&gt;上海&lt;/b&gt;云计算"');
    expect(await t.deps.contracts.customerNamed('<b>上海</b>云计算')).toBeNull();

    const created = await agent
      .post('/contracts')
      .type('form')
      .send({ _csrf: csrf, customerName: '<b>上海</b>云计算', offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31', service_data_repair: '1', days_data_repair: '3' });
    expect(created.status).toBe(303);
    const page = await agent.get(created.headers.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('&lt;b&gt;上海&lt;/b&gt;云计算');
    expect(page.text).not.toContain('<b>上海</b>');
    expect(page.text).toMatch(/7\*24电话支持 <span class="code">phone_support<\/span><\/th>\s*<td data-label="有权">✓<\/td>\s*<td data-label="渠道">专属坐席/);
    expect(page.text).toContain('数据修复 · 3 人天');
    expect(page.text).toContain('0.5 工作日');
    expect(codesIn(visibleText(page.text))).toEqual([]);
  });

  it('shows an English page in English only: service names, reasons and the missing-CSM warning', async () => {
    const customer = await t.deps.contracts.createCustomer({ name: 'Acme 上海' }, { name: 'test', address: null });
    const contract = await t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31', services: [{ service: 'db_migration', personDays: 6 }] });
    const { agent } = await signIn(t.app, usernameOf('support'));
    const page = await agent.get(`/contracts/${contract.id}?lang=en`);
    expect(page.text).toContain('Emergency faults <span class="code">emergency_fault</span>');
    expect(page.text).toContain('Database migration · 6 person-days');
    expect(page.text).toContain('The contract has not bought this special service');
    expect(page.text).toContain('Premium promises a named customer-success manager, but customer &quot;Acme 上海&quot; has none');
    // No Chinese but the customer's own name and the language switch.
    const text = visibleText(page.text).replaceAll('Acme 上海', '').replace('中文', '');
    expect(text).not.toMatch(/[\u4e00-\u9fff]/);
    const chinese = await agent.get(`/contracts/${contract.id}?lang=zh`);
    expect(chinese.text).toContain('尊享服务承诺指定客户成功经理');
    expect(chinese.text).not.toContain('promises a named');
    expect(chinese.text).toContain('合同未购买该专项服务');
    expect(chinese.text).not.toContain('has not bought');
  });

  it('says a refused contract in Chinese only on a Chinese page: beside the highlighted field and in the summary', async () => {
    const { agent, csrf } = await signIn(t.app, usernameOf('sales'));
    const res = await agent
      .post('/contracts')
      .type('form')
      .send({ _csrf: csrf, customerName: '日期颠倒客户', contactName: '王芳', offering: 'on_premise', tier: 'basic', startsOn: '2026-12-31', endsOn: '2026-01-01', service_db_migration: '1', days_db_migration: '4' });
    expect(res.status).toBe(400);
    const message = '不能早于开始日期(2026-12-31),请选择 2026-12-31 当天或之后的日期';
    expect(res.text).toMatch(new RegExp(`<div class="field invalid">\\s*<label for="f-endsOn">结束日期</label>\\s*<input id="f-endsOn" name="endsOn" type="date" required value="2026-01-01" aria-invalid="true" aria-describedby="f-endsOn-error">\\s*<p class="field-error" id="f-endsOn-error">${message.replace(/[()]/g, '\\$&')}</p>`));
    expect(res.text).toMatch(/<div class="error-summary" role="alert"[^>]*>[\s\S]*<a href="#f-endsOn">结束日期:不能早于开始日期/);
    // What was typed comes back; nothing is stored, and nothing English or internal is shown.
    expect(res.text).toContain('value="日期颠倒客户"');
    expect(res.text).toContain('value="王芳"');
    expect(res.text).toMatch(/id="f-service_db_migration" name="service_db_migration" value="1" checked/);
    expect(res.text).toMatch(/id="f-days_db_migration" name="days_db_migration"[^>]*value="4"/);
    for (const text of ['endsOn', 'startsOn', 'must not', 'Invalid', 'VALIDATION_FAILED', '内容无效']) expect(visibleText(res.text)).not.toContain(text);
    expect(await t.deps.contracts.customerNamed('日期颠倒客户')).toBeNull();

    const english = await agent
      .post('/contracts?lang=en')
      .type('form')
      .send({ _csrf: csrf, customerName: '日期颠倒客户', offering: 'on_premise', tier: 'basic', startsOn: '2026-12-31', endsOn: '2026-01-01' });
    expect(english.status).toBe(400);
    expect(english.text).toContain('<p class="field-error" id="f-endsOn-error">must not be before the start date (2026-12-31); choose 2026-12-31 or a later day</p>');
    expect(english.text).toContain('<a href="#f-endsOn">Ends on: must not be before the start date');
    expect(visibleText(english.text)).not.toMatch(/不能早于|结束日期:/);
  });

  it('finds existing customers for the form instead of listing them all, and makes the contract for the one chosen', async () => {
    const actor = { name: 'test', address: null };
    const wanted = await t.deps.contracts.createCustomer({ name: '宁波港口物流' }, actor);
    await t.deps.contracts.createCustomer({ name: '宁波港口贸易' }, actor);
    const { agent, csrf } = await signIn(t.app, usernameOf('sales'));
    const terms = { offering: 'on_premise', tier: 'preferred', startsOn: '2026-03-01', endsOn: '2027-02-28' };
    const found = await agent.post('/contracts').type('form').send({ _csrf: csrf, intent: 'findCustomer', customerName: '宁波港口', ...terms });
    expect(found.status).toBe(200);
    expect(found.text).toContain('名称含“宁波港口”的客户共 2 个,请选择:');
    expect(found.text).toContain(`<input type="radio" name="customerId" value="${wanted.id}">`);
    expect(found.text).toContain('<option value="宁波港口物流"></option>');
    // Nothing was created by finding, and the terms typed so far are kept.
    expect(found.text).toMatch(/id="f-startsOn" name="startsOn" type="date" required value="2026-03-01"/);
    expect(await t.deps.contracts.customerNamed('宁波港口')).toBeNull();

    const created = await agent.post('/contracts').type('form').send({ _csrf: csrf, intent: 'create', customerName: '宁波港口', customerId: String(wanted.id), ...terms });
    expect(created.status).toBe(303);
    const id = Number(/\/contracts\/(\d+)/.exec(created.headers.location!)![1]);
    expect((await t.deps.contracts.getContract(id)).customerId).toBe(wanted.id);
    expect(await t.deps.contracts.customerNamed('宁波港口')).toBeNull();

    // A chosen customer that no longer exists is said beside the customer field; nothing is made.
    const gone = await agent.post('/contracts').type('form').send({ _csrf: csrf, intent: 'create', customerName: '宁波港口', customerId: '999999', ...terms });
    expect(gone.status).toBe(400);
    expect(gone.text).toContain('<p class="field-error" id="f-customerName-error">所选客户已不存在:请重新查找客户</p>');
    expect(await t.deps.contracts.customerNamed('宁波港口')).toBeNull();

    // From the customer's page, the form opens with that customer chosen.
    const forCustomer = await agent.get(`/contracts?forCustomer=${wanted.id}`);
    expect(forCustomer.text).toContain(`<input type="radio" name="customerId" value="${wanted.id}" checked>`);
  });

  it('shows support the list without the forms, and refuses its posts', async () => {
    const { agent, csrf } = await signIn(t.app, usernameOf('support'));
    const list = await agent.get('/contracts');
    expect(list.status).toBe(200);
    expect(list.text).toContain('上海');
    expect(list.text).not.toContain('method="post" action="/contracts');
    expect((await agent.post('/contracts').type('form').send({ _csrf: csrf, customerName: 'x' })).status).toBe(403);
  });

  it('shows every bad cell of a rejected bulk import', async () => {
    const { agent, csrf } = await signIn(t.app, usernameOf('sales'));
    const csv = '客户名称,部署,服务产品,开始日期,结束日期\n杭州,公有云,铂金,2026-01-01,2026-12-31\n';
    const res = await agent.post(`/contracts/import?_csrf=${csrf}`).attach('file', Buffer.from(csv), '合同.csv');
    expect(res.status).toBe(422);
    expect(res.text).toContain('<span class="code">BAD_TIER</span>');
    expect(res.text).toMatch(/<td class="mono">C2<\/td>/);
  });

  it('lets support record quota use on the contract page by service name, once per form, until it is used up', async () => {
    const customer = await t.deps.contracts.createCustomer({ name: '页面登记客户' }, { name: 'test', address: null });
    const contract = await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2099-12-31' });
    const { agent, csrf } = await signIn(t.app, usernameOf('support'));
    const page = await agent.get(`/contracts/${contract.id}`);
    expect(page.text).toContain('<option value="code_diagnosis">开发技术支持(已用 0 / 2 次,每次至多 2 人天,非现场)</option>');
    expect(page.text).not.toContain('name="overrideReason"');
    const formId = /name="formId" value="([^"]+)"/.exec(page.text)![1]!;
    const send = (id: string, personDays = '2') => agent.post(`/contracts/${contract.id}/usage`).type('form').send({ _csrf: csrf, formId: id, service: 'code_diagnosis', personDays });
    expect((await send(formId)).status).toBe(303);
    expect((await send(formId)).status).toBe(303);
    expect((await agent.get(`/contracts/${contract.id}`)).text).toContain('开发技术支持(已用 1 / 2 次,每次至多 2 人天,非现场)');
    // Too many person-days for one use: said beside the field, in Chinese only.
    const tooMany = await send('too-many', '3');
    expect(tooMany.status).toBe(422);
    expect(tooMany.text).toMatch(/id="f-personDays"[^>]*aria-invalid="true" aria-describedby="f-personDays-error">\s*<p class="field-error" id="f-personDays-error">每次至多 2 人天,请改小;如确需超出,请经理填写原因超额登记<\/p>/);
    expect(visibleText(tooMany.text)).not.toContain('personDays');
    expect((await send('second')).status).toBe(303);
    const refused = await send('third');
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('已用完');
    expect(visibleText(refused.text)).not.toMatch(/QUOTA_EXHAUSTED|spent/);
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
    // `search` is the older name of the box; q the list's.
    for (const param of ['search', 'q']) {
      const found = await agent.get(`/contracts?${param}=${encodeURIComponent('目标_')}`);
      expect(found.status).toBe(200);
      expect(found.text).toContain(`<a href="/contracts/${old.id}">#${old.id}</a>`);
      expect(found.text).not.toContain('填充客户');
      expect(found.text).toContain('value="目标_"');
    }
    expect((await agent.get('/contracts?q=_%25')).text).toContain('没有符合条件的合同');
  });

  it('pages, filters and sorts the list in the database, and the pager keeps the filters', async () => {
    const { agent } = await signIn(t.app, usernameOf('support'));
    const all = await agent.get('/contracts');
    const total = Number(/共 (\d+) 条/.exec(all.text)![1]);
    expect(total).toBeGreaterThan(200);
    expect(all.text).toContain(`第 1–50 条,共 ${total} 条`);
    expect(all.text.match(/<a href="\/contracts\/\d+">#\d+<\/a>/g)).toHaveLength(50);
    const second = await agent.get('/contracts?page=2');
    expect(second.text).toContain(`第 51–100 条,共 ${total} 条`);

    // Ended contracts: only the one of 2025 (the rest run into 2026 and beyond on the page's today).
    const ended = await agent.get('/contracts?state=ended&sort=customer');
    expect(ended.text).toContain('搜索目标_客户');
    expect(ended.text).not.toContain('页面登记客户');
    expect(ended.text).toContain('<option value="ended" selected>已到期</option>');

    const onPremise = await agent.get('/contracts?offering=on_premise&tier=preferred');
    expect(onPremise.text).toContain('宁波港口物流');
    expect(onPremise.text).not.toContain('填充客户');

    const bought = await agent.get('/contracts?service=data_repair');
    expect(bought.text).toContain('&lt;b&gt;上海&lt;/b&gt;云计算');
    expect(bought.text).toMatch(/共 1 条/);

    const byCustomer = await agent.get('/contracts?sort=customer&offering=cloud&page=2');
    expect(unescaped(byCustomer.text)).toContain('href="/contracts?offering=cloud&sort=customer"');
    expect(byCustomer.text).toContain('<option value="customer" selected>');
    // A value that names nothing is dropped, not refused.
    const odd = await agent.get('/contracts?offering=moon&state=later&page=x');
    expect(odd.status).toBe(200);
    expect(odd.text).toContain(`共 ${total} 条`);
  });

  it('exports the current view to xlsx, with names not codes, every page of it', async () => {
    const { agent } = await signIn(t.app, usernameOf('support'));
    const list = await agent.get('/contracts?offering=cloud&sort=customer');
    expect(unescaped(list.text)).toContain('href="/contracts?offering=cloud&sort=customer&format=xlsx"');
    const res = await agent.get('/contracts?offering=cloud&sort=customer&format=xlsx').buffer(true).parse(rawBody as Parameters<request.Test['parse']>[0]);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=contracts-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '合同编号', '客户', '部署', '服务产品', '开始日期', '结束日期', '合同状态', '专项服务(人天)']);
    // More rows than one page: the whole view.
    expect(sheet.rowCount - 1).toBeGreaterThan(200);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows.every((r) => r[3] === '公有云')).toBe(true);
    const shanghai = rows.find((r) => r[2] === '<b>上海</b>云计算')!;
    expect(shanghai.slice(3, 9)).toEqual(['公有云', '尊享服务', '2026-01-01', '2099-12-31', '有效', '数据修复 3 人天']);
    expect(JSON.stringify(rows)).not.toMatch(/data_repair|"cloud"|"premium"/);
  });
});
