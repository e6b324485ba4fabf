// The audit log filtered to one contract, in Chromium at a laptop's width (1366×768) and a phone's (390×844): a
// manager picks the contract's target and a day range in the filter form (no JavaScript needed), and reads its
// entries in Chinese: actions by name, the contract as a link with its customer's name, addresses without the
// IPv6 prefix, details in a line. axe finds no serious or critical violation and nothing is cut off sideways.
// Screenshots land in test/artifacts/audit/.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../src/calendar/instants.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

describe('the audit log filtered to one contract in Chromium, at 1366×768 and 390×844', { timeout: 120_000 }, () => {
  let b: BrowserApp;
  let page: Page;
  let contractId: number;
  let otherId: number;
  const faults: string[] = [];

  useBrowserApp('audit', {}, async (opened) => {
    b = opened;
    page = b.page;
    const { contracts, usage } = b.t.deps;
    const customer = await contracts.createCustomer({ name: '宁波港务集团', contacts: [{ name: '王芳', email: 'wang.fang@ningbo-port.example', role: 'csm' }] }, { name: 'sales.user', address: '::ffff:10.1.2.3' });
    const sales = { name: 'sales.user', address: '::ffff:127.0.0.1' };
    contractId = (await contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2030-12-31' }, sales)).id;
    await contracts.updateContract(contractId, { customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2031-12-31' }, sales);
    await usage.record({ contractId, service: 'code_diagnosis', personDays: 2, onsite: false, at: new Date(Date.now() + 60_000), note: null, override: null, idempotencyKey: null }, { name: 'support.user', address: '::1', mayOverride: false });
    otherId = (await contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', endsOn: '2030-12-31' }, sales)).id;
    await b.signIn('manager.user');
  });

  async function check(where: string): Promise<void> {
    const axe = await new AxeBuilder({ page }).analyze();
    for (const v of axe.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') faults.push(`${where}: axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
    }
    const fits = await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
    if (!fits) faults.push(`${where}: wider than the window`);
  }

  for (const [width, height] of [
    [1366, 768],
    [390, 844],
  ] as const) {
    it(`at ${width}×${height}: filters to one contract and today, and reads in Chinese`, async () => {
      await page.setViewportSize({ width, height });
      await page.goto(`${b.base}/audit`);
      await check(`/audit at ${width}`);
      // From the contract's page: its audit log is one link away, already filtered to it.
      await page.goto(`${b.base}/contracts/${contractId}`);
      await page.locator('#contract-audit').click();
      await page.waitForLoadState('load');
      expect(await page.locator('#f-target').inputValue()).toBe(`contract:${contractId}`);
      const today = shanghaiDate(new Date());
      await page.locator('#f-from').fill(today);
      await page.locator('#f-to').fill(today);
      await page.locator('form[role=search] button[type=submit]').click();
      await page.waitForLoadState('load');
      expect(new URL(page.url()).searchParams.get('target')).toBe(`contract:${contractId}`);
      await check(`/audit filtered at ${width}`);
      await b.screenshot(`contract-${width}`);

      const rows = page.locator('#audit-list tbody tr');
      expect(await rows.count()).toBe(3);
      const text = await page.locator('#audit-list').innerText();
      for (const name of ['登记额度使用', '修改合同', '新建合同', '宁波港务集团', '本机 (127.0.0.1)', '本机 (::1)', '开发技术支持', '结束:2030-12-31 → 2031-12-31', '客户:#']) expect(text).toContain(name);
      expect(text).not.toMatch(/usage\.record|contract\.create|::ffff:|code_diagnosis|\{"/);
      // Every target links to the contract; the other contract is not listed.
      const links = await rows.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      expect(new Set(links)).toEqual(new Set([`/contracts/${contractId}`]));
      expect(text).not.toContain(`#${otherId} `);
      expect(await page.locator('.pager .range').innerText()).toBe('第 1–3 条,共 3 条');

      // The action filter is a list of names: only the uses.
      await page.locator('#f-action').selectOption({ label: '登记额度使用' });
      await page.locator('form[role=search] button[type=submit]').click();
      await page.waitForLoadState('load');
      expect(await rows.count()).toBe(1);
      expect(faults, faults.join("\n")).toEqual([]);
    });
  }
});
