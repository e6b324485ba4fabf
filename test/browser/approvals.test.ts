// Approvals in a real browser, at a desk (1366×768) and on a phone (390×844): sales asks for a discount over
// their own limit; a manager finds it in the approvals inbox (审批, with its count in the navigation), opens it,
// is refused a rejection without a reason (said beside the field), then rejects with one; sales reads the reason
// on the quote. Every page reached is checked by axe (no serious or critical violation) and for sideways
// scrolling. Screenshots land in test/artifacts/approvals/.
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { PriceList } from '../../src/catalog/price-list.ts';
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

  async function check(where: string, faults: string[]): Promise<void> {
    const axe = await new AxeBuilder({ page: b.page }).analyze();
    for (const v of axe.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') faults.push(`${where}: axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
    }
    const widths = await b.page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
    if (widths.scroll > widths.inner) faults.push(`${where}: the page scrolls sideways (${widths.scroll} > ${widths.inner})`);
  }

  for (const viewport of VIEWPORTS) {
    it(`sales asks, the manager rejects with a reason from the inbox, sales reads it, at ${viewport.width}×${viewport.height}`, async () => {
      const { page, base } = b;
      const faults: string[] = [];
      const shot = (step: string) => b.screenshot(`${viewport.name}-${step}`);
      // 退出 is under 菜单 at phone width: signed out at a desk's width, then back to the phone's.
      const signOut = async () => {
        await page.setViewportSize({ width: 1366, height: 768 });
        await signOut();
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
      };
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const customer = `温州电气集团 ${viewport.name}`;
      const reason = `折扣过高(${viewport.name}):请按销售自主上限重新报价`;

      // Sales asks for 5 points more than they may give alone.
      await b.signIn('sales.user');
      await page.goto(`${base}/quotes/new?offering=cloud`);
      await page.locator('input[name=customerName]').fill(customer);
      await page.locator('select[name=tier]').selectOption('preferred');
      await page.locator('input[name=discount]').fill(String((prices.discount.salesLimitBasisPoints + 500) / 100));
      await page.locator('#quote-form [data-issue]').click();
      await page.waitForURL(/\/quotes\/Q-\d{4}-\d{6}$/);
      const number = await page.locator('[data-quote-number]').innerText();
      expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('pending_approval');
      expect(await page.locator('[data-decision]').count()).toBe(0);
      await check(`sales' pending quote @${viewport.width}`, faults);
      await shot('sales-pending');
      await signOut();

      // The manager: 审批 counts it; the inbox lists it with its customer; its row leads to the quote.
      await b.signIn('manager.user');
      await page.goto(`${base}/approvals`);
      expect(await page.locator('[data-nav-approvals] .badge').textContent()).toMatch(/^1/);
      const row = page.locator(`#approval-list tr[data-quote="${number}"]`);
      expect(await row.innerText()).toContain(customer);
      expect(await row.innerText()).toContain('sales.user');
      await check(`inbox @${viewport.width}`, faults);
      await shot('inbox');
      await row.locator(`a[href="/quotes/${number}"]`).click();
      await page.waitForURL(`${base}/quotes/${number}`);
      await check(`the decision @${viewport.width}`, faults);
      await shot('decision');

      // A reason of only spaces is no reason: refused beside the field, the quote still waiting.
      await page.locator('#f-reason').fill('   ');
      await page.locator('button[data-reject]').click();
      await page.waitForURL(`${base}/quotes/${number}/reject`);
      expect(await page.locator('#f-reason-error').innerText()).toContain('请填写驳回理由');
      expect(await page.locator('#f-reason').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.error-summary a[href="#f-reason"]').count()).toBe(1);
      await check(`the refused rejection @${viewport.width}`, faults);
      await shot('reason-required');

      await page.locator('#f-reason').fill(reason);
      await page.locator('button[data-reject]').click();
      await page.waitForURL(`${base}/quotes/${number}`);
      expect(await page.locator('[data-status]').getAttribute('data-status')).toBe('rejected');
      expect(await page.locator('[data-decided-by]').innerText()).toBe('manager.user');
      expect(await page.locator('[data-decision-note]').innerText()).toBe(reason);
      await shot('rejected-record');
      await page.goto(`${base}/approvals`);
      expect(await page.locator(`#approval-list tr[data-quote="${number}"]`).count()).toBe(0);
      await signOut();

      // Sales reads who rejected it and why, on the quote itself.
      await b.signIn('sales.user');
      await page.goto(`${base}/quotes/${number}`);
      expect(await page.locator('[data-rejected]').innerText()).toContain(`经理 manager.user 驳回了此报价,理由:${reason}`);
      expect(await page.locator('[data-decided-at]').innerText()).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d$/);
      await check(`sales' rejected quote @${viewport.width}`, faults);
      await shot('sales-reads-reason');
      await signOut();
      if (viewport.width !== 1366) await page.setViewportSize({ width: 1366, height: 768 });
      expect(faults).toEqual([]);
    });
  }
});
