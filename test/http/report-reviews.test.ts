// The experts' review queue, corrections and runs not yet owed, over real HTTP on a real database: pages (forms,
// CSRF, refusals beside the form) and /api/reports, each refusal naming its field.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { shanghaiDate } from '../../src/calendar/instants.ts';
import { addDays } from '../../src/calendar/shanghai-time.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, errorCode, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

const HOSTILE = '星河<script>alert(1)</script>';
const ESCAPED = '星河&lt;script&gt;alert(1)&lt;/script&gt;';
const sh = (local: string) => new Date(`${local}+08:00`);
/** The first section of a page: where a refusal of its form shows. */
const runAlert = (html: string) => /<section class="card" id="run">([\s\S]*?)<form method="post" action="\/reports\/run"/.exec(html)?.[1] ?? '';

describeEachDatabase('expert reviews, corrections and runs not yet owed over HTTP', (current) => {
  let t: TestApp;
  let premium: number;
  let quiet: number;
  let preferred: number;
  let expert: Awaited<ReturnType<typeof signIn>>;
  let manager: Awaited<ReturnType<typeof signIn>>;
  const api = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2025-01-01T00:00:00Z') });
    const { contracts, requests } = t.deps;
    const customer = async (name: string, csm = true) =>
      (await contracts.createCustomer({ name, contacts: [{ name: '王工', email: `it${name.length}@customer.example`, role: 'contact' }, ...(csm ? [{ name: '赵经理', email: 'csm@kingdee.example', role: 'csm' as const }] : [])] }, { name: 'test', address: null })).id;
    premium = (await contracts.createContract({ customerId: await customer(HOSTILE), offering: 'on_premise', tier: 'premium', startsOn: '2025-11-28', endsOn: '2027-11-27' })).id;
    quiet = (await contracts.createContract({ customerId: await customer('无人审核公司', false), offering: 'cloud', tier: 'premium', startsOn: '2025-11-28', endsOn: '2027-11-27' })).id;
    preferred = (await contracts.createContract({ customerId: await customer('优选客户'), offering: 'cloud', tier: 'preferred', startsOn: '2025-11-28', endsOn: '2027-11-27' })).id;
    const { request: opened } = await requests.open({ contractId: premium, service: 'emergency_fault', openedAt: sh('2026-03-03T10:00:00'), summary: '紧急故障' }, 'desk');
    await requests.respond(opened.id, sh('2026-03-03T15:00:00'), 'desk');
    expert = await signIn(t.app, usernameOf('expert'));
    manager = await signIn(t.app, usernameOf('manager'));
    const run = await manager.agent.post('/reports/run').type('form').send({ _csrf: manager.csrf, job: 'yearly', date: '2026-11-28' });
    expect(run.status).toBe(200);
    // The 尊享 contract without a customer-success manager is named among the run's problems.
    expect(run.text).toContain('没有客户成功经理(CSM)联系人');
  });

  const reviewOf = async (contractId: number) => (await t.deps.reports.reviews.ofYear(contractId, '2026-11-27'))!;

  it('an expert finds the drafts in the queue, reads the report and approves edited advice: queued under their name', async () => {
    const home = await expert.agent.get('/policies');
    expect(home.text).toMatch(/<a href="\/reports\/reviews" >专家审核<\/a>/);
    const queue = await expert.agent.get('/reports/reviews');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(ESCAPED);
    expect(queue.text).not.toContain('<script>alert(1)');
    const review = await reviewOf(premium);
    expect(queue.text).toContain(`href="/reports/reviews/${review.id}"`);

    const page = await expert.agent.get(`/reports/reviews/${review.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<iframe src="/reports/reviews/${review.id}/report"`);
    expect(page.text).toContain('<form method="post" action="/reports/reviews/' + review.id + '/approve"');
    // The drafted lines fill the textarea, one per line.
    const drafted = review.report.advice.lines.map((l) => l.zh);
    expect(drafted.length).toBeGreaterThan(0);
    expect(page.text).toContain(`<textarea name="lines" rows="8" >${drafted.join('\n')}</textarea>`);
    const framed = await expert.agent.get(`/reports/reviews/${review.id}/report`);
    expect(framed.status).toBe(200);
    expect(framed.text).toContain('建议草稿(待总部专家审核)');
    expect(framed.text).toContain('数据截至 2026-11-28 07:00');

    const noCsrf = await expert.agent.post(`/reports/reviews/${review.id}/approve`).type('form').send({ lines: '建议' });
    expect(noCsrf.status).toBe(403);
    const tooLong = await expert.agent.post(`/reports/reviews/${review.id}/approve`).type('form').send({ _csrf: expert.csrf, lines: `第一条\n${'长'.repeat(501)}` });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toContain('<span class="code">lines.1</span>');
    // What was typed stays, to correct.
    expect(tooLong.text).toContain(`第一条\n${'长'.repeat(501)}</textarea>`);

    const edited = `${drafted[0]}(已与客户确认)\n\n<b>请在一季度安排系统巡检。</b>`;
    const approved = await expert.agent.post(`/reports/reviews/${review.id}/approve`).type('form').send({ _csrf: expert.csrf, lines: edited });
    expect(approved.status).toBe(303);
    expect(approved.headers.location).toBe(`/reports/reviews/${review.id}`);
    const after = await expert.agent.get(`/reports/reviews/${review.id}`);
    expect(after.text).toContain('已由 expert.user 于');
    expect(after.text).toContain('&lt;b&gt;请在一季度安排系统巡检。&lt;/b&gt;');
    expect(after.text).not.toContain('<form method="post" action="/reports/reviews/');

    const decided = await t.deps.reports.reviews.get(review.id);
    const message = (await t.deps.outbox.get(decided.outboxId!))!;
    expect(message).toMatchObject({ recipient: `contract:${premium}`, revision: 1 });
    const sent = t.deps.reports.renderStored(message.reportJson!);
    expect(sent.text).toMatch(/^总部专家建议\n-{10,}$/m);
    expect(sent.text).toContain('<b>请在一季度安排系统巡检。</b>');
    expect(sent.html).toContain('&lt;b&gt;请在一季度安排系统巡检。&lt;/b&gt;');
    expect(sent.text).toContain('审核专家:expert.user');
  });

  it('managers see the queue and what went out unreviewed, and may not approve', async () => {
    const review = await reviewOf(quiet);
    const refused = await manager.agent.post(`/reports/reviews/${review.id}/approve`).type('form').send({ _csrf: manager.csrf, lines: '经理的建议' });
    expect(refused.status).toBe(403);
    expect((await request(t.app).post(`/api/reports/reviews/${review.id}/approve`).set(api(t.tokens.manager)).send({ lines: ['经理的建议'] })).status).toBe(403);
    const page = await manager.agent.get(`/reports/reviews/${review.id}`);
    expect(page.status).toBe(200);
    expect(page.text).not.toContain('<form method="post" action="/reports/reviews/');
    // Due on 2 December: overdue ever since.
    expect(page.text).toContain('审核已超期');

    const { released } = await t.deps.reports.jobs.releaseOverdueReviews!(new Date());
    expect(released).toBe(1);
    const reports = await manager.agent.get('/reports');
    expect(reports.text).toContain('审核超期、已按系统建议发出的报告');
    const table = /<table class="outbox" id="released-unreviewed">([\s\S]*?)<\/table>/.exec(reports.text)?.[1] ?? '';
    expect(table).toContain(`href="/reports/reviews/${review.id}"`);
    expect(table).toContain('无人审核公司');
    expect(reports.text).toContain('待审核 0(其中超期 0),已批准 1,超期按系统建议发出 1');
    const sent = t.deps.reports.renderStored((await t.deps.outbox.get((await t.deps.reports.reviews.get(review.id)).outboxId!))!.reportJson!);
    expect(sent.text).toMatch(/^系统建议\n-{10,}$/m);
  });

  it('answers the queue over /api/reports/reviews, and refuses a second approval or a bad line by field', async () => {
    const list = await request(t.app).get('/api/reports/reviews?status=approved').set(api(t.tokens.manager));
    expect(list.status).toBe(200);
    expect(list.body.reviews).toEqual([expect.objectContaining({ contractId: premium, status: 'approved', reviewer: 'expert.user' })]);
    expect(list.body.counts).toMatchObject({ approved: 1, released: 1 });
    const one = await request(t.app).get(`/api/reports/reviews/${list.body.reviews[0].id}`).set(api(t.tokens.expert));
    expect(one.body).toMatchObject({ status: 'approved', report: { kind: 'yearly', advice: { heading: 'expert', reviewer: { name: 'expert.user' } } } });
    const again = await request(t.app).post(`/api/reports/reviews/${list.body.reviews[0].id}/approve`).set(api(t.tokens.expert)).send({ lines: ['再来一次'] });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('REVIEW_DECIDED');
    expect(again.body.error.message).toContain('已由 expert.user');
    const notFound = await request(t.app).post('/api/reports/reviews/987654/approve').set(api(t.tokens.expert)).send({ lines: [] });
    expect(notFound.status).toBe(404);
    const bad = await request(t.app).post(`/api/reports/reviews/${list.body.reviews[0].id}/approve`).set(api(t.tokens.expert)).send({ lines: ['x'.repeat(501)] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field)).toEqual(['lines.0']);
    expect((await request(t.app).get('/api/reports/reviews').set(api(t.tokens.sales))).status).toBe(403);
  });

  it('refuses a future-dated run that would store or send, on the page and the API, and lets a dry run look ahead', async () => {
    const tomorrow = addDays(shanghaiDate(new Date()), 1);
    const before = (await t.deps.jobRuns.list({ limit: 200, offset: 0 })).length;
    const refused = await manager.agent.post('/reports/run').type('form').send({ _csrf: manager.csrf, job: 'yearly', date: tomorrow });
    expect(refused.status).toBe(422);
    const alert = runAlert(refused.text);
    expect(alert).toContain('role="alert"');
    expect(alert).toContain(`${tomorrow} 在今天(${shanghaiDate(new Date())},北京时间)之后:报告尚未到期,不能保存或发送。如只想预览,请试运行(页面上勾选“试运行”,命令行加 --dry-run)。`);
    expect(refused.text).toMatch(new RegExp(`<input name="date" value="${tomorrow}" [^>]*aria-invalid="true">`));
    expect((await t.deps.jobRuns.list({ limit: 200, offset: 0 })).length).toBe(before);

    const viaApi = await request(t.app).post('/api/reports/run').set(api(t.tokens.manager)).send({ job: 'monthly', date: '2099-01-01' });
    expect(viaApi.status).toBe(422);
    expect(viaApi.body.error).toMatchObject({ code: 'NOT_YET_OWED', details: [{ field: 'date', message: expect.stringContaining('after today') }] });

    const dry = await manager.agent.post('/reports/run').type('form').send({ _csrf: manager.csrf, job: 'yearly', date: tomorrow, dryRun: 'on' });
    expect(dry.status).toBe(200);
    expect(dry.text).toContain('前瞻试运行:这些报告尚未到期');
  });

  it('refuses on the page what the API twin refuses, with the same status and code', async () => {
    const pending = await t.deps.reports.reviews.list({ status: 'pending', limit: 1, offset: 0 });
    // Every review above was decided: draft one more year (a fresh 尊享 contract), to refuse lines for.
    let id = pending[0]?.id;
    if (!id) {
      const c = await t.deps.contracts.createCustomer({ name: '同规尊享', contacts: [{ name: 'a', email: 'a@parity.example', role: 'contact' }] }, { name: 'test', address: null });
      const contract = await t.deps.contracts.createContract({ customerId: c.id, offering: 'cloud', tier: 'premium', startsOn: '2025-11-28', endsOn: '2027-11-27' });
      await t.deps.reports.jobs.run('yearly', sh('2026-11-28T07:00:00'), { dryRun: false, trigger: 'manual', actor: 'test' });
      id = (await reviewOf(contract.id)).id;
    }
    for (const lines of [['x'.repeat(501)], Array.from({ length: 13 }, (_, i) => `建议 ${i}`)]) {
      const viaApi = await request(t.app).post(`/api/reports/reviews/${id}/approve`).set(api(t.tokens.expert)).send({ lines });
      const viaPage = await expert.agent.post(`/reports/reviews/${id}/approve`).type('form').send({ _csrf: expert.csrf, lines: lines.join('\n') });
      expect([viaPage.status, viaApi.status]).toEqual([400, 400]);
      expect(viaApi.body.error.code).toBe('VALIDATION_FAILED');
      expect(viaPage.text).toContain('role="alert"');
      for (const d of viaApi.body.error.details as { field: string }[]) expect(viaPage.text).toContain(`<span class="code">${d.field}</span>`);
    }
    expect((await t.deps.reports.reviews.get(id)).status).toBe('pending');
    const reissueApi = await request(t.app).post(`/api/reports/yearly/${preferred}/2026-11-27/reissue`).set(api(t.tokens.manager)).send({ reason: 'x'.repeat(501) });
    const reissuePage = await manager.agent.post(`/reports/yearly/${preferred}/2026-11-27/reissue`).type('form').send({ _csrf: manager.csrf, reason: 'x'.repeat(501) });
    expect([reissuePage.status, reissueApi.status]).toEqual([400, 400]);
    expect(reissueApi.body.error.details.map((d: { field: string }) => d.field)).toEqual(['reason']);
    expect(reissuePage.text).toContain('<span class="code">reason</span>');
  });

  it('issues a year’s report again from the lookup, with the reason; a second click is refused', async () => {
    // The 优选 year went straight to the outbox at the run above.
    const lookup = await manager.agent.get(`/reports?contractId=${preferred}`);
    expect(lookup.text).toContain('第 1 版');
    expect(lookup.text).toContain(`action="/reports/yearly/${preferred}/2026-11-27/reissue"`);
    expect(lookup.text).toContain('<input type="hidden" name="revision" value="2">');
    const post = (fields: Record<string, string>) => manager.agent.post(`/reports/yearly/${preferred}/2026-11-27/reissue`).type('form').send({ _csrf: manager.csrf, ...fields });

    const noReason = await post({ reason: '', revision: '2' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="reissue-error"');
    expect(noReason.text).toContain('<span class="code">reason</span>');

    const done = await post({ reason: '联系人邮箱更正', revision: '2' });
    expect(done.status).toBe(200);
    expect(done.text).toContain('已重发为第 2 版(更正版),放入发件箱:【金蝶云星空】【更正版】优选客户 年度服务报告(2025-11-28 至 2026-11-27)第 2 版');
    expect(done.text).toContain('第 2 版');
    // The outbox names the job in words, not by its code.
    expect((await manager.agent.get('/outbox')).text).toContain('年度服务报告 · 2026-11-27 · 第 2 版');
    const twice = await post({ reason: '联系人邮箱更正', revision: '2' });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('第 2 版已存在');

    const viaApi = await request(t.app).post(`/api/reports/yearly/${preferred}/2026-11-27/reissue`).set(api(t.tokens.manager)).send({ reason: '再次更正', revision: 3 });
    expect(viaApi.status).toBe(201);
    expect(viaApi.body).toMatchObject({ revision: 3, subject: expect.stringContaining('【更正版】') });
    const refused = await request(t.app).post(`/api/reports/yearly/${preferred}/2026-11-27/reissue`).set(api(t.tokens.expert)).send({ reason: '专家不能' });
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    const audit = await request(t.app).get('/api/audit').set(api(t.tokens.admin));
    const reissues = (audit.body.entries as { action: string; actor: string; via: string | null; details: { reason: string; revision: number } }[]).filter((e) => e.action === 'report.reissue');
    expect(reissues.map((e) => [e.actor, e.details.revision, e.details.reason])).toEqual([
      ['manager.user', 3, '再次更正'],
      ['manager.user', 2, '联系人邮箱更正'],
    ]);
    // The API's correction names the token it came through.
    expect(reissues[0]!.via).toMatch(/^token:\d+$/);
  });
});
