// deploy/grafana-dashboard.json is built on the metrics /metrics exposes: every name a panel queries is one the
// registry has, and every metric of ours is on a panel, so neither side can be renamed without the other.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { parseScrape } from '../support/prometheus-text.ts';

const DASHBOARD = path.resolve(import.meta.dirname, '../../deploy/grafana-dashboard.json');

interface Panel {
  type: string;
  title: string;
  targets?: { expr: string }[];
}

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(fs.readFileSync(DASHBOARD, 'utf8')) as { panels: Panel[]; templating: { list: { query?: unknown }[] } };
  const exprs = [...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)), ...dashboard.templating.list.map((v) => JSON.stringify(v.query ?? ''))];

  it('queries only metrics the registry exposes, and shows each of them', async () => {
    // Every source given, so that every metric of ours is registered.
    const metrics = createMetrics({ outboxCounts: async () => ({ pending: 0, failing: 0, sent: 0 }), policyVersion: async () => 1, holidayDaysLeft: async () => 1, pool: () => ({ used: 0, free: 1, pending: 0, max: 1 }) });
    const exposed = new Set([...parseScrape((await metrics.scrape()).body).types.keys()].filter((name) => name.startsWith('entitle_')));
    // A histogram is queried through its _bucket, _count and _sum series.
    const queried = new Set(exprs.flatMap((e) => [...e.matchAll(/\bentitle_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, ''))));
    expect([...queried].filter((name) => !exposed.has(name))).toEqual([]);
    expect([...exposed].filter((name) => !queried.has(name))).toEqual([]);
  });

  it('has a panel for each thing the issue asks to see', () => {
    const titles = dashboard.panels.filter((p) => p.type !== 'row').map((p) => p.title);
    for (const wanted of ['Request rate by route', 'p95 latency by route', 'Errors by status', 'Entitlement decisions by outcome', 'Outbox backlog by state', 'Scheduler runs by job and outcome', 'Policy version in force', 'Days of holiday data left', 'Database pool use']) {
      expect(titles).toContain(wanted);
    }
    expect(exprs.find((e) => e.includes('histogram_quantile(0.95'))).toContain('entitle_http_request_duration_seconds_bucket');
  });
});
