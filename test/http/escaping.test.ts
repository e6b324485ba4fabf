// A workbook is hostile until proven otherwise: markup and template syntax in service names, descriptions,
// cell values and file names must render as text on every page, never as HTML or as a template.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, editedSample, rowOf, signIn, tableOf, type TestApp } from '../support/http-app.ts';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(1)>';
const TEMPLATE = '{{7*7}}';
/** Markup in an uploaded file name; the upload parser keeps only what follows the last slash. */
const FILENAME = `${IMG}.xlsx`;
const SLASHED_FILENAME = '<b>x</b>.xlsx';

/** Handlebars' escaping of the markup above, as it appears in a page. */
const SCRIPT_ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;';
const IMG_ESCAPED = '&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt;';
const FILENAME_ESCAPED = `${IMG_ESCAPED}.xlsx`;

/** New items with a code column: a tier row `xss_item` and a special service `xss_special`. */
const hostileWorkbook = () =>
  editedSample((tables) => {
    tableOf(tables, 'cloud', 'tier').rows.push([`${TEMPLATE} ${IMG}`, '', `1、${TEMPLATE}\n2、${IMG}`, `${SCRIPT} ${TEMPLATE}`, 'xss_item']);
    tableOf(tables, 'cloud', 'special').rows.push([SCRIPT, `${TEMPLATE} ${IMG}`, 'xss_special']);
  });

/** The same text in cells that cannot be read, so it comes back in the error table. */
const hostileBrokenWorkbook = () =>
  editedSample((tables) => {
    rowOf(tableOf(tables, 'on_premise', 'tier'), 'emergency_fault')[3] = `${SCRIPT}${TEMPLATE}`;
    rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[1] = `${IMG} ${TEMPLATE}`;
  });

/** No markup from the workbook, the file name or the request ever reaches a page unescaped. */
function expectInert(html: string, label: string): void {
  expect(html, label).not.toMatch(/<script/i);
  expect(html, label).not.toMatch(/<img/i);
  expect(html, label).not.toMatch(/<b>x/i);
  expect(html, label).not.toMatch(/onerror=/i);
}

describeEachDatabase('escaping of workbook text, file names and request values', (current) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    admin = await signIn(t.app, 'admin');
    const res = await admin.agent.post(`/policies?_csrf=${admin.csrf}`).attach('workbook', await hostileWorkbook(), FILENAME);
    if (res.status !== 303 || res.headers.location !== '/policies/2') throw new Error(`the hostile workbook was not stored: ${res.status} ${res.text}`);
  });

  it('stored the hostile text as data, unchanged', async () => {
    const rules = await t.policies.getRules(2);
    const params = rules.rules.map((r) => r.event.params as unknown as Record<string, unknown>);
    expect(params).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ service: 'xss_item', tier: 'premium', label: `${TEMPLATE}${IMG}`, text: `${SCRIPT}${TEMPLATE}` }),
        expect.objectContaining({ service: 'xss_special', listings: [expect.objectContaining({ label: SCRIPT, description: `${TEMPLATE}${IMG}` })] }),
      ]),
    );
  });

  it('renders the version page with every hostile value as text', async () => {
    const page = await admin.agent.get('/policies/2');
    expect(page.status).toBe(200);
    expectInert(page.text, 'version page');
    // The new special service, by name, and the new tier item, by label and cell text, in the diff.
    expect(page.text).toContain(`<td>${SCRIPT_ESCAPED} <span class="code">xss_special</span></td>`);
    expect(page.text).toContain(`<td>${TEMPLATE}${IMG_ESCAPED} <span class="code">xss_item</span></td>`);
    expect(page.text).toContain(`<td class="found">${SCRIPT_ESCAPED}${TEMPLATE}</td>`);
    expect(page.text).toContain(`<td class="found">1、${TEMPLATE}2、${IMG_ESCAPED}</td>`);
    expect(page.text).toContain(`<dd>${FILENAME_ESCAPED}</dd>`);
    // Template syntax in data is never evaluated.
    expect(page.text).not.toContain('>49');
    expect(page.text.split(TEMPLATE).length - 1).toBeGreaterThanOrEqual(4);
  });

  it('renders the versions list with the uploaded file name as text', async () => {
    const page = await admin.agent.get('/policies');
    expect(page.status).toBe(200);
    expectInert(page.text, 'versions list');
    expect(page.text).toContain(`<td>${FILENAME_ESCAPED}</td>`);
    // `<b>x</b>.xlsx` arrives as `b>.xlsx` (the parser drops the "directory"), still escaped.
    const upload = await admin.agent.post(`/policies?_csrf=${admin.csrf}`).attach('workbook', await editedSample(() => {}), SLASHED_FILENAME);
    expect(upload.status).toBe(303);
    const again = await admin.agent.get('/policies');
    expectInert(again.text, 'versions list, slashed name');
    expect(again.text).toContain('<td>b&gt;.xlsx</td>');
    // Every role sees the same list.
    const sales = await signIn(t.app, 'sales.user');
    expectInert((await sales.agent.get('/policies')).text, 'versions list (sales)');
  });

  it('renders the rejected-upload error table with the bad cells and the file name as text', async () => {
    const res = await admin.agent.post(`/policies?_csrf=${admin.csrf}`).attach('workbook', await hostileBrokenWorkbook(), FILENAME);
    expect(res.status).toBe(422);
    expectInert(res.text, 'error table');
    expect(res.text).toContain(`<td class="found">${SCRIPT_ESCAPED}${TEMPLATE}</td>`);
    expect(res.text).toContain(`<td class="found">${IMG_ESCAPED}${TEMPLATE}</td>`);
    expect(res.text).toContain(`<p class="error">${FILENAME_ESCAPED}: `);
    const english = await admin.agent.post(`/policies?_csrf=${admin.csrf}&lang=en`).attach('workbook', await hostileBrokenWorkbook(), FILENAME);
    expect(english.status).toBe(422);
    expectInert(english.text, 'error table (en)');
    expect(english.text).toContain(`<td class="found">${SCRIPT_ESCAPED}${TEMPLATE}</td>`);
  });

  it('renders a hostile username on the sign-in page as text, and keeps it out of the audit log', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
    const username = `"><script>alert(1)</script>`;
    const failed = await agent.post('/sign-in').type('form').send({ _csrf: csrf, username, password: 'wrong password' });
    expect(failed.status).toBe(401);
    expectInert(failed.text, 'sign-in page');
    expect(failed.text).toContain(`value="&quot;&gt;${SCRIPT_ESCAPED}"`);

    const audit = await admin.agent.get('/audit');
    expect(audit.status).toBe(200);
    expectInert(audit.text, 'audit page');
    // A name that is no user's is not stored at all (it may be a password typed in the wrong field).
    expect(audit.text).not.toContain(SCRIPT_ESCAPED);
    expect(audit.text).toMatch(/<td data-label="[^"]+">\(未知用户\) #[0-9a-f]{8}<\/td>/);
    // The rejected uploads above are audited under their file name.
    expect(audit.text).toContain(`">${FILENAME_ESCAPED}</td>`);
  });

  it('keeps a hostile next= inside its form field', async () => {
    const page = await request(t.app).get(`/sign-in?next=${encodeURIComponent(`/"><script>alert(1)</script>`)}`);
    expect(page.status).toBe(200);
    expectInert(page.text, 'sign-in next');
    expect(page.text).toContain(`name="next" value="/&quot;&gt;${SCRIPT_ESCAPED}"`);
  });
});
