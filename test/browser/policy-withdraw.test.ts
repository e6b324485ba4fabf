// A policy owner schedules a draft and withdraws it, in Chromium at a laptop's width (1366×768) and a phone's
// (390×844), without JavaScript needed: uploads a draft, reads its catalog as customers see it (the tiers side by
// side, each cell's source cell), schedules it through the confirmation step (the date in Beijing time and the
// contracts it changes), sees it confirmed as 待生效, reads the contracts it changes, withdraws it, and sees it
// listed as 已撤回. axe finds no serious or critical violation and nothing is wider than the window.
// Screenshots land in test/artifacts/policy-withdraw/.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../src/calendar/instants.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';
import { editedSample, rowOf, tableOf } from '../support/http-app.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('scheduling a policy version and withdrawing it in Chromium, at 1366×768 and 390×844', { timeout: 180_000 }, () => {
  let b: BrowserApp;
  let page: Page;
  const faults: string[] = [];

  useBrowserApp('policy-withdraw', {}, async (opened) => {
    b = opened;
    page = b.page;
    const { contracts } = b.t.deps;
    const customer = await contracts.createCustomer({ name: '杭州示例制造有限公司' }, { name: 'test', address: null });
    for (const tier of ['basic', 'basic', 'premium'] as const) {
      await contracts.createContract({ customerId: customer.id, offering: 'cloud', tier, startsOn: '2026-01-01', endsOn: '2030-12-31' });
    }
    await b.signIn('admin');
  });

  async function check(where: string): Promise<void> {
    const axe = await new AxeBuilder({ page }).analyze();
    for (const v of axe.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') faults.push(`${where}: axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
    }
    const fits = await page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth');
    if (!fits) faults.push(`${where}: wider than the window`);
  }

  for (const [width, height, cell] of [
    [1366, 768, '4工作小时响应'],
    [390, 844, '8工作小时响应'],
  ] as const) {
    it(`at ${width}×${height}: uploads a draft, reads its catalog, schedules it with confirmation and withdraws it`, async () => {
      await page.setViewportSize({ width, height });
      const draft = await editedSample((tables) => {
        rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[1] = cell;
      });
      await page.goto(`${b.base}/policies`);
      await page.locator('input[type=file][name=workbook]').setInputFiles({ name: `draft-${width}.xlsx`, mimeType: XLSX, buffer: draft });
      await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
      await page.waitForURL(/\/policies\/\d+$/);
      const version = Number(/\/policies\/(\d+)$/.exec(page.url())![1]);
      expect(await page.locator('h1 .status').innerText()).toBe('草稿');

      // The catalog as customers see it: 基础 / 优选 / 尊享 side by side, the changed cell with its source cell.
      const cloud = page.locator('table.catalog-table').first();
      expect(await cloud.locator('thead th').allInnerTexts()).toEqual(['服务项目', '基础服务', '优选服务', '尊享服务']);
      const feedback = cloud.locator('tbody tr', { has: page.locator('th', { hasText: '7*24问题反馈' }) }).locator('td').first();
      expect(await feedback.locator('li').innerText()).toBe(`${cell.replace('工作小时响应', '')} 个工作小时内响应`);
      expect(await feedback.getAttribute('title')).toMatch(/^来源单元格 .+!B\d+$/);
      expect(await feedback.locator('small.source').innerText()).toMatch(/!B\d+$/);
      expect(await page.locator('main').innerText()).toContain('每年 2 次,每次 2 人天,非现场');
      await b.screenshot(`draft-catalog-${width}`);
      await check(`/policies/${version} at ${width}`);

      // Scheduled in 20 days, through the confirmation step.
      const day = shanghaiDate(new Date(Date.now() + 20 * 86_400_000));
      await page.locator('#f-effective-from').fill(day);
      await page.locator(`form[action="/policies/${version}/activate"] button[type=submit]`).click();
      await page.waitForURL(new RegExp(`/policies/${version}/activate\\?effectiveFrom=${day}$`));
      expect(await page.locator('#confirm-when').innerText()).toBe(`${day} 00:00`);
      expect(await page.locator('#confirm-impact').innerText()).toContain('2 份(共 3 份在期合同)');
      await b.screenshot(`confirm-${width}`);
      await check(`confirm at ${width}`);
      await page.locator(`form[action="/policies/${version}/activate"] button[type=submit]`).click();
      await page.waitForURL(new RegExp(`/policies/${version}\\?done=activated$`));
      expect(await page.locator('#policy-done').innerText()).toBe(`已启用版本 v${version}:自 ${day} 00:00(北京时间)起生效。`);
      expect(await page.locator('h1 .status').innerText()).toBe('待生效');

      // The contracts it changes, and what changes for them.
      await page.goto(`${b.base}/policies/${version}/impact`);
      const rows = page.locator('table.impact-list tbody tr');
      expect(await rows.count()).toBe(2);
      expect(await rows.first().innerText()).toContain(`7*24问题反馈:2工作日响应 → ${cell}`);
      await b.screenshot(`impact-${width}`);
      await check(`impact at ${width}`);

      // Withdrawn before it takes effect: kept in the list as 已撤回.
      await page.goto(`${b.base}/policies/${version}`);
      await page.locator(`form[action="/policies/${version}/withdraw"] button[type=submit]`).click();
      await page.waitForURL(new RegExp(`/policies/${version}\\?done=withdrawn$`));
      expect(await page.locator('h1 .status').innerText()).toBe('已撤回');
      expect(await page.locator('#policy-done').innerText()).toContain('记录保留在历史中');
      await b.screenshot(`withdrawn-${width}`);
      await check(`withdrawn at ${width}`);
      await page.goto(`${b.base}/policies`);
      const listed = page.locator('table.versions tbody tr', { has: page.locator(`a[href="/policies/${version}"]`) });
      expect(await listed.locator('.status').innerText()).toBe('已撤回');
    });
  }

  it('has no serious or critical axe violation and nothing wider than the window', () => {
    expect(faults).toEqual([]);
  });
});
