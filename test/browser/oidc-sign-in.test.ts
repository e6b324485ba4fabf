// Single sign-on in Chromium against a real OIDC provider on loopback (test/support/oidc-provider.ts): the SSO
// button on the sign-in page (axe-clean at 1366×768 and 390×844), a first sign-in that makes the user with the
// mapped role and lands on that role's home, a role claim changed at the provider that changes the role at the next
// sign-in, and an ID token with a broken signature refused in words. Screenshots in test/artifacts/oidc-sign-in/.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openBrowserApp, type BrowserApp } from '../support/browser.ts';
import { startTestIdp, type TestIdp } from '../support/oidc-provider.ts';

describe('single sign-on (OIDC) in Chromium', { timeout: 120_000 }, () => {
  let idp: TestIdp;
  let b: BrowserApp;
  let page: Page;
  let failure: unknown;

  beforeAll(async () => {
    try {
      idp = await startTestIdp();
      b = await openBrowserApp('oidc-sign-in', { oidc: idp.appConfig });
      // The app's port is known only now: the provider registers its callback address.
      idp.start(`${b.base}/sign-in/oidc/callback`);
      page = b.page;
    } catch (err) {
      failure = err;
    }
  });
  beforeEach(() => {
    if (failure) throw failure;
  });
  afterAll(async () => {
    await b?.close();
    await idp?.close();
  });

  /** From our sign-in page through the provider's login form (shown only while the browser has no session there). */
  async function signInThroughProvider(login: string): Promise<void> {
    await page.goto(`${b.base}/sign-in`);
    await page.locator('a.button[href^="/sign-in/oidc"]').click();
    // Back here already (the provider remembers the browser), or at the provider's login form.
    const settled = (url: URL) => url.origin === b.base && url.pathname !== '/sign-in' && url.pathname !== '/sign-in/oidc';
    await page.waitForURL((url) => url.origin === idp.issuer || settled(url));
    if (new URL(page.url()).origin === idp.issuer) {
      await page.locator('input[name=login]').fill(login);
      await page.locator('input[name=password]').fill('any password');
      await page.locator('button[type=submit]').click();
    }
    await page.waitForURL(settled);
  }

  const whoAmI = () => page.locator('.who a.user').first().textContent();
  const userRow = (username: string) => b.t.deps.accounts.listUsers().then((users) => users.find((u) => u.username === username));

  it('shows the SSO button above the password form, axe-clean at 1366×768 and 390×844', async () => {
    for (const [width, height] of [[1366, 768], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${b.base}/sign-in`);
      await expect(page.locator('a.button[href^="/sign-in/oidc"]').innerText()).resolves.toBe('使用单点登录');
      // Break-glass: the local password form is still there.
      expect(await page.locator('form[action="/sign-in"] input[name=password]').count()).toBe(1);
      const axe = await new AxeBuilder({ page }).analyze();
      const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
      expect(serious, `${width} px`).toEqual([]);
      await b.screenshot(`sign-in-${width}`);
    }
    // The rest at a laptop's size, where the sign-out button is in the header rather than under 菜单.
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('signs in a new person with the mapped role and lands on that role’s home', async () => {
    idp.accounts.set('li.lei', { groups: ['staff', 'entitle-sales'], email: 'li.lei@example.com' });
    await signInThroughProvider('li.lei');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await whoAmI()).toContain('li.lei (销售)');
    await expect(page.locator('main').innerText()).resolves.toContain('我的报价');
    await b.screenshot('home-sales');
    const user = await userRow('li.lei');
    expect(user?.role).toBe('sales');
    const entries = await b.t.audit.list({ action: 'auth.sign_in' });
    expect(entries.find((e) => e.target === 'li.lei')?.details).toEqual({ via: 'oidc' });
    // The local admin still signs in with a password.
    await b.signOut();
    await b.signIn('admin');
    expect(await whoAmI()).toContain('admin');
    await b.signOut();
  });

  it('follows a role claim changed at the provider at the next sign-in, audited', async () => {
    idp.accounts.set('li.lei', { groups: ['entitle-managers'] });
    await signInThroughProvider('li.lei');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await whoAmI()).toContain('li.lei (服务/客户成功经理)');
    await expect(page.locator('main').innerText()).resolves.toContain('待审批报价');
    await b.screenshot('home-manager');
    expect((await userRow('li.lei'))?.role).toBe('manager');
    const change = (await b.t.audit.list({ action: 'user.role' })).find((e) => e.target === 'li.lei');
    expect(change?.details).toEqual({ from: 'sales', to: 'manager', via: 'oidc' });
    await b.signOut();
  });

  it('refuses a person none of whose groups maps to a role, in words', async () => {
    idp.accounts.set('li.lei', { groups: ['staff'] });
    await signInThroughProvider('li.lei');
    expect(new URL(page.url()).pathname).toBe('/sign-in/oidc/callback');
    await expect(page.locator('p.error').innerText()).resolves.toContain('没有对应本系统的任何角色');
    expect(await page.locator('.who a.user').count()).toBe(0);
  });

  it('refuses an ID token whose signature is not the provider’s, without a stack trace', async () => {
    idp.accounts.set('li.lei', { groups: ['entitle-admin'] });
    idp.tamperIdTokens = true;
    try {
      await signInThroughProvider('li.lei');
    } finally {
      idp.tamperIdTokens = false;
    }
    await expect(page.locator('p.error').innerText()).resolves.toBe('身份提供方返回的身份令牌未通过校验(签名、签发方或有效期不符),未登录。请联系管理员。');
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/\bat [\w.<>]+ \(|Error:|JWS|signature verification/i);
    expect(await page.locator('.who a.user').count()).toBe(0);
    // Nothing changed: still a manager, and no session was started.
    expect((await userRow('li.lei'))?.role).toBe('manager');
    await b.screenshot('bad-signature');
  });
});
