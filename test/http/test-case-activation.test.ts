// A workbook's 测试用例 hold its activation: uploaded, the version is stored as a draft with each case's result; a
// failing case refuses activation through the API, the page and the import's own --activate (with the cases named),
// while a passing workbook activates. The diff between versions lists the cases added, removed and changed.
import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import type { WorkbookTable } from '../../src/workbook/workbook-writer.ts';
import { PolicyError } from '../../src/policy/policy-error.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, editedSample, signIn, type TestApp } from '../support/http-app.ts';

const caseTable = (tables: WorkbookTable[]) => tables.find((t) => t.sheet === '测试用例')!;
/** The sample's case of premium phone support on cloud (row 5: 专属坐席) expecting a standard agent instead. */
const failingWorkbook = () => editedSample((tables) => void (caseTable(tables).rows.find((r) => r[2] === '7＊24电话支持')![8] = '标准坐席'));
/** The sample's cases with the data-repair case (row 11) gone and one added: a passing workbook unlike the sample's bytes. */
const reworkedWorkbook = () =>
  editedSample((tables) => {
    const cases = caseTable(tables);
    cases.rows = cases.rows.filter((r) => r[2] !== '数据修复');
    cases.rows.push(['公有云', '优选服务', '7＊8在线IM服务', '2026-03-10 10:00', '', '', '✓', '', '标准坐席', '', '', '']);
  });

describeEachDatabase('test cases hold activation', (current) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await createTestApp(current().db);
  });

  const upload = async (bytes: Buffer, name: string) => request(t.app).post('/api/policies').set('Authorization', `Bearer ${t.tokens.admin}`).attach('workbook', bytes, name);

  it('stores a workbook whose case fails as a draft with its results, and refuses to activate it, naming the case', async () => {
    const res = await upload(await failingWorkbook(), 'failing.xlsx');
    expect(res.status, res.text).toBe(201);
    expect(res.body.version).toMatchObject({ version: 2, status: 'draft' });
    expect(res.body.summary.testCases).toMatchObject({ total: 11, passed: 10, failed: 1 });
    const failed = res.body.summary.testCases.cases.find((c: { passed: boolean }) => !c.passed);
    expect(failed).toMatchObject({ sheet: '测试用例', cell: 'A5', offering: 'cloud', tier: 'premium', service: 'phone_support' });
    expect(failed.checks.find((k: { passed: boolean }) => !k.passed)).toEqual({ field: 'channel', cell: 'I5', passed: false, expected: { zh: '标准坐席', en: 'standard agent' }, decided: { zh: '专属坐席', en: 'dedicated agent' } });
    // The diff says the case now expects something else.
    expect(res.body.diff.testCases).toEqual([expect.objectContaining({ kind: 'changed', service: 'phone_support', from: { entitled: true, channel: 'dedicated' }, to: { entitled: true, channel: 'standard' }, cell: 'A5' })]);

    const activate = await request(t.app).post('/api/policies/2/activate').set('Authorization', `Bearer ${t.tokens.admin}`).send({});
    expect(activate.status).toBe(422);
    expect(activate.body.error).toMatchObject({ code: 'TEST_CASES_FAILED', message: expect.stringMatching(/1 个测试用例未通过,不能启用:测试用例!A5.* \/ Version 2 fails 1 of its test case/) });
    expect((await request(t.app).get('/api/policies/2').set('Authorization', `Bearer ${t.tokens.admin}`)).body.version.status).toBe('draft');
    expect((await t.policies.activeAndScheduled()).active?.version).toBe(1);

    // The page shows each case's result, and the refusal beside the activation form.
    const admin = await signIn(t.app, 'admin');
    const page = await admin.agent.get('/policies/2');
    expect(page.text).toContain('10 个通过,1 个未通过(共 11 个)');
    expect(page.text).toContain('测试用例!A5');
    expect(page.text).toMatch(/渠道 <span class="mono">@I5<\/span>: 期望 标准坐席;判定 <strong>专属坐席<\/strong>/);
    expect(page.text).toContain('测试用例的变化');
    // The confirmation step says so before anyone confirms; the activation itself refuses too.
    const confirm = await admin.agent.get('/policies/2/activate');
    expect(confirm.status).toBe(422);
    expect(confirm.text).toContain('1 个测试用例未通过,不能启用:测试用例!A5');
    const refused = await admin.agent.post('/policies/2/activate').type('form').send({ _csrf: admin.csrf, confirmed: '1' });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('不能启用');
    const english = await admin.agent.get('/policies/2?lang=en');
    expect(english.text).toContain('10 passed, 1 failed (11 in all)');
  });

  it('refuses the activation an import asks for, storing the draft, and names the failing case', async () => {
    const outcome = await t.policies.importWorkbook({ bytes: await failingWorkbook(), filename: 'failing.xlsx', actor: 'cli', activate: true });
    if (outcome.status !== 'created') throw new Error(outcome.status);
    expect(outcome.activation).toBeNull();
    expect(outcome.version.status).toBe('draft');
    expect(outcome.activationRefused).toBeInstanceOf(PolicyError);
    expect(outcome.activationRefused).toMatchObject({ code: 'TEST_CASES_FAILED', messageZh: expect.stringContaining('测试用例!A5') });
    await expect(t.policies.activate(outcome.version.version, 'cli')).rejects.toMatchObject({ code: 'TEST_CASES_FAILED', details: { failed: [expect.objectContaining({ cell: 'A5' })] } });
    // A dry run runs the cases too, and stores nothing.
    const dry = await t.policies.importWorkbook({ bytes: await failingWorkbook(), filename: 'failing.xlsx', actor: 'cli', dryRun: true });
    expect(dry.status === 'dry_run' && dry.summary.testCases?.failed).toBe(1);
  });

  it('activates a workbook whose cases pass, and lists the cases it added and removed', async () => {
    const res = await upload(await reworkedWorkbook(), 'reworked.xlsx');
    expect(res.status, res.text).toBe(201);
    expect(res.body.summary.testCases).toMatchObject({ total: 11, passed: 11, failed: 0 });
    expect(res.body.diff.entitlements).toEqual([]);
    expect(res.body.diff.testCases.map((c: { kind: string; service: string; cell: string }) => [c.kind, c.service, c.cell])).toEqual([
      ['added', 'online_im', 'A13'],
      ['removed', 'data_repair', 'A11'],
    ]);
    const activate = await request(t.app).post('/api/policies/2/activate').set('Authorization', `Bearer ${t.tokens.admin}`).send({});
    expect(activate.status, activate.text).toBe(200);
    expect(activate.body.version.status).toBe('active');
  });
});
