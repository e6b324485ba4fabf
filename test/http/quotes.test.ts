// Quotes over HTTP on a real database: the sales rules, exact money, approval, revisions, pages and the PDF.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, csrfOf, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

/** Half-up, in integers: what a cashier does to half a fen. */
const halfUp = (numerator: number, denominator: number) => Math.floor((2 * numerator + denominator) / (2 * denominator));

describeEachDatabase('quotes over HTTP', (current) => {
  let t: TestApp;
  let prices: PriceList;
  beforeAll(async () => {
    t = await createTestApp(current().db, { chromiumPath: '/nonexistent/chromium' });
    prices = (await t.policies.getRules(1)).prices as PriceList;
  });
  const api = (role: keyof TestApp['tokens'] = 'sales') => ({ Authorization: `Bearer ${t.tokens[role]}` });
  const unitOf = (service: string, offering = 'on_premise') => prices.specialServices.find((p) => p.service === service && (p.offering === offering || p.offering === null))!.unitFen;
  const tierPrice = (offering: string, tier: string) => prices.tiers.find((p) => p.offering === offering && p.tier === tier)!;
  const onPremPremium = (extra: object = {}) => ({ customerName: '温州电气', offering: 'on_premise', tier: 'premium', termYears: 1, licenceFen: 100_000_000, specialServices: [{ service: 'db_migration', quantity: 10 }], ...extra });

  /** The expected total of a one-year on-premise 尊享 quote with db_migration days, by hand. */
  function expectedTotal(licenceFen: number, days: number, discountBp: number) {
    const tier = tierPrice('on_premise', 'premium');
    const fee = tier.method === 'fixed' ? tier.annualFen : halfUp(licenceFen * tier.basisPoints, 10_000);
    const subtotal = fee + days * unitOf('db_migration');
    const discount = halfUp(subtotal * discountBp, 10_000);
    const net = subtotal - discount;
    const vat = halfUp(net * prices.vatBasisPoints, 10_000);
    return { subtotal, discount, net, vat, total: net + vat };
  }

  it('prices an on-premise 尊享 quote with db_migration exactly, and refuses db_migration on a cloud quote', async () => {
    const res = await request(t.app).post('/api/quotes').set(api()).send(onPremPremium());
    expect(res.status).toBe(201);
    const expected = expectedTotal(100_000_000, 10, 0);
    expect(res.body.quote).toMatchObject({ number: expect.stringMatching(/^Q-\d{4}-\d{6}$/), status: 'issued', totalFen: expected.total, customerName: '温州电气' });
    expect(res.body.quote.document).toMatchObject({ subtotalFen: expected.subtotal, netFen: expected.net, vatFen: expected.vat, totalFen: expected.total, onPremiseOnly: ['db_migration'], policy: { version: 1 } });
    expect(res.body.quote.document.totalCapital).toMatch(/^人民币.+(整|分)$/);
    expect(res.body.quote.document.includes.map((i: { service: string }) => i.service)).toContain('customer_success');

    const cloud = await request(t.app).post('/api/quotes').set(api()).send({ ...onPremPremium(), offering: 'cloud' });
    expect(cloud.status).toBe(422);
    expect(cloud.body.error).toMatchObject({ code: 'ON_PREMISE_ONLY', details: { services: ['db_migration'] } });
    const noLicence = await request(t.app).post('/api/quotes').set(api()).send({ ...onPremPremium(), licenceFen: undefined });
    if (tierPrice('on_premise', 'premium').method === 'licence_share') {
      expect(noLicence.status).toBe(422);
      expect(noLicence.body.error.details.reasons.map((r: { code: string }) => r.code)).toContain('LICENCE_REQUIRED');
    }
    const support = await request(t.app).post('/api/quotes').set(api('support')).send(onPremPremium());
    expect(support.status).toBe(403);
  });

  it('sends a discount over sales’ limit to a manager, refuses one over the maximum, and audits the decision', async () => {
    const limit = prices.discount.salesLimitBasisPoints;
    const atLimit = await request(t.app).post('/api/quotes').set(api()).send(onPremPremium({ discountBasisPoints: limit }));
    expect(atLimit.body.quote.status).toBe('issued');
    expect(atLimit.body.quote.totalFen).toBe(expectedTotal(100_000_000, 10, limit).total);
    const over = await request(t.app).post('/api/quotes').set(api()).send(onPremPremium({ discountBasisPoints: limit + 1 }));
    expect(over.body.quote.status).toBe('pending_approval');
    const number = over.body.quote.number as string;
    expect((await request(t.app).post(`/api/quotes/${number}/approve`).set(api('sales')).send({})).status).toBe(403);
    const approved = await request(t.app).post(`/api/quotes/${number}/approve`).set(api('manager')).send({ note: '战略客户' });
    expect(approved.body.quote).toMatchObject({ status: 'issued', decisionNote: '战略客户', decidedBy: 'manager.user' });
    expect((await request(t.app).post(`/api/quotes/${number}/reject`).set(api('manager')).send({})).status).toBe(409);
    const audit = await request(t.app).get('/api/audit').set(api('manager'));
    expect(audit.body.entries.some((e: { action: string; target: string }) => e.action === 'quote.approve' && e.target === number)).toBe(true);

    const own = await request(t.app).post('/api/quotes').set(api('manager')).send(onPremPremium({ discountBasisPoints: limit + 1 }));
    const ownDecision = await request(t.app).post(`/api/quotes/${own.body.quote.number}/approve`).set(api('manager')).send({});
    expect([ownDecision.status, ownDecision.body.error.code]).toEqual([403, 'OWN_QUOTE']);

    const tooMuch = await request(t.app).post('/api/quotes').set(api()).send(onPremPremium({ discountBasisPoints: prices.discount.maximumBasisPoints + 1 }));
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body.error.details.reasons.map((r: { code: string }) => r.code)).toContain('DISCOUNT_TOO_LARGE');
  });

  it('sells code diagnosis beyond the tier’s quota as development-support days, and revises under a new number', async () => {
    const res = await request(t.app).post('/api/quotes').set(api()).send({ customerName: '宁波港务', offering: 'cloud', tier: 'preferred', termYears: 2, codeDiagnosisUses: 3 });
    expect(res.status).toBe(201);
    const extra = res.body.quote.document.lines.find((l: { kind: string }) => l.kind === 'code_diagnosis_extra');
    expect(extra).toMatchObject({ code: 'dev_support_project' });
    expect(res.body.quote.document.rules).toContain('code_diagnosis→dev_support_project');

    const number = res.body.quote.number as string;
    const revised = await request(t.app).post(`/api/quotes/${number}/revisions`).set(api()).send({ offering: 'cloud', tier: 'preferred', termYears: 3 });
    expect(revised.status).toBe(201);
    expect(revised.body.quote).toMatchObject({ number: `${number}-R2`, customerName: '宁波港务', termYears: 3 });
    // Renaming the customer later changes neither the issued quote nor its document.
    await request(t.app).put(`/api/customers/${res.body.quote.customerId}`).set(api()).send({ name: '宁波港务集团' });
    const original = await request(t.app).get(`/api/quotes/${number}`).set(api());
    expect(original.body.quote.document).toEqual(res.body.quote.document);
    expect(original.body.quote.document.customer.name).toBe('宁波港务');
    expect((await request(t.app).get('/api/quotes/Q-1-2').set(api())).status).toBe(400);
  });

  it('offers no on-premise-only service on a cloud form, computes without JavaScript, and shows the quote', async () => {
    const { agent } = await signIn(t.app, usernameOf('sales'));
    const cloud = await agent.get('/quotes/new?offering=cloud');
    expect(cloud.status).toBe(200);
    expect(cloud.text).not.toContain('name="service_db_migration"');
    const form = await agent.get('/quotes/new?offering=on_premise');
    expect(form.text).toContain('name="service_db_migration"');
    const csrf = csrfOf(form.text);
    const fields = { _csrf: csrf, offering: 'on_premise', customerName: '<script>alert(1)</script>港务', tier: 'premium', termYears: '1', licence: '1,000,000', discount: '0', service_db_migration: '1', quantity_db_migration: '10' };
    const expected = expectedTotal(100_000_000, 10, 0);
    const yuan = (fen: number) => `¥${Math.floor(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
    const preview = await agent.post('/quotes/preview').type('form').send(fields);
    expect(preview.status).toBe(200);
    expect(preview.text).toContain(`data-total="total">${yuan(expected.total)}<`);
    const saved = await agent.post('/quotes').type('form').send(fields);
    expect(saved.status).toBe(303);
    const page = await agent.get(saved.headers.location!);
    expect(page.text).toContain(yuan(expected.total));
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;港务');
    expect(page.text).toContain('仅限私有云');
    const pdf = await agent.get(`${saved.headers.location}.pdf`);
    expect(pdf.status).toBe(503);
    expect(pdf.text).toContain('服务器未安装 Chromium');
    const list = await agent.get('/quotes?status=issued');
    expect(list.text).toContain(saved.headers.location!.slice('/quotes/'.length));
    const unticked = await agent.post('/quotes/preview').type('form').send({ ...fields, quantity_data_repair: '3' });
    expect(unticked.status).toBe(400);
    expect(unticked.text).toContain('填写了数量但未勾选');
    const noQuantity = await agent.post('/quotes/preview').type('form').send({ ...fields, quantity_db_migration: '' });
    expect(noQuantity.status).toBe(400);
    // The API's own words: the form is refused by POST /api/quotes's schema.
    expect(noQuantity.text).toContain('数量应大于 0');
    const cloudDb = await agent.post('/quotes').type('form').send({ ...fields, offering: 'cloud' });
    expect(cloudDb.status).toBe(422);
    // In Chinese only, naming the service; the form comes back as a cloud form with the service held, not lost.
    expect(cloudDb.text).toContain('数据库迁移:仅限私有云客户');
    expect(cloudDb.text).not.toContain('db_migration 仅');
    expect(cloudDb.text).toMatch(/name="keep_service_db_migration" value="1"\s+checked/);
  });
  it('keeps every field through a switch of offering without JavaScript, marks refused fields in Chinese, and revises and copies from a quote', async () => {
    const { agent } = await signIn(t.app, usernameOf('sales'));
    const csrf = csrfOf((await agent.get('/quotes/new')).text);
    const typed = { _csrf: csrf, customerName: '台州机电', tier: 'premium', termYears: '1', licence: '1,000,000', service_db_migration: '1', quantity_db_migration: '10', service_data_repair: '1', quantity_data_repair: '3', notes: '保留' };
    // 切换部署 to 公有云: db_migration is held (hidden, posted back under keep_…), the rest stays as typed.
    const cloud = await agent.post('/quotes/preview').type('form').send({ ...typed, offering: 'cloud', action: 'switch' });
    expect(cloud.status).toBe(200);
    expect(cloud.text).toMatch(/<tr data-service="db_migration" data-on-premise-only hidden>/);
    expect(cloud.text).toMatch(/name="keep_service_db_migration" value="1"\s+checked/);
    expect(cloud.text).toContain('name="keep_quantity_db_migration" inputmode="decimal" maxlength="8" size="6" value="10"');
    expect(cloud.text).toContain('name="quantity_data_repair" inputmode="decimal" maxlength="8" size="6" value="3"');
    expect(cloud.text).toMatch(/<p class="hint" data-held >/);
    // Computing the cloud quote sells data_repair only; switching back gives db_migration back.
    const held = { ...typed, offering: 'cloud', service_db_migration: undefined, quantity_db_migration: undefined, keep_service_db_migration: '1', keep_quantity_db_migration: '10' };
    const cloudTotal = await agent.post('/quotes/preview').type('form').send(held);
    expect(cloudTotal.status).toBe(200);
    expect(cloudTotal.text).not.toContain('数据库迁移</td>');
    const back = await agent.post('/quotes/preview').type('form').send({ ...held, offering: 'on_premise', action: 'switch' });
    expect(back.text).toMatch(/name="service_db_migration" value="1"\s+checked/);
    expect(back.text).toContain('name="quantity_db_migration" inputmode="decimal" maxlength="8" size="6" value="10"');

    // A refused field: highlighted, its Chinese message beside it and in the summary, nothing in English.
    const bad = await agent.post('/quotes/preview').type('form').send({ ...typed, offering: 'on_premise', termYears: '11' });
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('<div class="field invalid">\n      <label for="f-termYears">');
    expect(bad.text).toMatch(/id="f-termYears"[^>]*aria-invalid="true" aria-describedby="f-termYears-error"/);
    expect(bad.text).toMatch(/<p class="field-error" id="f-termYears-error">服务年限应为 1–10 年的整数<\/p>/);
    expect(bad.text).toContain('<a href="#f-termYears">服务年限:服务年限应为 1–10 年的整数</a>');
    expect(bad.text).not.toContain('the term is a whole number');

    // 修订 and 复制 start from the quote; the revision keeps its customer and is numbered after it.
    const made = await agent.post('/quotes').type('form').send({ ...typed, offering: 'on_premise' });
    const number = made.headers.location!.slice('/quotes/'.length);
    const page = await agent.get(`/quotes/${number}`);
    expect(page.text).toContain(`href="/quotes/new?revise=${number}" data-revise`);
    expect(page.text).toContain(`href="/quotes/new?copy=${number}" data-copy`);
    const revise = await agent.get(`/quotes/new?revise=${number}`);
    expect(revise.text).toContain(`<input type="hidden" name="reviseOf" value="${number}">`);
    expect(revise.text).toContain('<strong data-customer>台州机电</strong>');
    expect(revise.text).toContain('name="quantity_db_migration" inputmode="decimal" maxlength="8" size="6" value="10"');
    const customerId = /name="customerId" value="(\d+)"/.exec(revise.text)![1];
    const revised = await agent.post('/quotes').type('form').send({ ...typed, offering: 'on_premise', customerName: '', customerId, reviseOf: number, termYears: '3' });
    expect(revised.status).toBe(303);
    expect(revised.headers.location).toBe(`/quotes/${number}-R2`);
    const copy = await agent.get(`/quotes/new?copy=${number}`);
    expect(copy.text).toContain(`内容复制自报价单 ${number}`);
    expect(copy.text).not.toContain('name="reviseOf"');
    // Sales see names on the form, never service codes as text.
    expect(copy.text.replace(/<[^>]*>/g, ' ')).not.toMatch(/db_migration|data_repair|onsite_support|on_premise/);
  });

  it('finds the customer by part of its name instead of listing every customer, and makes the quote for the one chosen', async () => {
    const { agent } = await signIn(t.app, usernameOf('sales'));
    const form = await agent.get('/quotes/new');
    expect(form.text).not.toContain('name="customerId"');
    const csrf = csrfOf(form.text);
    const base = { _csrf: csrf, offering: 'cloud', tier: 'basic', termYears: '1' };
    await agent.post('/quotes').type('form').send({ ...base, customerName: '舟山港务集团' });
    await agent.post('/quotes').type('form').send({ ...base, customerName: '舟山渔业' });
    const found = await agent.post('/quotes/preview').type('form').send({ ...base, customerName: '舟山', action: 'findCustomer' });
    expect(found.status).toBe(200);
    expect(found.text).toContain('名称含“舟山”的客户共 2 个,请选择:');
    const id = /<input type="radio" name="customerId" value="(\d+)"> 舟山港务集团/.exec(found.text)![1];
    expect(found.text).toContain('新建客户“舟山”');
    const made = await agent.post('/quotes').type('form').send({ ...base, customerName: '舟山', customerId: id });
    expect(made.status).toBe(303);
    const quote = await agent.get(made.headers.location!);
    expect(quote.text).toContain('<dd>舟山港务集团</dd>');
  });

  it('puts a refusal of the sales rules beside the field it is about, in Chinese', async () => {
    const { agent } = await signIn(t.app, usernameOf('sales'));
    const csrf = csrfOf((await agent.get('/quotes/new')).text);
    const fields = { _csrf: csrf, offering: 'on_premise', customerName: '衢州化工', tier: 'premium', termYears: '1', discount: String(prices.discount.maximumBasisPoints / 100 + 1) };
    const res = await agent.post('/quotes/preview').type('form').send(fields);
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/<p class="field-error" id="f-discount-error">折扣 [^<]*超过折扣上限/);
    expect(res.text).toContain('<a href="#f-discount">折扣:');
    if (tierPrice('on_premise', 'premium').method === 'licence_share') expect(res.text).toMatch(/<p class="field-error" id="f-licence-error">[^<]*许可费/);
    expect(res.text).not.toMatch(/DISCOUNT_TOO_LARGE|LICENCE_REQUIRED|discountBasisPoints|licenceFen/);
  });
});
