// A sales user's quote journey in Chromium at 1366×768 and at 390×844: one form for both offerings, switched
// back and forth without losing what was typed, with the totals in view beside it; the quote made, revised from
// its page and copied; the PDF a customer signs, read back with pdftotext (poppler-utils) for its seller block,
// signature area and page numbers; a quote pending approval downloads watermarked and named as not issued.
// Screenshots and PDFs land in test/artifacts/quotes/journey/.
import { AxeBuilder } from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { SERVICE_NAMES } from '../../src/catalog/catalog-names.ts';
import { loadConfig } from '../../src/config/config.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

const ARTIFACTS = path.resolve('test/artifacts/quotes/journey');
const SELLER = loadConfig({}).seller;

/** The PDF's text as poppler reads it, page by page in reading order. */
function pdfText(bytes: Buffer, name: string, mode: '-layout' | '-raw' = '-layout'): string {
  const file = path.join(ARTIFACTS, name);
  fs.writeFileSync(file, bytes);
  try {
    return execFileSync('pdftotext', [mode, file, '-'], { encoding: 'utf8' });
  } catch (err) {
    throw new Error(`pdftotext could not read ${name} (install poppler-utils: apt-get install -y poppler-utils): ${(err as Error).message}`);
  }
}

describe('a quote journey in Chromium: both offerings, a revision, a copy and the PDF', { timeout: 120_000 }, () => {
  let b: BrowserApp;
  let prices: PriceList;
  let issued = '';

  useBrowserApp('quotes/journey', {}, async (opened) => {
    b = opened;
    prices = (await b.t.policies.getRules(1)).prices as PriceList;
  });

  const byLicence = (tier: string) => prices.tiers.find((p) => p.offering === 'on_premise' && p.tier === tier)?.method === 'licence_share';
  const row = (code: string) => b.page.locator(`tr[data-service="${code}"]`);
  const summaryTotal = () => b.page.locator('#quote-preview [data-summary=total]');
  const totalText = async () => ((await summaryTotal().count()) ? summaryTotal().innerText() : '');

  const faults: string[] = [];
  /** Axe's serious and critical findings, sideways overflow, and service codes standing as text, on the page now open. */
  async function check(where: string): Promise<void> {
    const axe = await new AxeBuilder({ page: b.page }).analyze();
    for (const v of axe.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') faults.push(`${where}: axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
    }
    if (!(await b.page.evaluate<boolean>('document.documentElement.scrollWidth <= window.innerWidth'))) faults.push(`${where}: wider than the window`);
    const text = await b.page.evaluate<string>(`(() => { const c = document.body.cloneNode(true); c.querySelectorAll('.code, script, style').forEach((e) => e.remove()); return c.innerText; })()`);
    for (const code of Object.keys(SERVICE_NAMES)) if (new RegExp(`\\b${code}\\b`).test(text)) faults.push(`${where}: the code ${code} is shown as text`);
  }

  async function shot(name: string): Promise<void> {
    await b.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
  }

  it('keeps everything typed when the form is switched to 公有云 and back, with the totals in view at 1366×768', async () => {
    await b.page.setViewportSize({ width: 1366, height: 768 });
    await b.signIn('sales.user');
    const { page, base } = b;
    await page.goto(`${base}/quotes/new`);
    await page.locator('#f-customerName').fill('温州电气集团');
    await page.locator('#f-tier').selectOption('premium');
    // The licence amount is asked for only where the tier is priced by it.
    expect(await page.locator('#f-licence').isVisible()).toBe(byLicence('premium'));
    if (byLicence('premium')) await page.locator('#f-licence').fill('1,000,000');
    await page.locator('#f-service_db_migration').check();
    await page.locator('#f-quantity_db_migration').fill('10');
    await page.locator('#f-service_data_repair').check();
    await page.locator('#f-quantity_data_repair').fill('2.5');
    await page.locator('#f-service_onsite_support').check();
    await page.locator('#f-quantity_onsite_support').fill('3');
    await page.locator('#f-trips_onsite_support').fill('2');
    await page.locator('#f-notes').fill('含两次现场支持');
    // Units from the price list on every line, names and not codes.
    expect(await row('db_migration').locator('[data-unit]').innerText()).toBe('人天');
    const unitOf = (code: string) => prices.specialServices.find((p) => p.service === code)!.unit;
    for (const code of ['data_repair', 'cluster_ha', 'upgrade_migration']) {
      expect(await row(code).locator('[data-unit]').innerText()).toBe(unitOf(code) === 'person_day' ? '人天' : '项');
    }
    expect(await page.locator('#quote-form').innerText()).not.toMatch(/db_migration|data_repair|onsite_support/);

    await expect.poll(totalText, { timeout: 10_000 }).toMatch(/^¥/);
    const onPremiseTotal = await totalText();
    // The totals stay in view while the bottom of the form is worked on.
    await page.locator('#f-notes').scrollIntoViewIfNeeded();
    const aside = await page.locator('aside.sticky-summary').boundingBox();
    expect(aside).not.toBeNull();
    expect(aside!.y).toBeGreaterThanOrEqual(0);
    expect(aside!.y + aside!.height).toBeLessThanOrEqual(768);
    await shot('01-on-premise-form-1366');
    await check('the on-premise form at 1366');

    await page.locator('input[name=offering][value=cloud]').check();
    await expect.poll(() => row('db_migration').isHidden()).toBe(true);
    expect(await page.locator('[data-held]').isVisible()).toBe(true);
    expect(await page.locator('#f-quantity_data_repair').inputValue()).toBe('2.5');
    expect(await page.locator('#f-customerName').inputValue()).toBe('温州电气集团');
    await expect.poll(totalText, { timeout: 10_000 }).not.toBe(onPremiseTotal);
    await shot('02-switched-to-cloud-1366');
    await check('the form switched to cloud at 1366');

    await page.locator('input[name=offering][value=on_premise]').check();
    await expect.poll(() => row('db_migration').isVisible()).toBe(true);
    expect(await page.locator('#f-service_db_migration').isChecked()).toBe(true);
    expect(await page.locator('#f-quantity_db_migration').inputValue()).toBe('10');
    expect(await page.locator('#f-trips_onsite_support').inputValue()).toBe('2');
    expect(await page.locator('#f-notes').inputValue()).toBe('含两次现场支持');
    await expect.poll(totalText, { timeout: 10_000 }).toBe(onPremiseTotal);
    await shot('03-back-to-on-premise-1366');

    await page.locator('#quote-form [data-issue]').click();
    await page.waitForURL(/\/quotes\/Q-\d{4}-\d{6}$/);
    issued = await page.locator('[data-quote-number]').innerText();
    expect(await page.locator('[data-total=total]').innerText()).toBe(onPremiseTotal);
    const seller = await page.locator('[data-seller]').innerText();
    for (const text of [SELLER.company, SELLER.address, SELLER.creditCode, SELLER.bank, SELLER.account, SELLER.contact.phone, SELLER.contact.email, '统一社会信用代码']) expect(seller).toContain(text);
    expect(await page.locator('[data-signatures]').innerText()).toMatch(/甲方[\s\S]*签字[\s\S]*盖章[\s\S]*日期[\s\S]*乙方/);
    expect(await page.locator('[data-watermark]').count()).toBe(0);
    await b.screenshot('journey-quote-issued');
    await check('the issued quote at 1366');
  });

  it('revises the quote from its page: the form starts from it, and the revision is numbered after it', async () => {
    const { page } = b;
    await page.locator('a[data-revise]').click();
    await page.waitForURL(/\/quotes\/new\?revise=/);
    expect(await page.locator('h1').innerText()).toContain(issued);
    expect(await page.locator('[data-customer]').innerText()).toBe('温州电气集团');
    expect(await page.locator('#f-quantity_db_migration').inputValue()).toBe('10');
    expect(await page.locator('#f-quantity_data_repair').inputValue()).toBe('2.5');
    expect(await page.locator('#f-trips_onsite_support').inputValue()).toBe('2');
    expect(await page.locator('#f-licence').inputValue()).toBe(byLicence('premium') ? '1000000' : '');
    await page.locator('#f-termYears').fill('2');
    await shot('04-revision-form-1366');
    await check('the revision form at 1366');
    await page.locator('#quote-form [data-issue]').click();
    await page.waitForURL(new RegExp(`/quotes/${issued}-R2$`));
    expect(await page.locator('dl.meta').innerText()).toContain(issued);
    await b.screenshot('journey-revision-issued');
  });

  it('makes the PDF a customer signs: seller block, signature and seal, 第 N 页 / 共 M 页 on every page', async () => {
    const res = await b.context.request.get(`${b.base}/quotes/${issued}-R2.pdf`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toContain(`${issued}-R2.pdf`);
    const text = pdfText(await res.body(), 'revision.pdf');
    for (const part of [SELLER.company, SELLER.creditCode, SELLER.account, SELLER.contact.email, '统一社会信用代码', '开户行', '甲方', '乙方', '盖章', '授权代表签字']) expect(text).toContain(part);
    // pdftotext drops the spaces of the footer line.
    const numbers = [...text.matchAll(/第\s*(\d+)\s*页\s*\/\s*共\s*(\d+)\s*页/g)].map((m) => [Number(m[1]), Number(m[2])]);
    const pages = numbers[0]?.[1] ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(numbers).toEqual(Array.from({ length: pages }, (_, i) => [i + 1, pages]));
    expect(text).not.toContain('待审批');
    expect(pdfText(await res.body(), 'revision-raw.pdf', '-raw').split('\n').map((l) => l.trim())).not.toContain('草稿');
    // 客户成功支持 and the deliverables under it are one table row: on one page, never split across two.
    const pageWith = (part: string) => text.split('\f').findIndex((p) => p.includes(part));
    expect(pageWith('客户成功支持')).toBeGreaterThanOrEqual(0);
    expect(pageWith('定制化在线培训课程')).toBe(pageWith('客户成功支持'));
    // 大写 in one piece: 整 (or 分) on the same line as 人民币.
    expect(text).toMatch(/人民币\S*(整|分)/);
  });

  it('downloads a quote pending approval watermarked and named as not issued', async () => {
    const { page, base } = b;
    await page.goto(`${base}/quotes/new`);
    await page.locator('#f-customerName').fill('宁波港务');
    await page.locator('#f-tier').selectOption('basic');
    if (byLicence('basic')) await page.locator('#f-licence').fill('500000');
    await page.locator('#f-discount').fill(String((prices.discount.salesLimitBasisPoints + 500) / 100));
    await page.locator('#quote-form [data-issue]').click();
    await page.waitForURL(/\/quotes\/Q-\d{4}-\d{6}$/);
    const number = await page.locator('[data-quote-number]').innerText();
    expect(await page.locator('[data-watermark] span').getAttribute('data-text')).toBe('待审批');
    // Drawn over the page, seen on screen as it will be on paper.
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('[data-watermark] span'), '::before').content`)).toBe('"待审批"');
    expect(await page.locator('a[data-pdf]').innerText()).toContain('未出具');
    await b.screenshot('journey-pending-watermark');
    await check('the pending quote at 1366');
    const res = await b.context.request.get(`${base}/quotes/${number}.pdf`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-disposition']).toContain(`${number}-PENDING-APPROVAL-not-issued.pdf`);
    const text = pdfText(await res.body(), 'pending.pdf', '-raw');
    expect(text).toContain('不可签署');
    // The watermark on every page: in reading order it is a line of its own.
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(1);
    for (const page of pages) expect(page.split('\n').map((l) => l.trim())).toContain('待审批');
  });

  it('copies a quote into a new form, and works at 390×844 with nothing cut off', async () => {
    const { page, base } = b;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/quotes/${issued}`);
    await page.locator('a[data-copy]').click();
    await page.waitForURL(/\/quotes\/new\?copy=/);
    expect(await page.locator('[data-copy-of]').innerText()).toContain(issued);
    // The copy starts with its quote's customer chosen in the picker.
    expect(await page.locator('input[name=customerId]:checked').inputValue()).not.toBe('');
    expect(await page.locator('#f-customerName').inputValue()).toBe('温州电气集团');
    expect(await page.locator('#f-quantity_db_migration').inputValue()).toBe('10');
    await page.locator('input[name=offering][value=cloud]').check();
    await expect.poll(() => row('db_migration').isHidden()).toBe(true);
    await page.locator('input[name=offering][value=on_premise]').check();
    expect(await page.locator('#f-quantity_db_migration').inputValue()).toBe('10');
    await expect.poll(totalText, { timeout: 10_000 }).toMatch(/^¥/);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await b.screenshot('journey-copy-form-390');
    await check('the copy form at 390');
    await page.goto(`${base}/quotes/${issued}`);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await b.screenshot('journey-quote-390');
    await check('the quote at 390');
    await page.goto(`${base}/quotes`);
    await b.screenshot('journey-list-390');
    await check('the quotes list at 390');
  });

  it('shows a refused field in Chinese beside it, highlighted, and in the summary, at 390×844', async () => {
    const { page, base } = b;
    await page.goto(`${base}/quotes/new`);
    await page.locator('#f-customerName').fill('丽水水务');
    await page.locator('#f-termYears').fill('12');
    await page.locator('#quote-form [data-calculate]').click();
    await page.waitForURL(`${base}/quotes/preview`);
    expect(await page.locator('#f-termYears').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#f-termYears-error').innerText()).toBe('服务年限应为 1–10 年的整数');
    expect(await page.locator('.error-summary a[href="#f-termYears"]').innerText()).toContain('服务年限');
    expect(await page.locator('#f-customerName').inputValue()).toBe('丽水水务');
    await b.screenshot('journey-refused-field-390');
    await check('the refused form at 390');
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`${base}/quotes?status=issued&sort=total_desc`);
    await check('the quotes list at 1366');
    await b.screenshot('journey-list-1366');
  });

  it('finds no serious or critical accessibility violation, nothing wider than the window and no code as text on any of those pages', () => {
    expect(faults).toEqual([]);
  });
});
