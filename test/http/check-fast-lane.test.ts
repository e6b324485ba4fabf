// The check's fast lane (src/http/api/check-fast-lane.ts) must answer exactly as the ordinary route does,
// and hand over, untouched, every request it does not take.
import { Writable } from 'node:stream';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import request from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import { createContractService } from '../../src/contracts/contract-service.ts';
import { createApp } from '../../src/http/create-app.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, type TestApp } from '../support/http-app.ts';

const PATH = '/api/entitlements/check';
const SECURITY_HEADERS = ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'strict-transport-security', 'cross-origin-opener-policy'];

describeEachDatabase('the entitlement check’s fast lane', (current) => {
  let t: TestApp;
  const lines: Record<string, unknown>[] = [];
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    app = createApp({ ...t.deps, logger: pino({ level: 'info' }, sink) });
  });
  const body = () => ({ offering: 'on_premise', tier: 'preferred', service: 'code_diagnosis', startsOn: '2026-01-01', endsOn: '2030-12-31', at: new Date(Date.now() + 60_000).toISOString() });
  const viaToken = (payload: unknown, token = t.tokens.support) => request(app).post(PATH).set('Authorization', `Bearer ${token}`).set('X-Request-Id', 'fast-1').send(payload as object);

  it('answers a bearer-token check as the ordinary route answers a signed-in browser, with the same headers', async () => {
    const payload = body();
    const fast = await viaToken(payload);
    const browser = await signIn(app, 'support.user');
    const ordinary = await browser.agent.post(PATH).set('X-CSRF-Token', browser.csrf).send(payload);
    expect(fast.status).toBe(200);
    expect(ordinary.status).toBe(200);
    expect(fast.body).toEqual(ordinary.body);
    expect(fast.body).toMatchObject({ entitled: true, quota: { perYear: 2, remaining: 2 } });
    expect(fast.headers['content-type']).toBe('application/json; charset=utf-8');
    for (const name of SECURITY_HEADERS) expect(fast.headers[name], name).toBe(ordinary.headers[name]);
    expect(fast.headers['content-security-policy']).toContain("form-action 'self'");
    expect(fast.headers['x-request-id']).toBe('fast-1');
    await new Promise((r) => setImmediate(r));
    expect(lines).toContainEqual(expect.objectContaining({ reqId: 'fast-1', method: 'POST', url: PATH, status: 200, msg: 'request' }));
  });

  it('refuses bad bodies in the API’s error shape, naming the field', async () => {
    const broken = await request(app).post(PATH).set('Authorization', `Bearer ${t.tokens.support}`).set('Content-Type', 'application/json').send('{"service": ');
    expect(broken.status).toBe(400);
    expect(broken.body).toEqual({ error: { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON / The request body is not valid JSON', details: null } });
    const invalid = await viaToken({ ...body(), tier: 'gold', at: 'soon' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('VALIDATION_FAILED');
    expect(invalid.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['at', 'tier']);
    const unknown = await viaToken({ ...body(), service: 'massage' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: 'UNKNOWN_SERVICE', details: { field: 'service' } });
    const array = await viaToken([1, 2]);
    expect(array.status).toBe(400);
    expect(array.body.error.code).toBe('VALIDATION_FAILED');
    const far = await viaToken({ ...body(), at: '9999-12-31T12:00:00Z' });
    expect(far.status).toBe(400);
    expect(far.body.error.details).toEqual([{ field: 'at', message: 'must lie in the years 2000–2099', messageZh: '应在 2000–2099 年之间' }]);
  });

  it('answers what Express answers for a bare JSON string or an empty body, and logs a handed-over request once', async () => {
    const browser = await signIn(app, 'support.user');
    const fast = await request(app).post(PATH).set('Authorization', `Bearer ${t.tokens.support}`).set('Content-Type', 'application/json').send('"issue_feedback"');
    const ordinary = await browser.agent.post(PATH).set('X-CSRF-Token', browser.csrf).set('Content-Type', 'application/json').send('"issue_feedback"');
    expect([fast.status, fast.body.error.code]).toEqual([400, 'INVALID_JSON']);
    expect(fast.body).toEqual(ordinary.body);
    const empty = await request(app).post(PATH).set('Authorization', `Bearer ${t.tokens.support}`).set('Content-Type', 'application/json').set('X-Request-Id', 'empty-1');
    expect([empty.status, empty.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    const refused = await request(app).post(PATH).set('Authorization', 'Bearer not-a-token').set('X-Request-Id', 'handed-over').send(body());
    expect(refused.status).toBe(401);
    expect(refused.headers['x-request-id']).toBe('handed-over');
    await new Promise((r) => setImmediate(r));
    expect(lines.filter((l) => l.reqId === 'handed-over')).toEqual([expect.objectContaining({ status: 401, msg: 'request' })]);
  });

  it('hands over what it does not take: refused tokens, other media types, oversized and chunked bodies', async () => {
    const revoked = await viaToken(body(), 'not-a-token');
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('INVALID_TOKEN');

    const form = await request(app).post(PATH).set('Authorization', `Bearer ${t.tokens.support}`).type('form').send('service=phone_support');
    expect(form.status).toBe(400);
    expect(form.body.error.code).toBe('VALIDATION_FAILED');

    const huge = await viaToken({ ...body(), padding: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('BODY_TOO_LARGE');

    // A chunked body has no Content-Length; the ordinary route reads it and answers the same decision.
    const server = http.createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const payload = body();
      const chunked = await new Promise<{ status: number; json: unknown }>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST', path: PATH, headers: { authorization: `Bearer ${t.tokens.support}`, 'content-type': 'application/json' } }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) as unknown }));
        });
        req.on('error', reject);
        const json = JSON.stringify(payload);
        req.write(json.slice(0, 10));
        req.end(json.slice(10));
      });
      expect(chunked.status).toBe(200);
      expect(chunked.json).toEqual((await viaToken(payload)).body);
    } finally {
      server.close();
    }
  });
});

describeEachDatabase('the fast lane when the database fails', (current) => {
  let t: TestApp;
  const broken = { db: null as Awaited<ReturnType<typeof createTestDatabase>> | null };
  beforeAll(async () => {
    t = await createTestApp(current().db);
    broken.db = await createTestDatabase('sqlite');
  });
  afterAll(async () => {
    await broken.db?.destroy().catch(() => {});
  });

  it('answers 503 DATABASE_UNAVAILABLE with Retry-After in the API’s error shape, no stack, and logs the cause', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        done();
      },
    });
    const contracts = createContractService(createContractRepository(broken.db!.db), t.deps.entitlements);
    await broken.db!.db.destroy();
    const app = createApp({ ...t.deps, contracts, logger: pino({ level: 'info' }, sink) });
    const res = await request(app).post(PATH).set('Authorization', `Bearer ${t.tokens.support}`).send({ contractId: 1, service: 'phone_support' });
    // A closed pool is a database that cannot be used: the same answer as the ordinary routes give.
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).toEqual({ error: { code: 'DATABASE_UNAVAILABLE', message: '数据库暂时不可用,请稍后重试 / The database is temporarily unavailable; try again shortly', details: null } });
    expect(res.text).not.toMatch(/at .*\.ts|Error:/);
    await new Promise((r) => setImmediate(r));
    expect(lines.some((l) => l.msg === 'database unavailable' && l.err)).toBe(true);
  });
});
