// The quotes list on a real database: filters (status, customer name, date range, sales user), orders and pages
// answered by SQL, and the xlsx export of the view with names, not codes, in its cells.
import ExcelJS from 'exceljs';
import type request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { shanghaiDate } from '../../src/calendar/instants.ts';
import { addDays } from '../../src/calendar/shanghai-time.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, rawBody, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

const unescaped = (html: string) => html.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');

describeEachDatabase('the quotes list', (current) => {
  let t: TestApp;
  let pendingCount = 0;
  const ISSUED_HARBOUR = 40;
  const ISSUED_OTHER = 12;
  beforeAll(async () => {
    t = await createTestApp(current().db, { chromiumPath: '/nonexistent/chromium' });
    const prices = (await t.policies.getRules(1)).prices as PriceList;
    const quote = (customerName: string, termYears: number, discountBasisPoints = 0) => ({ customerName, offering: 'cloud' as const, tier: 'basic' as const, termYears, specialServices: [], discountBasisPoints });
    for (let i = 0; i < ISSUED_HARBOUR; i++) await t.deps.quotes.create(quote('宁波港务', 1 + (i % 10)), { name: 'sales.user', address: null });
    for (let i = 0; i < ISSUED_OTHER; i++) await t.deps.quotes.create(quote('温州电气100%', 1 + (i % 3)), { name: 'manager.user', address: null });
    for (let i = 0; i < 3; i++) await t.deps.quotes.create(quote('宁波港务', 2, prices.discount.salesLimitBasisPoints + 100), { name: 'sales.user', address: null });
    pendingCount = 3;
  });

  const numbersIn = (html: string) => [...html.matchAll(/<a href="\/quotes\/(Q-\d{4}-\d{6})">/g)].map((m) => m[1]);

  it('pages, filters and sorts in the store: status, customer name, date range, sales user', async () => {
    const { agent } = await signIn(t.app, usernameOf('sales'));
    const all = ISSUED_HARBOUR + ISSUED_OTHER + pendingCount;
    const first = await agent.get('/quotes');
    expect(first.status).toBe(200);
    expect(first.text).toContain(`第 1–50 条,共 ${all} 条`);
    expect(numbersIn(first.text)).toHaveLength(50);
    const second = await agent.get('/quotes?page=2');
    expect(second.text).toContain(`第 51–${all} 条,共 ${all} 条`);
    expect(new Set([...numbersIn(first.text), ...numbersIn(second.text)]).size).toBe(all);

    const pending = await agent.get('/quotes?status=pending_approval');
    expect(pending.text).toContain(`共 ${pendingCount} 条`);
    expect(pending.text).not.toContain('class="status issued"');
    expect(pending.text).toContain('class="status pending_approval"');

    // The customer filter is a search of names; a typed % is a percent sign, not a wildcard.
    expect((await agent.get(`/quotes?customer=${encodeURIComponent('港务')}`)).text).toContain(`共 ${ISSUED_HARBOUR + pendingCount} 条`);
    expect((await agent.get(`/quotes?customer=${encodeURIComponent('100%')}`)).text).toContain(`共 ${ISSUED_OTHER} 条`);
    expect((await agent.get(`/quotes?customer=${encodeURIComponent('%')}`)).text).toContain(`共 ${ISSUED_OTHER} 条`);

    expect((await agent.get('/quotes?sales=manager.user')).text).toContain(`共 ${ISSUED_OTHER} 条`);
    const today = shanghaiDate(new Date());
    expect((await agent.get(`/quotes?from=${today}&to=${today}`)).text).toContain(`共 ${all} 条`);
    expect((await agent.get(`/quotes?from=${addDays(today, 1)}`)).text).toContain('共 0 条');
    expect((await agent.get(`/quotes?to=${addDays(today, -1)}`)).text).toContain('共 0 条');
    // A value that names nothing is dropped, not refused.
    expect((await agent.get('/quotes?status=lost&from=yesterday&sort=sideways')).text).toContain(`共 ${all} 条`);

    const cheapestFirst = await t.deps.quotes.search({ sort: 'total_asc', offset: 0, limit: all });
    const totals = cheapestFirst.items.map((q) => q.totalFen);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(cheapestFirst.total).toBe(all);
    const page = await agent.get('/quotes?sort=total_desc');
    const shown = numbersIn(page.text);
    expect(shown[0]).toBe(cheapestFirst.items.at(-1)!.number);
  });

  it('exports the current view to xlsx, every page of it, with names not codes', async () => {
    const { agent } = await signIn(t.app, usernameOf('manager'));
    const list = await agent.get('/quotes?status=issued&sort=total_desc');
    expect(unescaped(list.text)).toContain('href="/quotes?status=issued&sort=total_desc&format=xlsx"');
    const res = await agent.get('/quotes?status=issued&sort=total_desc&format=xlsx').buffer(true).parse(rawBody as Parameters<request.Test['parse']>[0]);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=quotes-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([undefined, '报价单号', '客户', '部署', '服务产品', '服务年限(年)', '价税合计(元)', '状态', '销售', '报价时间', '有效期至']);
    const rows = sheet.getSheetValues().slice(2) as unknown[][];
    expect(rows).toHaveLength(ISSUED_HARBOUR + ISSUED_OTHER);
    expect(rows.every((r) => r[3] === '公有云' && r[4] === '基础服务' && r[7] === '已出具')).toBe(true);
    const totals = rows.map((r) => r[6] as number);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(JSON.stringify(rows)).not.toMatch(/"cloud"|"basic"|"issued"/);
  });
});
