// The change-password page: forced for a generated first password (nothing else is reachable until it is
// changed), and open to every signed-in person for their own password, behind CSRF.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { PASSWORD, createTestApp, csrfOf, errorCode, signIn, type TestApp } from '../support/http-app.ts';

const NEW_PASSWORD = 'my very own password';

describeEachDatabase('changing one’s password', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    await t.accounts.createUser('first.admin', 'admin', PASSWORD, { name: 'test' });
    // As ensureInitialAdmin leaves a generated first password.
    await current().db('users').where({ username: 'first.admin' }).update({ must_change_password: true });
  });

  it('sends a person with a generated password to change it, and keeps every other page and API call from them', async () => {
    const agent = request.agent(t.app);
    const form = await agent.get('/sign-in');
    const signedIn = await agent.post('/sign-in').type('form').send({ username: 'first.admin', password: PASSWORD, next: '/contracts', _csrf: csrfOf(form.text) });
    expect([signedIn.status, signedIn.headers.location]).toEqual([303, '/account/password']);

    for (const url of ['/policies', '/contracts', '/audit', '/', '/sign-in']) {
      const page = await agent.get(url);
      expect(page.status, url).toBe(303);
      // /sign-in sends a signed-in person home, and home sends them on to the password page.
      expect(page.headers.location, url).toMatch(/^\/(account\/password)?$/);
    }
    const passwordPage = await agent.get('/account/password');
    expect(passwordPage.status).toBe(200);
    expect(passwordPage.text).toContain('这是系统生成的初始密码');
    expect(passwordPage.text).not.toContain('<script');
    // No menu of pages that would only lead back here.
    expect(passwordPage.text).not.toContain('href="/contracts"');
    const csrf = csrfOf(passwordPage.text);
    for (const [method, url] of [['get', '/api/policies'], ['get', '/api/audit'], ['post', '/api/policies/1/activate']] as const) {
      const res = await agent[method](url).set('X-CSRF-Token', csrf).send({});
      expect(res.status, url).toBe(403);
      expect(res.body.error.code, url).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(res.body.error.message, url).toBe('请先在 /account/password 修改初始密码 / Change the initial password at /account/password first');
    }
    const english = await agent.get('/account/password?lang=en');
    expect(english.text).toContain('This is the generated first password');

    const changed = await agent.post('/account/password').type('form').send({ _csrf: csrf, currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect([changed.status, changed.headers.location]).toEqual([303, '/account/password?changed=1']);
    const policies = await agent.get('/policies');
    expect(policies.status).toBe(200);
    expect(policies.text).toContain('href="/contracts"');
    expect((await agent.get('/api/policies')).status).toBe(200);
    expect((await agent.get('/account/password?changed=1')).text).toContain('Your password was changed');
  });

  it('lets a must-change person sign out', async () => {
    await current().db('users').where({ username: 'first.admin' }).update({ must_change_password: true });
    const { agent } = await signIn(t.app, 'first.admin', NEW_PASSWORD);
    const csrf = csrfOf((await agent.get('/account/password')).text);
    const out = await agent.post('/sign-out').type('form').send({ _csrf: csrf });
    expect([out.status, out.headers.location]).toEqual([303, '/sign-in']);
    await current().db('users').where({ username: 'first.admin' }).update({ must_change_password: false });
  });

  it('lets anyone signed in change their own password: the current one is required, the new one twice, CSRF checked', async () => {
    const here = await signIn(t.app, 'sales.user');
    const elsewhere = await signIn(t.app, 'sales.user');
    const page = await here.agent.get('/account/password');
    expect(page.status).toBe(200);
    expect(page.text).toContain('修改密码');
    expect(page.text).not.toContain('这是系统生成的初始密码');
    const csrf = csrfOf(page.text);
    const post = (fields: Record<string, string>) => here.agent.post('/account/password').type('form').send({ _csrf: csrf, ...fields });

    const noCsrf = await here.agent.post('/account/password').type('form').send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect([noCsrf.status, errorCode(noCsrf)]).toEqual([403, 'CSRF_REJECTED']);
    const wrong = await post({ currentPassword: 'not the password', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('当前密码不正确');
    expect(wrong.text).toMatch(/<label class="invalid">当前密码/);
    const differ = await post({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: `${NEW_PASSWORD}!` });
    expect([differ.status, differ.text.includes('两次输入的新密码不一致')]).toEqual([422, true]);
    const weak = await post({ currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'short' });
    expect([weak.status, weak.text.includes('密码至少 10 个字符')]).toEqual([422, true]);
    const missing = await post({ currentPassword: PASSWORD });
    expect(missing.status).toBe(400);

    const ok = await post({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(ok.status).toBe(303);
    // This session stays; the one elsewhere ended; the new password signs in, the old one no more.
    expect((await here.agent.get('/policies')).status).toBe(200);
    expect((await elsewhere.agent.get('/policies')).headers.location).toBe('/sign-in?next=%2Fpolicies');
    expect((await signIn(t.app, 'sales.user', NEW_PASSWORD)).status).toBe(303);
    expect((await signIn(t.app, 'sales.user', PASSWORD)).status).toBe(401);
    const [entry] = await t.audit.list({ action: 'user.password', limit: 1 });
    expect(entry).toMatchObject({ actor: 'sales.user', target: 'sales.user', details: { own: true, initial: false } });
    await t.accounts.setPassword('sales.user', PASSWORD, { name: 'test' });
  });

  it('shows a token caller the form but changes nothing for them', async () => {
    const res = await request(t.app).post('/account/password').set('Authorization', `Bearer ${t.tokens.support}`).type('form').send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.text).toContain('请在浏览器中登录后修改自己的密码');
    expect((await signIn(t.app, 'support.user')).status).toBe(303);
  });
});
