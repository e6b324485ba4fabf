// A policy owner in a real browser: Debian's Chromium, driven by playwright-core, against the app on a real
// port and a real (SQLite) database. Signs in, uploads the sample, reads the diff, activates it, uploads an
// edited sample and a broken workbook. Screenshots of every step land in test/artifacts/browser/.
import fs from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook } from '../../src/workbook/workbook-writer.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';
import { SAMPLE_WORKBOOK_PATH } from '../support/fixtures.ts';
import { PASSWORD } from '../support/http-app.ts';
import { buildSheet } from '../support/workbook-builder.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Every row of a table's body as the text of its cells, trimmed. */
async function rowsOf(table: Locator): Promise<string[][]> {
  const rows = table.locator('tbody tr');
  const out: string[][] = [];
  for (let i = 0, n = await rows.count(); i < n; i++) {
    out.push((await rows.nth(i).locator('td').allInnerTexts()).map((t) => t.trim()));
  }
  return out;
}

describe('a policy owner in Chromium', { timeout: 60_000 }, () => {
  let b: BrowserApp;
  let base: string;
  let page: Page;
  const screenshot = (name: string) => b.screenshot(name);

  /** Uploads bytes through the page's file input and submits the form. */
  async function upload(name: string, buffer: Buffer): Promise<void> {
    await page.goto(`${base}/policies`);
    await page.locator('input[type=file][name=workbook]').setInputFiles({ name, mimeType: XLSX, buffer });
    await page.locator('form[enctype="multipart/form-data"] button[type=submit]').click();
  }

  async function versionsList(): Promise<string[][]> {
    await page.goto(`${base}/policies`);
    return rowsOf(page.locator('table.versions'));
  }

  useBrowserApp('browser', { activateSample: false }, async (opened) => {
    b = opened;
    ({ base, page } = b);
  });

  it('signs in as admin through the form', async () => {
    await page.goto(`${base}/policies`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.locator('input[name=username]').fill('admin');
    await page.locator('input[name=password]').fill(PASSWORD);
    await screenshot('sign-in');
    await page.locator('form[action="/sign-in"] button[type=submit]').click();
    await page.waitForURL(`${base}/policies`);
    expect(await page.locator('h1').innerText()).toBe('策略版本');
    expect(await page.locator('.who .user').innerText()).toBe('admin (服务产品管理员)');
    expect(await page.locator('main').innerText()).toContain('尚无策略版本');
    // The stylesheet loaded and applies: the page background is the one app.css sets. (A string, as the
    // project's TypeScript has no DOM types.)
    expect(await page.evaluate<string>('getComputedStyle(document.body).backgroundColor')).toBe('rgb(245, 247, 250)');
    await screenshot('policies-empty');
  });

  it('uploads the sample workbook and reads the diff: with nothing active, everything is added', async () => {
    await upload('sample-policy.xlsx', fs.readFileSync(SAMPLE_WORKBOOK_PATH));
    await page.waitForURL(/\/policies\/1$/);
    expect(await page.locator('h1').innerText()).toMatch(/^版本 v1\s+草稿$/);
    expect(await page.locator('main').innerText()).toContain('当前没有生效版本:以下全部为新增。');

    const entitlements = await rowsOf(page.locator('table.diff').first());
    expect(entitlements.length).toBeGreaterThan(40);
    expect(entitlements.filter((r) => r[0] !== '新增')).toEqual([]);
    expect(entitlements).toContainEqual(['新增', '公有云', '尊享服务', '7*24电话支持 phone_support', '', '专属坐席']);
    expect(entitlements).toContainEqual(['新增', '公有云', '优选服务', '7*24问题反馈 issue_feedback', '', '1工作日响应']);
    expect(entitlements).toContainEqual(['新增', '私有云(On Premise)', '基础服务', '紧急故障处理 emergency_fault', '', '1工作日响应']);
    // Not included in a tier is not an entitlement: cloud basic has no online IM.
    expect(entitlements.find((r) => r[1] === '公有云' && r[2] === '基础服务' && r[3]?.endsWith(' online_im'))).toBeUndefined();

    const specials = await rowsOf(page.locator('table.diff').nth(1));
    expect(specials.filter((r) => r[0] !== '新增')).toEqual([]);
    expect(specials).toContainEqual(['新增', '性能优化 performance_tuning', '', '私有云(On Premise)']);
    await screenshot('sample-uploaded-diff');
  });

  it('activates it with the date left empty, confirming first, and sees it active on the page and in the versions list', async () => {
    const form = page.locator('form[action="/policies/1/activate"]');
    expect(await form.locator('input[name=effectiveFrom]').getAttribute('type')).toBe('date');
    expect(await form.locator('input[name=effectiveFrom]').inputValue()).toBe('');
    await form.locator('button[type=submit]').click();
    // The confirmation step: when (now) and how many contracts; nothing is activated yet.
    await page.waitForURL(/\/policies\/1\/activate\?effectiveFrom=$/);
    expect(await page.locator('#confirm-when').innerText()).toBe('立即生效');
    await page.locator('form[action="/policies/1/activate"] button[type=submit]').click();
    await page.waitForURL(/\/policies\/1\?done=activated$/);
    expect(await page.locator('#policy-done').innerText()).toMatch(/^已启用版本 v1:自 \d{4}-\d{2}-\d{2} \d{2}:\d{2}\(北京时间\)起生效。$/);
    expect(await page.locator('h1 .status').innerText()).toBe('生效中');
    expect(await page.locator('main').innerText()).toContain('与当前生效版本相同');
    await screenshot('sample-active');

    const versions = await versionsList();
    expect(versions).toHaveLength(1);
    expect(versions[0]?.slice(0, 2)).toEqual(['v1', '生效中']);
    expect(versions[0]?.[2]).toMatch(/^\d{4}-\d{2}-\d{2}/);
    expect(versions[0]?.[3]).toMatch(/^admin · \d{4}-\d{2}-\d{2}/);
    expect(versions[0]?.[5]).toBe('admin');
    expect(versions[0]?.[7]).toBe('sample-policy.xlsx');
    await screenshot('policies-v1-active');
  });

  it('uploads a sample with one response window changed and sees exactly that change', async () => {
    const tables = sampleWorkbookTables();
    const row = tables[0]!.rows.find((r) => r.at(-1) === 'issue_feedback')!;
    expect(row[2]).toBe('1工作日响应');
    row[2] = '0.5工作日响应'; // cloud preferred: 1 → 0.5 working day
    await upload('sample-edited.xlsx', await writeWorkbook(tables));
    await page.waitForURL(/\/policies\/2$/);
    expect(await page.locator('h1').innerText()).toMatch(/^版本 v2\s+草稿$/);
    expect(await page.locator('main').innerText()).toContain('与版本 v1 的差异');

    const diffTables = page.locator('table.diff');
    expect(await diffTables.count()).toBe(1);
    expect(await rowsOf(diffTables)).toEqual([['变更', '公有云', '优选服务', '7*24问题反馈 issue_feedback', '1工作日响应', '0.5工作日响应']]);
    await screenshot('edited-diff');

    const versions = await versionsList();
    expect(versions.map((r) => r.slice(0, 2))).toEqual([
      ['v2', '草稿'],
      ['v1', '生效中'],
    ]);
  });

  it('uploads a broken workbook and sees the cell errors with sheet and cell address; nothing is stored', async () => {
    const broken = await buildSheet('公有云', [
      ['服务项目', '基础服务', '优选服务', '尊享服务'],
      ['7*24问题反馈', '两天内回复', '1工作日响应', '0.5工作日响应'],
    ]);
    await upload('broken.xlsx', broken);
    const alert = page.locator('.rejected[role=alert]');
    await alert.waitFor();
    expect(await alert.locator('p.error').innerText()).toContain('broken.xlsx: 工作簿未通过校验,未保存任何内容');

    const issues = await rowsOf(alert.locator('table.issues'));
    expect(issues).toHaveLength(1);
    const [sheet, cell, found, expected, problem] = issues[0]!;
    expect([sheet, cell, found]).toEqual(['公有云', 'B2', '两天内回复']);
    expect(expected).toContain('工作日响应');
    expect(problem).toMatch(/^BAD_CELL /);
    expect(await page.locator('table.versions tbody tr').count()).toBe(2);
    await screenshot('broken-rejected');
  });
});
