// People see names, never codes: every page of the desk's and sales' journeys is rendered and its visible text
// (what a reader sees: not attributes, scripts or URLs, and not the small secondary `.code` text a support engineer
// may use) is scanned for the catalog's codes. A page that labels a service `emergency_fault` fails here.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { OFFERINGS, SPECIAL_SERVICES, TIERS, TIER_SERVICES } from '../../src/catalog/catalog-codes.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, csrfOf, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

/** Every code a page might print for a service, a tier or an offering. */
const CODES = [...TIER_SERVICES.map((s) => s.code), ...SPECIAL_SERVICES.map((s) => s.code), ...TIERS, ...OFFERINGS];
const CODE_WORD = new RegExp(`(?<![A-Za-z0-9_./-])(${CODES.join('|')})(?![A-Za-z0-9_])`, 'g');

/** The text a reader sees: secondary `.code` elements, scripts, styles and the head dropped; tags removed. */
export function visibleText(html: string): string {
  return html
    .replace(/<head>[\s\S]*?<\/head>/i, '')
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<(span|small|code)\b[^>]*class="[^"]*\bcode\b[^"]*"[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');
}

export function codesIn(text: string): string[] {
  return [...new Set([...text.matchAll(CODE_WORD)].map((m) => m[1]!))];
}

it('finds a code in visible text, and not in an attribute, a URL or secondary text', () => {
  expect(codesIn(visibleText('<td>有权 ✓ · emergency_fault</td>'))).toEqual(['emergency_fault']);
  expect(codesIn(visibleText('<option value="phone_support">电话支持</option><a href="/requests?service=db_migration">数据库迁移</a>'))).toEqual([]);
  expect(codesIn(visibleText('<td>紧急故障处理 <span class="code">emergency_fault</span></td>'))).toEqual([]);
  expect(codesIn(visibleText('<p>basic</p><p>the basics</p>'))).toEqual(['basic']);
});

describeEachDatabase('no page of the desk’s and sales’ journeys shows a code as a label', (current) => {
  let t: TestApp;
  let contractId: number;
  let customerId: number;
  let requestId: number;
  let quoteNumber: string;

  beforeAll(async () => {
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2026-01-01T00:00:00+08:00') });
    const customer = await t.deps.contracts.createCustomer({ name: '温州电气' }, { name: 'test', address: null });
    customerId = customer.id;
    contractId = (
      await t.deps.contracts.createContract({ customerId, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2030-12-31', services: [{ service: 'db_migration', personDays: 10 }] })
    ).id;
    const support = { Authorization: `Bearer ${t.tokens.support}` };
    const opened = await request(t.app).post('/api/requests').set(support).send({ contractId, service: 'emergency_fault', openedAt: new Date().toISOString(), summary: '全员无法登录' });
    expect(opened.status).toBe(201);
    requestId = opened.body.request.id;
    const quote = await request(t.app)
      .post('/api/quotes')
      .set({ Authorization: `Bearer ${t.tokens.sales}` })
      .send({ customerName: '温州电气', offering: 'on_premise', tier: 'premium', termYears: 1, licenceFen: 100_000_000, specialServices: [{ service: 'db_migration', quantity: 10 }] });
    expect(quote.status).toBe(201);
    quoteNumber = quote.body.quote.number;
  });

  async function scan(role: 'support' | 'sales' | 'admin', paths: string[]): Promise<Record<string, string[]>> {
    const { agent } = await signIn(t.app, usernameOf(role));
    const found: Record<string, string[]> = {};
    for (const path of paths) {
      const page = await agent.get(path);
      expect(page.status, path).toBe(200);
      const codes = codesIn(visibleText(page.text));
      if (codes.length) found[path] = codes;
    }
    return found;
  }

  it('the support desk’s pages: contracts, the customer, the queue, intake with its decision, and a request', async () => {
    const found = await scan('support', ['/contracts', `/contracts/${contractId}`, `/customers/${customerId}`, '/requests', `/requests/new?contractId=${contractId}`, `/requests/${requestId}`]);
    const { agent } = await signIn(t.app, usernameOf('support'));
    const form = await agent.get(`/requests/new?contractId=${contractId}`);
    const preview = await agent
      .post('/requests/preview')
      .type('form')
      .send({ _csrf: csrfOf(form.text), contractId: String(contractId), service: 'emergency_fault', openedAt: '', summary: '全员无法登录' });
    const previewCodes = codesIn(visibleText(preview.text));
    if (previewCodes.length) found['POST /requests/preview'] = previewCodes;
    expect(found).toEqual({});
  });

  it('sales’ pages: the quote list, the form for both offerings and a quote', async () => {
    expect(await scan('sales', ['/quotes', '/quotes/new?offering=on_premise', '/quotes/new?offering=cloud', `/quotes/${quoteNumber}`])).toEqual({});
  });

  it('the contract form an admin fills in', async () => {
    expect(await scan('admin', ['/contracts', `/contracts/${contractId}/edit`])).toEqual({});
  });
});
