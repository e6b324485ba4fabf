// Single sign-on over HTTP against the real test provider (test/support/oidc-provider.ts), on SQLite and MariaDB:
// the user made at the first sign-in tied to the provider's subject, its role following the claim, a disabled user
// refused, and a local account of the same name never taken over. Cookies are kept by hand, one jar per origin.
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, type TestApp } from '../support/http-app.ts';
import { startTestIdp, type TestIdp } from '../support/oidc-provider.ts';

type Jar = Map<string, string>;

async function get(url: string, jar: Jar, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const at = pair!.indexOf('=');
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
  return res;
}

describeEachDatabase('single sign-on over HTTP', (current) => {
  let idp: TestIdp;
  let t: TestApp;
  let server: Server;
  let base = '';

  beforeAll(async () => {
    idp = await startTestIdp();
    t = await createTestApp(current().db, { oidc: idp.appConfig, activateSample: false });
    server = await new Promise<Server>((resolve) => {
      const s = t.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    idp.start(`${base}/sign-in/oidc/callback`);
  });
  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await idp?.close();
  });

  /** Our start, the provider's login form (any password), back to our callback: the callback's answer. */
  async function signIn(login: string, next?: string): Promise<Response> {
    const app: Jar = new Map();
    const provider: Jar = new Map();
    let res = await get(`${base}/sign-in/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`, app);
    expect(res.status).toBe(303);
    let url = new URL(res.headers.get('location')!, base).href;
    // Through the provider until it sends the browser back to us.
    for (let hops = 0; hops < 10 && !url.startsWith(base); hops++) {
      res = await get(url, provider);
      if (res.status === 200) {
        const action = /action="([^"]+)"/.exec(await res.text())![1]!;
        res = await get(new URL(action, idp.issuer).href, provider, { method: 'POST', body: new URLSearchParams({ prompt: 'login', login, password: 'x' }) });
      }
      url = new URL(res.headers.get('location')!, url).href;
    }
    return get(url, app);
  }

  it('makes the user at the first sign-in with the mapped role, and follows the claim after', async () => {
    idp.accounts.set('wang.fang', { groups: ['entitle-desk'] });
    let res = await signIn('wang.fang');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const user = await t.accounts.getUser('wang.fang');
    expect(user.role).toBe('support');
    expect(await current().db('users').where({ username: 'wang.fang' }).first('sso_subject')).toEqual({ sso_subject: `${idp.issuer}#wang.fang` });

    // The page the person was sent to sign in from, query and all, is where they land.
    const next = '/requests?status=open&page=2';
    const page = await (await fetch(`${base}/sign-in?next=${encodeURIComponent(next)}`)).text();
    const href = /href="(\/sign-in\/oidc[^"]*)"/.exec(page)![1]!.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(href).toBe(`/sign-in/oidc?next=${encodeURIComponent(next)}`);
    idp.accounts.set('wang.fang', { groups: ['hq-experts'] });
    res = await signIn('wang.fang', next);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(next);
    expect((await t.accounts.getUser('wang.fang')).role).toBe('expert');
  });

  it('refuses a disabled user and a local account of the same name', async () => {
    await t.accounts.setDisabled('wang.fang', true, { name: 'admin' });
    let res = await signIn('wang.fang');
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('您的账户已被停用');

    idp.accounts.set('sales.user', { groups: ['entitle-admin'] });
    res = await signIn('sales.user');
    expect(res.status).toBe(409);
    expect(await res.text()).toContain('本系统已有同名的本地账户');
    expect((await t.accounts.getUser('sales.user')).role).toBe('sales');
  });
});
