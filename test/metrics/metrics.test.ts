// The registry on its own: per instance (two never clash), counters as the edges move them, and scrape-time gauges
// that report what they can when a source fails or does not answer.
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { isLoopbackAddress, isLocalClient } from '../../src/http/metrics-endpoint.ts';
import { holidayDaysLeft } from '../../src/holidays/holiday-readiness.ts';
import { parseScrape, sampleOf } from '../support/prometheus-text.ts';

const scrape = async (metrics: ReturnType<typeof createMetrics>) => parseScrape((await metrics.scrape()).body);

describe('createMetrics', () => {
  it('keeps a registry per instance: two in one process count apart and register nothing globally', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.countDecision({ entitled: true, reasons: [] });
    a.countDecision({ entitled: false, reasons: [{ code: 'NOT_IN_TIER' }, { code: 'QUOTA_EXHAUSTED' }] });
    b.countDecision({ entitled: false, reasons: [{ code: 'NOT_IN_TIER' }] });
    b.countDecision({ entitled: false, reasons: [{ code: 'NOT_IN_TIER' }] });
    const [sa, sb] = [await scrape(a), await scrape(b)];
    expect(sampleOf(sa, 'entitle_entitlement_decisions_total', { outcome: 'entitled', reason: 'none' })).toBe(1);
    expect(sampleOf(sa, 'entitle_entitlement_decisions_total', { outcome: 'not_entitled', reason: 'NOT_IN_TIER' })).toBe(1);
    expect(sampleOf(sb, 'entitle_entitlement_decisions_total', { outcome: 'not_entitled', reason: 'NOT_IN_TIER' })).toBe(2);
    expect(sampleOf(sb, 'entitle_entitlement_decisions_total', { outcome: 'entitled', reason: 'none' })).toBe(0);
    // prom-client's global registry is left alone.
    const { register } = await import('prom-client');
    expect(register.getMetricsAsArray()).toEqual([]);
  });

  it('counts requests into a histogram by method, route and status, imports by result and scheduler runs by job and outcome', async () => {
    const m = createMetrics();
    m.observeRequest({ method: 'GET', route: '/api/requests/:id', status: 200, seconds: 0.02 });
    m.observeRequest({ method: 'GET', route: '/api/requests/:id', status: 200, seconds: 3 });
    m.countPolicyImport('created');
    m.countSchedulerRun('yearly', 'failed');
    const s = await scrape(m);
    const labels = { method: 'GET', route: '/api/requests/:id', status: '200' };
    expect(s.types.get('entitle_http_request_duration_seconds')).toBe('histogram');
    expect(sampleOf(s, 'entitle_http_request_duration_seconds_count', labels)).toBe(2);
    expect(sampleOf(s, 'entitle_http_request_duration_seconds_bucket', { ...labels, le: '0.025' })).toBe(1);
    expect(sampleOf(s, 'entitle_http_request_duration_seconds_sum', labels)).toBeCloseTo(3.02);
    expect(sampleOf(s, 'entitle_policy_imports_total', { result: 'created' })).toBe(1);
    expect(sampleOf(s, 'entitle_scheduler_runs_total', { job: 'yearly', outcome: 'failed' })).toBe(1);
  });

  it('reads the gauges at scrape time, and reports the rest when a source fails or hangs', async () => {
    let pending = 3;
    let outboxDown = false;
    const m = createMetrics(
      {
        outboxCounts: async () => {
          if (outboxDown) throw new Error('database unavailable (ECONNREFUSED)');
          return { pending, failing: 1, sent: 7 };
        },
        // Never answers: a database that does not reply within the bound.
        policyVersion: () => new Promise<number | null>(() => {}),
        holidayDaysLeft: async () => 27,
        pool: () => ({ used: 2, free: 3, pending: 1, max: 10 }),
      },
      { sourceTimeoutMs: 50 },
    );
    let s = await scrape(m);
    expect(sampleOf(s, 'entitle_outbox_messages', { state: 'pending' })).toBe(2);
    expect(sampleOf(s, 'entitle_outbox_messages', { state: 'failing' })).toBe(1);
    expect(sampleOf(s, 'entitle_outbox_messages', { state: 'sent' })).toBe(7);
    expect(sampleOf(s, 'entitle_holiday_data_days_left')).toBe(27);
    expect(sampleOf(s, 'entitle_db_pool_connections', { state: 'used' })).toBe(2);
    expect(sampleOf(s, 'entitle_db_pool_connections', { state: 'pending' })).toBe(1);
    expect(sampleOf(s, 'entitle_db_pool_max')).toBe(10);
    expect(s.samples.has('entitle_policy_version_in_force')).toBe(false);
    expect(sampleOf(s, 'entitle_metrics_source_up', { source: 'policy' })).toBe(0);
    expect(sampleOf(s, 'entitle_metrics_source_up', { source: 'outbox' })).toBe(1);

    pending = 5;
    outboxDown = true;
    s = await scrape(m);
    // A failed source leaves its series out (no stale figures) and says so; the others are still there.
    expect(s.samples.has('entitle_outbox_messages{state="pending"}')).toBe(false);
    expect(sampleOf(s, 'entitle_metrics_source_up', { source: 'outbox' })).toBe(0);
    expect(sampleOf(s, 'entitle_metrics_source_up', { source: 'holidays' })).toBe(1);
    expect(sampleOf(s, 'entitle_holiday_data_days_left')).toBe(27);

    outboxDown = false;
    s = await scrape(m);
    expect(sampleOf(s, 'entitle_outbox_messages', { state: 'pending' })).toBe(4);
    expect(sampleOf(s, 'entitle_metrics_source_up', { source: 'outbox' })).toBe(1);
  });
});

describe('who may scrape without a token', () => {
  it('takes 127.0.0.0/8 and ::1, also IPv4-mapped, as loopback, and nothing else', () => {
    for (const address of ['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of ['10.0.0.5', '192.168.1.2', '::ffff:10.0.0.5', 'fe80::1', '128.0.0.1', '', undefined]) expect(isLoopbackAddress(address), String(address)).toBe(false);
  });

  it('refuses a loopback connection that a proxy forwarded', () => {
    const socket = { remoteAddress: '127.0.0.1' } as never;
    expect(isLocalClient({ socket, headers: {} })).toBe(true);
    expect(isLocalClient({ socket, headers: { 'x-forwarded-for': '203.0.113.9' } })).toBe(false);
    expect(isLocalClient({ socket, headers: { forwarded: 'for=203.0.113.9' } })).toBe(false);
    expect(isLocalClient({ socket, headers: { 'x-real-ip': '203.0.113.9' } })).toBe(false);
    expect(isLocalClient({ socket: { remoteAddress: '10.1.2.3' } as never, headers: {} })).toBe(false);
  });
});

describe('holidayDaysLeft', () => {
  it('counts to the end of the unbroken run of covered years from this one, today included', () => {
    expect(holidayDaysLeft('2026-12-05', new Set([2025, 2026]))).toBe(27);
    expect(holidayDaysLeft('2026-12-31', new Set([2026]))).toBe(1);
    expect(holidayDaysLeft('2026-12-05', new Set([2026, 2027, 2029]))).toBe(27 + 365);
    expect(holidayDaysLeft('2027-01-01', new Set([2026, 2028]))).toBe(0);
  });
});
