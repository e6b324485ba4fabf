// A request judged against a 解决时限 target, on its page and in the queue: resolve-by and the resolution's status in
// words (Chinese first, English on request), and the queue's "resolution breached" filter as a checkbox that works
// without JavaScript.
import { beforeAll, expect, it } from 'vitest';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService } from '../../src/policy/policy-service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';
import { sampleWithResolutionTargets } from '../support/resolution-workbooks.ts';

describeEachDatabase('resolution targets on the desk’s pages', (current) => {
  let t: TestApp;
  let judged: number;
  let unjudged: number;
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

  it('filters the queue to breached resolutions with a checkbox, and the API the same', async () => {
    const desk = await signIn(t.app, usernameOf('support'));
    const all = await desk.agent.get('/requests');
    expect(all.text).toContain('name="resolution" type="checkbox" value="breached"');
    expect(all.text).toContain(`href="/requests/${unjudged}"`);
    const breached = await desk.agent.get('/requests?resolution=breached');
    expect(breached.text).toContain('value="breached" checked');
    expect(breached.text).toContain(`href="/requests/${judged}"`);
    expect(breached.text).not.toContain(`href="/requests/${unjudged}"`);
    const api = await desk.agent.get('/api/requests?resolution=breached').set('Authorization', `Bearer ${t.tokens.support}`);
    expect(api.status).toBe(200);
    expect((api.body as { requests: { id: number; resolutionStatus: string }[] }).requests).toEqual([expect.objectContaining({ id: judged, resolutionStatus: 'breached' })]);
  });
});
