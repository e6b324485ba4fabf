// A request judged against a 解决时限 target, on its page and in the queue: resolve-by and the resolution's status in
// words (Chinese first, English on request), and the queue's resolution filter (breached, at risk) as a choice that
// works without JavaScript.
import ExcelJS from 'exceljs';
import { beforeAll, expect, it } from 'vitest';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService } from '../../src/policy/policy-service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, rawBody, signIn, usernameOf, type TestApp } from '../support/http-app.ts';
import { sampleWithResolutionTargets } from '../support/resolution-workbooks.ts';

describeEachDatabase('resolution targets on the desk’s pages', (current) => {
  let t: TestApp;
  let judged: number;
  let unjudged: number;
  let atRisk: number;
  beforeAll(async () => {
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2026-01-01T00:00:00+08:00') });
    // Seeding, not wiring: an importer whose "now" is before the requests arrive, so that they are decided under it.
    const importer = createPolicyService(createPolicyRepository(current().db), () => new Date('2026-02-01T00:00:00+08:00'), t.audit);
    const outcome = await importer.importWorkbook({ bytes: await sampleWithResolutionTargets(), filename: 'targets.xlsx', actor: 'test', activate: true });
    expect(outcome).toMatchObject({ status: 'created' });
    t.deps.entitlements.refreshPolicy();
    const customer = await t.deps.contracts.createCustomer({ name: '宁波港务' }, { name: 'test', address: null });
    const premium = await t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2030-12-31' });
    const cloud = await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2030-12-31' });
    const desk = { name: usernameOf('support'), address: null };
    // Arrived long ago: one working day has passed, so the judged request is breached.
    const openedAt = new Date('2026-03-02T09:00:00+08:00');
    judged = (await t.deps.requests.open({ contractId: premium.id, service: 'issue_feedback', openedAt, summary: '凭证无法过账' }, desk)).request.id;
    unjudged = (await t.deps.requests.open({ contractId: cloud.id, service: 'issue_feedback', openedAt, summary: '报表打不开' }, desk)).request.id;
    // Seeding, not wiring: the app runs on the real clock, so this one's at-risk point and resolve-by are put either
    // side of now, as intake and the resolution clock would have them with less than a quarter of the target left.
    atRisk = (await t.deps.requests.open({ contractId: premium.id, service: 'issue_feedback', openedAt, summary: '库存结转失败' }, desk)).request.id;
    const now = Date.now();
    await current().db('service_requests').where({ id: atRisk }).update({ resolve_at_risk_from: new Date(now - 3_600_000).toISOString(), resolve_by: new Date(now + 3_600_000).toISOString() });
  });

  it('shows the target, resolve-by and the resolution’s status in words on the request page', async () => {
    const desk = await signIn(t.app, usernameOf('support'));
    const page = await desk.agent.get(`/requests/${judged}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<dt>解决时限<\/dt><dd>1 工作日<\/dd>/);
    expect(page.text).toContain('2026-03-02 18:00');
    expect(page.text).toContain('>解决超时<');
    const english = await desk.agent.get(`/requests/${judged}?lang=en`);
    expect(english.text).toContain('Resolve by');
    expect(english.text).toContain('>breached<');
    const plain = await desk.agent.get(`/requests/${unjudged}?lang=zh`);
    expect(plain.text).not.toContain('解决截止');
  });

  it('shows a draft’s changed resolution targets in its diff, by name', async () => {
    const draft = await t.policies.importWorkbook({ bytes: await sampleWithResolutionTargets('2个工作日'), filename: 'targets-2.xlsx', actor: 'test' });
    expect(draft).toMatchObject({ status: 'created' });
    const admin = await signIn(t.app, usernameOf('admin'));
    const page = await admin.agent.get(`/policies/${(draft as { version: { version: number } }).version.version}`);
    expect(page.status).toBe(200);
    const section = page.text.slice(page.text.indexOf('解决时限的变化'));
    expect(section).toMatch(/<td>变更<\/td>\s*<td>私有云\(On Premise\)<\/td>\s*<td>尊享服务<\/td>\s*<td>7\*24问题反馈 <span class="code">issue_feedback<\/span><\/td>\s*<td>1 工作日<\/td>\s*<td>2 工作日<\/td>/);
    // Its contracts' new requests would be judged on the new target: they count as touched.
    expect(section).toContain('影响范围:1 份在期合同');
  });

  it('filters the queue to breached resolutions, and the API the same', async () => {
    const desk = await signIn(t.app, usernameOf('support'));
    const all = await desk.agent.get('/requests');
    expect(all.text).toContain('<select id="f-resolution" name="resolution">');
    expect(all.text).toContain('<option value="breached">解决超时</option>');
    expect(all.text).toContain(`href="/requests/${unjudged}"`);
    const breached = await desk.agent.get('/requests?resolution=breached');
    expect(breached.text).toContain('<option value="breached" selected>解决超时</option>');
    expect(breached.text).toContain(`href="/requests/${judged}"`);
    expect(breached.text).not.toContain(`href="/requests/${unjudged}"`);
    expect(breached.text).not.toContain(`href="/requests/${atRisk}"`);
    const api = await desk.agent.get('/api/requests?resolution=breached').set('Authorization', `Bearer ${t.tokens.support}`);
    expect(api.status).toBe(200);
    expect((api.body as { requests: { id: number; resolutionStatus: string }[] }).requests).toEqual([expect.objectContaining({ id: judged, resolutionStatus: 'breached' })]);
  });

  it('filters the queue to resolutions at risk, in both languages, with counts and export to match, and the API the same', async () => {
    const desk = await signIn(t.app, usernameOf('support'));
    const all = await desk.agent.get('/requests');
    expect(all.text).toContain('<option value="at_risk">解决即将超时</option>');
    const page = await desk.agent.get('/requests?resolution=at_risk');
    expect(page.text).toContain('<option value="at_risk" selected>解决即将超时</option>');
    expect(page.text).toContain(`href="/requests/${atRisk}"`);
    expect(page.text).not.toContain(`href="/requests/${judged}"`);
    expect(page.text).not.toContain(`href="/requests/${unjudged}"`);
    expect(page.text).toContain('解决情况:即将超时');
    // The tabs count the filter's requests.
    expect(page.text).toMatch(/data-tab="active">[^<]*<span class="badge">1<\/span>/);
    // The export link keeps the filter.
    expect(page.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&')).toContain('href="/requests?resolution=at_risk&sort=deadline&format=xlsx"');
    const english = await desk.agent.get('/requests?resolution=at_risk&lang=en');
    expect(english.text).toContain('<option value="at_risk" selected>Resolution at risk</option>');
    expect(english.text).toContain('<option value="breached">Resolution breached</option>');
    // A value that names nothing is the unfiltered view.
    const nonsense = await desk.agent.get('/requests?resolution=late');
    expect(nonsense.status).toBe(200);
    expect(nonsense.text).toContain(`href="/requests/${unjudged}"`);

    const exported = await desk.agent.get('/requests?resolution=at_risk&format=xlsx&lang=zh').buffer(true).parse(rawBody);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as ArrayBuffer);
    const rows = (wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][]).filter(Boolean);
    expect(rows.map((r) => r[1])).toEqual([atRisk]);
    expect(rows[0]!.at(-1)).toBe('即将超时');

    const api = await desk.agent.get('/api/requests?resolution=at_risk').set('Authorization', `Bearer ${t.tokens.support}`);
    expect(api.status).toBe(200);
    expect((api.body as { requests: { id: number; resolutionStatus: string }[] }).requests).toEqual([expect.objectContaining({ id: atRisk, resolutionStatus: 'at_risk' })]);
    const refused = await desk.agent.get('/api/requests?resolution=late').set('Authorization', `Bearer ${t.tokens.support}`);
    expect(refused.status).toBe(400);
  });
});
