// Users and API tokens administered in Chromium, at a desk (1366×768) and on a phone (390×844): the admin creates
// a user, who signs in with the one-time password and must change it; the admin creates a token in the browser,
// the API takes it, then the admin revokes it and the API refuses it. Every page fits the width, needs no script,
// and axe finds nothing serious or critical. Screenshots in test/artifacts/admin-users/.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

const DESK = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

describe('admins manage users and tokens in Chromium', { timeout: 120_000 }, () => {
  let b: BrowserApp;
  let page: Page;

  useBrowserApp('admin-users', {}, async (opened) => {
    b = opened;
    page = b.page;
  });

  /** What is wrong with the page now open: sideways scrolling, script, axe's serious or critical findings. */
  async function faults(where: string): Promise<string[]> {
    const found: string[] = [];
    const widths = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
    if (widths.scroll > widths.inner) found.push(`${where}: scrolls sideways (${widths.scroll} > ${widths.inner})`);
    if ((await page.locator('script').count()) > 0) found.push(`${where}: has a script`);
    for (const v of (await new AxeBuilder({ page }).analyze()).violations) {
      if (v.impact === 'serious' || v.impact === 'critical') found.push(`${where}: axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
    }
    return found;
  }

  async function signInWith(username: string, password: string): Promise<void> {
    await page.goto(`${b.base}/sign-in`);
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(password);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
  }

  it('creates a user who signs in with the one-time password and must change it', async () => {
    const found: string[] = [];
    await b.context.clearCookies();
    await page.setViewportSize(DESK);
    await b.signIn('admin');
    await page.goto(`${b.base}/policies`);
    await page.locator('header nav a[href="/admin/users"]').click();
    await page.waitForURL((url) => url.pathname === '/admin/users');
    expect(await page.locator('header nav a[aria-current="page"]').innerText()).toBe('用户');
    found.push(...(await faults('users @1366')));
    await b.screenshot('users-1366');

    await page.locator('#f-username').fill('zhou.jiu');
    await page.locator('#f-role').selectOption({ label: '销售' });
    await page.locator('form[method=post][action="/admin/users"] button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/admin/users');
    expect(await page.locator('h1').innerText()).toBe('用户已创建');
    const password = await page.locator('#secret').inputValue();
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    found.push(...(await faults('user created @1366')));
    await b.screenshot('user-created-1366');

    // The user's page, at both widths: role, state, the forms, the sign-in history.
    await page.getByRole('link', { name: '查看该用户' }).click();
    await page.waitForURL((url) => /^\/admin\/users\/\d+$/.test(url.pathname));
    found.push(...(await faults('user @1366')));
    await page.setViewportSize(PHONE);
    found.push(...(await faults('user @390')));
    await b.screenshot('user-390');
    await page.goto(`${b.base}/admin/users`);
    found.push(...(await faults('users @390')));
    await page.setViewportSize(DESK);
    await b.signOut();

    // The new user, on a phone: the one-time password signs in, and only the password page is open.
    await page.setViewportSize(PHONE);
    await signInWith('zhou.jiu', password);
    expect(new URL(page.url()).pathname).toBe('/account/password');
    await page.locator('input[name=currentPassword]').fill(password);
    await page.locator('input[name=newPassword]').fill('zhou’s own password');
    await page.locator('input[name=confirmPassword]').fill('zhou’s own password');
    await page.locator('form[action="/account/password"] button[type=submit]').click();
    await page.waitForURL((url) => url.search === '?changed=1');
    found.push(...(await faults('password changed @390')));
    await b.screenshot('own-password-390');
    await page.goto(`${b.base}/quotes`);
    expect(new URL(page.url()).pathname).toBe('/quotes');
    expect(found).toEqual([]);
  });

  it('creates a token in the browser that the API takes, then revokes it and the API refuses it', async () => {
    const found: string[] = [];
    await b.context.clearCookies();
    await page.setViewportSize(PHONE);
    await b.signIn('admin');
    await page.goto(`${b.base}/admin/users`);
    await page.getByRole('link', { name: 'API 令牌' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/tokens');
    found.push(...(await faults('tokens @390')));

    await page.locator('#f-user').selectOption('sales.user');
    await page.locator('#f-name').fill('CRM 集成');
    await page.locator('form[action="/admin/tokens"] button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/admin/tokens');
    expect(await page.locator('h1').innerText()).toBe('API 令牌已创建');
    const token = await page.locator('#secret').inputValue();
    expect(token).toMatch(/^ent_/);
    found.push(...(await faults('token created @390')));
    await b.screenshot('token-created-390');

    const api = (t: string) => fetch(`${b.base}/api/policies`, { headers: { Authorization: `Bearer ${t}` } });
    expect((await api(token)).status).toBe(200);

    await page.setViewportSize(DESK);
    await page.goto(`${b.base}/admin/tokens`);
    const row = page.locator('#token-list tbody tr', { hasText: 'CRM 集成' });
    expect(await row.innerText()).toContain('销售');
    expect(await row.innerText()).not.toContain('从未使用');
    found.push(...(await faults('tokens @1366')));
    await b.screenshot('tokens-1366');
    await row.getByRole('button', { name: '撤销令牌“CRM 集成”' }).click();
    await page.waitForURL((url) => url.search === '?done=revoked');
    expect(await page.locator('p.ok').innerText()).toContain('令牌已撤销');
    expect(await page.locator('#token-list tbody tr', { hasText: 'CRM 集成' }).innerText()).toContain('已撤销');
    found.push(...(await faults('token revoked @1366')));
    await b.screenshot('token-revoked-1366');
    const refused = await api(token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('INVALID_TOKEN');
    expect(found).toEqual([]);
  });
});
