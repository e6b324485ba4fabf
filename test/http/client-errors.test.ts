// Malformed requests are the client's fault: 4xx with the one error shape, never a 500.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, type TestApp } from '../support/http-app.ts';
import { sampleWorkbook } from '../support/fixtures.ts';

describeEachDatabase('client errors', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });
  const admin = () => ({ Authorization: `Bearer ${t.tokens.admin}` });

  it.each([
    ['a bad percent-encoding in the path', () => request(t.app).get('/api/policies/%E0%A4%A').set(admin()), 400],
    ['too many form fields', () => request(t.app).post('/sign-in').type('form').send(Array.from({ length: 300 }, (_, i) => `a${i}=1`).join('&')), 413],
    ['an unknown charset', () => request(t.app).post('/api/policies/1/activate').set(admin()).set('Content-Type', 'application/json; charset=foo').send('{}'), 415],
    ['an unknown content encoding', () => request(t.app).post('/api/policies/1/activate').set(admin()).set('Content-Type', 'application/json').set('Content-Encoding', 'foo').send('{}'), 415],
    ['broken multipart data', () => request(t.app).post('/api/policies').set(admin()).set('Content-Type', 'multipart/form-data; boundary=x').send('xx'), 400],
    ['a version written as 1.0', () => request(t.app).get('/api/policies/1.0').set(admin()), 400],
    ['a version written as 0x1', () => request(t.app).get('/api/policies/0x1').set(admin()), 400],
  ])('%s', async (_name, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.body.error?.code ?? res.text).toBeTruthy();
    expect(res.text).not.toMatch(/\.ts:\d+|at .*\(/);
  });

  it('keeps Chinese upload names intact', async () => {
    const res = await request(t.app).post('/api/policies').set(admin()).attach('workbook', sampleWorkbook(), '金蝶策略.xlsx');
    expect(res.status).toBe(200); // the same bytes as the active version
    const { agent, csrf } = await signIn(t.app, 'admin');
    const page = await agent.post(`/policies?_csrf=${csrf}`).attach('workbook', Buffer.from('not a workbook'), '服务目录.xlsx');
    expect(page.status).toBe(422);
    expect(page.text).toContain('服务目录.xlsx');
  });

  it('does not tell browsers to upgrade plain-HTTP requests', async () => {
    const res = await request(t.app).get('/sign-in');
    expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });
});
