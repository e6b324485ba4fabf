// The support desk in a real browser, at a desk (1366×768) and on a phone (390×844): intake (the contract's
// services by name, a future 受理时间 refused at preview beside its field, the decision before confirming) → assign to me → an internal note → a reply, which the
// outbox's worker delivers to a real SMTP server on loopback exactly once → resolve → close, the queue's tab
// counts following each step. Every page reached is checked by axe (no serious or critical violation) and for
// service codes shown as primary text. Screenshots land in test/artifacts/requests/.
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, describe, expect, it } from 'vitest';
import { SERVICE_NAMES } from '../../src/catalog/catalog-names.ts';
import { createMailTransport } from '../../src/report/outbox/mail-transport.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';
import { startSmtpSink, type SmtpSink } from '../report/smtp-sink.ts';

const VIEWPORTS = [
  { width: 1366, height: 768, name: 'desk' },
  { width: 390, height: 844, name: 'phone' },
] as const;
const TABS = ['active', 'new', 'in_progress', 'waiting_customer', 'resolved', 'closed', 'all'] as const;
type Counts = Record<(typeof TABS)[number], number>;

describe('the support desk works a request from intake to closed in Chromium', { timeout: 240_000 }, () => {
  let b: BrowserApp;
  let sink: SmtpSink;
  let contractId = 0;
  const faults: string[] = [];

  useBrowserApp('requests', { sampleActiveSince: new Date('2026-01-01T00:00:00+08:00') }, async (opened) => {
    b = opened;
    sink = await startSmtpSink();
    const customer = await b.t.deps.contracts.createCustomer(
      { name: '宁波港务集团', contacts: [{ name: '王芳', email: 'wang.fang@ningbo-port.example', role: 'contact' }] },
      { name: 'test', address: null },
    );
    contractId = (await b.t.deps.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2030-12-31' })).id;
  });
  afterAll(async () => {
    await sink?.close();
  });

  /** Axe's serious and critical findings, a page wider than the window, and any service code standing as primary text. */
  async function check(where: string): Promise<void> {
    const axe = await new AxeBuilder({ page: b.page }).analyze();
    for (const v of axe.violations) {
      if (v.impact === 'serious' || v.impact === 'critical') faults.push(`${where}: axe ${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes[0]?.target.join(' ')}`);
    }
    const widths = await b.page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
    if (widths.scroll > widths.inner) faults.push(`${where}: the page scrolls sideways (${widths.scroll} > ${widths.inner})`);
    const text = await b.page.evaluate<string>(`(() => { const c = document.body.cloneNode(true); c.querySelectorAll('.code, script, style').forEach((e) => e.remove()); return c.innerText; })()`);
    for (const code of Object.keys(SERVICE_NAMES)) if (new RegExp(`\\b${code}\\b`).test(text)) faults.push(`${where}: the code ${code} is shown as text`);
  }

  async function counts(): Promise<Counts> {
    await b.page.goto(`${b.base}/requests`);
    const found = {} as Counts;
    for (const tab of TABS) found[tab] = Number(await b.page.locator(`nav.tabs a[data-tab="${tab}"] .badge`).innerText());
    return found;
  }

  /** Sends what the outbox owes over SMTP, as the server's delivery loop does. */
  async function deliver(): Promise<void> {
    const transport = createMailTransport({ smtpUrl: sink.url, from: 'entitle <desk@kingdee.example>', outboxDir: '/nonexistent' });
    try {
      await createDeliveryWorker({ store: b.t.deps.outbox, transport }).deliverDue();
    } finally {
      transport.close();
    }
  }

  for (const viewport of VIEWPORTS) {
    it(`intake → assign → note → reply (e-mailed once) → resolve → close at ${viewport.width}×${viewport.height}`, async () => {
      const { page, base } = b;
      const shot = (step: string) => b.screenshot(`${viewport.name}-${step}`);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await b.signIn('support.user');
      const before = await counts();
      await check(`queue @${viewport.width}`);
      await shot('queue-before');

      // Intake: the contract first, then its services by name.
      await page.goto(`${base}/requests/new`);
      await page.locator('#f-pick-contract').selectOption(String(contractId));
      await page.locator('#contract-picker button[type=submit]').click();
      await page.waitForURL(/contractId=/);
      const serviceOptions = await page.locator('#f-service option').allInnerTexts();
      expect(serviceOptions).toContain('紧急故障处理');
      expect(serviceOptions.some((o) => /^[a-z_]+$/.test(o))).toBe(false);
      await page.locator('#f-service').selectOption('emergency_fault');
      await page.locator('#f-summary').fill(`全员无法登录(${viewport.name})`);
      // A 受理时间 in the future: the preview refuses it as confirming would, beside the highlighted field.
      const typedNow = await page.locator('#f-openedAt').inputValue();
      const tomorrow = new Date(Date.parse(`${typedNow}:00+08:00`) + 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 16);
      await page.locator('#f-openedAt').fill(tomorrow);
      await page.locator('#intake button.secondary[type=submit]').click();
      await expect.poll(() => page.locator('#f-openedAt-error').innerText()).toBe('受理时间不能晚于现在');
      expect(await page.locator('#f-openedAt').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.error-summary a[href="#f-openedAt"]').innerText()).toContain('受理时间');
      expect(await page.locator('#decision').count()).toBe(0);
      await check(`intake refused @${viewport.width}`);
      await shot('intake-future-time-refused');
      await page.locator('#f-openedAt').fill(typedNow);
      await page.locator('#intake button.secondary[type=submit]').click();
      await expect.poll(() => page.locator('#decision h2').innerText()).toContain('紧急故障处理');
      await check(`intake preview @${viewport.width}`);
      await shot('intake-preview');
      await page.locator('#intake button[formaction="/requests"]').click();
      await page.waitForURL(/\/requests\/\d+$/);
      const path = new URL(page.url()).pathname;
      expect(await page.locator('h1').innerText()).toContain('P1 紧急');
      await check(`request @${viewport.width}`);
      await shot('opened');
      expect(await counts()).toMatchObject({ new: before.new + 1, active: before.active + 1 });

      await page.goto(`${base}${path}`);
      await page.locator('#assign-me').click();
      await page.waitForLoadState();
      expect(await page.locator('#assignee').innerText()).toBe('support.user');

      await page.locator('#f-body').fill('内部备注:客户为 8.0 版本,已远程复现。');
      await page.locator('#save-note').click();
      await page.waitForLoadState();
      expect(await page.locator('ol.comments li').count()).toBe(1);
      await shot('note');

      const reply = `您好,已定位为登录服务证书过期,正在更换(${viewport.name})。`;
      await page.locator('#f-body').fill(reply);
      await page.locator('#send-reply').click();
      await page.waitForLoadState();
      expect(await page.locator('ol.comments li').count()).toBe(2);
      await check(`request with comments @${viewport.width}`);
      await shot('replied');
      expect(await counts()).toMatchObject({ new: before.new, in_progress: before.in_progress + 1 });

      // The reply reaches the customer's contact over SMTP, once however often the worker runs.
      const received = sink.received.length;
      await deliver();
      await deliver();
      expect(sink.received.length).toBe(received + 1);
      const mail = sink.received.at(-1)!;
      expect(mail.rcptTo).toEqual(['wang.fang@ningbo-port.example']);
      expect(mail.parsed.subject).toContain('紧急故障处理');
      expect(mail.parsed.text).toContain(reply);

      await page.goto(`${base}${path}`);
      await page.locator('#f-resolution').fill('已更换证书,客户确认可登录。');
      await page.locator('#resolve-form button[type=submit]').click();
      await page.waitForLoadState();
      expect(await page.locator('h1').innerText()).toContain('已解决');
      await shot('resolved');
      expect(await counts()).toMatchObject({ in_progress: before.in_progress, resolved: before.resolved + 1 });

      await page.goto(`${base}${path}`);
      await page.locator('#close-form button[type=submit]').click();
      await page.waitForLoadState();
      expect(await page.locator('h1').innerText()).toContain('已关闭');
      expect(await page.locator('#history tbody tr').count()).toBeGreaterThanOrEqual(8);
      await check(`closed request @${viewport.width}`);
      await shot('closed');
      const after = await counts();
      expect(after).toMatchObject({ resolved: before.resolved, closed: before.closed + 1, active: before.active, all: before.all + 1 });
      await shot('queue-after');
      expect(faults).toEqual([]);
      // Sign-out stands in the header, under 菜单 on a phone: leave from a desk-sized window.
      await page.setViewportSize({ width: 1366, height: 768 });
      await b.signOut();
    });
  }
});
