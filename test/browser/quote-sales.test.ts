// Sales and a manager in a real browser: an on-premise 尊享 quote with 10 person-days of db_migration and its
// total (live, with the page's script), a cloud form without db_migration, a discount over sales' limit that
// a manager approves, and the PDF. Screenshots and the PDF land in test/artifacts/quotes/.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PriceList } from '../../src/catalog/price-list.ts';
import { formatYuan } from '../../src/quote/money.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

const halfUp = (numerator: number, denominator: number) => Math.floor((2 * numerator + denominator) / (2 * denominator));

describe('sales and a manager make a quote in Chromium', { timeout: 90_000 }, () => {
  let b: BrowserApp;
  let prices: PriceList;
  let pendingNumber = '';

  useBrowserApp('quotes', {}, async (opened) => {
    b = opened;
    prices = (await b.t.policies.getRules(1)).prices as PriceList;
  });

  /** One year of on-premise 尊享 on a ¥1,000,000 licence plus 10 days of db_migration, by hand. */
  function expectedTotal(discountBp: number): number {
    const tier = prices.tiers.find((p) => p.offering === 'on_premise' && p.tier === 'premium')!;
    const fee = tier.method === 'fixed' ? tier.annualFen : halfUp(100_000_000 * tier.basisPoints, 10_000);
    const db = prices.specialServices.find((p) => p.service === 'db_migration' && p.offering !== 'cloud')!;
    const subtotal = fee + 10 * db.unitFen;
    const net = subtotal - halfUp(subtotal * discountBp, 10_000);
    return net + halfUp(net * prices.vatBasisPoints, 10_000);
  }

  async function fillOnPremisePremium(discount: string): Promise<void> {
    const { page, base } = b;
    await page.goto(`${base}/quotes/new?offering=on_premise`);
    await page.locator('input[name=customerName]').fill('温州电气集团');
    await page.locator('select[name=tier]').selectOption('premium');
    await page.locator('input[name=licence]').fill('1,000,000');
    await page.locator('input[name=discount]').fill(discount);
    await page.locator('input[name=service_db_migration]').check();
    await page.locator('input[name=quantity_db_migration]').fill('10');
  }

  it('shows a cloud form without the on-premise-only services', async () => {
    await b.signIn('sales.user');
    await b.page.goto(`${b.base}/quotes/new?offering=cloud`);
    expect(await b.page.locator('input[name=service_db_migration]').count()).toBe(0);
    expect(await b.page.locator('input[name=service_data_repair]').count()).toBe(1);
    await b.screenshot('cloud-form');
  });

  it('builds an on-premise 尊享 quote with 10 person-days of db_migration and sees the right total as it types', async () => {
    await fillOnPremisePremium('0');
    const total = b.page.locator('#quote-preview [data-summary=total]');
    // The page's script asks the server as the fields change; no button pressed.
    await expect.poll(async () => ((await total.count()) ? total.innerText() : ''), { timeout: 10_000 }).toBe(formatYuan(expectedTotal(0)));
    await b.screenshot('on-premise-form-live-total');
    await b.page.locator('#quote-form [data-issue]').click();
    await b.page.waitForURL(/\/quotes\/Q-\d{4}-\d{6}$/);
    expect(await b.page.locator('[data-total=total]').innerText()).toBe(formatYuan(expectedTotal(0)));
    expect(await b.page.locator('[data-total=capital]').innerText()).toMatch(/^人民币/);
    expect(await b.page.locator('body').innerText()).toContain('仅限私有云');
    await b.screenshot('quote-issued');

    const pdf = await b.context.request.get(`${b.page.url()}.pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    fs.writeFileSync(path.resolve('test/artifacts/quotes', 'quote.pdf'), bytes);
  });

  it('sends a discount over sales’ limit to approval, and a manager approves it', async () => {
    const discount = (prices.discount.salesLimitBasisPoints + 500) / 100;
    await fillOnPremisePremium(String(discount));
    await b.page.locator('#quote-form [data-issue]').click();
    await b.page.waitForURL(/\/quotes\/Q-\d{4}-\d{6}$/);
    pendingNumber = await b.page.locator('[data-quote-number]').innerText();
    expect(await b.page.locator('body').innerText()).toContain('待审批');
    expect(await b.page.locator('button', { hasText: '批准' }).count()).toBe(0);
    await b.screenshot('quote-pending');

    await b.signOut();
    await b.signIn('manager.user');
    await b.page.goto(`${b.base}/quotes/${pendingNumber}`);
    await b.page.locator('textarea[name=note]').fill('战略客户,同意');
    await b.page.locator('button', { hasText: '批准' }).click();
    await b.page.waitForURL(`${b.base}/quotes/${pendingNumber}`);
    expect(await b.page.locator('header.doc dl.meta').innerText()).toContain('已出具');
    expect(await b.page.locator('[data-decided-by]').innerText()).toBe('manager.user');
    expect(await b.page.locator('[data-total=total]').innerText()).toBe(formatYuan(expectedTotal(prices.discount.salesLimitBasisPoints + 500)));
    await b.screenshot('quote-approved');
  });
});
