// Walks the authorization matrix: every route of the route table × every role (bearer token), anonymous,
// and every role signed in through the form. Expectations come from PERMISSIONS/can, never from a list
// of routes, so a route added to the table is covered without touching this file.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, can, type Role } from '../../src/accounts/roles.ts';
import { appRoutes } from '../../src/http/create-app.ts';
import type { RouteSpec } from '../../src/http/route-table.ts';
import { createEmlWriter } from '../../src/report/outbox/mail-eml-writer.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, csrfOf, errorCode, signIn, storedCounts, usernameOf, type TestApp } from '../support/http-app.ts';

type Caller = Role | 'anonymous';

/** One report e-mail written as an .eml file, so the outbox's download has something to serve. */
async function deliveredEml(t: TestApp): Promise<number> {
  const { message } = await t.deps.outbox.enqueue({ job: 'yearly', periodKey: '2026-11-27', recipient: 'contract:1', subject: '服务报告', html: '<p>报告</p>', text: '报告', recipients: { to: ['a@example.com'], cc: [] } }, new Date());
  await createDeliveryWorker({ store: t.deps.outbox, transport: createEmlWriter(t.deps.outboxDir, 'entitle <noreply@localhost>') }).deliverDue(new Date());
  return message.id;
}

/**
 * One run of the monthly report by hand, so the run page has something to show. A real run: a dry one leaves no
 * record. The month before this one is owed, so it is not refused; it queues the report for the managers, if any.
 */
async function monthlyRun(t: TestApp): Promise<number> {
  await t.deps.reports.runNow('monthly', undefined, { dryRun: false, actor: 'test' }, { jobRuns: t.deps.jobRuns, instance: 'matrix' });
  const [run] = await t.deps.jobRuns.list({ limit: 1, offset: 0 });
  if (!run) throw new Error('the monthly run left no run record');
  return run.id;
}

/** A 尊享 contract year that ended on 2026-10-31, drafted into the experts' review queue by its yearly run. */
async function premiumReview(t: TestApp): Promise<number> {
  const customer = await t.deps.contracts.createCustomer({ name: '矩阵尊享客户', contacts: [{ name: '王工', email: 'it@matrix.example', role: 'contact' }] }, { name: 'test', address: null });
  const contract = await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2025-11-01', endsOn: '2027-10-31' });
  await t.deps.reports.jobs.run('yearly', new Date('2026-11-01T07:00:00+08:00'), { dryRun: false, trigger: 'manual', actor: 'test' });
  const review = await t.deps.reports.reviews.ofYear(contract.id, '2026-10-31');
  if (!review) throw new Error('the yearly run drafted no review');
  return review.id;
}

/** Routes anyone may call. A new public route must be added here on purpose. */
// Single sign-on's start and callback are public (they are how a stranger signs in); they exist only when a provider
// is configured, which this suite's app has not: test/browser/oidc-sign-in.test.ts exercises them.
const PUBLIC_ROUTES = ['GET /', 'GET /sign-in', 'POST /sign-in', 'GET /sign-in/oidc', 'GET /sign-in/oidc/callback'];

const nameOf = (spec: RouteSpec) => `${spec.method.toUpperCase()} ${spec.path}`;

/** Ids of records that exist in the test database, for `:id` parameters. */
const ids: Record<string, number> = {};
let quoteNumber = '';

function urlOf(spec: RouteSpec): string {
  const url = spec.path
    .replace(/:version\b/g, '1')
    .replace(/^\/api\/customers\/:id/, () => `/api/customers/${ids.customer}`)
    .replace(/^\/api\/contracts\/:id/, () => `/api/contracts/${ids.contract}`)
    .replace(/^\/contracts\/:id/, () => `/contracts/${ids.contract}`)
    .replace(/^\/customers\/:id/, () => `/customers/${ids.customer}`)
    .replace(/^\/api\/requests\/:id/, () => `/api/requests/${ids.request}`)
    .replace(/^\/requests\/:id/, () => `/requests/${ids.request}`)
    .replace(/^(\/api)?\/quotes\/:number/, (_m, api: string | undefined) => `${api ?? ''}/quotes/${quoteNumber}`)
    .replace(/^(\/api)?\/outbox\/:id/, (_m, api: string | undefined) => `${api ?? ''}/outbox/${ids.outbox}`)
    .replace(/^\/admin\/users\/:id/, () => `/admin/users/${ids.user}`)
    .replace(/^\/admin\/tokens\/:id/, () => `/admin/tokens/${ids.token}`)
    .replace(/^\/reports\/runs\/:id/, () => `/reports/runs/${ids.run}`)
    .replace(/^(\/api)?\/reports\/reviews\/:id/, (_m, api: string | undefined) => `${api ?? ''}/reports/reviews/${ids.review}`)
    .replace(/^(\/api)?\/reports\/monthly\/:month/, (_m, api: string | undefined) => `${api ?? ''}/reports/monthly/2026-10`)
    // The matrix contract is premium from 2026-01-01: its first contract year ends 2026-12-31.
    .replace(/^(\/api)?\/reports\/yearly\/:contractId\/:yearEnd/, (_m, api: string | undefined) => `${api ?? ''}/reports/yearly/${ids.contract}/2026-12-31`);
  if (/:\w/.test(url)) throw new Error(`${nameOf(spec)}: the matrix does not know how to fill this path parameter`);
  return url;
}

function allowed(spec: RouteSpec, caller: Caller): boolean {
  return spec.permission === null || (caller !== 'anonymous' && can(caller, spec.permission));
}

/**
 * Sends what the route needs for an authorized call to mean something: a JSON body (`{}`, valid for every
 * body schema) to routes that take one, and no file to uploads, so an admin gets 422 FILE_MISSING.
 */
function call(agent: request.Agent, spec: RouteSpec, headers: Record<string, string>) {
  const url = urlOf(spec);
  if (spec.method === 'get') return agent.get(url).set(headers);
  const req = (spec.method === 'put' ? agent.put(url) : agent.post(url)).set(headers);
  return spec.upload ? req : req.send({});
}

/** What an allowed caller gets: anything but a refusal, a missing route or a crash. */
function expectAllowed(spec: RouteSpec, label: string, res: request.Response): void {
  expect.soft([401, 403, 404], label).not.toContain(res.status);
  // The matrix app has no Chromium: the PDF route answers, plainly, that it cannot render (see quotes.test.ts).
  if (spec.path.endsWith('.pdf')) return void expect.soft(res.status, label).toBe(503);
  expect.soft(res.status, label).toBeLessThan(500);
  if (spec.upload) {
    expect.soft(res.status, label).toBe(422);
    expect.soft(errorCode(res), label).toBe('FILE_MISSING');
  }
}

describeEachDatabase('authorization matrix', (current) => {
  let t: TestApp;
  let routes: RouteSpec[];
  beforeAll(async () => {
    t = await createTestApp(current().db, { chromiumPath: '/nonexistent/chromium' });
    routes = appRoutes(t.deps);
    const customer = await t.deps.contracts.createCustomer({ name: '矩阵测试客户' }, { name: 'test', address: null });
    ids.customer = customer.id;
    ids.contract = (await t.deps.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2027-12-31' })).id;
    quoteNumber = (await t.deps.quotes.create({ customerId: customer.id, offering: 'cloud', tier: 'basic', termYears: 1, specialServices: [], discountBasisPoints: 0 }, { name: 'test', address: null })).number;
    ids.outbox = await deliveredEml(t);
    // A user and a token of their own for the admin pages' :id: the matrix disables, resets and revokes them.
    ids.user = (await t.accounts.createUser('matrix.user', 'support', 'a matrix password', { name: 'test' })).id;
    ids.token = (await t.accounts.createToken({ owner: 'matrix.user', name: 'matrix' }, { name: 'test' })).record.id;
    ids.run = await monthlyRun(t);
    ids.review = await premiumReview(t);
    ids.request = (await t.deps.requests.open({ contractId: ids.contract, service: 'issue_feedback', openedAt: new Date(Date.now() + 60_000), summary: '矩阵' }, 'test')).request.id;
  });

  it('knows every route: each declares a permission from the matrix, or is one of the few public routes', () => {
    expect(routes.length).toBeGreaterThan(10);
    for (const spec of routes) {
      if (spec.permission === null) expect(PUBLIC_ROUTES, nameOf(spec)).toContain(nameOf(spec));
      else expect(Object.keys(PERMISSIONS), nameOf(spec)).toContain(spec.permission);
      expect(() => urlOf(spec)).not.toThrow();
    }
    expect(new Set(routes.map(nameOf)).size).toBe(routes.length);
  });

  it.each(ROLES)('answers the %s bearer token as the matrix says, on every route, without CSRF', async (role) => {
    const before = await storedCounts(current().db);
    const headers = { Authorization: `Bearer ${t.tokens[role]}` };
    for (const spec of routes) {
      const label = `${role} ${nameOf(spec)}`;
      const res = await call(request(t.app), spec, headers);
      if (allowed(spec, role)) {
        expectAllowed(spec, label, res);
      } else {
        expect.soft(res.status, label).toBe(403);
        expect.soft(errorCode(res), label).toBe('FORBIDDEN');
      }
    }
    // Activating the active version again is idempotent, and no file was sent: the matrix changed nothing.
    expect(await storedCounts(current().db)).toEqual(before);
  });

  it('sends a stranger to sign in on page GETs and answers 401 everywhere else', async () => {
    const agent = request.agent(t.app);
    // A real browser's CSRF cookie and token, so only the missing identity can refuse the call.
    const csrf = csrfOf((await agent.get('/sign-in')).text);
    for (const spec of routes) {
      const label = `anonymous ${nameOf(spec)}`;
      const res = await call(agent, spec, { 'X-CSRF-Token': csrf });
      if (allowed(spec, 'anonymous')) {
        expectAllowed(spec, label, res);
      } else if (spec.kind === 'page' && spec.method === 'get') {
        expect.soft(res.status, label).toBe(303);
        expect.soft(res.headers.location, label).toBe(`/sign-in?next=${encodeURIComponent(urlOf(spec))}`);
      } else {
        expect.soft(res.status, label).toBe(401);
        expect.soft(errorCode(res), label).toBe('UNAUTHENTICATED');
        if (spec.kind === 'api') expect.soft(res.type, label).toBe('application/json');
      }
    }
  });

  it('answers an unknown token 401 INVALID_TOKEN on every route, public ones included', async () => {
    for (const spec of routes) {
      const res = await call(request(t.app), spec, { Authorization: 'Bearer ent_not-a-real-token' });
      expect.soft(res.status, nameOf(spec)).toBe(401);
      expect.soft(errorCode(res), nameOf(spec)).toBe('INVALID_TOKEN');
    }
  });

  it.each(ROLES)('gives the %s signed in through the form the same answers on every GET', async (role) => {
    const { agent, status } = await signIn(t.app, usernameOf(role));
    expect(status).toBe(303);
    for (const spec of routes.filter((r) => r.method === 'get')) {
      const label = `${role} session ${nameOf(spec)}`;
      const res = await call(agent, spec, {});
      if (allowed(spec, role)) {
        expectAllowed(spec, label, res);
      } else {
        expect.soft(res.status, label).toBe(403);
        expect.soft(errorCode(res), label).toBe('FORBIDDEN');
      }
    }
  });

  it.each(ROLES)('refuses the %s session the POSTs its role lacks, even with a valid CSRF token', async (role) => {
    const { agent, csrf } = await signIn(t.app, usernameOf(role));
    // Sign-out ends the session, so it is not walked here; the sessions suite covers it.
    for (const spec of routes.filter((r) => r.method === 'post' && r.path !== '/sign-out')) {
      const label = `${role} session ${nameOf(spec)}`;
      const res = await call(agent, spec, { 'X-CSRF-Token': csrf });
      if (allowed(spec, role)) expectAllowed(spec, label, res);
      else {
        expect.soft(res.status, label).toBe(403);
        expect.soft(errorCode(res), label).toBe('FORBIDDEN');
      }
    }
  });
});
