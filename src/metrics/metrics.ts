// What /metrics exposes, in Prometheus's text format: the only code that touches prom-client. Each call of
// createMetrics makes a registry of its own (never prom-client's global one), so two apps in one process — tests,
// benches — count apart, and importing this file registers nothing.
//
// Counters are moved by the edges (the HTTP layer, the composition root, the scheduler's hook): the domain does not
// know it is counted. Gauges about the state of things (the outbox, the policy in force, holiday data, the pool)
// are read at scrape time from the sources given; a source that fails or does not answer within SOURCE_TIMEOUT_MS
// leaves its series out of that scrape and says so in entitle_metrics_source_up, and the rest is still reported.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** What the gauges read at scrape time; each is optional, so an app built for a test may give only some. */
export interface ScrapeSources {
  /** The outbox's rows by state: pending (failing ones included), failing, sent. */
  outboxCounts?: () => Promise<{ pending: number; failing: number; sent: number }>;
  /** The policy version in force now; null when none is. */
  policyVersion?: () => Promise<number | null>;
  /** Days from today (Shanghai) until the last day with holiday data; 0 when today has none. */
  holidayDaysLeft?: () => Promise<number>;
  /** The database pool, read from memory; null when there is no pool (yet). */
  pool?: () => { used: number; free: number; pending: number; max: number } | null;
}

export interface Metrics {
  /** One answered HTTP request: its route pattern (never the raw URL, whose ids would make a series each). */
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void;
  /** One entitlement decision: entitled or not, and its first reason (`none` when entitled). */
  countDecision(decision: { entitled: boolean; reasons: readonly { code: string }[] }): void;
  /** One policy workbook import: created, existing, rejected, dry_run, or failed (an error, not a refusal). */
  countPolicyImport(result: string): void;
  /** One scheduled job run: done, done_late (its lease had passed to another instance), or failed. */
  countSchedulerRun(job: string, outcome: string): void;
  /** Adds prom-client's process metrics (CPU, RSS, heap, event loop lag) to this registry: the server does, tests do not. */
  collectProcessMetrics(): void;
  /** The text a scrape returns, and its content type. */
  scrape(): Promise<{ contentType: string; body: string }>;
}

/** A scrape must answer well inside Prometheus's default 10 s timeout, even while the database is away. */
export const SOURCE_TIMEOUT_MS = 2_000;

const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createMetrics(sources: ScrapeSources = {}, options: { sourceTimeoutMs?: number } = {}): Metrics {
  const sourceTimeoutMs = options.sourceTimeoutMs ?? SOURCE_TIMEOUT_MS;
  const registry = new Registry();
  const registers = [registry];

  const requestDuration = new Histogram({
    name: 'entitle_http_request_duration_seconds',
    help: 'HTTP requests answered, by method, route pattern and status, and how long they took',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: DURATION_BUCKETS,
    registers,
  });
  const decisions = new Counter({
    name: 'entitle_entitlement_decisions_total',
    help: 'Entitlement checks answered (POST /api/entitlements/check), by outcome and first reason',
    labelNames: ['outcome', 'reason'] as const,
    registers,
  });
  const imports = new Counter({
    name: 'entitle_policy_imports_total',
    help: 'Policy workbook imports, by result',
    labelNames: ['result'] as const,
    registers,
  });
  const schedulerRuns = new Counter({
    name: 'entitle_scheduler_runs_total',
    help: 'Scheduled job runs on this instance, by job and outcome',
    labelNames: ['job', 'outcome'] as const,
    registers,
  });
  // Filled in by the sources' collect callbacks of the scrape in progress; entitle_metrics_source_up waits for them.
  const reads = new Set<Promise<void>>();
  const up = new Map<string, 0 | 1>();

  // A gauge without labels is cleared with remove(), not reset(): reset() would show it as 0 (no policy in force, no
  // holiday data left), a figure nobody measured.

  /** Runs one source for a gauge; a failure is reported, never thrown into the scrape. */
  function read<T>(source: string, get: () => Promise<T> | T, set: (value: T) => void): Promise<void> {
    const done = within(Promise.resolve().then(get), sourceTimeoutMs).then(
      (value) => {
        set(value);
        up.set(source, 1);
      },
      () => void up.set(source, 0),
    );
    reads.add(done);
    void done.finally(() => reads.delete(done));
    return done;
  }

  if (sources.outboxCounts) {
    const outboxCounts = sources.outboxCounts;
    const backlog: Gauge<'state'> = new Gauge({
      name: 'entitle_outbox_messages',
      help: 'Outbox messages by state: pending (due or backing off), failing (pending, failed 5 times or more), sent',
      labelNames: ['state'] as const,
      registers,
      collect: () => {
        backlog.reset();
        return read('outbox', outboxCounts, (c) => {
          backlog.set({ state: 'pending' }, c.pending - c.failing);
          backlog.set({ state: 'failing' }, c.failing);
          backlog.set({ state: 'sent' }, c.sent);
        });
      },
    });
  }
  if (sources.policyVersion) {
    const policyVersion = sources.policyVersion;
    const version: Gauge = new Gauge({
      name: 'entitle_policy_version_in_force',
      help: 'The policy version in force now (0: none is)',
      registers,
      collect: () => {
        version.remove();
        return read('policy', policyVersion, (v) => version.set(v ?? 0));
      },
    });
  }
  if (sources.holidayDaysLeft) {
    const holidayDaysLeft = sources.holidayDaysLeft;
    const daysLeft: Gauge = new Gauge({
      name: 'entitle_holiday_data_days_left',
      help: 'Days from today (Asia/Shanghai) until the holiday data in force runs out (0: today has none)',
      registers,
      collect: () => {
        daysLeft.remove();
        return read('holidays', holidayDaysLeft, (d) => daysLeft.set(d));
      },
    });
  }
  if (sources.pool) {
    const pool = sources.pool;
    const connections: Gauge<'state'> = new Gauge({
      name: 'entitle_db_pool_connections',
      help: 'Database pool: connections used and free, and queries waiting for one (pending)',
      labelNames: ['state'] as const,
      registers,
      collect: () => {
        connections.reset();
        return read('pool', pool, (use) => {
          if (!use) return;
          connections.set({ state: 'used' }, use.used);
          connections.set({ state: 'free' }, use.free);
          connections.set({ state: 'pending' }, use.pending);
        });
      },
    });
    const max: Gauge = new Gauge({
      name: 'entitle_db_pool_max',
      help: 'The most connections the database pool opens',
      registers,
      collect: () => {
        const use = pool();
        if (use) max.set(use.max);
        else max.remove();
      },
    });
  }

  // Registered last: prom-client starts every metric's collect before awaiting any, so by the time this one runs,
  // the sources' reads of this scrape are all under way, and it reports how they ended.
  const sourceUp: Gauge<'source'> = new Gauge({
    name: 'entitle_metrics_source_up',
    help: 'Whether a scrape-time source answered in this scrape (1) or failed or timed out (0: its series are left out)',
    labelNames: ['source'] as const,
    registers,
    collect: async () => {
      await Promise.all([...reads]);
      sourceUp.reset();
      for (const [source, value] of up) sourceUp.set({ source }, value);
    },
  });

  let processMetrics = false;
  return {
    observeRequest({ method, route, status, seconds }) {
      requestDuration.observe({ method, route, status: String(status) }, seconds);
    },
    countDecision({ entitled, reasons }) {
      decisions.inc({ outcome: entitled ? 'entitled' : 'not_entitled', reason: reasons[0]?.code ?? 'none' });
    },
    countPolicyImport(result) {
      imports.inc({ result });
    },
    countSchedulerRun(job, outcome) {
      schedulerRuns.inc({ job, outcome });
    },
    collectProcessMetrics() {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry });
    },
    async scrape() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
