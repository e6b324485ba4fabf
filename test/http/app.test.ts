import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http-app.ts';
import { expectedMissingYears } from '../support/holiday-years.ts';

describeEachDatabase('HTTP basics', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db, { activateSample: false });
  });

  it('is healthy at once and ready only once a policy is active', async () => {
    expect((await request(t.app).get('/healthz')).status).toBe(200);
    const notReady = await request(t.app).get('/readyz');
    expect(notReady.status).toBe(503);
    expect(notReady.body.error.code).toBe('NO_ACTIVE_POLICY');
    const undecided = await request(t.app)
      .post('/api/entitlements/check')
      .set('Authorization', `Bearer ${t.tokens.support}`)
      .send({ offering: 'cloud', tier: 'basic', service: 'phone_support' });
    expect(undecided.body).toMatchObject({ entitled: false, policy: { version: 0 }, reasons: [{ code: 'NO_ACTIVE_POLICY' }] });
    await t.policies.importWorkbook({ bytes: (await import('../support/fixtures.ts')).sampleWorkbook(), filename: 's.xlsx', actor: 'a', activate: true });
    const ready = await request(t.app).get('/readyz');
    expect(ready.status).toBe(200);
    // Missing holiday data is a warning, never unreadiness (test/holidays/holiday-http.test.ts pins it by date).
    const missing = expectedMissingYears();
    expect(ready.body).toEqual({ status: 'ready', policyVersion: 1, warnings: missing.length ? [expect.objectContaining({ code: 'NO_HOLIDAY_DATA', years: missing })] : [] });
  });

  it('answers errors in one shape, bilingual, with a request id and no stack trace', async () => {
    const auth = { Authorization: `Bearer ${t.tokens.support}` };
    for (const [url, status, code] of [
      ['/api/policies/9/rules', 404, 'VERSION_NOT_FOUND'],
      ['/api/policies/x/rules', 400, 'BAD_VERSION'],
      ['/api/nowhere', 404, 'NOT_FOUND'],
      ['/api/policies/1/diff?against=latest', 400, 'VALIDATION_FAILED'],
    ] as const) {
      const res = await request(t.app).get(url).set(auth);
      expect(res.status, url).toBe(status);
      expect(res.body.error).toMatchObject({ code });
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
      expect(res.headers['x-request-id']).toMatch(/\S/);
      expect(res.text).not.toMatch(/\.ts:\d+/);
    }
    const adminBadJson = await request(t.app).post('/api/policies/1/activate').set({ Authorization: `Bearer ${t.tokens.admin}` }).set('Content-Type', 'application/json').send('{"x":');
    expect(adminBadJson.status).toBe(400);
    expect(adminBadJson.body.error.code).toBe('INVALID_JSON');
  });

  it('shows a friendly page, not JSON, to a browser', async () => {
    const res = await request(t.app).get('/nowhere').set('Accept', 'text/html');
    expect(res.status).toBe(404);
    expect(res.text).toContain('找不到该页面或资源');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('describes its API in OpenAPI, from the route table', async () => {
    const doc = (await request(t.app).get('/api/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/policies', '/api/policies/{version}', '/api/policies/{version}/diff', '/api/policies/{version}/activate', '/api/policies/{version}/workbook']),
    );
    expect(doc.paths['/api/policies/{version}/activate'].post['x-permission']).toBe('policy.activate');
    expect(doc.paths['/api/policies/{version}/activate'].post.requestBody.content['application/json'].schema.properties).toHaveProperty('effectiveFrom');
    expect(doc.paths['/api/policies'].post.requestBody.content).toHaveProperty('multipart/form-data');
  });
});
