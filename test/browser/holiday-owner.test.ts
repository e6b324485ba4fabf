// A policy owner enters a year's holidays in Chromium: the active policy's 节假日 sheet does not list 2026 (the
// shipped data does), so pasting the State Council's 2026 notice adds its 39 days. Reads it, checks what was
// read, saves it as a draft, sees the holidays in the draft's diff, and activates it; at 1366 px and at 390 px,
// without scripts. Screenshots land in test/artifacts/holidays/.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { HOLIDAY_SHEET } from '../../src/policy-workbook/holidays/holiday-export.ts';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook } from '../../src/workbook/workbook-writer.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';
import { expectedMissingYears } from '../support/holiday-years.ts';
import { officialNotice } from '../support/holiday-notices.ts';

const WIDTHS = [1366, 390] as const;

async function rowsOf(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0, n = await rows.count(); i < n; i++) out.push((await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()));
  return out;
}

describe('a policy owner enters a year’s holidays in Chromium', { timeout: 120_000 }, () => {
  let b: BrowserApp;
  let page: Page;

  const fitsWidth = () =>
    page.evaluate(() => {
      const w = globalThis as unknown as { innerWidth: number; document: { documentElement: { scrollWidth: number } } };
      return w.document.documentElement.scrollWidth <= w.innerWidth;
    });

  /** Checks the page at both widths, without scripts, and screenshots each. */
  async function atBothWidths(name: string): Promise<void> {
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      expect(await fitsWidth(), `${name} at ${width} px`).toBe(true);
      expect(await page.locator('script').count()).toBe(0);
      await b.screenshot(`${name}-${width}`);
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  }

  useBrowserApp('holidays', { activateSample: false }, async (opened) => {
    b = opened;
    page = b.page;
    // The sample without its 节假日 sheet: 2026 comes from the shipped data alone.
    const tables = sampleWorkbookTables().filter((t) => t.sheet !== HOLIDAY_SHEET);
    const outcome = await b.t.policies.importWorkbook({ bytes: await writeWorkbook(tables), filename: 'policy-without-holidays.xlsx', actor: 'admin', activate: true });
    if (outcome.status !== 'created') throw new Error(`the policy did not import: ${outcome.status}`);
    await b.signIn('admin');
  });

  it('sees the banner while next year has no holidays, and follows it to the holiday page', async () => {
    await page.goto(`${b.base}/contracts`);
    const missing = expectedMissingYears(new Date(), []);
    const banner = page.locator('.banner.warn');
    if (missing.length === 0) {
      expect(await banner.count()).toBe(0);
      await page.goto(`${b.base}/policies/holidays?year=2026`);
    } else {
      expect(await banner.innerText()).toContain(`${missing.join('、')} 年的法定节假日与调休上班日尚未录入`);
      await atBothWidths('banner');
      await banner.locator('a').click();
      await page.waitForURL((url) => url.pathname === '/policies/holidays');
      expect(new URL(page.url()).searchParams.get('year')).toBe(String(missing[0]));
      expect(await page.locator('section.readiness li.missing').count()).toBe(missing.length);
      await atBothWidths('missing-year');
    }
  });

  it('shows 2026 from the shipped data as month grids and holiday groups', async () => {
    await page.goto(`${b.base}/policies/holidays?year=2026`);
    expect(await page.locator('table.month').count()).toBe(12);
    const groups = await rowsOf(page.locator('table.holiday-groups'));
    expect(groups.map((g) => g[0])).toEqual(['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']);
    expect(groups[1]).toEqual(['春节', '02-15 – 02-23', '9', '02-14 周六02-28 周六', '系统内置']);
    expect(await page.locator('table.month td.off[title="春节"]').count()).toBe(9);
    await atBothWidths('calendar-2026');
  });

  it('pastes the 2026 notice, reads it, and checks every day before anything is saved', async () => {
    await page.goto(`${b.base}/policies/holidays?year=2026`);
    await page.locator('form.notice-form textarea[name=notice]').fill(officialNotice(2026));
    await page.locator('form.notice-form button[type=submit]').click();
    await page.waitForURL((url) => url.pathname === '/policies/holidays/notice');
    const preview = page.locator('section.preview');
    expect(await preview.locator('p.ok').innerText()).toBe('没有发现问题。');
    expect(await preview.innerText()).toContain('通知年份 2026,读到 39 天');
    const rows = await rowsOf(preview.locator('table.holiday-rows'));
    expect(rows).toHaveLength(39);
    expect(rows[0]).toEqual(['2026-01-01', '周四', '休', '元旦', '新增']);
    expect(rows.find((r) => r[0] === '2026-02-14')).toEqual(['2026-02-14', '周六', '班', '春节调休上班', '新增']);
    expect(await preview.locator('details.other-lines summary').innerText()).toContain('其他 7 行不是节日行');
    await atBothWidths('notice-read');
    // Nothing is stored by reading.
    expect((await b.t.policies.listVersions()).length).toBe(1);
  });

  it('saves it as a new draft, sees the 39 days in its diff, downloads its workbook and activates it', async () => {
    await page.locator('form.save-holidays button[type=submit]').click();
    await page.waitForURL(/\/policies\/2$/);
    expect(await page.locator('h1').innerText()).toMatch(/^版本 v2\s+草稿$/);
    const diff = await rowsOf(page.locator('table.diff'));
    expect(diff).toHaveLength(39);
    expect(diff[0]).toEqual(['新增', '2026-01-01', '', '休 元旦']);
    expect(diff.every((r) => r[0] === '新增')).toBe(true);
    expect(await page.locator('main').innerText()).toContain('工作日历与节假日的变化');
    await atBothWidths('draft-diff');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href="/policies/2/workbook"]').first().click()]);
    expect(download.suggestedFilename()).toBe('policy-v1-holidays-2026.xlsx');

    await page.locator('form[action="/policies/2/activate"] button[type=submit]').click();
    // The confirmation step (issue 16), then the version's page says it was done.
    await page.waitForURL(/\/policies\/2\/activate/);
    await page.locator('form[action="/policies/2/activate"] button[type=submit]').click();
    await page.waitForURL(/\/policies\/2\?done=activated$/);
    expect(await page.locator('h1 .status').innerText()).toBe('生效中');
    await atBothWidths('draft-active');

    await page.goto(`${b.base}/policies/holidays?year=2026`);
    expect(await page.locator('h2', { hasText: '2026 年 · v2' }).count()).toBe(1);
    const groups = await rowsOf(page.locator('table.holiday-groups'));
    expect(groups.every((g) => g[4] === '工作簿“节假日”表')).toBe(true);
  });
});
