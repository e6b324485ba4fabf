// Every write is audited: this walks each write route of the route table (method other than GET), makes one
// successful call of it, and asserts that the call left an audit entry of the expected action. A write route
// added to the table without a recipe here fails the first test: give it a recipe (a call that succeeds and the
// action it records), or, if it stores nothing worth auditing, add it to NOT_AUDITED with the reason.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../src/accounts/roles.ts';
import type { AuditAction } from '../../src/audit/audit-log.ts';
import { appRoutes } from '../../src/http/create-app.ts';
import type { RouteSpec } from '../../src/http/route-table.ts';
import type { MailTransport } from '../../src/report/outbox/mail-transport.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { editedSample, createTestApp, PASSWORD, rowOf, signIn, tableOf, usernameOf, type TestApp } from '../support/http-app.ts';

/**
 * Write routes that store nothing a person did, with why. Each is named on purpose: a route missing from both
 * this list and RECIPES fails the test.
 */
const NOT_AUDITED: Record<string, string> = {
  // Computations shown and forgotten: nothing is stored.
  'POST /api/entitlements/check': 'an entitlement question; answers, stores nothing',
  'POST /requests/preview': 'the intake form computed again; stores nothing',
  'POST /quotes/preview': 'the quote form computed again; stores nothing',
  'POST /api/quotes/preview': 'a quote computed; stores nothing',
  'POST /policies/holidays/notice': 'a pasted notice read; stores nothing',
  'POST /policies/holidays/check': 'typed holiday rows checked; stores nothing',
  'POST /api/policies/holidays/notice': 'a pasted notice read; stores nothing',
  // A run by hand is stored as a job run with its actor (the runs page, /reports/runs), and each message it
  // queues is in the outbox: the run's own record is its audit.
  'POST /reports/run': 'recorded as a job run with the actor who ran it',
  'POST /api/reports/run': 'recorded as a job run with the actor who ran it',
};

type Session = Awaited<ReturnType<typeof signIn>>;
type Recipe = () => Promise<{ res: request.Response; action: AuditAction }>;

const nameOf = (spec: RouteSpec) => `${spec.method.toUpperCase()} ${spec.path}`;
const sh = (local: string) => new Date(`${local}+08:00`);

describeEachDatabase('every write is audited', (current) => {
  let t: TestApp;
  let routes: RouteSpec[];
  const sessions = {} as Record<Role, Session>;
  const ids = { customer: 0, cloud: 0, reviews: [] as number[], preferred: 0 };
  const bearer = (role: Role) => ({ Authorization: `Bearer ${t.tokens[role]}` });
  const api = (role: Role, method: 'post' | 'put', path: string, body?: object) => request(t.app)[method](path).set(bearer(role)).send(body ?? {});
  const page = (role: Role, path: string, fields: Record<string, unknown> = {}) => sessions[role].agent.post(path).type('form').send({ _csrf: sessions[role].csrf, ...fields });
  const at = () => new Date(Date.now() + 60_000).toISOString();
  let edits = 0;
  /** A new draft version, different from every other (one response window changed to a new number of hours). */
  const draftWorkbook = () => {
    edits += 1;
    return editedSample((tables) => {
      rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[1] = `${edits + 4}工作小时响应`;
    });
  };
  const draftVersion = async () => {
    const outcome = await t.policies.importWorkbook({ bytes: await draftWorkbook(), filename: `draft-${edits}.xlsx`, actor: 'test' });
    if (outcome.status !== 'created') throw new Error(`the draft was not stored: ${outcome.status}`);
    return outcome.version.version;
  };
  const scheduled = async () => {
    const version = await draftVersion();
    await t.policies.activate(version, 'admin', new Date('2099-01-01T00:00:00Z'));
    return version;
  };
  const openRequest = async () => (await t.deps.requests.open({ contractId: ids.cloud, service: 'issue_feedback', openedAt: new Date(Date.now() - 60_000), summary: '审计测试' }, 'test')).request.id;
  const desk = { name: 'support.user', address: null };
  const resolved = async () => {
    const id = await openRequest();
    await t.deps.requests.resolve(id, '已处理', desk);
    return id;
  };
  const pendingQuote = async () =>
    (await t.deps.quotes.create({ customerId: ids.customer, offering: 'cloud', tier: 'basic', termYears: 1, specialServices: [], discountBasisPoints: 3_000 }, { name: 'sales.user', address: null })).number;
  const failedMessage = async () => {
    const { message } = await t.deps.outbox.enqueue({ job: 'yearly', periodKey: `k-${Math.random()}`, recipient: 'contract:1', subject: '服务报告', html: '<p>报告</p>', text: '报告', recipients: { to: ['a@example.com'], cc: [] } }, new Date());
    const refusing: MailTransport = { kind: 'smtp', from: 'entitle <noreply@localhost>', target: 'smtp://relay.invalid', send: () => Promise.reject(new Error('421 try later')), close: () => {} };
    await createDeliveryWorker({ store: t.deps.outbox, transport: refusing }).deliverDue(new Date());
    return message.id;
  };
  const csv = (name: string) => Buffer.from(`客户名称,部署,服务产品,开始日期,结束日期,联系人,邮箱\n${name},公有云,基础服务,2026-01-01,2026-12-31,,\n`, 'utf8');
  const quoteBody = { offering: 'cloud', tier: 'basic', termYears: 1, specialServices: [], discountBasisPoints: 0 } as const;

  let people = 0;
  /** A new support user, made as seeding (not through the route under test); its id for /admin/users/:id. */
  const person = async (disabled = false) => {
    people += 1;
    const { user } = await t.accounts.createUserWithOneTimePassword(`audit.person${people}`, 'support', { name: 'test', address: null });
    if (disabled) await t.accounts.setDisabled(user.username, true, { name: 'test', address: null });
    return user.id;
  };
  const RECIPES: Record<string, Recipe> = {
    'POST /sign-in': async () => {
      const agent = request.agent(t.app);
      const form = await agent.get('/sign-in');
      const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
      return { res: await agent.post('/sign-in').type('form').send({ username: usernameOf('support'), password: PASSWORD, _csrf: csrf }), action: 'auth.sign_in' };
    },
    'POST /sign-out': async () => {
      const own = await signIn(t.app, usernameOf('support'));
      return { res: await own.agent.post('/sign-out').type('form').send({ _csrf: own.csrf }), action: 'auth.sign_out' };
    },
    'POST /account/password': async () => {
      await t.accounts.createUser('audit.changer', 'support', PASSWORD, { name: 'test' });
      const own = await signIn(t.app, 'audit.changer');
      const next = 'another long test password';
      return { res: await own.agent.post('/account/password').type('form').send({ _csrf: own.csrf, currentPassword: PASSWORD, newPassword: next, confirmPassword: next }), action: 'user.password' };
    },
    'POST /policies/holidays': async () => ({ res: await page('admin', '/policies/holidays', { base: '1', source: 'notice', row: ['["2028-01-01","off","元旦"]'] }), action: 'policy.holidays' }),
    'POST /api/policies/holidays': async () => ({ res: await api('admin', 'post', '/api/policies/holidays', { base: 1, rows: [{ date: '2029-01-01', kind: 'off', name: '元旦' }] }), action: 'policy.holidays' }),
    'POST /policies': async () => ({ res: await sessions.admin.agent.post(`/policies?_csrf=${sessions.admin.csrf}`).attach('workbook', await draftWorkbook(), 'page.xlsx'), action: 'policy.upload' }),
    'POST /api/policies': async () => ({ res: await request(t.app).post('/api/policies').set(bearer('admin')).attach('workbook', await draftWorkbook(), 'api.xlsx'), action: 'policy.upload' }),
    'POST /policies/:version/activate': async () => ({ res: await page('admin', `/policies/${await draftVersion()}/activate`, { effectiveFrom: '2098-01-01' }), action: 'policy.activate' }),
    'POST /api/policies/:version/activate': async () => ({ res: await api('admin', 'post', `/api/policies/${await draftVersion()}/activate`, { effectiveFrom: '2098-02-01' }), action: 'policy.activate' }),
    'POST /policies/:version/withdraw': async () => ({ res: await page('admin', `/policies/${await scheduled()}/withdraw`), action: 'policy.withdraw' }),
    'POST /api/policies/:version/withdraw': async () => ({ res: await api('admin', 'post', `/api/policies/${await scheduled()}/withdraw`), action: 'policy.withdraw' }),
    'POST /contracts': async () => ({ res: await page('sales', '/contracts', { customerName: '页面新客户', offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', endsOn: '2099-12-31' }), action: 'contract.create' }),
    'POST /api/contracts': async () => ({ res: await api('sales', 'post', '/api/contracts', { customerId: ids.customer, offering: 'cloud', tier: 'basic', startsOn: '2026-01-01', endsOn: '2099-12-31' }), action: 'contract.create' }),
    'POST /contracts/:id/edit': async () => ({ res: await page('sales', `/contracts/${ids.cloud}/edit`, { offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2098-12-31' }), action: 'contract.update' }),
    'PUT /api/contracts/:id': async () => ({ res: await api('sales', 'put', `/api/contracts/${ids.cloud}`, { customerId: ids.customer, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31' }), action: 'contract.update' }),
    'POST /contracts/import': async () => ({ res: await sessions.sales.agent.post(`/contracts/import?_csrf=${sessions.sales.csrf}`).attach('file', csv('页面导入客户'), '合同.csv'), action: 'contract.import' }),
    'POST /api/contracts/import': async () => ({ res: await request(t.app).post('/api/contracts/import').set(bearer('sales')).attach('file', csv('接口导入客户'), '合同.csv'), action: 'contract.import' }),
    'POST /customers/:id': async () => ({ res: await page('sales', `/customers/${ids.customer}`, { name: '审计完整性客户', contact_0_name: '周杰', contact_0_email: 'zhou@page.example', contact_0_role: 'csm' }), action: 'customer.update' }),
    'POST /api/customers': async () => ({ res: await api('sales', 'post', '/api/customers', { name: '接口新客户' }), action: 'customer.create' }),
    'PUT /api/customers/:id': async () => ({ res: await api('sales', 'put', `/api/customers/${ids.customer}`, { contacts: [{ name: '周杰', email: 'zhou@api.example', role: 'csm' }] }), action: 'customer.update' }),
    'POST /contracts/:id/usage': async () => ({ res: await page('support', `/contracts/${ids.cloud}/usage`, { formId: 'audit-1', service: 'code_diagnosis', personDays: '1' }), action: 'usage.record' }),
    'POST /api/usage': async () => ({ res: await api('support', 'post', '/api/usage', { contractId: ids.cloud, service: 'code_diagnosis', personDays: 1, at: at() }), action: 'usage.record' }),
    'POST /requests': async () => ({ res: await page('support', '/requests', { formId: 'audit-intake', contractId: String(ids.cloud), service: 'issue_feedback', openedAt: '', summary: '页面受理' }), action: 'request.open' }),
    'POST /api/requests': async () => ({ res: await api('support', 'post', '/api/requests', { contractId: ids.cloud, service: 'issue_feedback', summary: '接口受理' }), action: 'request.open' }),
    'POST /requests/:id/respond': async () => ({ res: await page('support', `/requests/${await openRequest()}/respond`, { respondedAt: '' }), action: 'request.respond' }),
    'POST /api/requests/:id/respond': async () => ({ res: await api('support', 'post', `/api/requests/${await openRequest()}/respond`), action: 'request.respond' }),
    'POST /requests/:id/assign': async () => ({ res: await page('support', `/requests/${await openRequest()}/assign`, { assignee: usernameOf('support') }), action: 'request.assign' }),
    'POST /api/requests/:id/assign': async () => ({ res: await api('support', 'post', `/api/requests/${await openRequest()}/assign`, { assignee: usernameOf('support') }), action: 'request.assign' }),
    'POST /requests/:id/priority': async () => ({ res: await page('support', `/requests/${await openRequest()}/priority`, { priority: 'P1', reason: '客户停产' }), action: 'request.priority' }),
    'POST /api/requests/:id/priority': async () => ({ res: await api('support', 'post', `/api/requests/${await openRequest()}/priority`, { priority: 'P1', reason: '客户停产' }), action: 'request.priority' }),
    'POST /requests/:id/comments': async () => ({ res: await page('support', `/requests/${await openRequest()}/comments`, { kind: 'note', body: '内部备注', formId: 'audit-note' }), action: 'request.note' }),
    'POST /api/requests/:id/comments': async () => ({ res: await api('support', 'post', `/api/requests/${await openRequest()}/comments`, { kind: 'note', body: '内部备注' }), action: 'request.note' }),
    'POST /requests/:id/state': async () => ({ res: await page('support', `/requests/${await openRequest()}/state`, { state: 'in_progress' }), action: 'request.state' }),
    'POST /api/requests/:id/state': async () => ({ res: await api('support', 'post', `/api/requests/${await openRequest()}/state`, { state: 'in_progress' }), action: 'request.state' }),
    'POST /requests/:id/resolve': async () => ({ res: await page('support', `/requests/${await openRequest()}/resolve`, { resolution: '已处理' }), action: 'request.resolve' }),
    'POST /api/requests/:id/resolve': async () => ({ res: await api('support', 'post', `/api/requests/${await openRequest()}/resolve`, { resolution: '已处理' }), action: 'request.resolve' }),
    'POST /requests/:id/close': async () => ({ res: await page('support', `/requests/${await resolved()}/close`), action: 'request.close' }),
    'POST /api/requests/:id/close': async () => ({ res: await api('support', 'post', `/api/requests/${await resolved()}/close`), action: 'request.close' }),
    'POST /requests/:id/reopen': async () => ({ res: await page('support', `/requests/${await resolved()}/reopen`, { reason: '客户反馈未解决' }), action: 'request.reopen' }),
    'POST /api/requests/:id/reopen': async () => ({ res: await api('support', 'post', `/api/requests/${await resolved()}/reopen`, { reason: '客户反馈未解决' }), action: 'request.reopen' }),
    'POST /quotes': async () => ({ res: await page('sales', '/quotes', { offering: 'cloud', customerName: '页面报价客户', tier: 'basic', termYears: '1', discount: '0' }), action: 'quote.create' }),
    'POST /api/quotes': async () => ({ res: await api('sales', 'post', '/api/quotes', { ...quoteBody, customerId: ids.customer }), action: 'quote.create' }),
    'POST /api/quotes/:number/revisions': async () => {
      const { number } = await t.deps.quotes.create({ ...quoteBody, specialServices: [], customerId: ids.customer }, { name: 'sales.user', address: null });
      return { res: await api('sales', 'post', `/api/quotes/${number}/revisions`, { ...quoteBody, termYears: 2 }), action: 'quote.revise' };
    },
    'POST /quotes/:number/approve': async () => ({ res: await page('manager', `/quotes/${await pendingQuote()}/approve`, { note: '同意' }), action: 'quote.approve' }),
    'POST /quotes/:number/reject': async () => ({ res: await page('manager', `/quotes/${await pendingQuote()}/reject`, { reason: '折扣过高' }), action: 'quote.reject' }),
    'POST /api/quotes/:number/approve': async () => ({ res: await api('manager', 'post', `/api/quotes/${await pendingQuote()}/approve`, { note: '同意' }), action: 'quote.approve' }),
    'POST /api/quotes/:number/reject': async () => ({ res: await api('manager', 'post', `/api/quotes/${await pendingQuote()}/reject`, { reason: '折扣过高' }), action: 'quote.reject' }),
    'POST /outbox/:id/resend': async () => ({ res: await page('manager', `/outbox/${await failedMessage()}/resend`), action: 'outbox.resend' }),
    'POST /api/outbox/:id/resend': async () => ({ res: await api('manager', 'post', `/api/outbox/${await failedMessage()}/resend`), action: 'outbox.resend' }),
    'POST /reports/yearly/:contractId/:yearEnd/reissue': async () => ({ res: await page('manager', `/reports/yearly/${ids.preferred}/2026-11-27/reissue`, { reason: '联系人变更' }), action: 'report.reissue' }),
    'POST /api/reports/yearly/:contractId/:yearEnd/reissue': async () => ({ res: await api('manager', 'post', `/api/reports/yearly/${ids.preferred}/2026-11-27/reissue`, { reason: '数据更正' }), action: 'report.reissue' }),
    'POST /admin/users': async () => ({ res: await page('admin', '/admin/users', { username: 'audit.newcomer', role: 'sales' }), action: 'user.create' }),
    'POST /admin/users/:id/role': async () => ({ res: await page('admin', `/admin/users/${await person()}/role`, { role: 'sales' }), action: 'user.role' }),
    'POST /admin/users/:id/disable': async () => ({ res: await page('admin', `/admin/users/${await person()}/disable`), action: 'user.disable' }),
    'POST /admin/users/:id/enable': async () => ({ res: await page('admin', `/admin/users/${await person(true)}/enable`), action: 'user.enable' }),
    'POST /admin/users/:id/unlock': async () => ({ res: await page('admin', `/admin/users/${await person()}/unlock`), action: 'user.unlock' }),
    'POST /admin/users/:id/reset-password': async () => ({ res: await page('admin', `/admin/users/${await person()}/reset-password`), action: 'user.reset_password' }),
    'POST /admin/tokens': async () => ({ res: await page('admin', '/admin/tokens', { owner: usernameOf('support'), role: 'support', name: '审计测试令牌' }), action: 'token.create' }),
    'POST /admin/tokens/:id/revoke': async () => {
      const { record } = await t.accounts.createToken({ owner: usernameOf('support'), name: '待吊销' }, { name: 'test', address: null });
      return { res: await page('admin', `/admin/tokens/${record.id}/revoke`), action: 'token.revoke' };
    },
    'POST /reports/reviews/:id/approve': async () => ({ res: await page('expert', `/reports/reviews/${ids.reviews[0]}/approve`, { lines: '请安排巡检。' }), action: 'report.review_approve' }),
    'POST /api/reports/reviews/:id/approve': async () => ({ res: await api('expert', 'post', `/api/reports/reviews/${ids.reviews[1]}/approve`, { lines: ['请安排巡检。'] }), action: 'report.review_approve' }),
  };

  beforeAll(async () => {
    t = await createTestApp(current().db, { sampleActiveSince: new Date('2025-01-01T00:00:00Z') });
    routes = appRoutes(t.deps);
    const { contracts } = t.deps;
    const contacts = [{ name: '王工', email: 'it@audit.example', role: 'contact' as const }, { name: '赵经理', email: 'csm@kingdee.example', role: 'csm' as const }];
    ids.customer = (await contracts.createCustomer({ name: '审计完整性客户', contacts }, { name: 'test', address: null })).id;
    ids.cloud = (await contracts.createContract({ customerId: ids.customer, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2099-12-31' })).id;
    const premium = async () => (await contracts.createContract({ customerId: ids.customer, offering: 'on_premise', tier: 'premium', startsOn: '2025-11-28', endsOn: '2027-11-27' })).id;
    const reviewed = [await premium(), await premium()];
    ids.preferred = (await contracts.createContract({ customerId: ids.customer, offering: 'cloud', tier: 'preferred', startsOn: '2025-11-28', endsOn: '2027-11-27' })).id;
    await t.deps.reports.jobs.run('yearly', sh('2026-11-28T07:00:00'), { dryRun: false, trigger: 'manual', actor: 'test' });
    for (const id of reviewed) ids.reviews.push((await t.deps.reports.reviews.ofYear(id, '2026-11-27'))!.id);
    for (const role of ['admin', 'manager', 'sales', 'support', 'expert'] as const) sessions[role] = await signIn(t.app, usernameOf(role));
  });

  it('knows every write route: a recipe that audits it, or a reason it stores nothing worth auditing', () => {
    const writes = routes.filter((r) => r.method !== 'get').map(nameOf);
    expect(writes.length).toBeGreaterThan(40);
    const unknown = writes.filter((name) => !(name in RECIPES) && !(name in NOT_AUDITED));
    expect(unknown, 'write routes with neither a recipe in audit-complete.test.ts nor a reason in NOT_AUDITED').toEqual([]);
    // Nothing stale: each recipe and reason names a route of the table.
    expect([...Object.keys(RECIPES), ...Object.keys(NOT_AUDITED)].filter((name) => !writes.includes(name))).toEqual([]);
  });

  it('leaves an audit entry of the expected action after a successful call of each write route', async () => {
    const lastId = async () => Number(((await current().db('audit_log').max({ id: 'id' })) as { id: number | null }[])[0]?.id ?? 0);
    for (const spec of routes.filter((r) => r.method !== 'get')) {
      const name = nameOf(spec);
      const recipe = RECIPES[name];
      if (!recipe) continue;
      const before = await lastId();
      const { res, action } = await recipe();
      expect.soft(res.status, `${name}: ${res.text?.slice(0, 300)}`).toBeLessThan(400);
      const actions = ((await current().db('audit_log').where('id', '>', before).select('action')) as { action: string }[]).map((r) => r.action);
      expect.soft(actions, `${name} should record ${action}`).toContain(action);
    }
  });
});
