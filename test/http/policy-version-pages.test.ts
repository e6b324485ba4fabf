// A version's pages over HTTP (issue 16): the catalog as customers see it with each cell's source cell, the diff
// against the active or the scheduled version, activation through a confirmation step that names the date and the
// contracts affected and confirms afterwards, withdrawing a scheduled activation (page and API, audited, refused once
// in effect), and the contracts a change touches, paged and exported to xlsx.
import ExcelJS from 'exceljs';
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, editedSample, rowOf, signIn, tableOf, type TestApp } from '../support/http-app.ts';

/** The sample with cloud 基础服务's 7*24问题反馈 answered within 4 working hours. */
const edited = (cell: string) => editedSample((tables) => {
  rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[1] = cell;
});

const daysFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describeEachDatabase('a policy version’s pages', (current) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  const api = () => ({ Authorization: `Bearer ${t.tokens.admin}` });

  beforeAll(async () => {
    t = await createTestApp(current().db);
    admin = await signIn(t.app, 'admin');
    // Three contracts in force: two cloud 基础服务 (changed by the drafts), one on-premise.
    const customer = await t.deps.contracts.createCustomer({ name: '影响测试客户' }, { name: 'test', address: null });
    for (const [offering, tier] of [['cloud', 'basic'], ['cloud', 'basic'], ['on_premise', 'premium']] as const) {
      await t.deps.contracts.createContract({ customerId: customer.id, offering, tier, startsOn: '2026-01-01', endsOn: '2099-12-31' });
    }
    for (const cell of ['4工作小时响应', '8工作小时响应']) {
      const res = await request(t.app).post('/api/policies').set(api()).attach('workbook', await edited(cell), `edited-${cell}.xlsx`);
      expect(res.status).toBe(201);
    }
  });

  it('shows the catalog as customers see it, each cell with its source cell, the rules JSON under 技术细节', async () => {
    const page = await admin.agent.get('/policies/2');
    expect(page.status).toBe(200);
    expect(page.text).toContain('服务产品目录(客户所见)');
    expect(page.text).toContain('金蝶云星空(公有云)');
    expect(page.text).toMatch(/<td title="来源单元格 [^"]+!B\d+"><ul class="grant"><li>4 个工作小时内响应<\/li><\/ul><small class="source">[^<]+!B\d+<\/small><\/td>/);
    expect(page.text).toContain('每年 2 次,每次 2 人天,非现场');
    expect(page.text).toContain('<li>5×8 小时</li>');
    expect(page.text).toContain('专属坐席');
    expect(page.text).toContain('专项服务(另行购买)');
    expect(page.text).toMatch(/<details class="tech">[\s\S]*规则 JSON[\s\S]*<\/details>/);
    // What changes per tier, and the contracts it touches.
    expect(page.text).toContain('7*24问题反馈:2工作日响应 → 4工作小时响应');
    expect(page.text).toContain('查看受影响的合同(2 份)');
  });

  it('activates through a confirmation step naming the date and the contracts, then confirms', async () => {
    const day = daysFromNow(20);
    const confirm = await admin.agent.get(`/policies/3/activate?effectiveFrom=${day}`);
    expect(confirm.status).toBe(200);
    expect(confirm.text).toContain('确认启用版本 v3');
    expect(confirm.text).toMatch(new RegExp(`<dd id="confirm-when">${day} 00:00</dd>`));
    expect(confirm.text).toContain('2 份(共 3 份在期合同)');
    expect((await t.policies.getVersion(3)).status).toBe('draft');
    const bad = await admin.agent.get('/policies/3/activate?effectiveFrom=2026-13-45');
    expect(bad.status).toBe(400);

    const done = await admin.agent.post('/policies/3/activate').type('form').send({ _csrf: admin.csrf, effectiveFrom: day, confirmed: '1' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/policies/3?done=activated');
    const page = await admin.agent.get(done.headers.location!);
    expect(page.text).toContain(`已启用版本 v3:自 ${day} 00:00(北京时间)起生效。`);
    expect(page.text).toContain('撤回启用');
  });

  it('diffs against the active or the scheduled version', async () => {
    const active = await admin.agent.get('/policies/2');
    expect(active.text).toContain('与版本 v1 的差异');
    expect(active.text).toContain('待生效版本 v3');
    const scheduled = await admin.agent.get('/policies/2?against=scheduled');
    expect(scheduled.text).toContain('与版本 v3 的差异');
    expect(scheduled.text).toContain('7*24问题反馈:8工作小时响应 → 4工作小时响应');
    const viaApi = await request(t.app).get('/api/policies/2/diff?against=scheduled').set(api());
    expect(viaApi.body.against).toBe(3);
  });

  it('lists the contracts that would change, paged, with what changes for them, and exports them', async () => {
    const page = await admin.agent.get('/policies/2/impact');
    expect(page.status).toBe(200);
    expect(page.text).toContain('影响测试客户');
    expect(page.text.match(/<tr>\s*<th scope="row"><a href="\/customers\//g)).toHaveLength(2);
    expect(page.text).toContain('7*24问题反馈:2工作日响应 → 4工作小时响应');
    const xlsx = await admin.agent.get('/policies/2/impact?format=xlsx').buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(3);
    expect(String(sheet.getRow(2).getCell(7).value)).toContain('2工作日响应 → 4工作小时响应');
  });

  it('withdraws the scheduled activation from the page (audited), then refuses to again; the API the same', async () => {
    const res = await admin.agent.post('/policies/3/withdraw').type('form').send({ _csrf: admin.csrf });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/policies/3?done=withdrawn');
    const page = await admin.agent.get(res.headers.location!);
    expect(page.text).toContain('<span class="status withdrawn">已撤回</span>');
    expect(page.text).toContain('记录保留在历史中');
    const list = await admin.agent.get('/policies');
    expect(list.text).toContain('已撤回');
    const again = await admin.agent.post('/policies/3/withdraw').type('form').send({ _csrf: admin.csrf });
    expect(again.status).toBe(409);
    expect((await t.audit.list({ action: 'policy.withdraw' }))).toEqual([expect.objectContaining({ actor: 'admin', target: 'policy:3' })]);

    await request(t.app).post('/api/policies/3/activate').set(api()).send({ effectiveFrom: daysFromNow(10) }).expect(200);
    const viaApi = await request(t.app).post('/api/policies/3/withdraw').set(api());
    expect(viaApi.status).toBe(200);
    expect(viaApi.body.version.status).toBe('withdrawn');
    const refused = await request(t.app).post('/api/policies/1/withdraw').set(api());
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('ALREADY_IN_EFFECT');
  });
});
