// Web sign-in end to end: the session cookie, CSRF on every form, the sign-in rate limits, sign-out,
// open redirects, revoked tokens, and what the audit log records about all of it.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { SIGN_IN_LIMITS } from '../../src/accounts/account-service.ts';
import { argon2idHasher } from '../../src/accounts/password.ts';
import { createApp, type HttpApp } from '../../src/http/create-app.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { PASSWORD, createTestApp, csrfOf, editedSample, errorCode, rowOf, setCookie, signIn, storedCounts, tableOf, type TestApp } from '../support/http-app.ts';

const BAD_CREDENTIALS = '用户名或密码不正确';
const RATE_LIMITED = /登录失败次数过多,请于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\(北京时间,约 \d+ 秒后\)再试/;

/** Signs in by hand, cookie by cookie, so the test sees exactly what the browser is sent. */
async function formSignIn(app: HttpApp, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const form = await request(app).get('/sign-in').set(headers);
  const csrfCookie = setCookie(form, 'entitle_csrf')!.split(';')[0]!;
  const res = await request(app)
    .post('/sign-in')
    .set({ ...headers, Cookie: [headers.Cookie, csrfCookie].filter(Boolean).join('; ') })
    .type('form')
    .send({ _csrf: csrfOf(form.text), ...fields });
  const session = setCookie(res, 'entitle_session');
  return { form, res, session, sessionPair: session?.split(';')[0] };
}

describeEachDatabase('sessions, CSRF and sign-in limits', (current) => {
  let t: TestApp;
  /** The same app behind a trusted TLS proxy: X-Forwarded-Proto and X-Forwarded-For count. */
  let proxied: HttpApp;
  beforeAll(async () => {
    // Sign-in and its throttle are the subject: the real argon2id hasher.
    t = await createTestApp(current().db, { hasher: argon2idHasher });
    proxied = createApp({ ...t.deps, trustProxy: true });
    // A draft version 2 to activate.
    const bytes = await editedSample((tables) => void (rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[3] = '4工作小时响应'));
    await t.policies.importWorkbook({ bytes, filename: 'v2.xlsx', actor: 'test' });
  });

  it('signs in through the form with an HttpOnly, SameSite=Lax, signed session cookie', async () => {
    const { form, res, session } = await formSignIn(t.app, { username: 'admin', password: PASSWORD });
    expect(setCookie(form, 'entitle_csrf')).toMatch(/HttpOnly/);
    expect(res.status).toBe(303);
    // Home (工作台) is where a sign-in without next= lands.
    expect(res.headers.location).toBe('/');
    expect(session).toMatch(/^entitle_session=s%3A[^;]+\.[^;]+;/);
    expect(session).toMatch(/; HttpOnly/);
    expect(session).toMatch(/; SameSite=Lax/);
    expect(session).toMatch(/; Path=\//);
    expect(session).not.toMatch(/; Secure/);
  });

  it('marks the cookies Secure behind a trusted HTTPS proxy, and only there', async () => {
    const https = { 'X-Forwarded-Proto': 'https' };
    const behindProxy = await formSignIn(proxied, { username: 'admin', password: PASSWORD }, https);
    expect(behindProxy.res.status).toBe(303);
    expect(setCookie(behindProxy.form, 'entitle_csrf')).toMatch(/; Secure/);
    expect(behindProxy.session).toMatch(/; Secure/);
    expect(behindProxy.session).toMatch(/; HttpOnly/);
    expect(behindProxy.session).toMatch(/; SameSite=Lax/);
    // Without trust proxy, a client cannot claim HTTPS by sending the header itself.
    const direct = await formSignIn(t.app, { username: 'admin', password: PASSWORD }, https);
    expect(direct.session).not.toMatch(/; Secure/);
  });

  it('refuses a signed-in change without the session’s CSRF token, and changes nothing', async () => {
    const admin = await signIn(t.app, 'admin');
    const other = await signIn(t.app, 'admin');
    expect(admin.csrf).not.toBe(other.csrf);
    const before = await storedCounts(current().db);
    for (const form of [{}, { _csrf: 'wrong' }, { _csrf: other.csrf }]) {
      const res = await admin.agent.post('/policies/2/activate').type('form').send(form);
      expect(res.status, JSON.stringify(form)).toBe(403);
      expect(errorCode(res)).toBe('CSRF_REJECTED');
      expect(res.text).toContain('表单已过期或来源不明');
    }
    const api = await admin.agent.post('/api/policies/2/activate').send({});
    expect(api.status).toBe(403);
    expect(api.body.error.code).toBe('CSRF_REJECTED');
    const upload = await admin.agent.post('/policies').attach('workbook', await editedSample(() => {}), 'other.xlsx');
    expect(upload.status).toBe(403);
    expect(errorCode(upload)).toBe('CSRF_REJECTED');
    expect(await storedCounts(current().db)).toEqual(before);
    expect((await t.policies.getVersion(2)).status).toBe('draft');

    const ok = await admin.agent.post('/policies/2/activate').type('form').send({ _csrf: admin.csrf });
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/policies/2');
    expect((await t.policies.getVersion(2)).status).toBe('active');
    // The header works for scripts, as the OpenAPI document says (asking again for the active version is a no-op).
    const byHeader = await admin.agent.post('/api/policies/2/activate').set('X-CSRF-Token', admin.csrf).send({});
    expect(byHeader.status).toBe(200);
    expect(byHeader.body.version.status).toBe('active');
  });

  it('refuses the sign-in form itself without its CSRF token', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/sign-in');
    const missing = await agent.post('/sign-in').type('form').send({ username: 'admin', password: PASSWORD });
    expect(missing.status).toBe(403);
    expect(errorCode(missing)).toBe('CSRF_REJECTED');
    expect(setCookie(missing, 'entitle_session')).toBeUndefined();
    // A token without the cookie it belongs to is no better.
    const noCookie = await request(t.app).post('/sign-in').type('form').send({ username: 'admin', password: PASSWORD, _csrf: csrfOf(form.text) });
    expect(noCookie.status).toBe(403);
    expect(setCookie(noCookie, 'entitle_session')).toBeUndefined();
  });

  it('answers a wrong password with 401 and the message, keeping the username', async () => {
    const { res, session } = await formSignIn(t.app, { username: 'support.user', password: 'not the password' });
    expect(res.status).toBe(401);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain(BAD_CREDENTIALS);
    expect(res.text).toContain('value="support.user"');
    expect(session).toBeUndefined();
  });

  it(`slows an account after ${SIGN_IN_LIMITS.account.free} failures for the addresses that failed, never for a clean one`, async () => {
    for (let i = 0; i < SIGN_IN_LIMITS.account.free; i++) {
      const { res } = await formSignIn(proxied, { username: 'sales.user', password: 'wrong password' }, { 'X-Forwarded-For': `198.51.100.${i + 1}` });
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const limited = await formSignIn(proxied, { username: 'sales.user', password: PASSWORD }, { 'X-Forwarded-For': '198.51.100.1' });
    expect(limited.res.status).toBe(429);
    expect(limited.res.text).toMatch(RATE_LIMITED);
    expect(Number(limited.res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.res.headers['retry-after'])).toBeLessThanOrEqual(2);
    expect(limited.res.text).toContain('value="sales.user"');
    expect(limited.session).toBeUndefined();
    const english = await formSignIn(proxied, { username: 'sales.user', password: PASSWORD }, { 'X-Forwarded-For': '198.51.100.2', Cookie: 'entitle_lang=en' });
    expect(english.res.status).toBe(429);
    expect(english.res.text).toMatch(/Too many failed sign-ins: try again at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Asia\/Shanghai\), in about \d+ seconds/);
    // The owner at an address that has not failed signs in; another account from a failed address too.
    expect((await formSignIn(proxied, { username: 'sales.user', password: PASSWORD }, { 'X-Forwarded-For': '198.51.100.99' })).res.status).toBe(303);
    expect((await formSignIn(proxied, { username: 'support.user', password: PASSWORD }, { 'X-Forwarded-For': '198.51.100.3' })).res.status).toBe(303);
  });

  it(`slows an address after ${SIGN_IN_LIMITS.address.free} failures, across accounts`, async () => {
    const from = { 'X-Forwarded-For': '192.0.2.7' };
    for (let i = 0; i < SIGN_IN_LIMITS.address.free; i++) {
      const { res } = await formSignIn(proxied, { username: `guess${i}`, password: 'wrong password' }, from);
      expect(res.status, `attempt ${i + 1}`).toBe(401);
    }
    const limited = await formSignIn(proxied, { username: 'manager.user', password: PASSWORD }, from);
    expect(limited.res.status).toBe(429);
    expect(limited.res.text).toMatch(RATE_LIMITED);
    expect(limited.res.headers['retry-after']).toMatch(/^[12]$/);
    const elsewhere = await formSignIn(proxied, { username: 'manager.user', password: PASSWORD }, { 'X-Forwarded-For': '192.0.2.8' });
    expect(elsewhere.res.status).toBe(303);
  });

  it('ends the session on sign-out: the old cookie no longer works', async () => {
    const { sessionPair } = await formSignIn(t.app, { username: 'manager.user', password: PASSWORD });
    const cookie = { Cookie: sessionPair! };
    expect((await request(t.app).get('/api/policies').set(cookie)).status).toBe(200);
    const page = await request(t.app).get('/policies').set(cookie);
    const out = await request(t.app).post('/sign-out').set(cookie).type('form').send({ _csrf: csrfOf(page.text) });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/sign-in');
    expect(setCookie(out, 'entitle_session')).toMatch(/Expires=Thu, 01 Jan 1970/);

    const api = await request(t.app).get('/api/policies').set(cookie);
    expect(api.status).toBe(401);
    expect(api.body.error.code).toBe('UNAUTHENTICATED');
    const again = await request(t.app).get('/policies').set(cookie);
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/sign-in?next=%2Fpolicies');
  });

  it('never redirects off the site after sign-in, whatever next= says', async () => {
    for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', 'evil.example']) {
      const { res } = await formSignIn(t.app, { username: 'support.user', password: PASSWORD, next });
      expect(res.status, next).toBe(303);
      expect(res.headers.location, next).toBe('/');
      const form = await request(t.app).get(`/sign-in?next=${encodeURIComponent(next)}`);
      expect(form.text, next).toContain('name="next" value="/"');
    }
    const { res, sessionPair } = await formSignIn(t.app, { username: 'support.user', password: PASSWORD, next: '/policies/1' });
    expect(res.headers.location).toBe('/policies/1');
    const signedIn = await request(t.app).get('/sign-in?next=https%3A%2F%2Fevil.example').set('Cookie', sessionPair!);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/');
  });

  it('refuses a revoked bearer token with 401 INVALID_TOKEN', async () => {
    const { token, record } = await t.accounts.createToken({ owner: 'support.user', name: 'short-lived' }, { name: 'test' });
    const auth = { Authorization: `Bearer ${token}` };
    expect((await request(t.app).get('/api/policies').set(auth)).status).toBe(200);
    await t.accounts.revokeToken(record.id, { name: 'test' });
    for (const url of ['/api/policies', '/policies', '/sign-in']) {
      const res = await request(t.app).get(url).set(auth);
      expect(res.status, url).toBe(401);
      expect(res.body.error.code, url).toBe('INVALID_TOKEN');
    }
  });

  it('records sign-in failures, uploads (stored or rejected) and activations with the person, the token and the address', async () => {
    await formSignIn(proxied, { username: 'admin', password: 'wrong password' }, { 'X-Forwarded-For': '203.0.113.9' });
    // A password typed into the username field is no user's name: it is never stored.
    await formSignIn(proxied, { username: PASSWORD, password: 'admin' }, { 'X-Forwarded-For': '203.0.113.8' });
    const bytes = await editedSample((tables) => void tables.pop());
    const upload = await request(proxied).post('/api/policies').set({ Authorization: `Bearer ${t.tokens.admin}`, 'X-Forwarded-For': '203.0.113.10' }).attach('workbook', bytes, 'audit.xlsx');
    expect(upload.status).toBe(201);
    const version = upload.body.version.version as number;
    const broken = await editedSample((tables) => void (rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[1] = '两天内'));
    const rejected = await request(proxied).post('/api/policies').set({ Authorization: `Bearer ${t.tokens.admin}`, 'X-Forwarded-For': '203.0.113.12' }).attach('workbook', broken, 'broken.xlsx');
    expect(rejected.status).toBe(422);
    const admin = await signIn(proxied, 'admin');
    const activate = await admin.agent.post(`/policies/${version}/activate`).set('X-Forwarded-For', '203.0.113.11').type('form').send({ _csrf: admin.csrf });
    expect(activate.status).toBe(303);

    const tokenId = (await t.accounts.listTokens()).find((tok) => tok.name === 'admin test')!.id;
    const audit = await request(t.app).get('/api/audit').set('Authorization', `Bearer ${t.tokens.manager}`);
    expect(audit.status).toBe(200);
    expect(audit.body.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'auth.sign_in_failed', actor: 'admin', target: 'admin', address: '203.0.113.9', details: { reason: 'invalid' } }),
        expect.objectContaining({ action: 'auth.sign_in_failed', actor: expect.stringMatching(/^\(未知用户\) #[0-9a-f]{8}$/), address: '203.0.113.8', details: { reason: 'invalid' } }),
        // A token's action is its owner's, and says through which token.
        expect.objectContaining({ action: 'policy.upload', actor: 'admin', via: `token:${tokenId}`, target: `policy:${version}`, address: '203.0.113.10' }),
        expect.objectContaining({ action: 'policy.activate', actor: 'admin', via: null, target: `policy:${version}`, address: '203.0.113.11' }),
        expect.objectContaining({ action: 'policy.upload_rejected', actor: 'admin', via: `token:${tokenId}`, target: 'broken.xlsx', address: '203.0.113.12' }),
        expect.objectContaining({ action: 'auth.sign_in_failed', actor: 'sales.user', address: '198.51.100.1', details: expect.objectContaining({ reason: 'rate_limited', by: 'account_delay' }) }),
      ]),
    );
    expect(JSON.stringify(audit.body)).not.toContain(PASSWORD);
    const page = await (await signIn(t.app, 'manager.user')).agent.get('/audit');
    expect(page.text).toContain(`token:${tokenId}`);
    expect(page.text).not.toContain(PASSWORD);
    const upload2 = audit.body.entries.find((e: { action: string }) => e.action === 'policy.upload');
    expect(upload2.details).toMatchObject({ filename: 'audit.xlsx', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});
