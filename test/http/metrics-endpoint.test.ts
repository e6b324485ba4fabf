// GET /metrics on the real app and database: decisions, an import, an outbox message and scheduler runs move the
// series they should, the gauges read what the services say, and only the token holder or a local client may read it.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { createApp } from '../../src/http/create-app.ts';
import { startJobScheduler } from '../../src/jobs/job-scheduler.ts';
import type { ScheduledJob } from '../../src/jobs/job-types.ts';
import { createLogger } from '../../src/logger.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, editedSample, rowOf, tableOf, type TestApp } from '../support/http-app.ts';
import { sampleWorkbook } from '../support/fixtures.ts';
import { parseScrape, sampleOf, type Scrape } from '../support/prometheus-text.ts';

const TOKEN = 'metrics-test-token-0123456789';
const DAY_MS = 86_400_000;

describeEachDatabase('GET /metrics', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });

  const scrape = async (): Promise<Scrape> => {
    const res = await request(t.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseScrape(res.text);
  };
  const check = (body: object) => request(t.app).post('/api/entitlements/check').set('Authorization', `Bearer ${t.tokens.support}`).send(body);
  const decisions = (s: Scrape, outcome: string, reason: string) => sampleOf(s, 'entitle_entitlement_decisions_total', { outcome, reason });
  const checks = (s: Scrape, status: number) => sampleOf(s, 'entitle_http_request_duration_seconds_count', { method: 'POST', route: '/api/entitlements/check', status: String(status) });

  it('counts decisions by outcome and first reason, and their requests under the route pattern by status', async () => {
    const before = await scrape();
    const at = new Date(Date.now() + 60_000).toISOString();
    const entitled = [];
    for (let i = 0; i < 3; i++) entitled.push(await check({ offering: 'cloud', tier: 'premium', service: 'issue_feedback', at }));
    const onPremiseOnly = [];
    for (let i = 0; i < 2; i++) onPremiseOnly.push(await check({ offering: 'cloud', tier: 'basic', service: 'performance_tuning' }));
    const unknown = await check({ offering: 'cloud', tier: 'basic', service: 'massage' });
    expect(entitled.map((r) => r.body.entitled)).toEqual([true, true, true]);
    expect(onPremiseOnly.map((r) => r.body.reasons[0].code)).toEqual(['ON_PREMISE_ONLY', 'ON_PREMISE_ONLY']);
    expect(unknown.status).toBe(400);
    // A stored contract's page is a raw URL with an id; its series is the pattern's.
    const page = await request(t.app).get('/api/contracts/987654').set('Authorization', `Bearer ${t.tokens.support}`);

    const after = await scrape();
    expect(decisions(after, 'entitled', 'none') - decisions(before, 'entitled', 'none')).toBe(entitled.length);
    expect(decisions(after, 'not_entitled', 'ON_PREMISE_ONLY') - decisions(before, 'not_entitled', 'ON_PREMISE_ONLY')).toBe(onPremiseOnly.length);
    expect(checks(after, 200) - checks(before, 200)).toBe(entitled.length + onPremiseOnly.length);
    expect(checks(after, 400) - checks(before, 400)).toBe(1);
    const contractSeries = { method: 'GET', route: '/api/contracts/:id', status: String(page.status) };
    expect(sampleOf(after, 'entitle_http_request_duration_seconds_count', contractSeries) - sampleOf(before, 'entitle_http_request_duration_seconds_count', contractSeries)).toBe(1);
    expect([...after.samples.keys()].some((key) => key.includes('987654'))).toBe(false);
    // The scrape before this one is counted too, once answered.
    expect(sampleOf(after, 'entitle_http_request_duration_seconds_count', { method: 'GET', route: '/metrics', status: '200' })).toBeGreaterThanOrEqual(1);
  });

  it('counts policy imports by result, and shows the version in force', async () => {
    const before = await scrape();
    const admin = { Authorization: `Bearer ${t.tokens.admin}` };
    const again = await request(t.app).post('/api/policies').set(admin).attach('workbook', sampleWorkbook(), 'sample-again.xlsx');
    const edited = await editedSample((tables) => {
      rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[1] = '7工作小时响应';
    });
    const draft = await request(t.app).post('/api/policies').set(admin).attach('workbook', edited, 'draft.xlsx');
    const broken = await request(t.app).post('/api/policies').set(admin).attach('workbook', await editedSample((tables) => {
      rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[1] = '随便';
    }), 'broken.xlsx');
    expect([again.body.status, draft.body.status, broken.status]).toEqual(['existing', 'created', 422]);

    const after = await scrape();
    const imports = (s: Scrape, result: string) => sampleOf(s, 'entitle_policy_imports_total', { result });
    expect(imports(after, 'existing') - imports(before, 'existing')).toBe(1);
    expect(imports(after, 'created') - imports(before, 'created')).toBe(1);
    expect(imports(after, 'rejected') - imports(before, 'rejected')).toBe(1);
    const active = await t.policies.activeAt(new Date());
    expect(sampleOf(after, 'entitle_policy_version_in_force')).toBe(active!.version);
    expect(sampleOf(after, 'entitle_holiday_data_days_left')).toBe(await t.deps.holidays.daysOfDataLeft());
  });

  it('shows the outbox backlog by state and the pool as the database has them', async () => {
    const before = await scrape();
    const counts = await t.deps.outbox.counts();
    expect(sampleOf(before, 'entitle_outbox_messages', { state: 'pending' })).toBe(counts.pending - counts.failing);
    const message = { job: 'metrics-test', periodKey: '2026-12', recipient: 'managers', subject: '监控测试', html: '<p>测试</p>', text: '测试', recipients: { to: ['ops@example.com'], cc: [] } };
    await t.deps.outbox.enqueue(message, new Date());
    await t.deps.outbox.enqueue({ ...message, recipient: 'contract:1' }, new Date());
    const after = await scrape();
    expect(sampleOf(after, 'entitle_outbox_messages', { state: 'pending' }) - sampleOf(before, 'entitle_outbox_messages', { state: 'pending' })).toBe(2);
    expect(sampleOf(after, 'entitle_metrics_source_up', { source: 'outbox' })).toBe(1);
    const configuredMax = (current().db.client.config as { pool?: { max?: number } }).pool?.max;
    expect(sampleOf(after, 'entitle_db_pool_max')).toBe(configuredMax);
    const open = sampleOf(after, 'entitle_db_pool_connections', { state: 'used' }) + sampleOf(after, 'entitle_db_pool_connections', { state: 'free' });
    expect(open).toBeGreaterThanOrEqual(1);
    expect(open).toBeLessThanOrEqual(configuredMax!);
  });

  it('counts scheduler runs by job and outcome, through the hook the server wires', async () => {
    const before = await scrape();
    const yearly = (name: string, run: ScheduledJob['run']): ScheduledJob => ({
      name,
      // Once a year: the slot missed this year is caught up at start, once, and no tick comes during the test.
      schedule: '0 0 1 1 *',
      leaseMs: 60_000,
      catchUp: { kind: 'missed', windowStart: (now) => new Date(now.getTime() - 400 * DAY_MS) },
      run,
    });
    const jobs = [
      yearly('metrics-ok', async (slot) => ({ job: 'metrics-ok', slot: slot.toISOString(), period: 'test', dryRun: false, skipped: null, messages: [], problems: [] })),
      yearly('metrics-broken', async () => {
        throw new Error('the template broke');
      }),
    ];
    const metrics = t.deps.metrics!;
    const scheduler = await startJobScheduler({ jobs, runs: t.deps.jobRuns, instance: 'metrics-test', logger: createLogger('silent'), onRun: (job, outcome) => metrics.countSchedulerRun(job, outcome) });
    await scheduler.caughtUp;
    await scheduler.stop();
    const after = await scrape();
    const runs = (s: Scrape, job: string, outcome: string) => sampleOf(s, 'entitle_scheduler_runs_total', { job, outcome });
    expect(runs(after, 'metrics-ok', 'done') - runs(before, 'metrics-ok', 'done')).toBe(1);
    expect(runs(after, 'metrics-broken', 'failed') - runs(before, 'metrics-broken', 'failed')).toBe(1);
  });

  it('without METRICS_TOKEN answers a local client, and refuses one a proxy forwarded, in the API error shape', async () => {
    expect((await request(t.app).get('/metrics')).status).toBe(200);
    const forwarded = await request(t.app).get('/metrics').set('X-Forwarded-For', '203.0.113.9').set('Accept', 'text/html');
    expect(forwarded.status).toBe(403);
    expect(forwarded.body).toEqual({ error: { code: 'METRICS_LOCAL_ONLY', message: expect.stringContaining(' / '), details: null } });
  });

  it('with METRICS_TOKEN asks for it, and a signed-in API token is not it', async () => {
    const guarded = createApp({ ...t.deps, metricsToken: TOKEN });
    const none = await request(guarded).get('/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body.error).toMatchObject({ code: 'METRICS_TOKEN_REQUIRED' });
    const apiToken = await request(guarded).get('/metrics').set('Authorization', `Bearer ${t.tokens.admin}`);
    expect(apiToken.status).toBe(401);
    const wrong = await request(guarded).get('/metrics').set('Authorization', `Bearer ${TOKEN}x`);
    expect(wrong.status).toBe(401);
    // With the token, from anywhere (a proxy's forwarding header does not matter then).
    const right = await request(guarded).get('/metrics').set('Authorization', `Bearer ${TOKEN}`).set('X-Forwarded-For', '203.0.113.9');
    expect(right.status).toBe(200);
    expect(parseScrape(right.text).types.get('entitle_entitlement_decisions_total')).toBe('counter');
  });
});
