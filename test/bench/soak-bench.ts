// `npm run bench:soak`: the whole stack (test/stack: two instances on MariaDB behind nginx) under the issue's mixed
// load, with three faults in the middle of it — MariaDB stopped for 20 s and started again, one instance killed
// with SIGKILL and started again, the SMTP server refusing for a while — and then the acceptance checked against
// the database. Prints throughput, p50 / p95 / p99 per kind, errors by status and each instance's memory every
// 10 s; exits 1 when a check fails.
//
// Options: --seconds=600 (the run; faults at fixed shares of it), --connections=50, --customers=60,
// --smtp-refusal=120 (seconds), --base-port=18080, --json=FILE (the figures as JSON), --keep (keep the stack's logs).
// `.ci/run` runs `--seconds=60 --smtp-refusal=15` (the same faults, shorter).
import fs from 'node:fs';
import os from 'node:os';
import mysql from 'mysql2/promise';
import { startStack } from '../stack/stack.ts';
import { checkOutage, checkStore, percentile, type Check, type Window } from './soak/soak-checks.ts';
import { startLoad, type Answer, type Kind } from './soak/soak-load.ts';
import { seed as seedStack } from './soak/soak-seed.ts';

const arg = (name: string, fallback: number) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const seconds = arg('seconds', 600);
const connections = arg('connections', 50);
const smtpRefusalS = arg('smtp-refusal', 120);
const jsonFile = process.argv.find((a) => a.startsWith('--json='))?.slice('--json='.length);
const keep = process.argv.includes('--keep');

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const stack = await startStack({
  basePort: arg('base-port', 18_080),
  log,
  // Delivery every 5 s, a first retry after 10 s and a lease of a minute (instead of 30 s, a minute and ten): the
  // run ends when the outbox has drained, which includes a message the killed instance had claimed.
  env: { OUTBOX_INTERVAL_S: '5', OUTBOX_RETRY_S: '10', OUTBOX_LEASE_S: '120', LOG_LEVEL: 'warn' },
});
let failed = true;
try {
  log(`seeding through ${stack.url}`);
  const seed = await seedStack(stack.url, stack.env, arg('customers', 60));
  log(`${seed.contracts.length} contracts; load: ${connections} connections for ${seconds} s`);

  const load = startLoad(stack.url, seed, connections);
  const memory: { at: number; rss: (number | null)[] }[] = [];
  const sampler = setInterval(() => memory.push({ at: Math.round(load.elapsed()), rss: stack.instances.map((i) => i.rssMb()) }), 10_000);

  // The faults, at fixed shares of the run, one after another.
  const outage: Window = { from: 0, to: 0 };
  let killedAt = seconds;
  let killedAtMs = 0;
  const downS = 20;
  const at = async (share: number) => sleep(Math.max(0, share * seconds - load.elapsed()) * 1000);
  const faults = (async () => {
    await at(0.2);
    log(`fault: MariaDB stopped for ${downS} s`);
    await stack.mariadb.stop();
    outage.from = load.elapsed();
    await sleep(downS * 1000);
    await stack.mariadb.start();
    outage.to = load.elapsed();
    log('fault: MariaDB started again');
    // The kill waits at least 12 s after the database's return, so the recovery is judged on its own.
    await at(0.5);
    await sleep(Math.max(0, outage.to + 12 - load.elapsed()) * 1000);
    log(`fault: ${stack.instances[1]!.name} killed with SIGKILL, then started again`);
    killedAt = load.elapsed();
    killedAtMs = Date.now();
    await stack.instances[1]!.kill();
    await stack.instances[1]!.start();
    log(`fault: ${stack.instances[1]!.name} ready again after ${(load.elapsed() - killedAt).toFixed(1)} s`);
    await at(0.6);
    log(`fault: SMTP refusing for ${smtpRefusalS} s`);
    stack.smtp.mode = 'refuse-rcpt';
    await sleep(Math.min(smtpRefusalS, seconds * 0.35) * 1000);
    stack.smtp.mode = 'accept';
    log('fault: SMTP accepting again');
  })();
  await sleep(seconds * 1000);
  await faults;
  await load.stop();
  clearInterval(sampler);
  log(`load stopped after ${load.elapsed().toFixed(0)} s: ${load.answers.length} answers`);

  // Every message queued is sent once the SMTP server accepts: wait for the outbox to drain, as long as it moves
  // (a message the killed instance had claimed waits for its lease, 120 s), at most 20 minutes.
  const db = await mysql.createConnection(stack.databaseUrl);
  const drainStarted = Date.now();
  let lastPending = Infinity;
  let movedAt = Date.now();
  for (;;) {
    const [rows] = await db.query("select count(*) as n from outbox where status <> 'sent'");
    const pending = Number((rows as { n: number }[])[0]!.n);
    if (pending < lastPending) movedAt = Date.now();
    if (lastPending === Infinity) log(`outbox: ${pending} messages pending when the load stopped`);
    lastPending = pending;
    if (pending === 0 || Date.now() - movedAt > 150_000 || Date.now() - drainStarted > 20 * 60_000) {
      log(`outbox: ${pending} messages pending after ${((Date.now() - drainStarted) / 1000).toFixed(0)} s`);
      break;
    }
    await sleep(2000);
  }
  await db.end();

  const checks: Check[] = [...checkOutage(load.answers, outage, killedAt), ...(await checkStore(stack.databaseUrl, load.acked, seed, stack.smtp, killedAtMs)), ...checkMemory(memory)];
  checks.push(checkCrashes(load.answers, outage));
  report(load.answers, memory, checks, load.elapsed());
  failed = checks.some((c) => !c.passed);
  if (jsonFile) fs.writeFileSync(jsonFile, JSON.stringify({ seconds, connections, machine: machine(), figures: figures(load.answers, load.elapsed()), memory, checks }, null, 2));
} finally {
  await stack.stop({ keepDir: keep || failed });
  if (failed) log(`the stack's logs are kept in ${stack.dir}`);
}
process.exit(failed ? 1 : 0);

/**
 * Memory is flat after warm-up: the instance never killed grows less than 10%, the median of its samples in the
 * minute after warm-up (a fifth of the run) against the median of the last minute's. Medians, because the heap's
 * own sawtooth moves a single sample by a fifth either way.
 */
function checkMemory(samples: { at: number; rss: (number | null)[] }[]): Check[] {
  const from = seconds * 0.2;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const window = (a: number, b: number) => samples.filter((s) => s.at >= a && s.at < b && s.rss[0] !== null).map((s) => s.rss[0]!);
  const early = window(from, from + 60);
  const late = window(seconds - 60, Infinity);
  if (seconds < 300 || early.length < 3 || late.length < 3) return [{ name: 'memory flat after warm-up', passed: true, detail: `not judged: the run is shorter than 5 minutes (${samples.length} samples)` }];
  const growth = (median(late) - median(early)) / median(early);
  const peak = Math.max(...samples.map((s) => s.rss[0] ?? 0));
  return [{ name: 'memory flat after warm-up (< 10% growth)', passed: growth < 0.1, detail: `app-1 median ${median(early).toFixed(0)} MB in the minute after warm-up → ${median(late).toFixed(0)} MB in the last minute (${(growth * 100).toFixed(1)}%), peak ${peak.toFixed(0)} MB` }];
}

/** Outside the outage, a 5xx is only allowed for requests in flight on the instance that was killed. */
function checkCrashes(answers: readonly Answer[], outage: Window): Check {
  const outside = answers.filter((a) => (a.at < outage.from || a.at > outage.to + 10) && (a.status === 0 || a.status >= 500));
  const statuses = countBy(outside.map((a) => String(a.status)));
  return { name: 'no 500 and no hang outside the outage (in-flight requests of the killed instance aside)', passed: outside.filter((a) => a.status === 500 || a.status === 0).length === 0, detail: outside.length ? `5xx or unanswered outside the outage: ${JSON.stringify(statuses)}` : 'none' };
}

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function figures(answers: readonly Answer[], elapsed: number) {
  const kinds = [...new Set(answers.map((a) => a.kind))].sort() as Kind[];
  return {
    throughput: answers.length / elapsed,
    byStatus: countBy(answers.map((a) => String(a.status))),
    kinds: kinds.map((kind) => {
      const ok = answers.filter((a) => a.kind === kind && a.status > 0 && a.status < 500).map((a) => a.ms);
      return { kind, count: answers.filter((a) => a.kind === kind).length, p50: percentile(ok, 50), p95: percentile(ok, 95), p99: percentile(ok, 99) };
    }),
  };
}

function machine(): string {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node.js ${process.version}`;
}

function report(answers: readonly Answer[], memory: { at: number; rss: (number | null)[] }[], checks: readonly Check[], elapsed: number): void {
  const f = figures(answers, elapsed);
  console.log(`\n## Soak: ${seconds} s, ${connections} connections, ${machine()}\n`);
  console.log(`${answers.length} answers, ${f.throughput.toFixed(0)} per second; by status: ${JSON.stringify(f.byStatus)}\n`);
  console.log('| kind | answers | p50 ms | p95 ms | p99 ms | by status (API code) |\n|---|---|---|---|---|---|');
  for (const k of f.kinds) {
    const statuses = countBy(answers.filter((a) => a.kind === k.kind).map((a) => (a.code ? `${a.status} ${a.code}` : String(a.status))));
    console.log(`| ${k.kind} | ${k.count} | ${k.p50.toFixed(1)} | ${k.p95.toFixed(1)} | ${k.p99.toFixed(1)} | ${Object.entries(statuses).map(([s, n]) => `${s}: ${n}`).join(', ')} |`);
  }
  console.log(`\nRSS (MB) every 10 s, app-1 / app-2: ${memory.map((m) => `${m.at}s ${m.rss.map((r) => (r === null ? '—' : r.toFixed(0))).join('/')}`).join(', ')}\n`);
  for (const c of checks) console.log(`${c.passed ? 'PASS' : 'FAIL'}  ${c.name}: ${c.detail}`);
}
