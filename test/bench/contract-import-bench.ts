// npm run bench:contract-import — the contract bulk import (issue 12) through its real route, POST /api/contracts/import,
// on a server started as `npm start` starts it (src/main.ts in a child process, NODE_ENV=production), on SQLite and
// on MySQL. For each engine and file size (20,000 and 40,000 valid rows by default) the database is new, holds 5,000
// customers with a contact and a contract each, and the server has imported a small file and answered a few checks
// (warm-up). While the import runs, this process asks GET /healthz every 20 ms and a stored contract's entitlements
// (GET /api/contracts/:id/entitlements, which reads the database) every 100 ms, without waiting for the answers.
// Prints rows, seconds, rows/s, the 40k/20k ratio, the server's peak RSS during the import (the kernel's high-water
// mark, reset before the import) and the latencies of both probes. Goals: 20,000 rows in under 10 s on each engine;
// 40,000 rows in at most 2.2× the time of 20,000; /healthz under 200 ms at p99 during the import.
//
// MySQL: a throwaway schema `entitle_bench_<random>` on TEST_MYSQL_URL (default mysql://root@127.0.0.1:3306/test),
// dropped at the end, also on failure or Ctrl-C. SQLite: a file in a temporary directory.
//
// Options (after `npm run bench:contract-import --`): --sqlite or --mysql (one engine only), --rows=N[,M…] (sizes),
// --stored=N (customers stored before the import; 5,000), --keep-log (keep the server's log; its path is printed).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createAccountRepository } from '../../src/accounts/account-repository.ts';
import { createAccountService } from '../../src/accounts/account-service.ts';
import { createAuditLog } from '../../src/audit/audit-log.ts';
import { migrateLatest } from '../../src/db/migrations.ts';
import { createBenchDatabase } from './bench-database.ts';
import { fmt, machine } from './bench-support.ts';
import { contractCsv, seedStored } from './contract-import-bench-data.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOAL_SECONDS_20K = 10;
const GOAL_RATIO = 2.2;
const GOAL_HEALTHZ_P99_MS = 200;
const HEALTHZ_EVERY_MS = 20;
const CHECK_EVERY_MS = 100;
const MB = 2 ** 20;

type Engine = 'sqlite' | 'mysql';

interface Options {
  engines: Engine[];
  sizes: number[];
  stored: number;
  keepLog: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { engines: ['sqlite', 'mysql'], sizes: [20_000, 40_000], stored: 5_000, keepLog: false };
  for (const arg of argv) {
    const [name, value] = arg.split('=', 2) as [string, string | undefined];
    if (name === '--sqlite' || name === '--mysql') options.engines = [name.slice(2) as Engine];
    else if (name === '--rows' && value && /^\d+(,\d+)*$/.test(value)) options.sizes = value.split(',').map(Number);
    else if (name === '--stored' && value && /^\d+$/.test(value)) options.stored = Number(value);
    else if (name === '--keep-log') options.keepLog = true;
    else throw new Error(`unknown option ${arg}: --sqlite, --mysql, --rows=N[,M…], --stored=N, --keep-log`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------
// A new database per run: a SQLite file or a throwaway MySQL schema.


// ---------------------------------------------------------------------------------------------------
// The server: src/main.ts in a child process.

interface Server {
  child: ChildProcess;
  base: string;
  logPath: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(url: string, varDir: string): Promise<Server> {
  const port = await freePort();
  const logPath = path.join(varDir, 'server.log');
  const log = fs.openSync(logPath, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      PORT: String(port),
      VAR_DIR: varDir,
      LOG_LEVEL: 'warn',
      REPORT_SCHEDULER: 'off',
      ADMIN_PASSWORD: 'bench-admin-password',
      SESSION_SECRET: 'bench-session-secret-that-is-long-enough',
    },
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) while starting; its log:\n${fs.readFileSync(logPath, 'utf8').slice(-2000)}`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not answer /healthz within 60 s');
    await sleep(100);
  }
  return {
    child,
    base,
    logPath,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

/** Resets the kernel's peak-RSS mark of a process (Linux ≥ 4.0); false where that is not allowed. */
function resetPeakRss(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/**
 * Asks `url` every `every` ms whether or not the last answer came (an open loop, so a stalled server shows in
 * every request that waited, not in one); `stop()` waits for those in flight and gives the latencies in ms.
 */
function probe(url: string, token: string | null, every: number, failures: string[]): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  const pending = new Set<Promise<void>>();
  const fire = () => {
    const started = performance.now();
    const asked: Promise<void> = fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} })
      .then(async (res) => {
        await res.arrayBuffer();
        if (!res.ok) failures.push(`${new URL(url).pathname}: ${res.status}`);
      })
      .catch((err: unknown) => {
        failures.push(`${new URL(url).pathname}: ${(err as Error).message}`);
      })
      .finally(() => {
        latencies.push(performance.now() - started);
        pending.delete(asked);
      });
    pending.add(asked);
  };
  fire();
  const timer = setInterval(fire, every);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all([...pending]);
      return latencies;
    },
  };
}

function percentile(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

async function postFile(base: string, token: string, bytes: Buffer, name: string): Promise<{ status: number; body: { contractIds?: number[]; error?: { code: string; message: string } } }> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'text/csv' }), name);
  const res = await fetch(`${base}/api/contracts/import`, { method: 'POST', body: form, headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: (await res.json()) as never };
}

// ---------------------------------------------------------------------------------------------------
// One run: a new database, the server, the warm-up, then the measured import.

interface RunResult {
  engine: Engine;
  label: string;
  rows: number;
  customers: number;
  storedCustomers: number;
  bytes: number;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
  peakFromKernel: boolean;
  healthz: number[];
  checks: number[];
  failures: string[];
}

async function run(engine: Engine, rows: number, options: Options): Promise<RunResult> {
  const bench = await createBenchDatabase(engine, { name: 'contract-import' });
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-bench-contract-import-var-'));
  let server: Server | null = null;
  try {
    await migrateLatest(bench.db);
    await seedStored(bench.db, options.stored);
    server = await startServer(bench.url, varDir);
    const accounts = createAccountService(createAccountRepository(bench.db), createAuditLog(bench.db));
    // Every token belongs to a person: the bench's own sales user.
    await accounts.createUser('bench', 'sales', 'a bench password', { name: 'bench' });
    const { token } = await accounts.createToken({ owner: 'bench', name: 'bench' }, { name: 'bench' });
    const checked = 1_000_000 + Math.floor(options.stored / 2);

    // A running server has imported before (a small file of other customers) and answered checks (the first one
    // compiles the active policy, ~0.2 s): neither is measured.
    const warm = await postFile(server.base, token, contractCsv(200, 0, 100_000, 7).bytes, 'warm-up.csv');
    if (warm.status !== 201) throw new Error(`the warm-up import answered ${warm.status}: ${JSON.stringify(warm.body).slice(0, 500)}`);
    for (let i = 0; i < 3; i++) {
      const check = await fetch(`${server.base}/api/contracts/${checked}/entitlements`, { headers: { authorization: `Bearer ${token}` } });
      if (!check.ok) throw new Error(`the warm-up check answered ${check.status}`);
      await check.arrayBuffer();
    }

    const file = contractCsv(rows, options.stored, options.stored, 20261204 + rows);
    const pid = server.child.pid!;
    const rssBefore = procStatus(pid, 'VmRSS');
    const peakFromKernel = resetPeakRss(pid);
    let sampledPeak = rssBefore;
    const failures: string[] = [];
    const sampler = setInterval(() => {
      sampledPeak = Math.max(sampledPeak, procStatus(pid, 'VmRSS'));
    }, 20);
    const healthz = probe(`${server.base}/healthz`, null, HEALTHZ_EVERY_MS, failures);
    const checks = probe(`${server.base}/api/contracts/${checked}/entitlements`, token, CHECK_EVERY_MS, failures);
    const started = performance.now();
    const res = await postFile(server.base, token, file.bytes, `contracts-${rows}.csv`);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const peak = peakFromKernel ? procStatus(pid, 'VmHWM') : sampledPeak;
    const [healthzMs, checkMs] = await Promise.all([healthz.stop(), checks.stop()]);
    if (res.status !== 201) throw new Error(`the import answered ${res.status}: ${JSON.stringify(res.body).slice(0, 1000)}`);
    if (res.body.contractIds?.length !== rows) throw new Error(`the import stored ${res.body.contractIds?.length} contracts, not ${rows}`);
    const stored = Number(((await bench.db('contracts').count({ n: '*' }).first()) as { n: number | string }).n);
    if (stored !== options.stored + 200 + rows) throw new Error(`the database holds ${stored} contracts, not ${options.stored + 200 + rows}`);
    return {
      engine,
      label: bench.engine,
      rows,
      customers: file.customers,
      storedCustomers: file.storedCustomers,
      bytes: file.bytes.length,
      seconds,
      rssBeforeMb: rssBefore / MB,
      peakRssMb: Math.max(peak, sampledPeak) / MB,
      peakFromKernel,
      healthz: healthzMs,
      checks: checkMs,
      failures,
    };
  } finally {
    await server?.stop();
    if (options.keepLog && server) console.log(`  server log kept: ${server.logPath}`);
    else fs.rmSync(varDir, { recursive: true, force: true });
    await bench.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------
// Report.

const ms = (xs: number[]) => `p50 ${percentile(xs, 0.5).toFixed(0)} / p99 ${percentile(xs, 0.99).toFixed(0)} / max ${Math.max(...xs).toFixed(0)} ms (${xs.length})`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(`machine: ${machine()}`);
  console.log(`code: ${ROOT}`);
  console.log(
    `each run: a new database holding ${fmt(options.stored)} customers (a contact and a contract each); src/main.ts in a child process (NODE_ENV=production, LOG_LEVEL=warn); ` +
      `a warm-up import of 200 rows and 3 checks; then the measured import, with GET /healthz every ${HEALTHZ_EVERY_MS} ms and a stored contract's entitlements every ${CHECK_EVERY_MS} ms (open loop: not waiting for answers)`,
  );
  const results: RunResult[] = [];
  // Ctrl-C reaches the server too, which stops; the run in progress then fails and drops its database.
  let interrupted = false;
  process.on('SIGINT', () => {
    interrupted = true;
  });
  for (const engine of options.engines) {
    for (const rows of options.sizes) {
      if (interrupted) throw new Error('interrupted');
      const r = await run(engine, rows, options);
      results.push(r);
      console.log(
        `${engine.padEnd(6)} ${fmt(r.rows).padStart(6)} rows (${fmt(r.customers)} customers, ${fmt(r.storedCustomers)} of them stored; ${(r.bytes / MB).toFixed(1)} MB CSV): ` +
          `${r.seconds.toFixed(2)} s, ${fmt(r.rows / r.seconds)} rows/s; peak RSS ${r.peakRssMb.toFixed(0)} MB (${r.rssBeforeMb.toFixed(0)} MB before${r.peakFromKernel ? '' : ', sampled every 20 ms'}) — ${r.label}`,
      );
      console.log(`         /healthz ${ms(r.healthz)}; stored contract's entitlements ${ms(r.checks)}`);
      if (r.failures.length > 0) console.log(`         probe failures: ${r.failures.length}, first: ${r.failures[0]}`);
    }
  }
  console.log('goals:');
  let ok = true;
  for (const engine of options.engines) {
    const of = (rows: number) => results.find((r) => r.engine === engine && r.rows === rows);
    const [small, large] = [of(20_000), of(40_000)];
    const lines: string[] = [];
    if (small) {
      lines.push(`20,000 rows in ${small.seconds.toFixed(2)} s (< ${GOAL_SECONDS_20K} s): ${verdict(small.seconds < GOAL_SECONDS_20K)}`);
      ok &&= small.seconds < GOAL_SECONDS_20K;
    }
    if (small && large) {
      const ratio = large.seconds / small.seconds;
      lines.push(`40k/20k ${ratio.toFixed(2)}× (≤ ${GOAL_RATIO}×): ${verdict(ratio <= GOAL_RATIO)}`);
      ok &&= ratio <= GOAL_RATIO;
    }
    const worstP99 = Math.max(...results.filter((r) => r.engine === engine).map((r) => percentile(r.healthz, 0.99)));
    lines.push(`/healthz p99 ${worstP99.toFixed(0)} ms (< ${GOAL_HEALTHZ_P99_MS} ms): ${verdict(worstP99 < GOAL_HEALTHZ_P99_MS)}`);
    ok &&= worstP99 < GOAL_HEALTHZ_P99_MS;
    console.log(`  ${engine}: ${lines.join('; ')}`);
  }
  if (!ok) process.exitCode = 1;
}

await main().catch((err: unknown) => {
  console.error(`bench failed: ${(err as Error).message ?? String(err)}`);
  process.exitCode = 1;
});
