// Approvals in a real browser, at a desk (1366×768) and on a phone (390×844): sales asks for a discount over
// their own limit; a manager finds it in the approvals inbox (审批, with its count in the navigation), opens it,
// is refused a rejection without a reason (said beside the field), then rejects with one; sales reads the reason
// on the quote. Every page reached is checked by axe (no serious or critical violation) and for sideways
// scrolling. Screenshots land in test/artifacts/approvals/.
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { PASSWORD } from '../support/http-app.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

const VIEWPORTS = [
  { width: 1366, height: 768, name: 'desk' },
  { width: 390, height: 844, name: 'phone' },
] as const;

describe('a manager rejects a discount with a reason that sales then reads, in Chromium', { timeout: 400_000 }, () => {
  let b: BrowserApp;
  let prices: PriceList;

  useBrowserApp('approvals', {}, async (opened) => {
    b = opened;
    prices = (await b.t.policies.getRules(1)).prices as PriceList;
  });

  let shots = 0;

  /** A fresh tab signed in as `username` at the width asked for (each person in their own tab; cookies cleared between). */
  async function openAs(username: string, viewport: { width: number; height: number }): Promise<Page> {
    await b.context.clearCookies();
    const page = await b.context.newPage();
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.goto(`${b.base}/sign-in`);
    await page.locator('input[name=username]').fill(username);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL((url) => url.pathname !== '/sign-in');
    return page;
  }

  async function shot(page: Page, name: string): Promise<void> {
    shots += 1;
    await page.screenshot({ path: path.resolve('test/artifacts/approvals', `${String(shots).padStart(2, '0')}-${name}.png`), fullPage: true });
  }

  async function check(page: Page, where: string, faults: string[]): Promise<void> {
    const axe = await new AxeBuilder({ page }).analyze();
    for (const v of axe.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') faults.push(`${where}: axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
    }
    const widths = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
    if (widths.scroll > widths.inner) faults.push(`${where}: the page scrolls sideways (${widths.scroll} > ${widths.inner})`);
  }

  for (const viewport of VIEWPORTS) {
    it(`sales asks, the manager rejects with a reason from the inbox, sales reads it, at ${viewport.width}×${viewport.height}`, async () => {
      const { base } = b;
      const faults: string[] = [];
      const at = `@${viewport.width}`;
      const customer = `温州电气集团 ${viewport.name}`;
      const reason = `折扣过高(${viewport.name}):请按销售自主上限重新报价`;

      // Sales asks for 5 points more than they may give alone.
      let page = await openAs('sales.user', viewport);
      await page.goto(`${base}/quotes/new?offering=cloud`);
      await page.locator('input[name=customerName]').fill(customer);
      await page.locator('select[name=tier]').selectOption('preferred');
      await page.locator('input[name=discount]').fill(String((prices.discount.salesLimitBasisPoints + 500) / 100));
      await page.locator('#quote-form [data-issue]').click();
      await page.waitForURL(/\/quotes\/Q-\d{4}-\d{6}$/);
      const number = await page.locator('[data-quote-number]').innerText();
      expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('pending_approval');
      expect(await page.locator('[data-decision]').count()).toBe(0);
      await check(page, `sales' pending quote ${at}`, faults);
      await shot(page, `${viewport.name}-sales-pending`);
      await page.close();

      // The manager: 审批 counts it; the inbox lists it with its customer; its row leads to the quote.
      page = await openAs('manager.user', viewport);
      await page.goto(`${base}/approvals`);
      expect(await page.locator('[data-nav-approvals] .badge').textContent()).toMatch(/^1/);
      const row = page.locator(`#approval-list tr[data-quote="${number}"]`);
      expect(await row.innerText()).toContain(customer);
      expect(await row.innerText()).toContain('sales.user');
      await check(page, `inbox ${at}`, faults);
      await shot(page, `${viewport.name}-inbox`);
      await row.locator(`a[href="/quotes/${number}"]`).click();
      await page.waitForURL(`${base}/quotes/${number}`);
      await check(page, `the decision ${at}`, faults);
      await shot(page, `${viewport.name}-decision`);

      // A reason of only spaces is no reason: refused beside the field, the quote still waiting.
      await page.locator('#f-reason').fill('   ');
      await page.locator('button[data-reject]').click();
      await page.waitForURL(`${base}/quotes/${number}/reject`);
      expect(await page.locator('#f-reason-error').innerText()).toContain('请填写驳回理由');
      expect(await page.locator('#f-reason').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.error-summary a[href="#f-reason"]').count()).toBe(1);
      await check(page, `the refused rejection ${at}`, faults);
      await shot(page, `${viewport.name}-reason-required`);

      await page.locator('#f-reason').fill(reason);
      await page.locator('button[data-reject]').click();
      await page.waitForURL(`${base}/quotes/${number}`);
      expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('rejected');
      expect(await page.locator('[data-decided-by]').innerText()).toBe('manager.user');
      expect(await page.locator('[data-decision-note]').innerText()).toBe(reason);
      await shot(page, `${viewport.name}-rejected-record`);
      await page.goto(`${base}/approvals`);
      expect(await page.locator(`#approval-list tr[data-quote="${number}"]`).count()).toBe(0);
      await page.close();

      // Sales reads who rejected it and why, on the quote itself.
      page = await openAs('sales.user', viewport);
      await page.goto(`${base}/quotes/${number}`);
      expect(await page.locator('[data-rejected]').innerText()).toContain(`经理 manager.user 驳回了此报价,理由:${reason}`);
      expect(await page.locator('[data-decided-at]').innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      await check(page, `sales' rejected quote ${at}`, faults);
      await shot(page, `${viewport.name}-sales-reads-reason`);
      await page.close();
      expect(faults).toEqual([]);
    });
  }
});
