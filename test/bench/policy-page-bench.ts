// npm run bench:policy-page — a policy version's page at 100,000 contracts (issue 12, item 3). A draft version that
// changes one offering × tier and one special service is shown against the active version: `GET /policies/2`
// (the page) and `GET /api/policies/2/diff` (its API twin), each of which counts and lists the contracts in force
// that the change touches. Goal: the page under 300 ms at p95, with /healthz unaffected.
//
// For each engine — SQLite (a temporary file) and MySQL (a throwaway schema `entitle_bench_<random>` on
// TEST_MYSQL_URL, default mysql://root@127.0.0.1:3306/test, dropped at the end) — this process seeds the database
// with the code of this tree (migrations, the sample policy active since 2025-01-01, a draft version 2, then the
// customers, contracts and special services in bulk), and starts the server as `npm start` composes it in a child
// process (pino at info, its request log to a temporary file). Then, over loopback:
//   1. cold: the first view of the page and of the API diff after the server started;
//   2. a baseline for --baseline-seconds (15): the entitlement checks and the /healthz prober below, without the
//      policy pages, for what /healthz answers when nobody looks at a policy;
//   3. a mixed load for --seconds: 2 connections asking for the page, 2 for the API diff, 4 for entitlement checks
//      (POST /api/entitlements/check, inline contracts), and one prober asking /healthz every 10 ms, one at a time;
//      latencies p50 / p95 / p99 per kind and requests/s. The run is longer than the 30 s for which a count is
//      kept, so counts made afresh are among the measured views.
// When the tree's contract store has contractsInScope (the query that replaced the walk over every contract),
// the parent also times it directly, uncached, and prints its SQL and the engine's query plans.
//
// Options (after `npm run bench:policy-page --`): --engines=sqlite,mysql (default both), --contracts=N (100000),
// --seconds=N (40), --baseline-seconds=N (15), --keep (leave the databases; their names are printed).
// To measure other code in the same sitting: `git worktree add /tmp/b-before <commit>`, symlink node_modules, copy
// this file there and run it with `npx tsx test/bench/policy-page-bench.ts` from that directory.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openServices } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createContractRepository } from '../../src/contracts/contract-repository.ts';
import { isMysql, type Database } from '../../src/db/database.ts';
import { migrateLatest } from '../../src/db/migrations.ts';
import { createApp } from '../../src/http/create-app.ts';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { writeWorkbook } from '../../src/workbook/workbook-writer.ts';
import { createLogger } from '../../src/logger.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService } from '../../src/policy/policy-service.ts';
import { sampleWorkbook } from '../support/fixtures.ts';
import { createBenchDatabase } from './bench-database.ts';
import { fmt, machine, random } from './bench-support.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOAL_P95_MS = 300;
const PAGE = '/policies/2';
const DIFF = '/api/policies/2/diff';
const CHECK = '/api/entitlements/check';
const DAY_MS = 86_400_000;

interface Options {
  engines: ('sqlite' | 'mysql')[];
  contracts: number;
  seconds: number;
  baselineSeconds: number;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { engines: ['sqlite', 'mysql'], contracts: 100_000, seconds: 40, baselineSeconds: 15, keep: false };
  for (const arg of argv) {
    const [name, value] = arg.split('=', 2) as [string, string | undefined];
    if (name === '--engines' && value) options.engines = value.split(',').filter((e): e is 'sqlite' | 'mysql' => e === 'sqlite' || e === 'mysql');
    else if (name === '--contracts' && value && /^\d+$/.test(value)) options.contracts = Number(value);
    else if (name === '--seconds' && value && /^\d+$/.test(value)) options.seconds = Number(value);
    else if (name === '--baseline-seconds' && value && /^\d+$/.test(value)) options.baselineSeconds = Number(value);
    else if (name === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}: --engines=sqlite,mysql, --contracts=N, --seconds=N, --baseline-seconds=N, --keep`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------
// The database and its seed.


async function bulkInsert(db: Database, table: string, rows: Record<string, unknown>[]): Promise<void> {
  // SQLite stops at 500 terms of a compound SELECT, which knex writes for a multi-row insert.
  const chunk = isMysql(db) ? 1000 : 500;
  for (let start = 0; start < rows.length; start += chunk * 20) {
    await db.transaction(async (trx) => {
      for (let from = start; from < Math.min(rows.length, start + chunk * 20); from += chunk) await trx(table).insert(rows.slice(from, from + chunk));
    });
  }
}

const SPECIALS = { cloud: ['upgrade_migration', 'business_adjustment', 'data_repair', 'data_optimization', 'dev_support_project', 'onsite_support'], on_premise: ['upgrade_migration', 'data_repair', 'onsite_support', 'performance_tuning', 'db_migration', 'cluster_ha'] };
const TIERS = ['basic', 'preferred', 'premium'] as const;

interface SeedCounts {
  customers: number;
  contracts: number;
  services: number;
  inForce: number;
  touched: number;
  seconds: number;
}

/**
 * The sample active since 2025-01-01 and a draft version 2 in which the cloud 优选 response to issue feedback and
 * the description of 数据修复 (data_repair) change; then the contracts: a fifth of them per customer, offerings and
 * tiers evenly, terms of one to three years starting in the last three years or the next half year (about 70% in
 * force), and a special service or two on a third of them.
 */
async function seed(db: Database, contracts: number): Promise<SeedCounts> {
  const started = performance.now();
  await migrateLatest(db);
  const v1 = await createPolicyService(createPolicyRepository(db), () => new Date('2025-01-01T00:00:00Z')).importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'bench', activate: true });
  if (v1.status !== 'created') throw new Error(`the sample policy did not import: ${JSON.stringify(v1).slice(0, 1000)}`);
  const tables = sampleWorkbookTables();
  tables[0]!.rows.find((r) => r.at(-1) === 'issue_feedback')![2] = '0.5工作日响应';
  const special = tables.find((t) => t.header[0] === '专项服务产品' && t.rows.some((r) => r.at(-1) === 'data_repair'))!;
  const repair = special.rows.find((r) => r.at(-1) === 'data_repair')!;
  repair[1] = `${repair[1]}(含历史数据校验)`;
  const v2 = await createPolicyService(createPolicyRepository(db), () => new Date()).importWorkbook({ bytes: await writeWorkbook(tables), filename: 'v2.xlsx', actor: 'bench' });
  if (v2.status !== 'created' || v2.version.version !== 2) throw new Error(`version 2 did not import: ${JSON.stringify(v2).slice(0, 1000)}`);

  const at = new Date().toISOString();
  const todayMs = Date.parse(`${new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00Z`);
  const today = new Date(todayMs).toISOString().slice(0, 10);
  const rnd = random(20261204);
  const customerCount = Math.max(1, Math.floor(contracts / 5));
  await bulkInsert(db, 'customers', Array.from({ length: customerCount }, (_, i) => ({ id: i + 1, name: `基准客户 ${String(i + 1).padStart(6, '0')} 有限公司`, created_at: at, updated_at: at })));
  const contractRows: Record<string, unknown>[] = [];
  const serviceRows: Record<string, unknown>[] = [];
  let inForce = 0;
  let touched = 0;
  for (let i = 0; i < contracts; i++) {
    const offering = i % 2 ? 'cloud' : 'on_premise';
    const tier = TIERS[Math.floor(i / 2) % 3]!;
    const startMs = todayMs + Math.floor((rnd() * 3.5 - 3) * 365) * DAY_MS;
    const endMs = startMs + (365 * (1 + Math.floor(rnd() * 3)) - 1) * DAY_MS;
    const endsOn = new Date(endMs).toISOString().slice(0, 10);
    contractRows.push({ id: i + 1, customer_id: (i % customerCount) + 1, offering, tier, starts_on: new Date(startMs).toISOString().slice(0, 10), ends_on: endsOn, created_at: at, updated_at: at });
    const bought = new Set<string>();
    if (rnd() < 1 / 3) {
      const list = SPECIALS[offering];
      bought.add(list[Math.floor(rnd() * list.length)]!);
      if (rnd() < 0.3) bought.add(list[Math.floor(rnd() * list.length)]!);
    }
    for (const service of bought) serviceRows.push({ contract_id: i + 1, service, person_days: 2 });
    if (endsOn >= today) {
      inForce++;
      if ((offering === 'cloud' && tier === 'preferred') || bought.has('data_repair')) touched++;
    }
  }
  await bulkInsert(db, 'contracts', contractRows);
  await bulkInsert(db, 'contract_services', serviceRows);
  if (isMysql(db)) await db.raw('analyze table customers, contracts, contract_services');
  else await db.raw('analyze');
  return { customers: customerCount, contracts, services: serviceRows.length, inForce, touched, seconds: (performance.now() - started) / 1000 };
}

/** The tree's own count, uncached, with its statements and their plans: only where the tree has contractsInScope. */
async function timeQuery(db: Database, expectTouched: number): Promise<void> {
  const store = createContractRepository(db) as unknown as Record<string, unknown>;
  const inScope = store.contractsInScope as ((scope: unknown, today: string, limit: number) => Promise<{ matching: number; inForce: number }>) | undefined;
  if (typeof inScope !== 'function') {
    console.log('  (this tree has no contractsInScope: the impact is the walk over every contract, measured through the page only)');
    return;
  }
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const scope = { tiers: [{ offering: 'cloud', tier: 'preferred' }], services: ['data_repair'], everyContract: false };
  const statements: { sql: string; bindings: unknown[] }[] = [];
  const capture = (q: { sql: string; bindings: unknown[] }) => statements.push({ sql: q.sql, bindings: q.bindings });
  db.on('query', capture);
  const first = await inScope(scope, today, 20);
  db.off('query', capture);
  if (first.matching !== expectTouched) throw new Error(`contractsInScope counted ${first.matching} touched contracts; the seed made ${expectTouched}`);
  const times: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    await inScope(scope, today, 20);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`  the count itself, uncached (contractsInScope, in this process): median ${times[3]!.toFixed(1)} ms, min ${times[0]!.toFixed(1)} ms, max ${times[6]!.toFixed(1)} ms over 7`);
  for (const s of statements) {
    console.log(`    ${s.sql}`);
    const explain = isMysql(db) ? 'explain' : 'explain query plan';
    const rows = (await db.raw(`${explain} ${s.sql}`, s.bindings as never[])) as unknown;
    const plan = (isMysql(db) ? (rows as [Record<string, unknown>[]])[0] : (rows as Record<string, unknown>[])).map((r) =>
      isMysql(db) ? `${r.table}: ${r.type} via ${r.key ?? 'no index'} (${r.rows} rows) ${r.Extra ?? ''}` : String(r.detail),
    );
    for (const line of plan) console.log(`      plan: ${line}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// The server, in a child process: the app as `npm start` composes it.

type FromChild = { type: 'ready'; port: number; token: string } | { type: 'error'; message: string };

async function serve(url: string): Promise<void> {
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-bench-policy-page-var-'));
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: url, VAR_DIR: varDir, LOG_LEVEL: 'info', REPORT_SCHEDULER: 'off', SESSION_SECRET: 'bench-session-secret-that-is-long-enough' }, ROOT);
  const logger = createLogger(config.logLevel);
  const services = await openServices(config, { migrate: false });
  await services.accounts.createUser('bench', 'support', 'a bench password', { name: 'bench' });
  const { token } = await services.accounts.createToken({ owner: 'bench', name: 'bench' }, { name: 'bench' });
  const app = createApp({
    ...services,
    checkDatabase: services.ping,
    logger,
    sessionSecret: config.sessionSecret!,
    upload: config.upload,
    trustProxy: config.trustProxy,
    outboxDir: config.mail.outboxDir,
    reportSettings: config.reports,
  });
  const server = http.createServer(app);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.send!({ type: 'ready', port: (server.address() as AddressInfo).port, token } satisfies FromChild);
  process.on('message', (m: { type: string }) => {
    if (m.type !== 'stop') return;
    server.closeAllConnections();
    server.close();
    void services.close().finally(() => {
      fs.rmSync(varDir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}

function startServer(url: string, logPath: string): Promise<{ child: ChildProcess; port: number; token: string }> {
  const logFd = fs.openSync(logPath, 'w');
  const child = fork(fileURLToPath(import.meta.url), ['--serve', url], { execArgv: process.execArgv, stdio: ['ignore', logFd, 'inherit', 'ipc'] });
  fs.closeSync(logFd);
  return new Promise((resolve, reject) => {
    child.once('message', (m: FromChild) => (m.type === 'ready' ? resolve({ child, port: m.port, token: m.token }) : reject(new Error(m.message))));
    child.once('exit', (code) => reject(new Error(`the server exited (${code}) before it was ready`)));
  });
}

// ---------------------------------------------------------------------------------------------------
// The load.

interface Sample {
  status: number;
  ms: number;
}

/** A request's latency; a request unanswered after `timeoutMs` counts as failed (status 0). */
function ask(agent: http.Agent, port: number, token: string, method: 'GET' | 'POST', pathname: string, body?: Buffer, timeoutMs = 60_000): Promise<Sample> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': body.length });
    const req = http.request({ agent, host: '127.0.0.1', port, method, path: pathname, headers, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);

interface KindResult {
  count: number;
  failed: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function summarize(samples: Sample[]): KindResult {
  const ok = samples.filter((s) => s.status === 200).map((s) => s.ms).sort((a, b) => a - b);
  return { count: samples.length, failed: samples.length - ok.length, p50: percentile(ok, 50), p95: percentile(ok, 95), p99: percentile(ok, 99), max: ok.at(-1) ?? NaN };
}

async function mixedLoad(port: number, token: string, seconds: number, withPages: boolean): Promise<Record<'page' | 'diff' | 'check' | 'healthz', KindResult> & { seconds: number }> {
  const end = performance.now() + seconds * 1000;
  const samples: Record<'page' | 'diff' | 'check' | 'healthz', Sample[]> = { page: [], diff: [], check: [], healthz: [] };
  const checks = ['issue_feedback', 'emergency_fault', 'online_im', 'code_diagnosis', 'system_ops'].flatMap((service) =>
    ['cloud', 'on_premise'].flatMap((offering) => TIERS.map((tier) => Buffer.from(JSON.stringify({ offering, tier, service })))),
  );
  const loop = (kind: 'page' | 'diff' | 'check', agent: http.Agent) => async () => {
    let i = 0;
    while (performance.now() < end) {
      const sample = kind === 'check' ? await ask(agent, port, token, 'POST', CHECK, checks[i++ % checks.length]) : await ask(agent, port, token, 'GET', kind === 'page' ? PAGE : DIFF);
      samples[kind].push(sample);
    }
  };
  const agent = () => new http.Agent({ keepAlive: true, maxSockets: 1 });
  const prober = async () => {
    const a = agent();
    while (performance.now() < end) {
      samples.healthz.push(await ask(a, port, token, 'GET', '/healthz'));
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  const started = performance.now();
  const pages = withPages ? [loop('page', agent())(), loop('page', agent())(), loop('diff', agent())(), loop('diff', agent())()] : [];
  await Promise.all([...pages, ...Array.from({ length: 4 }, () => loop('check', agent())()), prober()]);
  const elapsed = (performance.now() - started) / 1000;
  return { page: summarize(samples.page), diff: summarize(samples.diff), check: summarize(samples.check), healthz: summarize(samples.healthz), seconds: elapsed };
}

// ---------------------------------------------------------------------------------------------------

const ms = (n: number) => (Number.isNaN(n) ? '—' : n >= 100 ? `${n.toFixed(0)} ms` : `${n.toFixed(1)} ms`);

async function runEngine(kind: 'sqlite' | 'mysql', options: Options): Promise<void> {
  const bench = await createBenchDatabase(kind, { name: 'policy-page', keep: options.keep });
  const logPath = path.join(os.tmpdir(), `entitle-bench-policy-page-${process.pid}-${kind}.log`);
  let server: { child: ChildProcess; port: number; token: string } | null = null;
  try {
    console.log(`\nengine: ${bench.engine}`);
    const s = await seed(bench.db, options.contracts);
    console.log(`seed (not measured): ${fmt(s.customers)} customers, ${fmt(s.contracts)} contracts (${fmt(s.inForce)} in force, ${fmt(s.touched)} of them touched by version 2), ${fmt(s.services)} special services bought — ${s.seconds.toFixed(1)} s`);
    await timeQuery(bench.db, s.touched);
    server = await startServer(bench.url, logPath);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    // The walk over every contract took minutes on MySQL before issue 12: the first views may wait up to 10 minutes.
    const coldPage = await ask(agent, server.port, server.token, 'GET', PAGE, undefined, 600_000);
    const coldDiff = await ask(agent, server.port, server.token, 'GET', DIFF, undefined, 600_000);
    agent.destroy();
    const answered = (r: Sample) => (r.status === 200 ? ms(r.ms) : `no answer (status ${r.status}) after ${ms(r.ms)}`);
    console.log(`cold (first views after start): page ${answered(coldPage)}, then the API diff ${answered(coldDiff)}`);
    const baseline = await mixedLoad(server.port, server.token, options.baselineSeconds, false);
    console.log(`baseline, ${baseline.seconds.toFixed(0)} s without the policy pages: checks p50 ${ms(baseline.check.p50)} p95 ${ms(baseline.check.p95)} (${fmt(baseline.check.count / baseline.seconds)}/s); /healthz p50 ${ms(baseline.healthz.p50)} p99 ${ms(baseline.healthz.p99)} max ${ms(baseline.healthz.max)}`);
    const load = await mixedLoad(server.port, server.token, options.seconds, true);
    const total = load.page.count + load.diff.count + load.check.count + load.healthz.count;
    console.log(`mixed load, ${load.seconds.toFixed(0)} s: ${fmt(total / load.seconds)} requests/s in all`);
    for (const [name, r] of [
      [`page ${PAGE} (2 connections)`, load.page],
      [`API ${DIFF} (2 connections)`, load.diff],
      ['entitlement checks (4 connections)', load.check],
      ['/healthz (one at a time, every 10 ms)', load.healthz],
    ] as const) {
      console.log(`  ${name}: ${fmt(r.count)} (${fmt(r.count / load.seconds)}/s${r.failed ? `, ${r.failed} failed` : ''}) p50 ${ms(r.p50)} p95 ${ms(r.p95)} p99 ${ms(r.p99)} max ${ms(r.max)}`);
    }
    console.log(`  goal: page p95 < ${GOAL_P95_MS} ms — ${load.page.p95 < GOAL_P95_MS ? 'PASS' : 'FAIL'}`);
  } finally {
    if (server) {
      server.child.send({ type: 'stop' });
      await new Promise((r) => server!.child.once('exit', r));
    }
    fs.rmSync(logPath, { force: true });
    await bench.destroy();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(`machine: ${machine()}`);
  console.log(`code: ${ROOT}`);
  for (const engine of options.engines) await runEngine(engine, options);
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3]!).catch((err: unknown) => {
    process.send?.({ type: 'error', message: (err as Error).stack ?? String(err) } satisfies FromChild);
    process.exit(1);
  });
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
