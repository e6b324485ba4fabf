// Next year's holidays over HTTP: the banner from the lead date (admins and managers everywhere, everyone on the
// policy pages), /readyz's warning, the upload warning, the holiday page, and a pasted notice saved as a draft
// whose diff shows the days and whose activation ends the warning; the API twins refuse what the forms refuse.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { createHolidayService } from '../../src/holidays/holiday-service.ts';
import { createApp, type HttpApp } from '../../src/http/create-app.ts';
import { HOLIDAY_SHEET, HOLIDAY_TABLE } from '../../src/policy-workbook/holidays/holiday-export.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, csrfOf, editedSample, rawBody, rowOf, signIn, storedCounts, tableOf, type TestApp } from '../support/http-app.ts';
import { INVENTED_2027_NOTICE, officialNotice } from '../support/holiday-notices.ts';
import { parseHolidayNotice } from '../../src/holidays/notice-parser.ts';

/** Shanghai wall-clock time as a Date. */
const shanghai = (local: string) => new Date(`${local}+08:00`);

/** The banner's text, or null when the page has none. */
function bannerOf(html: string): string | null {
  const m = /<div class="banner warn" role="alert">\s*<p>([\s\S]*?)<\/p>/.exec(html);
  return m ? m[1]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() : null;
}

/** The confirmation form's carried rows, as the browser would send them back. */
function carriedRows(html: string): string[] {
  return [...html.matchAll(/<input type="hidden" name="row" value="([^"]*)">/g)].map((m) => m[1]!.replace(/&quot;/g, '"').replace(/&amp;/g, '&'));
}

const MISSING_2027_ZH = '2027 年的法定节假日与调休上班日尚未录入';
const MISSING_2027_EN = 'The public holidays and make-up working days of 2027 have not been entered';

const rows2027 = () => parseHolidayNotice(INVENTED_2027_NOTICE).days.map((d) => ({ date: d.date, kind: d.kind, name: d.name }));

describeEachDatabase('next year’s holidays over HTTP', (current) => {
  let t: TestApp;
  /** The app with the holiday checks judged at this instant (the rest of the app on the real clock). */
  const appAt = (instant: Date): HttpApp => createApp({ ...t.deps, holidays: createHolidayService({ policies: t.policies, audit: t.audit, clock: () => instant }) });

  beforeAll(async () => {
    // The sample (with 2026's holidays) active since the start of 2026, so that it is the base at any 2026 date.
    t = await createTestApp(current().db, { sampleActiveSince: shanghai('2026-01-01T00:00:00') });
  });

  it('before 1 November nothing is said; from it, admins and managers see the banner on every page, everyone on the policy pages', async () => {
    const before = appAt(shanghai('2026-10-31T23:59:00'));
    const admin = await signIn(before, 'admin');
    expect(bannerOf((await admin.agent.get('/contracts')).text)).toBeNull();
    expect((await request(before).get('/readyz')).body).toMatchObject({ status: 'ready', warnings: [] });

    const from = appAt(shanghai('2026-11-01T00:00:00'));
    const sessions = Object.fromEntries(await Promise.all(['admin', 'manager.user', 'sales.user', 'support.user'].map(async (u) => [u, (await signIn(from, u)).agent] as const)));
    for (const [user, path] of [['admin', '/contracts'], ['admin', '/reports'], ['manager.user', '/requests'], ['manager.user', '/audit'], ['sales.user', '/policies'], ['support.user', '/policies/1']] as const) {
      const page = await sessions[user]!.get(path);
      expect(page.status, `${user} ${path}`).toBe(200);
      const banner = bannerOf(page.text);
      expect(banner, `${user} ${path}`).toContain(MISSING_2027_ZH);
      expect(banner).toContain('从 2027-01-01 起');
      // Handlebars writes = in an attribute as &#x3D;; the browser reads it back as =.
      expect(page.text).toContain('<a href="/policies/holidays?year&#x3D;2027">去“节假日”页面录入</a>');
    }
    for (const [user, path] of [['sales.user', '/contracts'], ['support.user', '/requests']] as const) {
      expect(bannerOf((await sessions[user]!.get(path)).text), `${user} ${path}`).toBeNull();
    }
    expect(bannerOf((await sessions.admin!.get('/contracts?lang=en')).text)).toContain(MISSING_2027_EN);

    const ready = await request(from).get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready', policyVersion: 1, warnings: [{ code: 'NO_HOLIDAY_DATA', years: [2027], message: expect.stringMatching(new RegExp(`^${MISSING_2027_ZH}.* / ${MISSING_2027_EN}`)) }] });
  });

  it('warns on an upload and on the version page when the version and the shipped data lack next year; not when it has it', async () => {
    const app = appAt(shanghai('2026-11-15T10:00:00'));
    const upload = (bytes: Buffer, name: string) => request(app).post('/api/policies').set('Authorization', `Bearer ${t.tokens.admin}`).attach('workbook', bytes, name);
    const without = await upload(await editedSample((tables) => void (rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[3] = '4工作小时响应')), 'no-2027.xlsx');
    expect(without.status).toBe(201);
    expect(without.body.summary.warnings).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'NO_HOLIDAY_DATA_FOR_YEAR', sheet: HOLIDAY_SHEET, found: '2027', messageEn: expect.stringContaining('deadlines in 2027 use the weekly schedule alone') }),
    ]);
    const withIt = await upload(
      await editedSample((tables) => {
        rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[3] = '2工作小时响应';
        tables.find((x) => x.header.join() === HOLIDAY_TABLE.header.join())!.rows.push(...rows2027().map((r) => [r.date, r.kind === 'off' ? '休' : '班', r.name]));
      }),
      'with-2027.xlsx',
    );
    expect(withIt.status).toBe(201);
    expect(withIt.body.summary.warnings).toEqual([]);

    const admin = await signIn(app, 'admin');
    const page = await admin.agent.get(`/policies/${without.body.version.version}`);
    expect(page.text).toContain('<h2>警告 (1)</h2>');
    expect(page.text).toContain('NO_HOLIDAY_DATA_FOR_YEAR');
    expect((await admin.agent.get(`/policies/${withIt.body.version.version}`)).text).toContain('<h2>警告 (0)</h2>');
  });

  it('shows a year as month grids and holidays to everyone who reads policies; the forms only to admins', async () => {
    const app = appAt(shanghai('2026-11-15T10:00:00'));
    const sales = await signIn(app, 'sales.user');
    const page = await sales.agent.get('/policies/holidays?year=2026');
    expect(page.status).toBe(200);
    expect(page.text.match(/<table class="month">/g)).toHaveLength(12);
    expect(page.text).toMatch(/<td>春节<\/td>\s*<td><span class="chip">02-15 – 02-23<\/span><\/td>\s*<td class="num">9<\/td>\s*<td><span class="chip work">02-14 周六<\/span><span class="chip work">02-28 周六<\/span><\/td>/);
    // 16 February 2026, a Monday of the Spring Festival, marked off and named; 14 February a make-up Saturday.
    expect(page.text).toContain('<td class="off" title="春节"><span class="d">16</span><span class="m">休</span></td>');
    expect(page.text).toContain('<td class="work" title="春节调休上班"><span class="d">14</span><span class="m">班</span></td>');
    expect(page.text).not.toContain('action="/policies/holidays/notice"');
    expect(page.text).not.toMatch(/<script/);

    const en = await sales.agent.get('/policies/holidays?year=2026&lang=en');
    expect(en.text).toContain('<td class="off" title="Spring Festival"><span class="d">16</span><span class="m">off</span></td>');

    // Without a year: the first one missing, said plainly.
    const admin = await signIn(app, 'admin');
    const missing = await admin.agent.get('/policies/holidays');
    expect(missing.text).toContain('<h2>2027 年 · <a href="/policies/1">v1</a>');
    expect(missing.text).toContain('2027 年没有节假日数据:该年的响应截止时间只按每周工作时间计算');
    expect(missing.text).toContain('action="/policies/holidays/notice"');
    expect(missing.text).toContain('action="/policies/holidays/check"');
    expect((await admin.agent.get('/policies/holidays?year=1999')).status).toBe(400);
  });

  it('reads a pasted notice for confirmation: the 2026 notice changes nothing in v1 and cannot be saved; a wrong weekday blocks', async () => {
    const app = appAt(shanghai('2026-11-15T10:00:00'));
    const admin = await signIn(app, 'admin');
    const csrf = csrfOf((await admin.agent.get('/policies/holidays')).text);
    const same = await admin.agent.post('/policies/holidays/notice').type('form').send({ _csrf: csrf, notice: officialNotice(2026), base: '1' });
    expect(same.status).toBe(200);
    expect(same.text).toContain('通知年份 2026,读到 39 天');
    expect(same.text).toContain('将保存的 39 个日期 · 与 v1 比较');
    expect(same.text.match(/<td>已有,不变<\/td>/g)).toHaveLength(39);
    expect(same.text).toContain('这些日期在所选版本中已全部如此,没有可保存的变化。');
    expect(same.text).not.toContain('>保存为新草稿</button>');

    const wrong = await admin.agent.post('/policies/holidays/notice').type('form').send({ _csrf: csrf, notice: INVENTED_2027_NOTICE.replace('5月8日（周六）', '5月8日（周日）'), base: '1' });
    expect(wrong.status).toBe(200);
    expect(wrong.text).toContain('1 处错误,必须先改正');
    expect(wrong.text).toContain('2027-05-08 是周六,通知却写“周日”');
    expect(wrong.text).not.toContain('>保存为新草稿</button>');
    expect(await storedCounts(current().db)).toMatchObject({ versions: 3 });
  });

  it('saves a pasted notice as a draft whose diff shows the days; its workbook downloads; activating it ends the warning', async () => {
    const app = appAt(shanghai('2026-11-15T10:00:00'));
    const admin = await signIn(app, 'admin');
    const csrf = csrfOf((await admin.agent.get('/policies/holidays')).text);
    const read = await admin.agent.post('/policies/holidays/notice').type('form').send({ _csrf: csrf, notice: INVENTED_2027_NOTICE, base: '1' });
    expect(read.text).toContain('没有发现问题。');
    expect(read.text.match(/<td>新增<\/td>/g)).toHaveLength(34);
    const rows = carriedRows(read.text);
    expect(rows[0]).toBe('["2027-01-01","off","元旦"]');

    const saved = await admin.agent.post('/policies/holidays').type('form').send({ _csrf: csrf, base: '1', source: 'notice', row: rows });
    expect(saved.status).toBe(303);
    const version = Number(/\/policies\/(\d+)$/.exec(saved.headers.location as string)![1]);
    const draft = await admin.agent.get(`/policies/${version}`);
    expect(draft.text).toMatch(/<h1>版本 v\d+ <span class="status draft">草稿<\/span><\/h1>/);
    expect(draft.text).toContain('<tr class="added"><td>新增</td><td>2027-01-01</td>');
    expect(draft.text).toContain('<h2>警告 (0)</h2>');
    const download = await admin.agent.get(`/policies/${version}/workbook`).buffer(true).parse(rawBody);
    expect(download.headers['content-disposition']).toContain(`policy-v1-holidays-2027.xlsx`);
    expect(Buffer.compare(download.body as Buffer, await t.policies.getWorkbook(version))).toBe(0);

    expect(bannerOf((await admin.agent.get('/contracts')).text)).toContain(MISSING_2027_ZH);
    const activated = await admin.agent.post(`/policies/${version}/activate`).type('form').send({ _csrf: csrf, effectiveFrom: '' });
    expect(activated.status).toBe(303);
    expect(bannerOf((await admin.agent.get('/contracts')).text)).toBeNull();
    expect((await request(app).get('/readyz')).body.warnings).toEqual([]);
    // The same days again on the new version change nothing: refused beside them, which stay shown.
    const twice = await admin.agent.post('/policies/holidays').type('form').send({ _csrf: csrf, base: String(version), source: 'notice', row: rows });
    expect(twice.status).toBe(422);
    expect(twice.text).toContain(`这些日期在 v${version} 中已全部如此,没有可保存的变化。`);
    expect(twice.text.match(/<td>已有,不变<\/td>/g)).toHaveLength(34);
    const [audit] = await t.audit.list({ limit: 1, action: 'policy.holidays' });
    expect(audit).toMatchObject({ actor: 'admin', target: `policy:${version}`, details: { base: 1, source: 'notice', added: 34, changed: 0 } });
  });

  it('checks rows typed one by one in the sheet’s spellings, and refuses a bad row beside the form as the API does', async () => {
    const app = appAt(shanghai('2026-11-15T10:00:00'));
    const admin = await signIn(app, 'admin');
    const csrf = csrfOf((await admin.agent.get('/policies/holidays')).text);
    const check = await admin.agent
      .post('/policies/holidays/check')
      .type('form')
      .send({ _csrf: csrf, base: '1', date: ['2028/1/1', '2028年1月2日', ''], kind: ['休', '放假', '休'], name: ['元旦', '元旦', ''] });
    expect(check.status).toBe(200);
    expect(carriedRows(check.text)).toEqual(['["2028-01-01","off","元旦"]', '["2028-01-02","off","元旦"]']);
    expect(check.text).toContain('2028 年的放假日不足 3 个节日');
    expect(check.text).toContain('>保存为新草稿</button>');

    const before = await storedCounts(current().db);
    const page = await admin.agent.post('/policies/holidays').type('form').send({ _csrf: csrf, base: '1', row: ['["2028-13-01","off","元旦"]'] });
    const api = await request(app).post('/api/policies/holidays').set('Authorization', `Bearer ${t.tokens.admin}`).send({ base: 1, rows: [{ date: '2028-13-01', kind: 'off', name: '元旦' }] });
    expect([page.status, api.status]).toEqual([422, 422]);
    expect(api.body.error).toMatchObject({ code: 'HOLIDAY_ROWS_INVALID', details: [expect.objectContaining({ code: 'BAD_DATE', row: 1 })] });
    expect(page.text).toContain('第 1 行的日期“2028-13-01”不是 2000–2099 年间的日期。');
    const typo = await admin.agent.post('/policies/holidays').type('form').send({ _csrf: csrf, base: '1', date: 'tomorrow', kind: '休', name: '元旦' });
    const apiTypo = await request(app).post('/api/policies/holidays').set('Authorization', `Bearer ${t.tokens.admin}`).send({ rows: [{ date: 'tomorrow', kind: 'off', name: '元旦' }] });
    expect([typo.status, apiTypo.status]).toEqual([400, 400]);
    expect(apiTypo.body.error.details).toEqual([{ field: 'rows.0.date', message: 'the date is YYYY-MM-DD', messageZh: '日期应为 YYYY-MM-DD' }]);
    // The page says it in Chinese only, without the API's field path.
    expect(typo.text).toContain('日期应为 YYYY-MM-DD');
    expect(typo.text).not.toContain('rows.0.date');
    expect(typo.text).not.toContain('the date is');
    expect(await storedCounts(current().db)).toEqual(before);
  });

  it('the API reads a notice, saves rows as a draft with the diff, and refuses one that changes nothing', async () => {
    const app = appAt(shanghai('2026-11-15T10:00:00'));
    const auth = { Authorization: `Bearer ${t.tokens.admin}` };
    const year = await request(app).get('/api/policies/holidays?year=2026').set('Authorization', `Bearer ${t.tokens.support}`);
    expect(year.status).toBe(200);
    expect(year.body).toMatchObject({ year: 2026, covered: true, readiness: { today: '2026-11-15' } });
    expect(year.body.days).toHaveLength(39);

    const read = await request(app).post('/api/policies/holidays/notice').set(auth).send({ text: '一、元旦：1月1日（周六）至3日（周一）放假调休，共3天。', year: 2028 });
    expect(read.status).toBe(200);
    expect(read.body.reading.days.map((d: { date: string }) => d.date)).toEqual(['2028-01-01', '2028-01-02', '2028-01-03']);
    expect(read.body.reading.problems.map((p: { code: string }) => p.code)).toEqual(['FEW_HOLIDAYS']);
    expect(read.body).toMatchObject({ base: 1, plan: { added: 3, changed: 0 } });

    const rows = [
      { date: '2028-01-01', kind: 'off', name: '元旦' },
      { date: '2028-01-02', kind: 'off', name: '元旦' },
    ];
    const created = await request(app).post('/api/policies/holidays').set(auth).send({ rows, base: 1 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: 'created', base: 1, version: { status: 'draft' }, against: expect.any(Number) });
    const version = created.body.version.version as number;
    const again = await request(app).post('/api/policies/holidays').set(auth).send({ rows, base: version });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('NO_HOLIDAY_CHANGES');
    const diff = await request(app).get(`/api/policies/${version}/diff?against=1`).set(auth);
    expect(diff.body.diff.calendars.holidays).toEqual(rows.map((r) => ({ kind: 'added', date: r.date, from: null, to: { kind: 'off', name: '元旦' } })));
  });

  it('escapes what is pasted', async () => {
    const app = appAt(shanghai('2026-11-15T10:00:00'));
    const admin = await signIn(app, 'admin');
    const csrf = csrfOf((await admin.agent.get('/policies/holidays')).text);
    const res = await admin.agent.post('/policies/holidays/notice').type('form').send({ _csrf: csrf, notice: '<script>alert(1)</script>\n一、元旦：1月1日放假<b>。', year: '2028' });
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('<script>alert(1)</script>');
    expect(res.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.text).not.toContain('<b>');
  });
});
