// A service manager in a real browser: opens 报告 from the nav, runs the yearly service report dry for 2026-11-28
// and reads the message it would send, runs it for real and finds it pending in the outbox, looks the
// contract's years up, opens the report (the e-mail HTML with its chart) and downloads it as a workbook.
// Screenshots and the workbook land in test/artifacts/reports/.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

const CUSTOMER = '华东精密<script>alert(1)</script>';
const SUBJECT = `【金蝶云星空】${CUSTOMER} 年度服务报告(2025-11-28 至 2026-11-27)`;
const ARTIFACTS = path.resolve('test/artifacts/reports');
const sh = (local: string) => new Date(`${local}+08:00`);

describe('a service manager runs and reads the reports in Chromium', { timeout: 90_000 }, () => {
  let b: BrowserApp;
  let page: Page;
  let contractId: number;
  /** Any dialog would be a customer's name run as script. */
  const dialogs: string[] = [];

  useBrowserApp('reports', { sampleActiveSince: new Date('2025-01-01T00:00:00Z') }, async (opened) => {
    b = opened;
    // The requests below were opened in 2026: the sample must be in force then.
    page = b.page;
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    const { contracts, requests } = b.t.deps;
    const customer = await contracts.createCustomer({
      name: CUSTOMER,
      contacts: [
        { name: '王工', email: 'it@huadong.example', role: 'contact' },
        { name: '赵经理', email: 'csm@kingdee.example', role: 'csm' },
      ],
    }, { name: 'test', address: null });
    // 优选: its report goes straight to the outbox (a 尊享 one waits for an expert: report-review.test.ts).
    contractId = (await contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'preferred', startsOn: '2025-11-28', endsOn: '2027-11-27' })).id;
    // One met and one breached emergency fault in March, one met in June.
    for (const [openedAt, respondedAt] of [
      ['2026-03-02T10:00:00', '2026-03-02T11:00:00'],
      ['2026-03-03T10:00:00', '2026-03-03T15:00:00'],
      ['2026-06-10T09:00:00', '2026-06-10T10:30:00'],
    ] as const) {
      const { request } = await requests.open({ contractId, service: 'emergency_fault', openedAt: sh(openedAt), summary: `紧急故障 ${openedAt}` }, 'desk');
      await requests.respond(request.id, sh(respondedAt), 'desk');
    }
  });

  /** Runs the yearly job for 2026-11-28 from the form, dry or for real, and waits for the page it answers with. */
  async function runYearly(dryRun: boolean): Promise<string> {
    const form = page.locator('form#run-report');
    await form.locator('select[name=job]').selectOption({ label: '年度服务报告' });
    await form.locator('input[name=date]').fill('2026-11-28');
    await form.locator('input[name=dryRun]').setChecked(dryRun);
    await Promise.all([page.waitForURL(`${b.base}/reports/run`), form.locator('button[type=submit]').click()]);
    expect(await page.locator('#outcome').count()).toBe(1);
    return page.locator('#outcome').innerText();
  }

  it('opens 报告 from the nav and runs the yearly report dry, then for real', async () => {
    await b.signIn('manager.user');
    await page.locator('nav a[href="/reports"]').click();
    await page.waitForURL(`${b.base}/reports`);
    expect(await page.locator('h1').innerText()).toBe('报告');
    expect(await page.locator('nav a[aria-current=page]').innerText()).toBe('报告');
    // The schedules and who gets the managers' reports.
    expect(await page.locator('body').innerText()).toContain('service.manager@kingdee.example');
    await b.screenshot('reports-page');

    const dry = await runYearly(true);
    expect(dry).toContain('试运行完成');
    // The customer's name as typed, shown as text.
    expect(dry).toContain(SUBJECT);
    expect(dry).toContain('it@huadong.example');
    expect(dry).toContain('cc csm@kingdee.example');
    expect(dry).toContain('将发送');
    expect(await b.t.deps.outbox.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });
    await b.screenshot('yearly-dry-run');

    // The language link of the answer leads back to the reports, in English.
    await Promise.all([page.waitForURL(`${b.base}/reports`), page.getByRole('link', { name: 'English', exact: true }).click()]);
    expect(await page.locator('h1').innerText()).toBe('Reports');
    await Promise.all([page.waitForURL(`${b.base}/reports`), page.getByRole('link', { name: '中文', exact: true }).click()]);
    expect(await page.locator('h1').innerText()).toBe('报告');

    const real = await runYearly(false);
    expect(real).toContain('运行完成');
    expect(real).toContain(SUBJECT);
    expect(real).toContain('新放入发件箱');
    await b.screenshot('yearly-run');

    // Only the real run is listed (a dry run is not a run), with a page of its own.
    const runs = page.locator('table.outbox').last().locator('tbody tr');
    expect(await runs.count()).toBe(1);
    expect(await runs.first().innerText()).toContain('年度服务报告');
    await Promise.all([page.waitForURL(/\/reports\/runs\/\d+$/), runs.first().locator('a').click()]);
    expect(await page.locator('body').innerText()).toContain(SUBJECT);
    await b.screenshot('run-page');
  });

  it('finds the message pending in the outbox', async () => {
    await page.locator('nav a[href="/outbox"]').click();
    await page.waitForURL(`${b.base}/outbox`);
    const row = page.locator('table.outbox tbody tr', { hasText: SUBJECT });
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain('待发送');
    expect(await row.innerText()).toContain('it@huadong.example');
    await b.screenshot('outbox-pending');
  });

  it('looks the contract up, opens its yearly report with the chart, and downloads the workbook', async () => {
    await page.locator('nav a[href="/reports"]').click();
    await page.locator('input[name=contractId]').fill(String(contractId));
    await Promise.all([page.waitForURL(`${b.base}/reports?contractId=${contractId}#yearly`), page.locator('form[action="/reports#yearly"] button[type=submit]').click()]);
    const years = page.locator('table#contract-years tbody tr');
    expect(await years.allInnerTexts()).toEqual([expect.stringContaining('2026-11-28 — 2027-11-27'), expect.stringContaining('2025-11-28 — 2026-11-27')]);
    await b.screenshot('contract-years');

    const year = years.filter({ hasText: '2025-11-28 — 2026-11-27' });
    await Promise.all([page.waitForURL(`${b.base}/reports/yearly/${contractId}/2026-11-27`), year.getByRole('link', { name: '查看' }).click()]);
    expect(await page.title()).toBe(SUBJECT);
    expect(await page.locator('h1').innerText()).toBe(`${CUSTOMER} 年度服务报告`);
    const text = await page.locator('body').innerText();
    expect(text).toContain('逐月情况');
    expect(text).toContain('3 次紧急故障');
    // The chart is table cells: March (one met, one breached) is the busiest month, so its bar is full width.
    const march = page.locator('tr', { has: page.locator('td', { hasText: /^2026-03$/ }) }).last();
    const bars = march.locator('td[bgcolor]');
    expect(await bars.count()).toBeGreaterThan(0);
    const widths = await bars.evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('width')?.replace('%', ''))));
    expect(widths.reduce((a, w) => a + w, 0)).toBe(100);
    expect((await march.boundingBox())?.height).toBeGreaterThan(0);
    await b.screenshot('yearly-report');

    await page.goBack();
    await page.waitForURL(`${b.base}/reports?contractId=${contractId}#yearly`);
    const [download] = await Promise.all([page.waitForEvent('download'), year.getByRole('link', { name: '下载 Excel' }).click()]);
    expect(download.suggestedFilename()).toBe(`service-report-${contractId}-2026-11-27.xlsx`);
    const saved = path.join(ARTIFACTS, download.suggestedFilename());
    await download.saveAs(saved);
    const bytes = fs.readFileSync(saved);
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const summary = wb.getWorksheet('概览');
    expect(summary).toBeDefined();
    const customerRow = summary!.getRows(1, summary!.rowCount)!.find((r) => r.getCell(1).value === '客户');
    expect(customerRow?.getCell(2).value).toBe(CUSTOMER);
    expect(dialogs).toEqual([]);
  });
});
