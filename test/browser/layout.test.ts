// Every page of every role at a desk (1366×768) and on a phone (390×844), in Chromium: the document never
// scrolls sideways (wide tables scroll inside .table-wrap), the brand stays on one line, the menu folds under
// 菜单 at phone width and opens without script, and axe finds no serious or critical violation. Each role's
// walk collects every failure (page, width, what) and asserts on the whole list, so one bad page does not hide
// the next. Screenshots in test/artifacts/layout/.
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { can, type Permission, type Role } from '../../src/accounts/roles.ts';
import { useBrowserApp, type BrowserApp } from '../support/browser.ts';

const ARTIFACTS = path.resolve('test/artifacts/layout');
// Full-page screenshots of every page at both widths are for people reviewing the layout (test/artifacts/layout);
// CI keeps no artifacts, so it skips them and their PNG encoding. What is checked is the same either way.
const SCREENSHOTS = !process.env.CI;
const VIEWPORTS = [
  { name: 'desk', width: 1366, height: 768 },
  { name: 'phone', width: 390, height: 844 },
] as const;
type Viewport = (typeof VIEWPORTS)[number];
/**
 * Run in the page (a string, as the DOM's types are not the tests'): the first elements that reach past the
 * window's right edge with no scrolling box of their own around them, to name in a failure.
 */
const WIDER_THAN_WINDOW = `(() => {
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right <= window.innerWidth + 0.5 || r.width === 0 || !el.checkVisibility()) continue;
    let box = el.parentElement;
    while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
    if (box && box !== document.body) continue;
    const classes = typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + classes + ' (right ' + Math.round(r.right) + ')');
    if (out.length >= 5) break;
  }
  return out;
})()`;
const sh = (local: string) => new Date(`${local}+08:00`);

/** Pages that are a document to print or sign (the quote, templates/quote.hbs), a whole page without the site's header. */
const DOCUMENTS = new Set(['quote']);

/** What the sample data below makes reachable: ids filled in by the seeding. */
const ids = { customer: 0, contract: 0, request: 0, quote: '', run: 0, review: 0, user: 0, outbox: 0 };

/** The pages beyond the navigation's own, each with the permission that opens it. */
function detailPages(): Array<{ name: string; path: string; permission: Permission | null }> {
  return [
    { name: 'home', path: '/', permission: null },
    { name: 'policy-version', path: '/policies/1', permission: 'policy.read' },
    { name: 'policy-impact', path: '/policies/1/impact', permission: 'policy.read' },
    { name: 'policy-activate', path: '/policies/1/activate', permission: 'policy.activate' },
    { name: 'holidays', path: '/policies/holidays', permission: 'policy.read' },
    { name: 'contract', path: `/contracts/${ids.contract}`, permission: 'contract.read' },
    { name: 'contract-edit', path: `/contracts/${ids.contract}/edit`, permission: 'contract.write' },
    { name: 'customers', path: '/customers', permission: 'contract.read' },
    { name: 'customer', path: `/customers/${ids.customer}`, permission: 'contract.read' },
    { name: 'request-new', path: '/requests/new', permission: 'request.write' },
    { name: 'request', path: `/requests/${ids.request}`, permission: 'request.read' },
    { name: 'quote-new', path: '/quotes/new', permission: 'quote.write' },
    { name: 'quote', path: `/quotes/${ids.quote}`, permission: 'quote.read' },
    { name: 'approvals', path: '/approvals', permission: 'quote.approve' },
    { name: 'report-run', path: `/reports/runs/${ids.run}`, permission: 'report.read' },
    { name: 'outbox-message', path: `/outbox/${ids.outbox}`, permission: 'report.read' },
    { name: 'admin-user', path: `/admin/users/${ids.user}`, permission: 'user.manage' },
    { name: 'admin-tokens', path: '/admin/tokens', permission: 'token.manage' },
    { name: 'audit-contract', path: `/audit?target=contract:${ids.contract}`, permission: 'audit.read' },
    { name: 'reviews', path: '/reports/reviews', permission: 'review.read' },
    { name: 'review', path: `/reports/reviews/${ids.review}`, permission: 'review.read' },
    { name: 'account-password', path: '/account/password', permission: null },
    { name: 'error', path: '/contracts/999999', permission: null },
  ];
}

describe('every page fits a phone and passes axe, for every role, in Chromium', { timeout: 1_200_000 }, () => {
  let b: BrowserApp;
  let page: Page;
  /** The main contents (at a width) axe has checked in full. */
  const checked = new Set<string>();

  useBrowserApp('layout', { sampleActiveSince: new Date('2025-01-01T00:00:00Z') }, async (opened) => {
    b = opened;
    page = b.page;
    const { contracts, requests, reports, quotes } = b.t.deps;
    const customer = await contracts.createCustomer({
      name: '华东精密机械有限公司',
      contacts: [
        { name: '王工', email: 'it@huadong.example', role: 'contact' },
        { name: '赵经理', email: 'csm@kingdee.example', role: 'csm' },
      ],
    }, { name: 'test', address: null });
    ids.customer = customer.id;
    // 尊享, so its yearly report waits for an expert's review.
    ids.contract = (await contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2025-11-28', endsOn: '2027-11-27' })).id;
    for (const [openedAt, respondedAt] of [
      ['2026-03-02T10:00:00', '2026-03-02T11:00:00'],
      ['2026-06-10T09:00:00', '2026-06-10T10:30:00'],
    ] as const) {
      const { request: opened } = await requests.open({ contractId: ids.contract, service: 'emergency_fault', openedAt: sh(openedAt), summary: `紧急故障 ${openedAt}:全员无法登录` }, 'desk');
      await requests.respond(opened.id, sh(respondedAt), 'desk');
    }
    // One still open, with a long summary (the queue's widest cell).
    const open = await requests.open({ contractId: ids.contract, service: 'emergency_fault', openedAt: new Date(Date.now() - 3600_000), summary: '月结时总账凭证过账报错,提示“科目余额不平衡”,财务部全员无法结账,请尽快处理。' }, 'desk');
    ids.request = open.request.id;
    await reports.jobs.run('yearly', sh('2026-11-28T07:00:00'), { dryRun: false, trigger: 'manual', actor: 'test' });
    const year = (await reports.contractYears(ids.contract)).find((y) => y.review);
    if (!year?.review) throw new Error('the yearly run drafted no review');
    ids.review = year.review.id;
    // A real run through the API (dry runs are not stored as runs), so that it is recorded with its page.
    const run = await request(b.t.app).post('/api/reports/run').set('Authorization', `Bearer ${b.t.tokens.manager}`).send({ job: 'monthly', dryRun: false });
    if (run.status !== 200) throw new Error(`the monthly run answered ${run.status}: ${run.text}`);
    const runs = await request(b.t.app).get('/api/reports/runs').set('Authorization', `Bearer ${b.t.tokens.manager}`);
    ids.run = (runs.body as { runs: Array<{ id: number }> }).runs[0]!.id;
    const quote = await quotes.create(
      { customerId: customer.id, offering: 'on_premise', tier: 'premium', termYears: 1, licenceFen: 100_000_000, specialServices: [{ service: 'db_migration', quantity: 10 }], discountBasisPoints: 0 },
      { name: 'sales.user', address: null },
    );
    ids.quote = quote.number;
    // An e-mail in the outbox, for its page (the preview frame and the text part).
    ids.outbox = (await b.t.deps.outbox.enqueue({ job: 'monthly', periodKey: '2026-10', recipient: 'managers', subject: '【金蝶云星空】响应时效月报 2026-10', html: '<h1>响应时效月报</h1><p>本月共 2 个请求,均按时响应。</p>', text: '响应时效月报\n本月共 2 个请求,均按时响应。', recipients: { to: ['service.manager@kingdee.example'], cc: [] } }, new Date())).message.id;
    // A user with a sign-in and a failed one, for their page's history.
    await b.t.accounts.signIn('support.user', 'a wrong password', '10.0.0.9');
    ids.user = (await b.t.accounts.listUsers()).find((u) => u.username === 'support.user')!.id;
  });

  /** Everything wrong with the page now open at this width, as lines naming the page, the width and the fault. */
  async function inspect(role: string, name: string, viewport: Viewport, signedIn: boolean): Promise<string[]> {
    const where = `${name} @${viewport.width}`;
    const faults: string[] = [];
    const widths = await page.evaluate<{ scroll: number; inner: number }>('({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })');
    if (widths.scroll > widths.inner) {
      faults.push(`${where}: the page scrolls sideways (${widths.scroll} > ${widths.inner}): ${(await page.evaluate<string[]>(WIDER_THAN_WINDOW)).join(', ')}`);
    }
    const brand = page.locator('header .brand');
    if (DOCUMENTS.has(name)) {
      // A document page stands alone, without the site's header.
    } else if ((await brand.count()) !== 1) {
      faults.push(`${where}: no site header with the brand`);
    } else {
      const lines = await brand.evaluate((el) => {
        const w = globalThis as unknown as { getComputedStyle(e: unknown): { lineHeight: string } };
        return el.getBoundingClientRect().height / parseFloat(w.getComputedStyle(el).lineHeight);
      });
      if (lines >= 1.5) faults.push(`${where}: the brand takes ${lines.toFixed(1)} lines`);
      if (signedIn && (await page.locator('header details.menu').count()) === 1) faults.push(...(await checkMenu(role, where, viewport)));
      else if (signedIn) faults.push(`${where}: no menu in the header`);
    }
    // The same main content at the same width was checked for another role already: only what is around it (this
    // role's header and navigation) is new. Saves most of the walk's time, which is axe's.
    const html = (await page.locator('main').count()) === 1 ? await page.locator('main').innerHTML() : await page.content();
    const main = `${viewport.width} ${html.replace(/name="_csrf" value="[^"]*"/g, '')}`;
    // A sandboxed frame (the outbox's message preview) runs no script: axe cannot run inside it and would wait for
    // it for ever. Its content is an e-mail, not the page.
    const axe = await (checked.has(main) ? new AxeBuilder({ page }).exclude('main') : new AxeBuilder({ page }).exclude('iframe[sandbox]')).analyze();
    checked.add(main);
    for (const v of axe.violations) {
      if (v.impact !== 'serious' && v.impact !== 'critical') continue;
      const nodes = v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ').slice(0, 160)}` : ''}`);
      faults.push(`${where}: axe ${v.impact} ${v.id} (${v.help}) ×${v.nodes.length}: ${nodes.join(' | ')}`);
    }
    return faults;
  }

  /** At a desk the links stand in a row with no 菜单; on a phone they hide under 菜单, which opens them. */
  async function checkMenu(role: string, where: string, viewport: Viewport): Promise<string[]> {
    const faults: string[] = [];
    const summary = page.locator('header details.menu > summary');
    const links = page.locator('header details.menu nav a');
    const count = await links.count();
    if (count === 0) return [`${where}: the menu has no links`];
    const allVisible = async () => {
      for (let i = 0; i < count; i += 1) {
        const box = await links.nth(i).boundingBox();
        if (!(await links.nth(i).isVisible()) || !box || box.x < 0 || box.x + box.width > viewport.width) return false;
      }
      return true;
    };
    if (viewport.name === 'desk') {
      if (await summary.isVisible()) faults.push(`${where}: 菜单 shows at desk width`);
      if (!(await allVisible())) faults.push(`${where}: navigation links hidden or cut off at desk width`);
      return faults;
    }
    if (!(await summary.isVisible())) return [`${where}: no 菜单 at phone width`];
    if (await links.first().isVisible()) faults.push(`${where}: the links show before 菜单 is opened`);
    await summary.click();
    if (!(await allVisible())) faults.push(`${where}: the opened menu hides or cuts off a link`);
    const who = page.locator('header details.menu .who');
    if (!(await who.locator('form[action="/sign-out"] button').isVisible())) faults.push(`${where}: the opened menu has no visible 退出`);
    if (SCREENSHOTS) await page.screenshot({ path: path.join(ARTIFACTS, `${role}-${where.replace(/[ @]+/g, '-')}-menu.png`) });
    await summary.click();
    return faults;
  }

  /** Opens the page at a desk's width, then narrows the same page to a phone's. */
  async function visit(role: string, name: string, href: string, signedIn: boolean): Promise<string[]> {
    const faults: string[] = [];
    for (const viewport of VIEWPORTS) {
      try {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        if (viewport === VIEWPORTS[0]) {
          const status = (await page.goto(`${b.base}${href}`))?.status() ?? 0;
          if (status >= 400 && name !== 'error') faults.push(`${name}: ${href} answered ${status}`);
        }
        faults.push(...(await inspect(role, name, viewport, signedIn)));
        if (SCREENSHOTS) await page.screenshot({ path: path.join(ARTIFACTS, `${role}-${name}-${viewport.width}.png`), fullPage: true });
      } catch (err) {
        // One page that cannot be inspected is one fault; the walk goes on to the next.
        faults.push(`${name} @${viewport.width}: ${(err as Error).message.split('\n')[0]}`);
      }
    }
    return faults;
  }

  it('the sign-in page, signed out', async () => {
    expect(await visit('anonymous', 'sign-in', '/sign-in', false)).toEqual([]);
  });

  for (const role of ['admin', 'manager', 'sales', 'support', 'expert'] as const satisfies readonly Role[]) {
    it(`${role}: every page in the navigation and every detail page it may open`, async () => {
      await b.context.clearCookies();
      await page.setViewportSize({ width: 1366, height: 768 });
      await b.signIn(role === 'admin' ? 'admin' : `${role}.user`);
      const navigation = await page.locator('header details.menu nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(navigation.length).toBeGreaterThan(1);
      const pages = [
        ...navigation.map((href) => ({ name: href.slice(1).replace(/\//g, '-'), path: href })),
        ...detailPages().filter((d) => d.permission === null || can(role, d.permission)).filter((d) => !navigation.includes(d.path)),
      ];
      const faults: string[] = [];
      for (const p of pages) faults.push(...(await visit(role, p.name, p.path, true)));
      await page.setViewportSize({ width: 1366, height: 768 });
      await b.signOut();
      expect(faults).toEqual([]);
    });
  }
});
