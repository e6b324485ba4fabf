import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { createEntitlementService } from '../../src/entitlement/entitlement-service.ts';
import { createPolicyCache } from '../../src/entitlement/policy-cache.ts';
import { createApp } from '../../src/http/create-app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, editedSample, rowOf, signIn, tableOf, type TestApp } from '../support/http-app.ts';
import { addBusinessTime } from '../../src/calendar/business-time.ts';
import { standardCalendar } from '../../src/calendar/china-holidays.ts';
import { formatShanghaiIso } from '../../src/calendar/shanghai-time.ts';

describeEachDatabase('POST /api/entitlements/check', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });
  const check = (body: object, token = t.tokens.support) => request(t.app).post('/api/entitlements/check').set('Authorization', `Bearer ${token}`).send(body);

  it('answers with the decision, its reasons and its source', async () => {
    // The sample became active when the app was built; ask about a moment after that.
    const res = await check({ offering: 'cloud', tier: 'premium', service: 'issue_feedback', at: new Date(Date.now() + 60_000).toISOString() });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      policy: { version: 1 },
      entitled: true,
      available: true,
      responseWindow: { amount: 0.5, unit: 'working_day' },
      reasons: [],
      source: { cell: 'D5' },
    });
    const no = await check({ offering: 'cloud', tier: 'basic', service: 'performance_tuning' });
    expect(no.body.reasons.map((r: { code: string }) => r.code)).toEqual(['ON_PREMISE_ONLY']);
  });

  it('adds the respond-by instant and its proof when asked at an instant, and only then', async () => {
    const at = new Date(Date.now() + 60_000);
    const withAt = await check({ offering: 'cloud', tier: 'premium', service: 'issue_feedback', at: at.toISOString() });
    expect(withAt.status).toBe(200);
    const expected = formatShanghaiIso(addBusinessTime(standardCalendar(), at.getTime(), 4 * 3_600_000).at);
    expect(withAt.body).toMatchObject({ respondBy: expected, calendar: '标准工作日', proof: { workingHours: 4, sentence: { zh: expect.stringContaining('前响应') } } });
    const browser = await signIn(t.app, 'support.user');
    const viaSession = await browser.agent.post('/api/entitlements/check').set('X-CSRF-Token', browser.csrf).send({ offering: 'cloud', tier: 'premium', service: 'issue_feedback', at: at.toISOString() });
    expect(viaSession.body).toEqual(withAt.body);
    const now = await check({ offering: 'cloud', tier: 'premium', service: 'issue_feedback' });
    expect(now.body).not.toHaveProperty('respondBy');
    expect(now.body).not.toHaveProperty('proof');
  });

  it('refuses an unknown service with the known codes, and bad fields by name', async () => {
    const unknown = await check({ offering: 'cloud', tier: 'basic', service: 'massage' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_SERVICE', details: { field: 'service' } });
    expect(unknown.body.error.details.known).toContain('issue_feedback');
    const bad = await check({ offering: 'moon', tier: 'basic', service: 'phone_support', at: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['at', 'offering']);
    const dates = await check({ offering: 'cloud', tier: 'basic', service: 'phone_support', startsOn: '2026-12-01', endsOn: '2026-01-01' });
    expect(dates.status).toBe(400);
    expect(dates.body.error).toMatchObject({ code: 'INVALID_CONTRACT' });
  });

  it('uses a version activated through another instance after one refresh, without reloading per request', async () => {
    let now = 0;
    const clock = () => now;
    const second = createApp({ ...t.deps, entitlements: createEntitlementService(createPolicyCache(t.policies, { refreshMs: 2000, clock })) });
    const ask = () =>
      request(second)
        .post('/api/entitlements/check')
        .set('Authorization', `Bearer ${t.tokens.support}`)
        .send({ offering: 'cloud', tier: 'premium', service: 'issue_feedback' });
    expect((await ask()).body.policy.version).toBe(1);

    const upload = await request(t.app).post('/api/policies').set('Authorization', `Bearer ${t.tokens.admin}`).attach('workbook', await editedSample((tables) => (rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[3] = '4工作小时响应')), 'v2.xlsx');
    expect(upload.status).toBe(201);
    const activated = await request(t.app).post(`/api/policies/${upload.body.version.version}/activate`).set('Authorization', `Bearer ${t.tokens.admin}`).send({});
    expect(activated.status).toBe(200);

    now += 1999;
    expect((await ask()).body.policy.version).toBe(1);
    now += 1;
    const after = await ask();
    expect(after.body.policy.version).toBe(2);
    expect(after.body.responseWindow).toEqual({ amount: 4, unit: 'working_hour' });
  });
});
