// The desk's pages: intake offers only the contract's offering's services, by name; its preview refuses what
// confirming refuses, with the same words beside the same field; the request page's forms (assign to me,
// priority with a reason, note, reply, status, resolve, close, reopen) work without JavaScript and show a refusal
// beside its field; the queue counts, filters, searches, pages and exports the view with names, not codes.
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { SERVICE_NAMES } from '../../src/catalog/catalog-names.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, rawBody, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

type Session = Awaited<ReturnType<typeof signIn>>;

/** The page's text as people read it: tags, attributes and the small secondary codes (`<span class="code">`) left out. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/g, ' ')
    .replace(/<span class="code">[\s\S]*?<\/span>/g, ' ')
    .replace(/<[^>]+>/g, ' ');
}
const codesShown = (html: string) => Object.keys(SERVICE_NAMES).filter((code) => new RegExp(`\\b${code}\\b`).test(visibleText(html)));

describeEachDatabase('the service request pages', (current) => {
  let t: TestApp;
  let desk: Session;
  let cloudId: number;
  let customerId: number;
  const futureLocal = () => new Date(Date.now() + 8 * 3_600_000 + 2 * 86_400_000).toISOString().slice(0, 16);
  beforeAll(async () => {
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2026-01-01T00:00:00+08:00') });
    desk = await signIn(t.app, usernameOf('support'));
    const customer = await t.deps.contracts.createCustomer({ name: '杭州云表', contacts: [{ name: '赵敏', email: 'zhao@hz-cloud.example', role: 'contact' }] }, { name: 'test', address: null });
    customerId = customer.id;
    cloudId = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2030-12-31' })).id;
  });
  const post = (path: string, fields: Record<string, string>) => desk.agent.post(path).type('form').send({ _csrf: desk.csrf, ...fields });

  it('offers the offering’s services by name, and refuses at preview what confirming refuses, beside the field', async () => {
    const form = await desk.agent.get(`/requests/new?contractId=${cloudId}`);
    expect(form.status).toBe(200);
    // A cloud contract: no on-premise-only special service is offered; names, not codes.
    expect(form.text).toContain('<option value="emergency_fault" >紧急故障处理</option>');
    expect(form.text).not.toContain('value="performance_tuning"');
    expect(codesShown(form.text)).toEqual([]);
    const formId = /name="formId" value="([^"]+)"/.exec(form.text)![1]!;

    const fields = { formId, contractId: String(cloudId), service: 'emergency_fault', openedAt: futureLocal(), summary: '全员无法登录' };
    const preview = await post('/requests/preview', fields);
    const confirm = await post('/requests', fields);
    expect([preview.status, confirm.status]).toEqual([422, 422]);
    for (const page of [preview.text, confirm.text]) {
      expect(page).toContain('role="alert"');
      expect(page).toContain('<p class="field-error" id="f-openedAt-error">受理时间不能晚于现在</p>');
      expect(page).toContain('aria-invalid="true" aria-describedby="f-openedAt-error"');
      expect(page).not.toContain('openedAt cannot');
    }
    // The preview shows no decision for what would be refused.
    expect(preview.text).not.toContain('id="decision"');

    const blank = await post('/requests/preview', { ...fields, openedAt: '', summary: ' ' });
    expect(blank.status).toBe(400);
    expect(blank.text).toContain('id="f-summary-error"');

    const good = await post('/requests/preview', { ...fields, openedAt: '' , summary: '全员无法登录' });
    expect(good.status).toBe(200);
    expect(good.text).toContain('id="decision"');
    expect(good.text).toContain('紧急故障处理 <span class="code">emergency_fault</span>');
    expect(codesShown(good.text)).toEqual([]);
  });

  it('works a request through its forms, the queue counting along', async () => {
    const opened = await post('/requests', { formId: 'pages-1', contractId: String(cloudId), service: 'emergency_fault', openedAt: '', summary: '财务模块 50%_报错' });
    expect(opened.status).toBe(303);
    const path = opened.headers.location!;
    const id = Number(path.split('/').pop());
    const counts = async () => {
      const html = (await desk.agent.get('/requests')).text;
      return Object.fromEntries([...html.matchAll(/data-tab="(\w+)">[^<]*<span class="badge">(\d+)<\/span>/g)].map((m) => [m[1], Number(m[2])]));
    };
    expect(await counts()).toMatchObject({ active: 1, new: 1, in_progress: 0, resolved: 0, closed: 0 });

    const page = await desk.agent.get(path);
    expect(page.text).toContain('P1 紧急');
    expect(page.text).toContain('id="assign-me"');
    expect(codesShown(page.text)).toEqual([]);
    expect((await post(`${path}/assign`, { assignee: usernameOf('support') })).status).toBe(303);
    expect((await desk.agent.get(path)).text).toContain(`<dd id="assignee">${usernameOf('support')}</dd>`);

    const noReason = await post(`${path}/priority`, { priority: 'P2', reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('id="f-reason-error"');
    expect(noReason.text).toContain('aria-describedby="f-reason-error"');
    expect((await post(`${path}/priority`, { priority: 'P2', reason: '有临时办法' })).status).toBe(303);

    expect((await post(`${path}/comments`, { formId: 'c-1', kind: 'note', body: '内部:已复现' })).status).toBe(303);
    expect((await post(`${path}/comments`, { formId: 'c-2', kind: 'reply', body: '您好,已定位原因。' })).status).toBe(303);
    expect((await post(`${path}/comments`, { formId: 'c-2', kind: 'reply', body: '您好,已定位原因。' })).status).toBe(303);
    expect(await current().db('outbox').where({ job: 'request-reply' }).count({ n: '*' }).first()).toMatchObject({ n: 1 });
    expect(await counts()).toMatchObject({ active: 1, new: 0, in_progress: 1 });

    expect((await post(`${path}/state`, { state: 'waiting_customer' })).status).toBe(303);
    expect((await post(`${path}/state`, { state: 'in_progress' })).status).toBe(303);
    const noResolution = await post(`${path}/resolve`, { resolution: '' });
    expect(noResolution.text).toContain('<p class="field-error" id="f-resolution-error">');
    expect((await post(`${path}/resolve`, { resolution: '已修复配置' })).status).toBe(303);
    expect(await counts()).toMatchObject({ active: 0, resolved: 1 });
    const closed = await post(`${path}/close`, {});
    expect(closed.status).toBe(303);
    expect(await counts()).toMatchObject({ closed: 1 });
    const closeAgain = await post(`${path}/close`, {});
    expect(closeAgain.status).toBe(409);
    expect(closeAgain.text).toContain('当前为「已关闭」');
    expect(closeAgain.text).not.toContain('INVALID_TRANSITION');

    const final = (await desk.agent.get(path)).text;
    for (const words of ['内部:已复现', '您好,已定位原因。', '已修复配置', '待客户反馈', '调整优先级', '有临时办法']) expect(final).toContain(words);
    expect(final).toContain('id="reopen-form"');

    // In English, English only: the page's words, the labels and the refusal.
    const english = (await desk.agent.get(`${path}?lang=en`)).text;
    for (const words of ['Service request #', 'Closed', 'P2 High', 'History', 'Reopen', 'Emergency faults']) expect(english).toContain(words);
    for (const words of ['处理记录', '重新打开', '已关闭', '紧急故障处理']) expect(english).not.toContain(words);
    const refusedInEnglish = await post(`${path}/close`, {});
    expect(refusedInEnglish.text).toContain('is closed and cannot become closed');
    expect(refusedInEnglish.text).not.toContain('当前为');
    await desk.agent.get('/requests?lang=zh');

    // The queue's search is over summary and customer, % and _ as typed.
    const search = async (q: string) => (await desk.agent.get(`/requests?state=all&q=${encodeURIComponent(q)}`)).text.includes(`href="/requests/${id}"`);
    expect([await search('50%_'), await search('杭州云表'), await search('%x')]).toEqual([true, true, false]);
    expect((await desk.agent.get('/requests?state=all&priority=P2&assignee=me')).text).toContain(`href="/requests/${id}"`);
    expect((await desk.agent.get('/requests?state=all&priority=P1')).text).not.toContain(`href="/requests/${id}"`);
    const byCustomer = (await desk.agent.get(`/requests?state=all&customer=${customerId}`)).text;
    expect(byCustomer).toContain(`<option value="${customerId}" selected>杭州云表</option>`);
    expect(byCustomer).toContain(`href="/requests/${id}"`);
    expect((await desk.agent.get(`/requests?state=all&customer=${customerId + 1000}`)).text).not.toContain(`href="/requests/${id}"`);
    // Nonsense in the query string is the default view, not an error.
    expect((await desk.agent.get('/requests?state=sleeping&page=-4&sort=x&priority=P9')).status).toBe(200);

    const exported = await desk.agent.get('/requests?state=all&sort=priority&format=xlsx').buffer(true).parse(rawBody);
    expect(exported.status).toBe(200);
    expect(exported.headers['content-disposition']).toMatch(/attachment/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    const row = rows.find((r) => r[1] === id)!;
    expect(row.slice(2, 8)).toEqual(['杭州云表', '紧急故障处理', '财务模块 50%_报错', 'P2 高', '已关闭', usernameOf('support')]);
  });
});
