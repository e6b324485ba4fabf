// The home (工作台) of each role on a real database: the first page after sign-in, its figures counted from the
// records the test makes, each a link to the filtered list behind it; the managers' compliance chart drawn in SVG
// with its figures in a table beside it; anonymous visitors sent to sign in.
import { beforeAll, expect, it } from 'vitest';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { createHomeService, weekStartOf } from '../../src/home/home-service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

const figure = (html: string, id: string) => Number(new RegExp(`id="${id}">(\\d+)<`).exec(html)?.[1]);

describeEachDatabase('each role’s home', (current) => {
  let t: TestApp;
  let pendingNumber = '';
  let rejectedNumber = '';
  beforeAll(async () => {
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2026-01-01T00:00:00+08:00'), chromiumPath: '/nonexistent/chromium' });
    const customer = await t.deps.contracts.createCustomer({ name: '宁波港务' }, { name: 'test', address: null });
    const contract = await t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2030-12-31' });
    const support = { name: usernameOf('support'), address: null };
    // One never answered (overdue), one answered a week late (breached, but nothing left to do: not overdue), one
    // arriving now (in time), one assigned to the desk user.
    const old = new Date('2026-03-02T09:00:00+08:00');
    await t.deps.requests.open({ contractId: contract.id, service: 'issue_feedback', openedAt: old, summary: '凭证无法过账' }, support);
    const late = (await t.deps.requests.open({ contractId: contract.id, service: 'issue_feedback', openedAt: new Date('2026-03-04T09:00:00+08:00'), summary: '月结慢' }, support)).request;
    await t.deps.requests.respond(late.id, new Date('2026-03-11T10:00:00+08:00'), support);
    const mine = (await t.deps.requests.open({ contractId: contract.id, service: 'issue_feedback', summary: '报表打不开' }, support)).request;
    await t.deps.requests.assign(mine.id, usernameOf('support'), support);
    await t.deps.requests.open({ contractId: contract.id, service: 'emergency_fault', summary: '全员无法登录' }, support);

    const prices = (await t.policies.getRules(1)).prices as PriceList;
    const quote = (discountBasisPoints: number) => ({ customerName: '宁波港务', offering: 'cloud' as const, tier: 'basic' as const, termYears: 1, specialServices: [], discountBasisPoints });
    const sales = { name: usernameOf('sales'), address: null };
    await t.deps.quotes.create(quote(0), sales);
    pendingNumber = (await t.deps.quotes.create(quote(prices.discount.salesLimitBasisPoints + 100), sales)).number;
    rejectedNumber = (await t.deps.quotes.create(quote(prices.discount.salesLimitBasisPoints + 200), sales)).number;
    await t.deps.quotes.reject(rejectedNumber, { name: usernameOf('manager'), address: null }, '折扣超出本季度政策,请按 8 折重新报价');
  });

  it('sends anyone not signed in to the sign-in page, and a sign-in without next= home', async () => {
    const { default: request } = await import('supertest');
    const res = await request(t.app).get('/');
    expect([res.status, res.headers.location]).toEqual([303, '/sign-in']);
  });

  it('shows the desk its requests: mine, the team’s, at risk, breached, and the next deadlines with hours left', async () => {
    const desk = await signIn(t.app, usernameOf('support'));
    const page = await desk.agent.get('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>support.user,你好</h1>');
    // The late answer is open work (the team's) and a breach, but not one still waiting for its response.
    expect([figure(page.text, 'fig-mine'), figure(page.text, 'fig-team'), figure(page.text, 'fig-breached')]).toEqual([1, 4, 1]);
    expect(page.text).toContain('href="/requests?assignee=me"');
    expect(page.text).toContain('href="/requests?response=overdue"');
    const overdue = await desk.agent.get('/requests?response=overdue');
    expect(overdue.text).toContain('凭证无法过账');
    expect(overdue.text).not.toContain('月结慢');
    const breached = await desk.agent.get('/requests?response=breached');
    expect([breached.text.includes('凭证无法过账'), breached.text.includes('月结慢')]).toEqual([true, true]);
    const api = await desk.agent.get('/api/requests?status=overdue');
    expect((api.body as { requests: { summary: string }[] }).requests.map((r) => r.summary)).toEqual(['凭证无法过账']);
    const next = /<ol class="deadlines" id="next-deadlines">([\s\S]*?)<\/ol>/.exec(page.text)![1]!;
    // The emergency (2 working hours) is due before the feedback (0.5 working day); the breached one is not "next".
    expect(next.indexOf('紧急故障处理')).toBeLessThan(next.indexOf('7*24问题反馈'));
    expect(next.match(/<li>/g)).toHaveLength(2);
    expect(next).toMatch(/剩余 [\d.]+ 工作小时/);
    expect(page.text).not.toContain('id="home-manager"');
  });

  it('shows sales their quotes by status, what waits for approval and why one was rejected', async () => {
    const sales = await signIn(t.app, usernameOf('sales'));
    const page = await sales.agent.get('/');
    expect(page.text).toContain(`href="/quotes?status=issued&amp;sales=${usernameOf('sales')}"`);
    expect(page.text).toMatch(/<span class="figure">1<\/span> 已出具/);
    expect(/id="pending-mine">([\s\S]*?)<\/ul>/.exec(page.text)![1]).toContain(pendingNumber);
    const rejected = /id="rejected-mine">([\s\S]*?)<\/ul>/.exec(page.text)![1]!;
    expect(rejected).toContain(rejectedNumber);
    expect(rejected).toContain('折扣超出本季度政策,请按 8 折重新报价');
  });

  it('lists a sales user’s issued quotes expiring within 7 days, soonest first', async () => {
    // The same services a week before the quotes' 30 days run out.
    const later = new Date(Date.now() + 24 * 86_400_000);
    const home = createHomeService({ ...homeDeps(t), clock: () => later });
    const view = await home.forUser({ name: usernameOf('sales'), role: 'sales' });
    expect(view.sales!.expiring.map((q) => q.status)).toEqual(['issued']);
    const none = await createHomeService({ ...homeDeps(t), clock: () => new Date() }).forUser({ name: usernameOf('sales'), role: 'sales' });
    expect(none.sales!.expiring).toEqual([]);
  });

  it('shows managers the approvals waiting, this month’s compliance against last month in SVG, breaches this week and outbox failures', async () => {
    const manager = await signIn(t.app, usernameOf('manager'));
    const page = await manager.agent.get('/');
    expect(figure(page.text, 'fig-approvals')).toBe(1);
    expect(page.text).toContain('href="/approvals"');
    expect(page.text).toMatch(/<svg class="chart" viewBox="0 0 640 \d+" role="img" aria-labelledby="compliance-title compliance-desc"/);
    expect(page.text.match(/class="bar now"/g)).toHaveLength(6);
    expect(/<table class="compliance" id="compliance-table">[\s\S]*?<\/table>/.exec(page.text)![0].match(/<tr><th scope="row">/g)).toHaveLength(6);
    expect(page.text).toContain('href="/outbox?state=failing"');
    expect(figure(page.text, 'fig-outbox-failing')).toBe(0);
    // Breaches this week link to the queue from this Monday on; the queue's due_from filter is that week.
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    expect(page.text).toContain(`href="/requests?state=all&amp;response=breached&amp;due_from=${weekStartOf(today)}"`);
    expect(figure(page.text, 'fig-breached-week')).toBe(0);
    const fromMarch2 = await manager.agent.get('/requests?state=all&response=breached&due_from=2026-03-02');
    expect([fromMarch2.text.includes('凭证无法过账'), fromMarch2.text.includes('月结慢')]).toEqual([true, true]);
    expect(fromMarch2.text).toContain('响应截止于 2026-03-02 及以后');
    // Due on 2 March (half a working day from 09:00): not from the 3rd on; the one opened on the 4th is.
    const fromMarch3 = await manager.agent.get('/requests?state=all&response=breached&due_from=2026-03-03');
    expect([fromMarch3.text.includes('凭证无法过账'), fromMarch3.text.includes('月结慢')]).toEqual([false, true]);
    // A date that names no day is dropped, as every unreadable filter is.
    const nonsense = await manager.agent.get('/requests?state=all&response=breached&due_from=2026-02-30');
    expect(nonsense.text).not.toContain('id="due-from"');
    expect(page.text).not.toContain('id="home-admin"');
  });

  it('shows admins the policy in force, holiday data, outbox and scheduler health, and links to users and tokens', async () => {
    const admin = await signIn(t.app, usernameOf('admin'));
    const page = await admin.agent.get('/');
    expect(/id="active-policy">([\s\S]*?)<\/dd>/.exec(page.text)![1]).toContain('href="/policies/1"');
    expect(page.text).toContain('没有排期中的版本。');
    expect(page.text).toMatch(/id="holiday-readiness"><a (class="alert-text" )?href="\/policies\/holidays">/);
    expect(page.text).toContain('href="/admin/users"');
    expect(page.text).toContain('href="/admin/tokens"');
    // Admins approve too: the managers' section follows.
    expect(page.text).toContain('id="home-manager"');
  });

  it('shows experts the yearly reports waiting for their review', async () => {
    const expert = await signIn(t.app, usernameOf('expert'));
    const page = await expert.agent.get('/?lang=en');
    expect(page.text).toContain('Expert review of yearly reports');
    expect(figure(page.text, 'fig-reviews')).toBe(0);
  });

  it('counts a week from Monday in Shanghai', () => {
    expect([weekStartOf('2026-12-07'), weekStartOf('2026-12-05'), weekStartOf('2026-12-06'), weekStartOf('2027-01-01')]).toEqual(['2026-12-07', '2026-11-30', '2026-11-30', '2026-12-28']);
  });
});

function homeDeps(t: TestApp) {
  const d = t.deps;
  return {
    requests: d.requests,
    quotes: d.quotes,
    monthly: (month: string) => d.reports.monthly(month),
    outboxCounts: () => d.outbox.counts(),
    jobRuns: d.jobRuns,
    activations: () => d.policies.activations(),
    holidayReadiness: () => d.holidays.readiness(),
    reviews: d.reports.reviews,
  };
}
