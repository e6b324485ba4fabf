// The managers' report pages and /api/reports on a real database: the run button (dry, real, again), the runs,
// every report as its e-mail and as downloads, the contract-year lookup, and the refusals, each naming its field.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { MESSAGES } from '../../src/http/i18n.ts';
import { LABELS } from '../../src/http/labels.ts';
import { shanghaiDate } from '../../src/calendar/instants.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, errorCode, rawBody, signIn, usernameOf, type TestApp } from '../support/http-app.ts';
import { MANAGERS } from '../support/report-setup.ts';

const HOSTILE = '华东精密<script>alert(1)</script>';
const ESCAPED = '华东精密&lt;script&gt;alert(1)&lt;/script&gt;';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const sh = (local: string) => new Date(`${local}+08:00`);

/** What the run form's section shows above the form: where its refusals appear. */
const runAlert = (html: string) => /<section class="card" id="run">([\s\S]*?)<form method="post" action="\/reports\/run"/.exec(html)?.[1] ?? '';

async function workbookOf(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

describeEachDatabase('the managers’ report pages', (current) => {
  let t: TestApp;
  let premium: number;
  let basic: number;
  let manager: Awaited<ReturnType<typeof signIn>>;

  beforeAll(async () => {
    // The requests below were opened in 2026: the sample must be in force then.
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2025-01-01T00:00:00Z') });
    const { contracts, requests, usage } = t.deps;
    const customer = await contracts.createCustomer({
      name: HOSTILE,
      contacts: [
        { name: '王工', email: 'it@huadong.example', role: 'contact' },
        { name: '李总', email: 'cio@huadong.example', role: 'contact' },
        { name: '赵经理', email: 'csm@kingdee.example', role: 'csm' },
      ],
    }, { name: 'test', address: null });
    premium = (await contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2025-11-28', endsOn: '2027-11-27' })).id;
    // Two met and one breached emergency fault (2 working hours), one met issue (0.5 working day).
    const answered = async (service: string, openedAt: string, respondedAt: string) => {
      const { request: opened } = await requests.open({ contractId: premium, service, openedAt: sh(openedAt), summary: `${service} ${openedAt}` }, 'desk');
      await requests.respond(opened.id, sh(respondedAt), 'desk');
    };
    await answered('emergency_fault', '2026-03-02T10:00:00', '2026-03-02T11:00:00');
    await answered('emergency_fault', '2026-03-03T10:00:00', '2026-03-03T15:00:00');
    await answered('emergency_fault', '2026-06-10T09:00:00', '2026-06-10T10:30:00');
    await answered('issue_feedback', '2026-09-01T09:00:00', '2026-09-01T12:00:00');
    await usage.record({ contractId: premium, service: 'code_diagnosis', personDays: 2, onsite: false, at: sh('2026-05-06T10:00:00'), note: null, override: null, idempotencyKey: null }, { name: 'desk', address: null, mayOverride: false });
    const basicCustomer = await contracts.createCustomer({ name: '基础客户', contacts: [{ name: 'a', email: 'a@basic.example', role: 'contact' }] }, { name: 'test', address: null });
    basic = (await contracts.createContract({ customerId: basicCustomer.id, offering: 'on_premise', tier: 'basic', startsOn: '2025-11-28', endsOn: '2026-11-27' })).id;
    manager = await signIn(t.app, usernameOf('manager'));
  });

  const api = (token: string) => ({ Authorization: `Bearer ${token}` });
  const run = (fields: Record<string, string>, session = manager) => session.agent.post('/reports/run').type('form').send({ _csrf: session.csrf, ...fields });
  const download = (req: request.Test) => req.buffer(true).parse(rawBody);
  /** A second manager who switched the site to English (the choice is kept in a cookie). */
  async function englishManager() {
    const session = await signIn(t.app, usernameOf('manager'));
    expect((await session.agent.get('/reports?lang=en')).status).toBe(200);
    return session;
  }

  it('uses only page texts and labels that exist (a missing key would show raw)', () => {
    for (const file of ['pages/reports.hbs', 'pages/report-run.hbs', 'pages/reviews.hbs', 'pages/review.hbs', 'partials/job-outcome.hbs', 'layouts/main.hbs']) {
      const source = fs.readFileSync(path.resolve('templates', file), 'utf8');
      for (const [, key] of source.matchAll(/\{\{t "(\w+)"/g)) expect(MESSAGES, `${file}: t "${key}"`).toHaveProperty(key!);
      for (const [, group] of source.matchAll(/\(?label "(\w+)"/g)) expect(LABELS, `${file}: label "${group}"`).toHaveProperty(group!);
    }
  });

  it('shows a manager the run form, the schedules and the managers; refuses support; sends a stranger to sign in', async () => {
    const page = await manager.agent.get('/reports');
    expect(page.status).toBe(200);
    expect(page.text).toContain('<form method="post" action="/reports/run"');
    expect(page.text).toContain('<option value="yearly"');
    // A dry run unless the manager says otherwise.
    expect(page.text).toMatch(/<input type="checkbox" name="dryRun" checked>/);
    expect(page.text).toContain('年度服务报告');
    expect(page.text).toContain('即将超时提醒');
    // The schedules in words, not cron.
    expect(page.text).toContain('<td>每天 07:00</td>');
    expect(page.text).toContain('<td>每月 1 日 08:00</td>');
    expect(page.text).toContain('<td>工作时间每 30 分钟</td>');
    expect(page.text).not.toContain('0 7 * * *');
    // Dates are picked, not typed.
    expect(page.text).toContain('<input name="date" value="" type="date"');
    expect(page.text).toContain('<input name="time" value="" type="time">');
    for (const address of MANAGERS) expect(page.text).toContain(address);
    expect(page.text).toContain('本实例未运行计划任务(REPORT_SCHEDULER&#x3D;off)');
    // The nav marks the page it is on.
    expect(page.text).toMatch(/<a href="\/reports" aria-current="page">报告<\/a>/);
    // Twelve months of monthly reports, each viewable and downloadable.
    expect(page.text.match(/href="\/reports\/monthly\/\d{4}-\d{2}"/g)).toHaveLength(12);
    // The newest is last month (Asia/Shanghai).
    const [year, month] = shanghaiDate(new Date()).split('-').map(Number) as [number, number];
    const lastMonth = month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    expect(page.text.match(/href="\/reports\/monthly\/(\d{4}-\d{2})"/)?.[1]).toBe(lastMonth);
    expect(page.text).toContain(`href="/reports/monthly/${lastMonth}?download=xlsx"`);

    const english = await (await englishManager()).agent.get('/reports');
    expect(english.status).toBe(200);
    expect(english.text).toContain('<html lang="en"');
    expect(english.text).toContain('Run a report job now');
    expect(english.text).toContain('Yearly service report');
    expect(english.text).toContain('<td>Every 30 minutes in working time</td>');

    const { agent: support } = await signIn(t.app, usernameOf('support'));
    const refused = await support.get('/reports');
    expect(refused.status).toBe(403);
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect((await support.get(`/reports/yearly/${premium}/2026-11-27`)).status).toBe(403);
    const stranger = await request(t.app).get('/reports');
    expect(stranger.status).toBe(303);
    expect(stranger.headers.location).toBe('/sign-in?next=%2Freports');
    expect((await request(t.app).get(`/reports/monthly/2026-03`)).status).toBe(303);
    expect((await request(t.app).post('/reports/run').type('form').send({ job: 'yearly' })).status).toBe(401);
  });

  it('runs the yearly job dry, for real, and again, showing each message; stores only the real run', async () => {
    const runsBefore = await t.deps.jobRuns.count({});
    const dry = await run({ job: 'yearly', date: '2026-11-28', dryRun: 'on' });
    expect(dry.status).toBe(200);
    expect(dry.text).toContain('试运行完成:未保存、未发送任何内容。');
    expect(dry.text).toContain(`【金蝶云星空】${ESCAPED} 年度服务报告(2025-11-28 至 2026-11-27)`);
    expect(dry.text).not.toContain('<script>alert(1)');
    for (const address of ['it@huadong.example', 'cio@huadong.example', 'cc csm@kingdee.example']) expect(dry.text).toContain(address);
    // 尊享: drafted for a headquarters expert's review before it is sent.
    expect(dry.text).toContain('将进入专家审核队列');
    expect(dry.text).toContain('数据截止时间 2026-11-28 07:00');
    expect(dry.text).toContain('截至 2026-11-27 结束的合同年度');
    expect(dry.text).not.toContain('contract years ended');
    // The form keeps what was asked.
    expect(dry.text).toContain('<option value="yearly" selected>');
    expect(dry.text).toContain('value="2026-11-28"');
    expect(await t.deps.outbox.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });
    // A dry run is not a run: it answers with its page and leaves no record in the history.
    expect(await t.deps.jobRuns.count({})).toBe(runsBefore);
    // The answer's language link (?lang=en, relative to /reports/run) leads back to the reports.
    const back = await request(t.app).get('/reports/run?lang=en').set(api(t.tokens.manager));
    expect(back.status).toBe(303);
    expect(back.headers.location).toBe('/reports');

    const real = await run({ job: 'yearly', date: '2026-11-28' });
    expect(real.status).toBe(200);
    expect(real.text).toContain('运行完成,邮件将由发件箱发送。');
    expect(real.text).toContain('已放入专家审核队列');
    expect(await t.deps.outbox.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });
    const [review] = await t.deps.reports.reviews.list({ limit: 10, offset: 0 });
    expect(review).toMatchObject({ contractId: premium, periodEnd: '2026-11-27', status: 'pending' });
    expect(review!.subject).toContain(HOSTILE);

    const again = await run({ job: 'yearly', date: '2026-11-28' });
    expect(again.status).toBe(200);
    expect(again.text).toContain('已在审核队列或已发出');
    expect(again.text).not.toContain('已放入专家审核队列');
    const english = await run({ job: 'yearly', date: '2026-11-28' }, await englishManager());
    expect(english.text).toContain('Done; the outbox sends the messages.');
    expect(english.text).toContain('already in review or sent');
    expect(english.text).toContain('contract years ended 2026-11-27');
    expect(english.text).not.toContain('截至');
    expect((await t.deps.reports.reviews.counts()).pending).toBe(1);
  });

  it('refuses a bad job or date beside the form, naming the field, and a post without CSRF', async () => {
    const before = (await t.deps.jobRuns.list({ limit: 200, offset: 0 })).length;
    const badJob = await run({ job: 'weekly', date: '2026-11-28' });
    expect(badJob.status).toBe(400);
    const jobAlert = runAlert(badJob.text);
    expect(jobAlert).toContain('role="alert"');
    expect(jobAlert).toContain('请选择报告任务');
    expect(jobAlert).toMatch(/<span class="code">job<\/span>/);
    expect(badJob.text).toMatch(/<select name="job" required aria-invalid="true">/);

    const badDate = await run({ job: 'yearly', date: '2026-13-45' });
    expect(badDate.status).toBe(400);
    const dateAlert = runAlert(badDate.text);
    expect(dateAlert).toContain('日期无效:2026-13-45');
    expect(dateAlert).toMatch(/<span class="code">date<\/span>/);
    // What was typed stays in the form, to correct.
    expect(badDate.text).toMatch(/<input name="date" value="2026-13-45" [^>]*aria-invalid="true">\s*<span class="field-error">应为 2026-12-31 这样的日期<\/span>/);
    expect(badDate.text).not.toMatch(/<select name="job" required aria-invalid/);

    const atRiskDay = await run({ job: 'at-risk', date: '2026-11-27' });
    expect(atRiskDay.status).toBe(400);
    expect(runAlert(atRiskDay.text)).toMatch(/<span class="code">date<\/span>/);

    const noCsrf = await manager.agent.post('/reports/run').type('form').send({ job: 'yearly', date: '2026-11-28', dryRun: 'on' });
    expect(noCsrf.status).toBe(403);
    expect(errorCode(noCsrf)).toBe('CSRF_REJECTED');
    expect((await t.deps.jobRuns.list({ limit: 200, offset: 0 })).length).toBe(before);

    const { agent: support, csrf } = await signIn(t.app, usernameOf('support'));
    const refused = await support.post('/reports/run').type('form').send({ _csrf: csrf, job: 'yearly', dryRun: 'on' });
    expect(refused.status).toBe(403);
  });

  it('lists each run and shows one with its outcome; an unknown run is a 404 page', async () => {
    await run({ job: 'monthly', date: '2026-04-01' });
    const [latest] = await t.deps.jobRuns.list({ limit: 1, offset: 0 });
    expect(latest).toMatchObject({ job: 'monthly', trigger: 'manual', status: 'done', actor: 'manager.user', dryRun: false });

    const index = await manager.agent.get('/reports');
    expect(index.text).toContain(`<a href="/reports/runs/${latest!.id}">${latest!.id}</a>`);
    expect(index.text).toContain('手动');
    expect(index.text).toContain('完成');

    const page = await manager.agent.get(`/reports/runs/${latest!.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`报告运行记录 #${latest!.id}`);
    expect(page.text).not.toContain('(试运行)');
    expect(page.text).toContain('【金蝶云星空】响应时效月报 2026-03');
    for (const address of MANAGERS) expect(page.text).toContain(address);
    expect(page.text).toContain('manager.user');
    expect(page.text).toContain('href="/reports"');

    const yearlyRun = (await t.deps.jobRuns.list({ job: 'yearly', limit: 200, offset: 0 })).find((r) => !r.dryRun);
    const yearlyPage = await manager.agent.get(`/reports/runs/${yearlyRun!.id}`);
    expect(yearlyPage.text).toContain(ESCAPED);
    expect(yearlyPage.text).not.toContain('<script>alert(1)');

    const missing = await manager.agent.get('/reports/runs/987654');
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('没有这次运行记录');
    expect((await manager.agent.get('/reports/runs/abc')).status).toBe(400);
  });

  it('pages the runs and filters them by job and outcome in the database, dry runs included', async () => {
    const runs = t.deps.jobRuns;
    const now = new Date();
    const claim = (key: string, job: string, dryRun = false) =>
      runs.claim(key, { job, slot: now, trigger: 'manual', instance: 'test', actor: 'manager.user', dryRun, now, leaseUntil: new Date(now.getTime() + 60_000) });
    for (let i = 0; i < 24; i++) await claim(`paging:${i}`, 'at-risk', i % 2 === 0);
    for (let i = 0; i < 3; i++) {
      await claim(`paging:failed:${i}`, 'monthly');
      await runs.fail(`paging:failed:${i}`, 'test', 'SMTP refused', now);
    }
    const total = await runs.count({});
    const first = await manager.agent.get('/reports');
    expect(first.text).toContain(`第 1–20 条,共 ${total} 条`);
    expect(first.text.match(/<a href="\/reports\/runs\/\d+">\d+<\/a>/g)).toHaveLength(20);
    expect((await manager.agent.get('/reports?page=2')).text).toContain(`第 21–${Math.min(40, total)} 条,共 ${total} 条`);

    const failed = await manager.agent.get('/reports?status=failed');
    expect(failed.text).toContain(`共 ${await runs.count({ status: 'failed' })} 条`);
    expect(failed.text).not.toMatch(/<td>完成/);
    expect(failed.text).toMatch(/<td>失败\(将重试\)/);
    expect(failed.text).toContain('<option value="failed" selected>失败(将重试)</option>');
    const atRisk = await manager.agent.get('/reports?job=at-risk&status=running');
    // The running at-risk runs, dry and not: 24 of them, a page of 20 and the next.
    expect(atRisk.text).toContain('第 1–20 条,共 24 条');
    expect(atRisk.text).toContain('(试运行)');
    expect(atRisk.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain('href="/reports?job=at-risk&status=running&sort=newest&page=2"');
    // A job or an outcome that names nothing shows every run.
    expect((await manager.agent.get('/reports?job=nope&status=lost')).text).toContain(`共 ${total} 条`);

    // Orders: the latest run first (the default), the earliest first, and by period; a page in each.
    const ids = (html: string) => [...html.matchAll(/<a href="\/reports\/runs\/(\d+)">/g)].map((m) => Number(m[1]));
    const newest = ids((await manager.agent.get('/reports?job=at-risk')).text);
    const oldest = ids((await manager.agent.get('/reports?job=at-risk&sort=oldest')).text);
    expect(newest).toEqual([...newest].sort((a, b) => b - a));
    expect(oldest).toEqual([...oldest].sort((a, b) => a - b));
    expect(oldest[0]).toBeLessThan(newest[newest.length - 1]!);
    const byPeriod = await runs.list({ order: 'period', limit: 500, offset: 0 });
    const slots = byPeriod.map((r) => new Date(r.slot).getTime());
    expect(slots).toEqual([...slots].sort((a, b) => b - a));
    const periodPage = (await manager.agent.get('/reports?sort=period')).text;
    expect(periodPage).toContain('<option value="period" selected>按报告期,最近在前</option>');
    expect(ids(periodPage)).toEqual(byPeriod.slice(0, 20).map((r) => r.id));
  });

  it('folds neighbouring catch-up runs that sent nothing into one line; runs that did something stay rows', async () => {
    const runs = t.deps.jobRuns;
    const now = new Date();
    const quiet = { job: 'yearly', slot: '', period: '', dryRun: false, skipped: null, messages: [], problems: [] };
    for (let i = 0; i < 34; i++) {
      const slot = new Date(Date.UTC(2026, 9, 1 + i, 23));
      const key = `report:yearly:${slot.toISOString()}`;
      await runs.claim(key, { job: 'yearly', slot, trigger: 'catch-up', instance: 'test', actor: 'system', dryRun: false, now, leaseUntil: new Date(now.getTime() + 60_000) });
      await runs.finish(key, 'test', { ...quiet, slot: slot.toISOString(), period: '空 / empty' }, now);
    }
    const page = await manager.agent.get('/reports');
    // The newest page of 20: all twenty quiet, said once.
    expect(page.text).toContain('补跑 20 次,均无邮件');
    expect(page.text.match(/class="quiet-runs"/g)).toHaveLength(1);
    expect((await manager.agent.get('/reports?page=2')).text).toContain('补跑 14 次,均无邮件');
    expect((await (await englishManager()).agent.get('/reports')).text).toContain('20 catch-up runs, none with mail');
  });

  it('shows a contract year’s report as its e-mail, in English on request, and as HTML and xlsx downloads', async () => {
    const page = await manager.agent.get(`/reports/yearly/${premium}/2026-11-27`);
    expect(page.status).toBe(200);
    expect(page.type).toBe('text/html');
    expect(page.text).toContain(`${ESCAPED} 年度服务报告`);
    expect(page.text).not.toContain('<script>alert(1)');
    expect(page.text).toContain('2025-11-28 至 2026-11-27');
    expect(page.text).toContain('逐月情况');
    // Four requests, three met: 75%.
    expect(page.text).toMatch(/75(\.0+)?%/);
    expect(page.text).toContain('3 次紧急故障');

    const html = await download(manager.agent.get(`/reports/yearly/${premium}/2026-11-27?download=html`));
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-disposition']).toBe(`attachment; filename=service-report-${premium}-2026-11-27.html`);
    expect((html.body as Buffer).toString('utf8')).toContain(`${ESCAPED} 年度服务报告`);

    const xlsx = await download(manager.agent.get(`/reports/yearly/${premium}/2026-11-27?download=xlsx`));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.headers['content-disposition']).toBe(`attachment; filename=service-report-${premium}-2026-11-27.xlsx`);
    const bytes = xlsx.body as Buffer;
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = await workbookOf(bytes);
    expect(wb.worksheets.map((ws) => ws.name)).toContain('概览');
    const summary = wb.getWorksheet('概览')!;
    const rowOf = (key: string) => summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === key);
    expect(rowOf('客户')?.getCell(2).value).toBe(HOSTILE);
    expect(rowOf('请求数')?.getCell(2).value).toBe(4);

    const english = await request(t.app).get(`/reports/yearly/${premium}/2026-11-27?lang=en`).set(api(t.tokens.manager));
    expect(english.status).toBe(200);
    expect(english.text).toContain(`${ESCAPED}: yearly service report`);
    expect(english.text).not.toContain('年度服务报告');
    const englishXlsx = await workbookOf((await download(request(t.app).get(`/reports/yearly/${premium}/2026-11-27?download=xlsx&lang=en`).set(api(t.tokens.manager)))).body as Buffer);
    expect(englishXlsx.worksheets[0]!.name).not.toBe('概览');
  });

  it('follows the site language the manager chose when the link does not say', async () => {
    const { agent } = await englishManager();
    const page = await agent.get(`/reports/yearly/${premium}/2026-11-27`);
    expect(page.text).toContain(': yearly service report');
    const chinese = await agent.get(`/reports/yearly/${premium}/2026-11-27?lang=zh`);
    expect(chinese.text).toContain('年度服务报告');
  });

  it('refuses a year report that does not exist, saying why, and a contract number that is not one', async () => {
    const ofBasic = await manager.agent.get(`/reports/yearly/${basic}/2026-11-27`);
    expect(ofBasic.status).toBe(404);
    expect(ofBasic.text).toContain('基础服务不含年度服务报告');
    expect(errorCode(ofBasic)).toBe('TIER_WITHOUT_REPORT');

    const notAnEnd = await manager.agent.get(`/reports/yearly/${premium}/2026-11-26`);
    expect(notAnEnd.status).toBe(404);
    expect(notAnEnd.text).toContain(`2026-11-26 不是合同 #${premium} 某个合同年度的最后一天`);

    const unknown = await manager.agent.get('/reports/yearly/987654/2026-11-27');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('合同 987654 不存在');

    for (const id of ['abc', '0', '1e2', '0x10']) {
      const bad = await manager.agent.get(`/reports/yearly/${id}/2026-11-27`);
      expect(bad.status, id).toBe(400);
      expect(bad.text, id).toContain('合同编号应为正整数');
    }
    const badDate = await manager.agent.get(`/reports/yearly/${premium}/27-11-2026`);
    expect(badDate.status).toBe(400);
    expect(badDate.text).toContain('合同年度结束日应为 YYYY-MM-DD');
    const badDownload = await manager.agent.get(`/reports/yearly/${premium}/2026-11-27?download=pdf`);
    expect(badDownload.status).toBe(400);
    expect(badDownload.text).toContain('download');
  });

  it('shows the monthly report as a page and an xlsx, and refuses a month that is not one', async () => {
    const page = await manager.agent.get('/reports/monthly/2026-03');
    expect(page.status).toBe(200);
    expect(page.text).toContain('响应时效月报');
    expect(page.text).toContain('2026-03');
    expect(page.text).toContain(ESCAPED);
    expect(page.text).not.toContain('<script>alert(1)');

    const xlsx = await download(manager.agent.get('/reports/monthly/2026-03?download=xlsx'));
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toBe(XLSX);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename=compliance-2026-03.xlsx');
    expect((xlsx.body as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
    expect((await workbookOf(xlsx.body as Buffer)).worksheets.length).toBeGreaterThan(0);

    for (const month of ['2026-13', '2026-3', 'march']) {
      const bad = await manager.agent.get(`/reports/monthly/${month}`);
      expect(bad.status, month).toBe(400);
      expect(bad.text, month).toContain('月份应为 YYYY-MM');
    }
  });

  it('looks a contract’s years up by its number, with links to each report; an unknown one says so', async () => {
    const found = await manager.agent.get(`/reports?contractId=${premium}`);
    expect(found.status).toBe(200);
    expect(found.text).toContain(`合同 #${premium} · 合同年度`);
    expect(found.text).toContain('2025-11-28 — 2026-11-27');
    expect(found.text).toContain(`href="/reports/yearly/${premium}/2026-11-27"`);
    expect(found.text).toContain(`href="/reports/yearly/${premium}/2026-11-27?download=xlsx"`);
    expect(found.text).toContain(`href="/reports/yearly/${premium}/2026-11-27?download=html"`);
    // The form shows the number looked up.
    expect(found.text).toContain(`name="contractId" inputmode="numeric" value="${premium}"`);
    // Every link on the page leads somewhere real.
    for (const [, href] of found.text.matchAll(/href="(\/reports\/yearly\/[^"?]+)"/g)) expect((await manager.agent.get(href!)).status, href).toBe(200);

    const ofBasic = await manager.agent.get(`/reports?contractId=${basic}`);
    expect(ofBasic.status).toBe(200);
    expect(ofBasic.text).toContain('该合同没有年度服务报告');

    const unknown = await manager.agent.get('/reports?contractId=987654');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toMatch(/role="alert">合同 987654 不存在/);

    const notANumber = await manager.agent.get('/reports?contractId=abc');
    expect(notANumber.status).toBe(400);
    expect(notANumber.text).toMatch(/role="alert">合同编号应为正整数/);
    expect(notANumber.text).toMatch(/<span class="code">contractId<\/span>/);
    expect(notANumber.text).toContain('name="contractId" inputmode="numeric" value="abc"');
    expect(notANumber.text).not.toContain('该合同没有年度服务报告');

    const month = await manager.agent.get('/reports?month=2026-03');
    expect(month.status).toBe(303);
    expect(month.headers.location).toBe('/reports/monthly/2026-03');
  });

  it('answers the same over /api/reports with a token', async () => {
    const dry = await request(t.app).post('/api/reports/run').set(api(t.tokens.manager)).send({ job: 'yearly', date: '2026-11-28', dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ job: 'yearly', dryRun: true, skipped: null, problems: [] });
    // The real run above drafted it for review already.
    expect(dry.body.messages).toEqual([expect.objectContaining({ recipient: `contract:${premium}`, periodKey: '2026-11-27', to: ['it@huadong.example', 'cio@huadong.example'], cc: ['csm@kingdee.example'], created: false, review: true })]);
    expect(dry.body.cutoff).toBe('2026-11-27T23:00:00.000Z');
    expect(dry.body.messages[0].subject).toContain(HOSTILE);

    const forbidden = await request(t.app).post('/api/reports/run').set(api(t.tokens.support)).send({ job: 'yearly', dryRun: true });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('FORBIDDEN');
    const badJob = await request(t.app).post('/api/reports/run').set(api(t.tokens.manager)).send({ job: 'weekly', dryRun: true });
    expect(badJob.status).toBe(400);
    expect(badJob.body.error.details.map((d: { field: string }) => d.field)).toEqual(['job']);
    const badDate = await request(t.app).post('/api/reports/run').set(api(t.tokens.manager)).send({ job: 'yearly', date: '2026-13-45', dryRun: true });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details.map((d: { field: string }) => d.field)).toEqual(['date']);

    const runs = await request(t.app).get('/api/reports/runs?job=yearly').set(api(t.tokens.admin));
    expect(runs.status).toBe(200);
    expect(runs.body.runs.length).toBeGreaterThan(0);
    // The dry run above left no record: the latest yearly run by hand is the manager's real one.
    expect(runs.body.runs.some((r: { dryRun: boolean }) => r.dryRun)).toBe(false);
    const byHand = runs.body.runs.find((r: { trigger: string }) => r.trigger === 'manual');
    expect(byHand).toMatchObject({ job: 'yearly', trigger: 'manual', status: 'done', dryRun: false, actor: 'manager.user' });
    expect(byHand.outcome.messages).toHaveLength(1);
    expect((await request(t.app).get('/api/reports/runs?limit=0').set(api(t.tokens.manager))).status).toBe(400);

    const yearly = await request(t.app).get(`/api/reports/yearly/${premium}/2026-11-27`).set(api(t.tokens.manager));
    expect(yearly.status).toBe(200);
    expect(yearly.body).toMatchObject({ kind: 'yearly', contract: { id: premium, customerName: HOSTILE }, period: { start: '2025-11-28', end: '2026-11-27' } });
    expect(yearly.body.totals).toEqual({ requests: 4, met: 3, breached: 1, open: 0, withoutWindow: 0, metBasisPoints: 7500, medianHoursToRespond: 2.25 });
    const badId = await request(t.app).get('/api/reports/yearly/abc/2026-11-27').set(api(t.tokens.manager));
    expect(badId.status).toBe(400);
    expect(badId.body.error.details).toEqual([expect.objectContaining({ field: 'contractId' })]);
    const notAnEnd = await request(t.app).get(`/api/reports/yearly/${premium}/2026-11-26`).set(api(t.tokens.manager));
    expect(notAnEnd.status).toBe(404);
    expect(notAnEnd.body.error.code).toBe('NOT_A_YEAR_END');

    const monthly = await request(t.app).get('/api/reports/monthly/2026-03').set(api(t.tokens.manager));
    expect(monthly.status).toBe(200);
    expect(monthly.body).toMatchObject({ kind: 'monthly', month: '2026-03' });
    expect(monthly.body.groups.find((g: { offering: string; tier: string }) => g.offering === 'on_premise' && g.tier === 'premium')).toMatchObject({ requests: 2, met: 1, breached: 1, metBasisPoints: 5000 });
    const badMonth = await request(t.app).get('/api/reports/monthly/2026-13').set(api(t.tokens.manager));
    expect(badMonth.status).toBe(400);
    expect(badMonth.body.error.details).toEqual([expect.objectContaining({ field: 'month' })]);
    expect((await request(t.app).get('/api/reports/monthly/2026-03').set(api(t.tokens.sales))).status).toBe(403);
  });
});
