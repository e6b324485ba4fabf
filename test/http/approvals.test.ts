// Approvals on a real database (SQLite, and MariaDB when TEST_MYSQL_URL is set): the inbox lists every quote
// waiting, the oldest first, a page at a time; rejecting needs a reason (page and API alike); the decider, the
// instant and the note or reason are stored and shown; a manager is never offered a decision on their own quote;
// the navigation counts the quotes waiting; each decision is audited with its reason.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { formatBasisPoints, formatYuan } from '../../src/quote/money.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, csrfOf, signIn, type TestApp } from '../support/http-app.ts';

describeEachDatabase('approvals', (current) => {
  let t: TestApp;
  let limit: number;
  beforeAll(async () => {
    t = await createTestApp(current().db, { chromiumPath: '/nonexistent/chromium' });
    limit = ((await t.policies.getRules(1)).prices as PriceList).discount.salesLimitBasisPoints;
  });
  const api = (role: keyof TestApp['tokens']) => ({ Authorization: `Bearer ${t.tokens[role]}` });
  const pending = async (customerName: string, by: keyof TestApp['tokens'] = 'sales', over = 100) => {
    const res = await request(t.app).post('/api/quotes').set(api(by)).send({ customerName, offering: 'cloud', tier: 'preferred', termYears: 1, discountBasisPoints: limit + over });
    expect(res.body.quote.status).toBe('pending_approval');
    return res.body.quote as { number: string; totalFen: number };
  };

  it('lists every quote waiting, the oldest first, paged, with amount, discount over the limit and who asks', async () => {
    const first = await pending('甲 一号客户', 'sales', 100);
    const second = await pending('乙 二号客户', 'sales', 250);
    const third = await pending('丙 三号客户', 'manager', 300);
    const inbox = await t.deps.quotes.approvalInbox({ offset: 0, limit: 50 });
    expect(inbox.total).toBe(3);
    expect(inbox.items.map((q) => q.number)).toEqual([first.number, second.number, third.number]);
    expect(inbox.items[1]).toMatchObject({ customerName: '乙 二号客户', createdBy: 'sales.user', salesLimitBasisPoints: limit, overLimitBasisPoints: 250 });
    const page2 = await t.deps.quotes.approvalInbox({ offset: 2, limit: 2 });
    expect([page2.total, page2.items.map((q) => q.number)]).toEqual([3, [third.number]]);
    expect(await t.deps.quotes.waitingCount()).toBe(3);

    const manager = await signIn(t.app, 'manager.user');
    const page = await manager.agent.get('/approvals');
    expect(page.status).toBe(200);
    const rows = [...page.text.matchAll(/<tr data-quote="([^"]+)"/g)].map((m) => m[1]);
    expect(rows).toEqual([first.number, second.number, third.number]);
    expect(page.text).toContain(`href="/quotes/${second.number}"`);
    expect(page.text).toContain(formatYuan(second.totalFen));
    expect(page.text).toContain(`超出 ${formatBasisPoints(250)}(上限 ${formatBasisPoints(limit)})`);
    expect(page.text).toContain('第 1–3 条,共 3 条');
    // The navigation's badge: 审批 with the count, for approvers only.
    expect(page.text).toMatch(/data-nav-approvals[^>]*>审批 <span class="badge">3</);
    const sales = await signIn(t.app, 'sales.user');
    expect((await sales.agent.get('/quotes')).text).not.toContain('data-nav-approvals');
    expect((await sales.agent.get('/approvals')).status).toBe(403);

    // A page past the end (an edited link) shows the last one, not an error.
    expect((await manager.agent.get('/approvals?page=9')).status).toBe(200);
  });

  it('refuses a rejection without a reason, beside the field and in the API, and stores and shows the one given', async () => {
    const quote = await pending('丁 驳回客户');
    const manager = await signIn(t.app, 'manager.user');
    const shown = await manager.agent.get(`/quotes/${quote.number}`);
    expect(shown.text).toContain('data-approve');
    expect(shown.text).toContain('id="f-reason"');

    const blank = await manager.agent.post(`/quotes/${quote.number}/reject`).type('form').send({ _csrf: csrfOf(shown.text), reason: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('class="error-summary"');
    expect(blank.text).toContain('href="#f-reason"');
    expect(blank.text).toMatch(/<p class="field-error" id="f-reason-error">请填写驳回理由/);
    expect(blank.text).toContain('aria-invalid="true" aria-describedby="f-reason-error"');

    const apiBlank = await request(t.app).post(`/api/quotes/${quote.number}/reject`).set(api('manager')).send({});
    expect(apiBlank.status).toBe(400);
    expect(apiBlank.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'reason', message: expect.stringContaining('reason is required'), messageZh: expect.stringContaining('请填写驳回理由') }] });
    expect((await t.deps.quotes.get(quote.number)).status).toBe('pending_approval');

    const rejected = await manager.agent.post(`/quotes/${quote.number}/reject`).type('form').send({ _csrf: csrfOf(shown.text), reason: '折扣过高,请按 15% 重新报价' });
    expect(rejected.status).toBe(303);
    const stored = await t.deps.quotes.get(quote.number);
    expect(stored).toMatchObject({ status: 'rejected', decidedBy: 'manager.user', decisionNote: '折扣过高,请按 15% 重新报价' });
    // Stored in UTC, shown in Asia/Shanghai.
    expect(stored.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const [entry] = await t.audit.list({ action: 'quote.reject', limit: 1 });
    expect(entry).toMatchObject({ actor: 'manager.user', target: quote.number, details: { reason: '折扣过高,请按 15% 重新报价' } });

    const sales = await signIn(t.app, 'sales.user');
    const seen = await sales.agent.get(`/quotes/${quote.number}`);
    expect(seen.text).toContain('经理 manager.user 驳回了此报价,理由:折扣过高,请按 15% 重新报价');
    const shanghai = new Date(Date.parse(stored.decidedAt!) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
    expect(seen.text).toMatch(new RegExp(`data-decided-at>${shanghai}<`));
    expect(seen.text).not.toContain('data-approve');

    const mine = await t.deps.quotes.recentlyRejected('sales.user');
    expect(mine.map((q) => [q.number, q.decisionNote])).toContainEqual([quote.number, '折扣过高,请按 15% 重新报价']);
    expect(await t.deps.quotes.recentlyRejected('manager.user')).toEqual([]);
  });

  it('approves with an optional note (API and page), records who and when, and audits it', async () => {
    const quote = await pending('戊 批准客户');
    const approved = await request(t.app).post(`/api/quotes/${quote.number}/approve`).set(api('admin')).send({});
    expect(approved.body.quote).toMatchObject({ status: 'issued', decidedBy: 'admin', decisionNote: null });
    const [entry] = await t.audit.list({ action: 'quote.approve', limit: 1 });
    expect(entry).toMatchObject({ actor: 'admin', target: quote.number, details: { note: null } });
    const sales = await signIn(t.app, 'sales.user');
    const seen = await sales.agent.get(`/quotes/${quote.number}`);
    expect(seen.text).toMatch(/data-decided-by>admin</);
    expect(seen.text).toMatch(/data-decision-note>未填写</);
  });

  it('never offers a manager a decision on their own quote, and says another manager must decide', async () => {
    const own = await pending('己 经理自己的客户', 'manager');
    const manager = await signIn(t.app, 'manager.user');
    const page = await manager.agent.get(`/quotes/${own.number}`);
    expect(page.text).not.toContain('data-approve');
    expect(page.text).not.toContain('data-reject');
    expect(page.text).toContain('data-own-quote');
    expect(page.text).toContain('须由另一位经理审批');
    const admin = await signIn(t.app, 'admin');
    const forAdmin = await admin.agent.get(`/quotes/${own.number}`);
    expect(forAdmin.text).toContain('data-approve');
    expect(forAdmin.text).not.toContain('data-own-quote');
    // The API still refuses it outright.
    const refused = await request(t.app).post(`/api/quotes/${own.number}/reject`).set(api('manager')).send({ reason: '自己驳回' });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'OWN_QUOTE']);
  });
});
