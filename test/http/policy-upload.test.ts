// Uploading, reviewing, activating and downloading policy workbooks over HTTP, as the API and as pages.
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { stableStringify } from '../../src/policy/stable-json.ts';
import { XLSX_TYPE } from '../../src/http/request-helpers.ts';
import { csvFile, emptyFile, fakeEncryptedXlsx, fakeXls, lyingZipBomb, nonWorkbookZip, randomBytes, xlsmFrom, zipBomb } from '../support/bad-files.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { SAMPLE_RULES_PATH, sampleWorkbook } from '../support/fixtures.ts';
import { createTestApp, editedSample, errorCode, rawBody, rowOf, signIn, storedCounts, tableOf, type TestApp } from '../support/http-app.ts';
import { holidayWarningCodes } from '../support/holiday-years.ts';

const MB = 1024 * 1024;
const CLOUD_SHEET = '金蝶云星空（公有云）';
const ON_PREM_SHEET = '金蝶云星空（On Premise）';

/** The sample with cloud premium issue_feedback 0.5工作日响应 → 4工作小时响应 and cluster_ha removed. */
const editedWorkbook = () =>
  editedSample((tables) => {
    rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[3] = '4工作小时响应';
    const special = tableOf(tables, 'on_premise', 'special');
    special.rows = special.rows.filter((r) => r.at(-1) !== 'cluster_ha');
    // A service no longer sold is no longer priced either.
    const servicePrices = tables.find((x) => x.header.includes('计价单位'))!;
    servicePrices.rows = servicePrices.rows.filter((r) => !r[0]!.includes('集群'));
  });

const EXPECTED_DIFF = {
  entitlements: [
    { kind: 'changed', offering: 'cloud', tier: 'premium', service: 'issue_feedback', label: '7*24问题反馈', from: '0.5工作日响应', to: '4工作小时响应', fields: ['responseWindow'] },
  ],
  specialServices: [{ kind: 'removed', service: 'cluster_ha', label: '集群和高可用部署', fromOfferings: ['on_premise'], toOfferings: [], fields: ['offerings'] }],
  prices: {
    tiers: [],
    specialServices: [{ kind: 'removed', service: 'cluster_ha', offering: 'on_premise', from: { unit: 'person_day', unitFen: 400_000, travelPerTripFen: null }, to: null }],
    settings: [],
  },
};

/** Two unreadable cells: cloud B5 (issue_feedback, basic) and on-premise D6 (emergency_fault, premium). */
const brokenWorkbook = () =>
  editedSample((tables) => {
    rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[1] = '两天内';
    rowOf(tableOf(tables, 'on_premise', 'tier'), 'emergency_fault')[3] = '很快';
  });

const RESPONSE_WINDOW = { expected: expect.stringContaining('响应时限'), expectedEn: expect.stringContaining('response window') };
const BROKEN_CELLS = [
  { severity: 'error', code: 'BAD_CELL', sheet: CLOUD_SHEET, cell: 'B5', found: '两天内', ...RESPONSE_WINDOW },
  { severity: 'error', code: 'BAD_CELL', sheet: ON_PREM_SHEET, cell: 'D6', found: '很快', ...RESPONSE_WINDOW },
];

/** YYYY-MM-DD a number of days from now. */
const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`).toISOString();

/**
 * A service request decided now under version 1: from then on a past effective date is no longer moving in, and is
 * refused (test/policy/moving-in.test.ts has moving in itself).
 */
async function decideUnderVersion1(t: TestApp): Promise<void> {
  const customer = await t.deps.contracts.createCustomer({ name: `已判定客户 ${Date.now()}` }, { name: 'test', address: null });
  const contract = await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'basic', startsOn: '2020-01-01', endsOn: '2099-12-31' });
  await t.deps.requests.open({ contractId: contract.id, service: 'issue_feedback', summary: '已受理的请求' }, 'support.user');
}

/** The cells of the error rows of a rendered issue table. */
function errorRows(html: string): string[][] {
  return [...html.matchAll(/<tr class="error">([\s\S]*?)<\/tr>/g)].map((row) => [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => cell[1]!.trim()));
}

describeEachDatabase('policy upload over the API', (current) => {
  let t: TestApp;
  const admin = () => ({ Authorization: `Bearer ${t.tokens.admin}` });
  const upload = (bytes: Buffer, filename = 'policy.xlsx') => request(t.app).post('/api/policies').set(admin()).attach('workbook', bytes, filename);
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });

  it('stores an edited sample as draft version 2 and names exactly the changed cells', async () => {
    const bytes = await editedWorkbook();
    const v1 = (await t.policies.getVersion(1)).summary;
    const res = await upload(bytes, 'edited.xlsx');
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('created');
    expect(res.body.version).toMatchObject({ version: 2, status: 'draft', filename: 'edited.xlsx', workbookSha256: createHash('sha256').update(bytes).digest('hex') });
    expect(res.body.summary).toMatchObject({ tierServices: v1.tierServices, specialServices: v1.specialServices - 1, rules: v1.rules - 1 });
    // No warning from the workbook itself; the holiday-data warning for a year it and the shipped data lack, when one is due.
    expect(res.body.summary.warnings.map((w: { code: string; found: string }) => ({ code: w.code, found: w.found }))).toEqual(holidayWarningCodes());
    expect(res.body.against).toBe(1);
    expect(res.body.diff).toEqual(EXPECTED_DIFF);

    for (const query of ['against=active', 'against=1', '']) {
      const diff = await request(t.app).get(`/api/policies/2/diff?${query}`).set('Authorization', `Bearer ${t.tokens.sales}`);
      expect(diff.status, query).toBe(200);
      expect(diff.body, query).toEqual({ against: 1, diff: EXPECTED_DIFF, impact: expect.objectContaining({ contracts: 0, total: 0, first: [] }) });
    }
    const back = await request(t.app).get('/api/policies/1/diff?against=2').set(admin());
    expect(back.body.diff.entitlements).toEqual([expect.objectContaining({ kind: 'changed', service: 'issue_feedback', from: '4工作小时响应', to: '0.5工作日响应' })]);
    expect(back.body.diff.specialServices).toEqual([expect.objectContaining({ kind: 'added', service: 'cluster_ha', toOfferings: ['on_premise'] })]);
  });

  it('answers the same bytes again with 200 and the existing version, storing nothing new', async () => {
    const before = await storedCounts(current().db);
    const res = await upload(await editedWorkbook(), 'again.xlsx');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('existing');
    expect(res.body.version).toMatchObject({ version: 2, filename: 'edited.xlsx' });
    expect(await storedCounts(current().db)).toEqual(before);
  });

  it('refuses a workbook with cell errors with 422 and every cell: sheet, cell, found, expected', async () => {
    const before = await storedCounts(current().db);
    const res = await upload(await brokenWorkbook());
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('WORKBOOK_REJECTED');
    expect(res.body.error.message).toContain('2');
    expect(res.body.error.details.issues.filter((i: { severity: string }) => i.severity === 'error')).toEqual(BROKEN_CELLS.map((c) => expect.objectContaining(c)));
    expect(await storedCounts(current().db)).toEqual(before);
  });

  it.each([
    ['an empty file', () => emptyFile(), 'EMPTY_FILE'],
    ['a CSV renamed to .xlsx', () => csvFile(), 'NOT_XLSX'],
    ['random bytes', () => randomBytes(8192), 'NOT_XLSX'],
    ['a legacy .xls', () => fakeXls(), 'LEGACY_XLS'],
    ['a password-protected workbook', () => fakeEncryptedXlsx(), 'PASSWORD_PROTECTED'],
    ['an .xlsm with macros', () => xlsmFrom(sampleWorkbook()), 'MACRO_WORKBOOK'],
    ['a zip bomb', () => zipBomb(31 * MB), 'ZIP_BOMB'],
    ['a zip bomb lying about its sizes', () => lyingZipBomb(sampleWorkbook(), 2 * MB, 1024), 'ZIP_BOMB'],
    ['a zip that holds no workbook', () => nonWorkbookZip(), 'NOT_A_WORKBOOK'],
  ] as const)('refuses %s named .xlsx with 422 and the guard’s code, storing nothing', async (_name, build, code) => {
    const before = await storedCounts(current().db);
    const res = await upload(build(), 'policy.xlsx');
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('WORKBOOK_REJECTED');
    expect(res.body.error.details.issues.map((i: { code: string }) => i.code)).toEqual([code]);
    expect(res.body.error.details.issues[0]).toMatchObject({ severity: 'error', found: expect.stringMatching(/\S/), expected: expect.stringMatching(/\S/) });
    expect(await storedCounts(current().db)).toEqual(before);
  });

  it('refuses two files, an unexpected field, too many fields or no file with 422, storing nothing', async () => {
    const before = await storedCounts(current().db);
    const sample = sampleWorkbook();
    const post = () => request(t.app).post('/api/policies').set(admin());
    const cases = [
      ['two files', post().attach('workbook', sample, 'a.xlsx').attach('workbook', sample, 'b.xlsx'), 'BAD_UPLOAD', 'LIMIT_FILE_COUNT'],
      ['field "file"', post().attach('file', sample, 'a.xlsx'), 'BAD_UPLOAD', 'LIMIT_UNEXPECTED_FILE'],
      ['11 fields', Array.from({ length: 11 }, (_, i) => i).reduce((req, i) => req.field(`f${i}`, 'x'), post()).attach('workbook', sample, 'a.xlsx'), 'BAD_UPLOAD', 'LIMIT_FIELD_COUNT'],
      ['no file', post().field('note', 'x'), 'FILE_MISSING', undefined],
    ] as const;
    for (const [name, req, code, reason] of cases) {
      const res = await req;
      expect(res.status, name).toBe(422);
      expect(res.body.error.code, name).toBe(code);
      if (reason) expect(res.body.error.details.reason, name).toBe(reason);
    }
    expect(await storedCounts(current().db)).toEqual(before);
  });

  it('activates from a future date (scheduled), refuses a past one (422) and a malformed one (400)', async () => {
    await decideUnderVersion1(t);
    const before = await storedCounts(current().db);
    const activate = (effectiveFrom: unknown) => request(t.app).post('/api/policies/2/activate').set(admin()).send({ effectiveFrom });
    const past = await activate('2020-01-01');
    expect(past.status).toBe(422);
    expect(past.body.error).toMatchObject({ code: 'EFFECTIVE_DATE_IN_PAST', details: { blockedBy: { kind: 'service_request', version: 1 } } });
    expect(past.body.error.message).toContain('service request #');
    for (const bad of ['next tuesday', '2026-02-30', '2026-1-5', 20260105]) {
      const res = await activate(bad);
      expect(res.status, String(bad)).toBe(400);
      expect(res.body.error.code, String(bad)).toBe('VALIDATION_FAILED');
    }
    expect(await storedCounts(current().db)).toEqual(before);

    const day = daysFromNow(60);
    const res = await activate(day);
    expect(res.status).toBe(200);
    expect(res.body.activation.effectiveFrom).toBe(shanghaiMidnight(day));
    expect(res.body.version).toMatchObject({ version: 2, status: 'scheduled', effectiveFrom: shanghaiMidnight(day) });
    expect((await t.policies.getVersion(1)).status).toBe('active');
  });
});

describeEachDatabase('policy upload from the pages', (current) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    admin = await signIn(t.app, 'admin');
  });

  it('uploads from the page and redirects to the new version, which shows the diff', async () => {
    const res = await admin.agent.post(`/policies?_csrf=${admin.csrf}`).attach('workbook', await editedWorkbook(), 'edited.xlsx');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/policies/2');
    const page = await admin.agent.get('/policies/2');
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<td class="found">0\.5工作日响应<\/td><td class="found">4工作小时响应<\/td>/);
    expect(page.text).toContain('集群和高可用部署 <span class="code">cluster_ha</span>');
  });

  it('shows holiday and calendar changes in the diff, since deadlines move with them', async () => {
    const bytes = await editedSample((tables) => {
      const holidays = tables.find((x) => x.header[0] === '日期')!;
      holidays.rows.push(['2026-12-31', '休', '公司年终盘点']);
      const assignments = tables.find((x) => x.header.includes('日历') && x.header[0] === '部署')!;
      assignments.rows = assignments.rows.filter((r) => r[0] !== '私有云');
      const settings = tables.find((x) => x.header[0] === '项目' && x.header[1] === '值')!;
      settings.rows = settings.rows.map((r) => (r[0] === '销售自主折扣上限' ? [r[0], '12%'] : r));
    });
    const res = await admin.agent.post(`/policies?_csrf=${admin.csrf}`).attach('workbook', bytes, 'holidays.xlsx');
    expect(res.status).toBe(303);
    const page = await admin.agent.get(res.headers.location!);
    expect(page.text).toContain('工作日历与节假日的变化');
    expect(page.text).toMatch(/<td>新增<\/td><td>2026-12-31<\/td>\s*<td><\/td><td>休 公司年终盘点<\/td>/);
    expect(page.text).toMatch(/<td>移除<\/td>\s*<td>私有云\(On Premise\)<\/td>/);
    expect(page.text).toContain('价格表的变化');
    expect(page.text).toMatch(/<td>变更<\/td><td>销售自主折扣上限<\/td><td>10%<\/td><td>12%<\/td>/);
  });

  it('shows a 422 page with every cell error in a table, storing nothing', async () => {
    const before = await storedCounts(current().db);
    const bytes = await brokenWorkbook();
    const res = await admin.agent.post(`/policies?_csrf=${admin.csrf}`).attach('workbook', bytes, 'broken.xlsx');
    expect(res.status).toBe(422);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('broken.xlsx');
    const rows = errorRows(res.text);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      [CLOUD_SHEET, 'B5', '两天内'],
      [ON_PREM_SHEET, 'D6', '很快'],
    ]);
    for (const row of rows) expect(row[3]).toMatch(/^响应时限/);
    expect(await storedCounts(current().db)).toEqual(before);
  });

  it('activates from the page: a future date schedules, a past one is refused (422), a bad one 400', async () => {
    await decideUnderVersion1(t);
    const activations = (await storedCounts(current().db)).activations;
    const post = (effectiveFrom: string) => admin.agent.post('/policies/2/activate').type('form').send({ _csrf: admin.csrf, effectiveFrom });
    const past = await post('2020-01-01');
    expect(past.status).toBe(422);
    expect(past.text).toContain('早于当前时间');
    expect(past.text).toContain('服务请求 #');
    const bad = await post('2026-13-45');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('生效日期:应为 2027-01-01 这样的日期,或带时区的时间');
    expect(bad.text).toContain('value="2026-13-45"');
    expect((await storedCounts(current().db)).activations).toBe(activations);

    const day = daysFromNow(30);
    const ok = await post(day);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/policies/2');
    expect(await t.policies.getVersion(2)).toMatchObject({ status: 'scheduled', effectiveFrom: shanghaiMidnight(day) });
    const list = await admin.agent.get('/policies');
    expect(list.text).toContain('<span class="status scheduled">待生效</span>');
  });

  it('serves the workbook and the rules as attachments, never inline, byte for byte', async () => {
    const support = { Authorization: `Bearer ${t.tokens.support}` };
    for (const res of [
      await request(t.app).get('/api/policies/1/workbook').set(support).buffer(true).parse(rawBody),
      await admin.agent.get('/policies/1/workbook').buffer(true).parse(rawBody),
    ]) {
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="?sample-policy\.xlsx"?$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(res.body as Buffer, sampleWorkbook())).toBe(0);
    }
    const rules = await admin.agent.get('/policies/1/rules.json').buffer(true).parse(rawBody);
    expect(rules.status).toBe(200);
    expect(rules.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(rules.headers['content-disposition']).toMatch(/^attachment; filename="?policy-v1\.rules\.json"?$/);
    expect(rules.headers['x-content-type-options']).toBe('nosniff');
    const text = (rules.body as Buffer).toString('utf8');
    expect(text).toBe(stableStringify(await t.policies.getRules(1)));
    expect(text).toBe(fs.readFileSync(SAMPLE_RULES_PATH, 'utf8'));
  });

  it('exports a version as a workbook in Chinese or English, from its page and the API; either imports back to the same policy', async () => {
    const page = await admin.agent.get('/policies/1');
    expect(page.text).toContain('<a href="/policies/1/export?lang=zh">导出为中文工作簿</a>');
    expect(page.text).toContain('<a href="/policies/1/export?lang=en" hreflang="en">导出为英文工作簿</a>');
    const support = { Authorization: `Bearer ${t.tokens.support}` };
    const exports = [
      ['zh', await admin.agent.get('/policies/1/export?lang=zh').buffer(true).parse(rawBody)],
      ['zh', await request(t.app).get('/api/policies/1/export').set(support).buffer(true).parse(rawBody)],
      ['en', await request(t.app).get('/api/policies/1/export?lang=en').set(support).buffer(true).parse(rawBody)],
    ] as const;
    for (const [lang, res] of exports) {
      expect(res.status, lang).toBe(200);
      expect(res.headers['content-type']).toBe(XLSX_TYPE);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?policy-v1-${lang}\\.xlsx"?$`));
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
    const [[, zh], , [, en]] = exports;
    expect(Buffer.compare(zh.body as Buffer, sampleWorkbook())).not.toBe(0);
    for (const [name, bytes] of [['policy-v1-zh.xlsx', zh.body], ['policy-v1-en.xlsx', en.body]] as const) {
      const back = await request(t.app).post('/api/policies').set('Authorization', `Bearer ${t.tokens.admin}`).attach('workbook', bytes as Buffer, name);
      expect(back.status, name).toBe(201);
      const diff = await request(t.app).get(`/api/policies/${back.body.version.version}/diff?against=1`).set(support);
      expect(diff.body.diff, name).toEqual({ entitlements: [], specialServices: [] });
    }
    const refused = await request(t.app).get('/api/policies/1/export?lang=fr').set(support);
    expect(refused.status).toBe(400);
    expect(errorCode(refused)).toBe('VALIDATION_FAILED');
    expect((await request(t.app).get('/api/policies/99/export').set(support)).status).toBe(404);
  });
});

describeEachDatabase('upload size limit', (current) => {
  it('refuses a file over the limit with 413 FILE_TOO_LARGE, from the API and the page, storing nothing', async () => {
    const sample = sampleWorkbook();
    const t = await createTestApp(current().db, { maxFileBytes: sample.length - 1 });
    const before = await storedCounts(current().db);
    const api = await request(t.app).post('/api/policies').set('Authorization', `Bearer ${t.tokens.admin}`).attach('workbook', sample, 'sample.xlsx');
    expect(api.status).toBe(413);
    expect(api.body.error.code).toBe('FILE_TOO_LARGE');
    const admin = await signIn(t.app, 'admin');
    const page = await admin.agent.post(`/policies?_csrf=${admin.csrf}`).attach('workbook', sample, 'sample.xlsx');
    expect(page.status).toBe(413);
    expect(errorCode(page)).toBe('FILE_TOO_LARGE');
    expect(await storedCounts(current().db)).toEqual(before);
    // A file exactly at the limit is accepted.
    const fits = await createTestApp(current().db, { maxFileBytes: sample.length });
    const ok = await request(fits.app).post('/api/policies').set('Authorization', `Bearer ${fits.tokens.admin}`).attach('workbook', sample, 'sample.xlsx');
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('existing');
  });
});
