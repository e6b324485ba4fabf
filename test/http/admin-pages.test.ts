// Users and API tokens managed in the browser (/admin/users, /admin/tokens) through the real app and database:
// a user created with a one-time password shown once, refusals beside their fields in the page's language (the
// last admin kept), a token created with the owner's role or a narrower one, used against the API, and revoked.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, type TestApp } from '../support/http-app.ts';

const ONE_TIME = /id="secret"[^>]*value="([a-z2-9]{4}(?:-[a-z2-9]{4}){3})"/;

describeEachDatabase('admin pages for users and tokens', (current) => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    t = await createTestApp(current().db);
    admin = await signIn(t.app, 'admin');
  });

  it('creates a user whose one-time password is shown once and must be changed at first sign-in', async () => {
    const list = await admin.agent.get('/admin/users');
    expect(list.status).toBe(200);
    expect(list.text).toContain('技术支持');
    expect(list.text).not.toMatch(/>support</);
    expect(list.text).toContain('href="/admin/users"');

    const created = await admin.agent.post('/admin/users').type('form').send({ _csrf: admin.csrf, username: 'Wang.Wu', role: 'sales' });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const password = ONE_TIME.exec(created.text)?.[1];
    expect(password).toBeDefined();
    expect(created.text).toContain('只显示这一次');

    const person = request.agent(t.app);
    const form = await person.get('/sign-in');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const signedIn = await person.post('/sign-in').type('form').send({ _csrf: csrf, username: 'wang.wu', password });
    expect(signedIn.headers.location).toBe('/account/password');
    expect((await person.get('/quotes')).headers.location).toBe('/account/password');

    const entries = await t.audit.list({ action: 'user.create' });
    expect(entries[0]).toMatchObject({ actor: 'admin', target: 'wang.wu', details: { role: 'sales' } });
  });

  it('refuses beside the field, in the page’s language, and keeps the last enabled admin', async () => {
    const short = await admin.agent.post('/admin/users').type('form').send({ _csrf: admin.csrf, username: 'x', role: 'sales' });
    expect(short.status).toBe(422);
    expect(short.text).toMatch(/id="f-username-error">用户名由 2–64 个字母/);
    expect(short.text).toContain('value="x"');
    const twice = await admin.agent.post('/admin/users').type('form').send({ _csrf: admin.csrf, username: 'sales.user', role: 'sales' });
    expect(twice.status).toBe(409);
    expect(twice.text).toContain('用户 sales.user 已存在');

    const adminId = (await t.accounts.listUsers()).find((u) => u.username === 'admin')!.id;
    const demote = await admin.agent.post(`/admin/users/${adminId}/role`).type('form').send({ _csrf: admin.csrf, role: 'manager' });
    expect(demote.status).toBe(409);
    expect(demote.text).toMatch(/id="f-role-error">admin 是最后一位启用的服务产品管理员/);
    const disable = await admin.agent.post(`/admin/users/${adminId}/disable?lang=en`).type('form').send({ _csrf: admin.csrf });
    expect(disable.status).toBe(409);
    expect(disable.text).toContain('is the last enabled Policy owner (admin)');
    expect((await t.accounts.getUser(adminId))).toMatchObject({ role: 'admin', disabled: false });
    await admin.agent.get('/admin/users?lang=zh');

    // Another user's role changes, is audited, and the page says so; their sign-ins are listed.
    const sales = (await t.accounts.listUsers()).find((u) => u.username === 'sales.user')!;
    const changed = await admin.agent.post(`/admin/users/${sales.id}/role`).type('form').send({ _csrf: admin.csrf, role: 'manager' });
    expect(changed.headers.location).toBe(`/admin/users/${sales.id}?done=role`);
    const page = await admin.agent.get(changed.headers.location!);
    expect(page.text).toContain('角色已更改');
    expect(page.text).toContain('服务/客户成功经理');
    expect((await t.audit.list({ action: 'user.role' }))[0]).toMatchObject({ target: 'sales.user', details: { from: 'sales', to: 'manager' } });
    await signIn(t.app, 'sales.user', 'a wrong password');
    const history = await admin.agent.get(`/admin/users/${sales.id}`);
    expect(history.text).toContain('失败:密码错误');
    // The audit log links to a user by name.
    expect((await admin.agent.get('/admin/users/Sales.User')).text).toContain('失败:密码错误');
    expect((await admin.agent.get('/admin/users/nobody')).status).toBe(404);
  });

  it('creates a token for a person, within their role, shown once; the API takes it, lists its last use, and refuses it once revoked', async () => {
    const wider = await admin.agent.post('/admin/tokens').type('form').send({ _csrf: admin.csrf, owner: 'support.user', role: 'admin', name: 'ERP' });
    expect(wider.status).toBe(422);
    expect(wider.text).toMatch(/id="f-role-error">令牌的角色“服务产品管理员”超出了用户 support.user 的角色“技术支持”/);

    const created = await admin.agent.post('/admin/tokens').type('form').send({ _csrf: admin.csrf, owner: 'support.user', role: '', name: 'ERP 集成' });
    expect(created.status).toBe(201);
    expect(created.headers['cache-control']).toBe('no-store');
    const token = /id="secret"[^>]*value="(ent_[A-Za-z0-9_-]+)"/.exec(created.text)?.[1];
    expect(token).toBeDefined();
    expect((await request(t.app).get('/api/policies').set('Authorization', `Bearer ${token}`)).status).toBe(200);

    const list = await admin.agent.get('/admin/tokens');
    const row = list.text.split('<tr>').find((r) => r.includes('ERP 集成'))!;
    expect(row).toContain('技术支持');
    expect(row).not.toContain('从未使用');
    const id = Number(/action="\/admin\/tokens\/(\d+)\/revoke"/.exec(row)![1]);
    const revoked = await admin.agent.post(`/admin/tokens/${id}/revoke`).type('form').send({ _csrf: admin.csrf });
    expect(revoked.headers.location).toBe('/admin/tokens?done=revoked');
    expect((await request(t.app).get('/api/policies').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    // Revoking again changes nothing and says so.
    expect((await admin.agent.post(`/admin/tokens/${id}/revoke`).type('form').send({ _csrf: admin.csrf })).headers.location).toBe('/admin/tokens?done=already');
    expect((await t.audit.list({ action: 'token.revoke' })).filter((e) => e.target === `token:${id}`)).toHaveLength(1);
  });

  it('is the admins’ only: others are refused, and a POST needs the CSRF token', async () => {
    const manager = await signIn(t.app, 'manager.user');
    expect((await manager.agent.get('/admin/users')).status).toBe(403);
    expect((await manager.agent.get('/policies')).text).not.toContain('href="/admin/users"');
    expect((await admin.agent.post('/admin/users').type('form').send({ username: 'no.csrf', role: 'sales' })).status).toBe(403);
  });
});
