// Changing one's password in Chromium at a phone's width (390 px) and a laptop's (1366 px): the page fits
// without sideways scrolling, needs no JavaScript, and the change takes effect. Screenshots land in
// test/artifacts/account-password/.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';
import { PASSWORD } from '../support/http-app.ts';

describe('changing a password in Chromium', { timeout: 60_000 }, () => {
  let b: BrowserApp;
  let page: Page;

  useBrowserApp('account-password', {}, async (opened) => {
    b = opened;
    page = b.page;
  });

  /** No sideways scrolling: the page's width is the window's. (Runs in the page, where the DOM types exist.) */
  const fitsWidth = () =>
    page.evaluate(() => {
      const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
      return w.document.documentElement.scrollWidth <= w.innerWidth;
    });

  it('fits 390 px and 1366 px, refuses a mismatch beside the form, and changes the password', async () => {
    await b.signIn('support.user');
    for (const width of [1366, 390]) {
      await page.setViewportSize({ width, height: 844 });
      await page.goto(`${b.base}/account/password`);
      expect(await fitsWidth(), `${width} px`).toBe(true);
      expect(await page.locator('script').count()).toBe(0);
      await b.screenshot(`form-${width}`);
    }
    // The name in the header leads here; at a phone's width it is under 菜单.
    await page.goto(`${b.base}/policies`);
    await page.locator('header details.menu > summary').click();
    await page.locator('.who a.user').click();
    await page.waitForURL((url) => url.pathname === '/account/password');

    await page.locator('input[name=currentPassword]').fill(PASSWORD);
    await page.locator('input[name=newPassword]').fill('a brand new password');
    await page.locator('input[name=confirmPassword]').fill('a different password');
    await page.locator('form[action="/account/password"] button[type=submit]').click();
    await expect.poll(() => page.locator('p.error').innerText()).toBe('两次输入的新密码不一致');
    expect(await fitsWidth()).toBe(true);
    await b.screenshot('mismatch-390');

    await page.locator('input[name=currentPassword]').fill(PASSWORD);
    await page.locator('input[name=newPassword]').fill('a brand new password');
    await page.locator('input[name=confirmPassword]').fill('a brand new password');
    await page.locator('form[action="/account/password"] button[type=submit]').click();
    await page.waitForURL((url) => url.search === '?changed=1');
    expect(await page.locator('p.ok').innerText()).toContain('密码已修改');
    await b.screenshot('changed-390');
    expect((await b.t.accounts.signIn('support.user', 'a brand new password', '10.0.0.1')).ok).toBe(true);
  });
});
