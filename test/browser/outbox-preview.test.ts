// A service manager reads a failed message in the outbox in Chromium, at a laptop's width (1366×768) and a
// phone's (390×844): the HTML shows in a sandboxed frame where its script does not run and its remote image is
// never fetched, the text part below it; then the manager sends it again. axe finds nothing serious or critical,
// and the page never scrolls sideways. Screenshots land in test/artifacts/outbox/.
import { AxeBuilder } from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import type { MailTransport } from '../../src/report/outbox/mail-message.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

const SUBJECT = '【金蝶云星空】华东精密 年度服务报告';
const HTML = [
  '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>报告</title></head><body>',
  '<h1 style="color:#1a4f8b">华东精密 年度服务报告</h1><p>本年度共 3 次紧急故障,均按时响应。</p>',
  '<img src="https://tracker.example/open.gif" alt="">',
  '<script>window.top.document.title = "ran"; fetch("https://tracker.example/script");</script>',
  '</body></html>',
].join('');

describe('the outbox preview in Chromium', { timeout: 90_000 }, () => {
  let b: BrowserApp;
  let id: number;
  const remote: string[] = [];
  const blocked: string[] = [];
  const dialogs: string[] = [];

  useBrowserApp('outbox', {}, async (opened) => {
    b = opened;
    // Chromium reports a request the policy blocks as one that failed (its reason: csp); only an answer
    // would mean it left the browser.
    b.page.on('response', (r) => {
      if (!r.url().startsWith(b.base)) remote.push(r.url());
    });
    b.page.on('requestfailed', (r) => {
      if (!r.url().startsWith(b.base)) blocked.push(r.failure()?.errorText ?? '');
    });
    b.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const { outbox } = b.t.deps;
    id = (await outbox.enqueue({ job: 'yearly', periodKey: '2026-11-27', recipient: 'contract:1', subject: SUBJECT, html: HTML, text: '华东精密 年度服务报告\n本年度共 3 次紧急故障,均按时响应。', recipients: { to: ['it@huadong.example'], cc: [] } }, new Date())).message.id;
    const refusing: MailTransport = { kind: 'smtp', from: 'entitle <noreply@localhost>', target: 'smtp://relay.invalid', send: () => Promise.reject(new Error('451 4.3.0 relay unavailable')), close: () => {} };
    await createDeliveryWorker({ store: outbox, transport: refusing }).deliverDue(new Date());
  });

  async function check(where: string): Promise<string[]> {
    const faults: string[] = [];
    // The sandboxed frame runs no script, so axe cannot run inside it (and would wait for it for ever); what it
    // shows is the e-mail, checked as the e-mail's own template, not this page.
    const axe = await new AxeBuilder({ page: b.page }).exclude('iframe.report-frame').analyze();
    for (const v of axe.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') faults.push(`${where}: axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
    }
    const widths = await b.page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
    if (widths.scroll > widths.inner) faults.push(`${where}: the page scrolls sideways (${widths.scroll} > ${widths.inner})`);
    return faults;
  }

  it('previews the message safely at 1366×768 and 390×844, then sends it again', async () => {
    const { page } = b;
    await b.signIn('manager.user');
    const faults: string[] = [];
    for (const [width, height] of [[1366, 768], [390, 844]] as const) {
      await page.setViewportSize({ width, height });
      await page.goto(`${b.base}/outbox?state=pending`);
      await Promise.all([page.waitForURL(`${b.base}/outbox/${id}`), page.locator('table.outbox').getByRole('link', { name: SUBJECT }).click()]);
      expect(await page.locator('h1').innerText()).toBe(`发件箱消息 #${id}`);
      const frame = page.locator('iframe.report-frame');
      expect(await frame.getAttribute('sandbox')).toBe('');
      const preview = page.frameLocator('iframe.report-frame');
      await expect.poll(() => preview.locator('h1').innerText()).toBe('华东精密 年度服务报告');
      // The frame's script never ran: the page keeps its title, and nothing left for the tracker.
      expect(await page.title()).not.toBe('ran');
      expect(await page.locator('pre.mail-text').innerText()).toContain('本年度共 3 次紧急故障');
      expect(await page.locator('#message-facts').innerText()).toContain('451 4.3.0 relay unavailable');
      faults.push(...(await check(`message ${width}`)));
      await b.screenshot(`message-${width}`);
    }
    expect(remote).toEqual([]);
    // The remote image was asked for, and the policy stopped it in the browser each time.
    expect(blocked.length).toBeGreaterThan(0);
    expect(new Set(blocked)).toEqual(new Set(['csp']));
    expect(dialogs).toEqual([]);

    await Promise.all([page.waitForURL(`${b.base}/outbox/${id}?resent=1`), page.locator('form#resend button[type=submit]').click()]);
    expect(await page.locator('#resent').innerText()).toContain('已安排立即重发');
    faults.push(...(await check('resent 390')));
    await b.screenshot('resent-390');
    const [entry] = await b.t.audit.list({ action: 'outbox.resend' });
    expect(entry).toMatchObject({ actor: 'manager.user', target: `outbox:${id}` });
    expect(faults).toEqual([]);
  });
});
