// A contract form refused in Chromium, at a laptop's width (1366×768) and a phone's (390×844): 结束日期 before
// 开始日期 comes back with the Chinese message beside the highlighted field and in the summary at the top, which
// links to the field; what was typed is kept, nothing is stored, and no English, no field path and no code stands
// as text. The contracts and customers lists, the contract page and its edit form are checked too: axe finds no serious or critical violation,
// nothing is cut off sideways, and services are named. Screenshots land in test/artifacts/contracts/.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SERVICE_NAMES } from '../../src/catalog/catalog-names.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

const MESSAGE = '不能早于开始日期(2026-12-31),请选择 2026-12-31 当天或之后的日期';

describe('a refused contract form in Chromium, in Chinese, at 1366×768 and 390×844', { timeout: 120_000 }, () => {
  let b: BrowserApp;
  let page: Page;
  let contractId: number;
  const faults: string[] = [];

  useBrowserApp('contracts', {}, async (opened) => {
    b = opened;
    page = b.page;
    const customer = await b.t.deps.contracts.createCustomer({ name: '宁波港务集团', contacts: [{ name: '王芳', email: 'wang.fang@ningbo-port.example', role: 'csm' }] }, { name: 'test', address: null });
    contractId = (
      await b.t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2030-12-31', services: [{ service: 'db_migration', personDays: 10 }] })
    ).id;
    await b.signIn('sales.user');
  });

  /** Axe's serious and critical findings, sideways overflow, and service codes standing as text, on the page now open. */
  async function check(where: string): Promise<void> {
    const axe = await new AxeBuilder({ page }).analyze();
    for (const v of axe.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') faults.push(`${where}: axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
    }
    const fits = await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
    if (!fits) faults.push(`${where}: wider than the window`);
    const text = await page.evaluate<string>(`(() => { const c = document.body.cloneNode(true); c.querySelectorAll('.code, script, style').forEach((e) => e.remove()); return c.innerText; })()`);
    for (const code of Object.keys(SERVICE_NAMES)) if (new RegExp(`\\b${code}\\b`).test(text)) faults.push(`${where}: the code ${code} is shown as text`);
  }

  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    it(`at ${width}×${height}: shows 结束日期's Chinese message beside the highlighted field and in the summary`, async () => {
      await page.setViewportSize({ width, height });
      await page.goto(`${b.base}/contracts`);
      await check(`/contracts at ${width}`);
      await b.screenshot(`list-${width}`);

      const form = page.locator('#new-contract form');
      await form.locator('#f-customerName').fill(`日期颠倒的客户 ${width}`);
      await form.locator('#f-contactName').fill('周杰');
      await form.locator('#f-offering').selectOption('on_premise');
      await form.locator('#f-tier').selectOption('preferred');
      await form.locator('#f-startsOn').fill('2026-12-31');
      await form.locator('#f-endsOn').fill('2026-01-01');
      await form.locator('#f-service_db_migration').check();
      await form.locator('#f-days_db_migration').fill('6');
      await form.locator('button[value=create]').click();
      await page.waitForLoadState('load');

      // Beside the field, which is highlighted and points at its message.
      const field = page.locator('#new-contract .field:has(> #f-endsOn)');
      await expect.poll(() => field.getAttribute('class')).toContain('invalid');
      expect(await page.locator('#f-endsOn').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#f-endsOn').getAttribute('aria-describedby')).toBe('f-endsOn-error');
      expect(await page.locator('#f-endsOn-error').innerText()).toBe(MESSAGE);
      // In the summary at the top, naming the field as its label does and linking to it.
      const summary = page.locator('#new-contract .error-summary');
      expect(await summary.getAttribute('role')).toBe('alert');
      const link = summary.locator('a[href="#f-endsOn"]');
      expect(await link.innerText()).toBe(`结束日期:${MESSAGE}`);
      // What was typed is kept.
      expect(await page.locator('#f-customerName').inputValue()).toBe(`日期颠倒的客户 ${width}`);
      expect(await page.locator('#f-startsOn').inputValue()).toBe('2026-12-31');
      expect(await page.locator('#f-tier').inputValue()).toBe('preferred');
      expect(await page.locator('#f-service_db_migration').isChecked()).toBe(true);
      expect(await page.locator('#f-days_db_migration').inputValue()).toBe('6');
      // Chinese only, and nothing internal.
      const shown = await page.locator('#new-contract').innerText();
      for (const text of ['endsOn', 'startsOn', 'must', 'Invalid', 'VALIDATION_FAILED', '内容无效', ' / ']) expect(shown, text).not.toContain(text);
      expect(await b.t.deps.contracts.customerNamed(`日期颠倒的客户 ${width}`)).toBeNull();
      await check(`refused form at ${width}`);
      await page.locator('#new-contract').scrollIntoViewIfNeeded();
      await b.screenshot(`refused-${width}`);

      // The summary's link leads to the field (without script: the browser goes to it, in view).
      await link.click();
      await expect.poll(() => new URL(page.url()).hash).toBe('#f-endsOn');
      expect(await page.locator('#f-endsOn').isVisible()).toBe(true);
      await page.locator('#f-endsOn').fill('2027-12-30');
      await page.locator('#new-contract button[value=create]').click();
      await page.waitForURL((url) => /^\/contracts\/\d+$/.test(url.pathname));
      expect(await page.locator('table.entitlements').innerText()).toContain('数据库迁移');
      await check(`new contract at ${width}`);
      await b.screenshot(`created-${width}`);

      await page.goto(`${b.base}/contracts/${contractId}`);
      expect(await page.locator('dl.facts').innerText()).toContain('数据库迁移 · 10 人天');
      await check(`contract page at ${width}`);
      await b.screenshot(`contract-${width}`);
      await page.goto(`${b.base}/contracts/${contractId}/edit`);
      await check(`edit form at ${width}`);
      await page.goto(`${b.base}/customers`);
      expect(await page.locator('#customer-list').innerText()).toContain('宁波港务集团');
      await check(`customers at ${width}`);
      await b.screenshot(`customers-${width}`);
    });
  }

  it('found nothing wrong on any page it reached', () => {
    expect(faults).toEqual([]);
  });
});
