// npm run bench:reports — the yearly report run (issue 7) over 10,000 优选/尊享 contracts whose contract year ends
// on 2026-11-27, with 200,000 service requests, on MySQL: `jobs.run('yearly', …)` as the scheduler calls it, every
// report built and enqueued in the outbox (as its figures; the delivery worker renders them when it sends). Prints the wall time, reports/s, peak RSS and heap, and a
// breakdown by phase. Goal: under 60 s and under 400 MB of peak RSS.
//
// The database is a throwaway schema `entitle_bench_<random>` on TEST_MYSQL_URL (default
// mysql://root@127.0.0.1:3306/test), dropped at the end, also on failure or Ctrl-C. Seeding (bulk inserts, timed
// apart) happens in this process; the run itself happens in a child process that loads nothing but what the job
// needs, so its peak RSS (sampled every 50 ms, and the kernel's maxRSS) is the job's, not the seeder's.
//
// Options (after `npm run bench:reports --`):
//   --sqlite          the same against a temporary SQLite file instead of MySQL, for comparison
//   --no-phases       the report service exactly as src/bootstrap.ts openServices builds it, without the timing
//                     wrappers (to check that they cost nothing); no phase breakdown then. Either way the services
//                     are the composition root's (src/composition-root.ts); the timed run passes its wrappers in
//   --contracts=N     N contracts instead of 10,000 (20 requests each), for a quick look
//   --batch-size=N    contracts per batch of the yearly run (the service's default is 200)
//   --keep            leave the seeded database in place (its name is printed) for EXPLAIN and the like
// Node flags reach the measuring child too: `node --expose-gc --import tsx test/bench/report-bench.ts` adds the heap
// left after a full GC at the end (what is live, as against garbage not yet collected); `--max-old-space-size=N`
// shows what a heap cap does to peak RSS; `--cpu-prof --cpu-prof-dir=DIR` profiles both processes (the child's
// profile is the larger one).
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { ensureInitialPolicy, openServices } from '../../src/bootstrap.ts';
import { composeServices } from '../../src/composition-root.ts';
import { loadConfig } from '../../src/config/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import type { JobOutcome } from '../../src/jobs/job-types.ts';
import type { AdviceRules } from '../../src/report/advice-rules.ts';
import type { ReviewStore } from '../../src/report/reviews/report-review-store.ts';
import type { OutboxStore } from '../../src/report/outbox/outbox-store.ts';
import type { ReportDataStore } from '../../src/report/report-data-store.ts';
import type { ReportRenderer } from '../../src/report/report-renderer.ts';
import type { ReportService } from '../../src/report/report-service.ts';
import { createBenchDatabase } from './bench-database.ts';
import { fmt, machine } from './bench-support.ts';
import { REQUESTS_PER_CONTRACT, seed, YEAR_START } from './report-bench-seed.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const GOAL_SECONDS = 60;
const GOAL_RSS_MB = 400;
/** The run the scheduler makes at 07:00 Shanghai on 2026-11-28: contract years that ended on 2026-11-27. */
const SLOT = new Date('2026-11-27T23:00:00Z');
const MB = 2 ** 20;

interface Options {
  sqlite: boolean;
  phases: boolean;
  contracts: number;
  batchSize: number | undefined;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const options: Options = { sqlite: false, phases: true, contracts: 10_000, batchSize: undefined, keep: false };
  for (const arg of argv) {
    const [name, value] = arg.split('=', 2) as [string, string | undefined];
    if (name === '--sqlite') options.sqlite = true;
    else if (name === '--no-phases') options.phases = false;
    else if (name === '--contracts' && value && /^\d+$/.test(value)) options.contracts = Number(value);
    else if (name === '--batch-size' && value && /^\d+$/.test(value)) options.batchSize = Number(value);
    else if (name === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg}: --sqlite, --no-phases, --contracts=N, --batch-size=N, --keep`);
  }
  return options;
}

// ---------------------------------------------------------------------------------------------------
// The database: a throwaway MySQL schema or a temporary SQLite file.


// ---------------------------------------------------------------------------------------------------
// The run, in a child process.

interface RunResult {
  seconds: number;
  outcome: { messages: number; created: number; problems: number; firstProblem: string | null };
  /** Time per phase, ms, and calls; absent with --no-phases. */
  phases: Record<string, { ms: number; calls: number }> | null;
  queries: number | null;
  /** Time between knex's query and query-response events, by statement kind and table: driver + server. */
  sql: Record<string, { ms: number; calls: number; rows: number }> | null;
  storedBytes: { html: number; reportJson: number; messages: number } | null;
  memory: { baselineRssMb: number; sampledPeakRssMb: number; maxRssMb: number; peakHeapUsedMb: number; heapUsedEndMb: number; heapAfterGcMb: number | null; samples: number };
}

type FromChild = { type: 'result'; result: RunResult } | { type: 'error'; message: string };

class Phases {
  readonly totals = new Map<string, { ms: number; calls: number }>();
  private add(name: string, ms: number) {
    const t = this.totals.get(name) ?? { ms: 0, calls: 0 };
    t.ms += ms;
    t.calls++;
    this.totals.set(name, t);
  }
  async time<T>(name: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await run();
    } finally {
      this.add(name, performance.now() - started);
    }
  }
  timeSync<T>(name: string, run: () => T): T {
    const started = performance.now();
    try {
      return run();
    } finally {
      this.add(name, performance.now() - started);
    }
  }
}

async function measure(url: string, options: Options): Promise<RunResult> {
  // openServices wants a var/ directory (mail .eml files); nothing is written there by this job.
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-bench-reports-var-'));
  try {
    return await measureIn(url, varDir, options);
  } finally {
    fs.rmSync(varDir, { recursive: true, force: true });
  }
}

async function measureIn(url: string, varDir: string, options: Options): Promise<RunResult> {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: url,
    VAR_DIR: varDir,
    LOG_LEVEL: 'silent',
    REPORT_SCHEDULER: 'off',
    SESSION_SECRET: 'bench-session-secret-that-is-long-enough',
  }, ROOT);
  const phases = options.phases ? new Phases() : null;
  const stored = { html: 0, reportJson: 0, messages: 0 };
  let queries = 0;
  const sql = new Map<string, { ms: number; calls: number; rows: number }>();
  let sample = () => {};
  let jobs: ReportService['jobs'];
  let close: () => Promise<void>;

  if (!phases) {
    // Exactly the production composition.
    const services = await openServices(config, { migrate: false });
    if (await ensureInitialPolicy(services)) throw new Error('the seeded database had no policy');
    jobs = services.reports.jobs;
    close = services.close;
  } else {
    // The composition root's services (src/composition-root.ts), with a stopwatch around each dependency the job
    // calls passed in as overrides.
    const db = openDatabase(config.database);
    const started = new Map<string, { at: number; kind: string }>();
    db.on('query', (q: { __knexQueryUid?: string; sql?: string }) => {
      queries++;
      if (q.__knexQueryUid) started.set(q.__knexQueryUid, { at: performance.now(), kind: statementKind(q.sql ?? '') });
    });
    db.on('query-response', (response: unknown, q: { __knexQueryUid?: string }) => {
      const s = q.__knexQueryUid ? started.get(q.__knexQueryUid) : undefined;
      if (!s) return;
      started.delete(q.__knexQueryUid!);
      const t = sql.get(s.kind) ?? { ms: 0, calls: 0, rows: 0 };
      t.ms += performance.now() - s.at;
      t.calls++;
      if (Array.isArray(response) && s.kind.startsWith('select')) t.rows += response.length;
      sql.set(s.kind, t);
    });
    // The job is sequential (one batch, one query at a time), so the phases add up to the wall time.
    const services = composeServices(db, config, {
      templatesDir: path.join(ROOT, 'templates'),
      reportBatchSize: options.batchSize,
      wrap: {
        reportData: (store): ReportDataStore => ({
          ...store,
          contractsForYearEnd: (q) => phases.time('contracts query (+ contacts, services)', () => store.contractsForYearEnd(q)),
          requestsOf: (ids, from, to) => phases.time('requests query', () => store.requestsOf(ids, from, to)),
          usageCounts: (service, periods, asOf) => phases.time('quota-use query', () => store.usageCounts(service, periods, asOf)),
        }),
        advice: (advice): AdviceRules => ({ document: advice.document, evaluate: (facts) => phases.time('advice (json-rules-engine)', () => advice.evaluate(facts)) }),
        // Real runs store each report's figures and render at delivery; dry runs (the warm-up) render here.
        renderer: (renderer): ReportRenderer => ({
          render: (report, lang) => phases.timeSync('render (Handlebars)', () => renderer.render(report, lang)),
          subject: (report, lang) => phases.timeSync('subject', () => renderer.subject(report, lang)),
        }),
        outbox: (outbox): OutboxStore => ({
          ...outbox,
          enqueueMany: (messages, now) => {
            sample();
            for (const m of messages) {
              stored.html += Buffer.byteLength(m.html) + Buffer.byteLength(m.text);
              stored.reportJson += Buffer.byteLength(m.reportJson ?? '');
              stored.messages++;
            }
            return phases.time('enqueue (outbox transaction)', () => outbox.enqueueMany(messages, now));
          },
        }),
        // 尊享 years are drafted into the experts' review queue in the same run.
        reviews: (reviews): ReviewStore => ({
          ...reviews,
          draftMany: (drafts, now) => {
            sample();
            for (const d of drafts) {
              stored.reportJson += Buffer.byteLength(d.reportJson);
              stored.messages++;
            }
            return phases.time('draft (review queue transaction)', () => reviews.draftMany(drafts, now));
          },
        }),
      },
    });
    jobs = services.reports.jobs;
    close = async () => {
      await services.close();
      await db.destroy();
    };
  }
  if (!phases && options.batchSize !== undefined) console.log('  (--batch-size is ignored with --no-phases: openServices uses the default)');

  // Warm what any running server has warmed: the policy compiled and cached, the connection pool open.
  const warm = await jobs.run('yearly', new Date('2026-06-30T23:00:00Z'), { dryRun: true, trigger: 'manual', actor: 'bench' });
  if (warm.messages.length !== 0) throw new Error(`the warm-up slot found ${warm.messages.length} contract years`);
  if (phases) {
    phases.totals.clear();
    sql.clear();
    queries = 0;
  }

  const baselineRss = process.memoryUsage().rss;
  let peakRss = baselineRss;
  let peakHeap = process.memoryUsage().heapUsed;
  let samples = 0;
  sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
    samples++;
  };
  // better-sqlite3 answers synchronously, so on SQLite the timer seldom gets a turn; the enqueue wrapper samples
  // too, when a batch's messages are all in memory.
  const sampler = setInterval(sample, 50);
  sampler.unref();

  const started = performance.now();
  let outcome: JobOutcome;
  try {
    outcome = await jobs.run('yearly', SLOT, { dryRun: false, trigger: 'manual', actor: 'bench' });
  } finally {
    clearInterval(sampler);
  }
  const seconds = (performance.now() - started) / 1000;
  const end = process.memoryUsage();
  peakRss = Math.max(peakRss, end.rss);
  peakHeap = Math.max(peakHeap, end.heapUsed);
  // With `node --expose-gc`: what the heap still holds once the garbage is gone (a leak shows here).
  const gc = (globalThis as { gc?: () => void }).gc;
  let heapAfterGc: number | null = null;
  if (gc) {
    gc();
    heapAfterGc = process.memoryUsage().heapUsed;
  }
  await close();

  return {
    seconds,
    outcome: {
      messages: outcome.messages.length,
      created: outcome.messages.filter((m) => m.created).length,
      problems: outcome.problems.length,
      firstProblem: outcome.problems[0]?.en ?? null,
    },
    phases: phases ? Object.fromEntries(phases.totals) : null,
    queries: phases ? queries : null,
    sql: phases ? Object.fromEntries(sql) : null,
    storedBytes: phases ? stored : null,
    memory: {
      baselineRssMb: baselineRss / MB,
      sampledPeakRssMb: peakRss / MB,
      // maxRSS is in KB: the process's peak, including what the sampler missed between ticks.
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      peakHeapUsedMb: peakHeap / MB,
      heapUsedEndMb: end.heapUsed / MB,
      heapAfterGcMb: heapAfterGc === null ? null : heapAfterGc / MB,
      samples,
    },
  };
}

/** `select service_requests`, `insert outbox`…: the verb and the first table a statement names. */
function statementKind(text: string): string {
  const verb = /^\s*(\w+)/.exec(text)?.[1]?.toLowerCase() ?? '?';
  const table = /\b(?:from|into|update)\s+[`"]?(\w+)/i.exec(text)?.[1] ?? '';
  return `${verb} ${table}`.trim();
}

function runChild(url: string, args: string[]): Promise<RunResult> {
  const child = fork(fileURLToPath(import.meta.url), ['--measure', url, ...args], { execArgv: process.execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  return new Promise<RunResult>((resolve, reject) => {
    let result: RunResult | null = null;
    child.on('message', (m: FromChild) => {
      if (m.type === 'result') result = m.result;
      else reject(new Error(`the measuring process failed: ${m.message}`));
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', stop);
      if (result) resolve(result);
      else reject(new Error(`the measuring process exited (${signal ?? code}) without a result`));
    });
  });
}

// ---------------------------------------------------------------------------------------------------
// Report.

const mb = (n: number) => `${n.toFixed(0)} MB`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  console.log(`machine: ${machine()}`);
  const bench = await createBenchDatabase(options.sqlite ? 'sqlite' : 'mysql', { name: 'reports' });
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on('SIGINT', onSigint);
  try {
    console.log(`engine: ${bench.engine}`);
    const s = await seed(bench.db, options.contracts);
    const windowed = s.requests - s.withoutWindow;
    console.log(
      `seed (not measured): ${fmt(s.customers)} customers with ${fmt(s.contacts)} contacts (a contact and a CSM each), ${fmt(s.contracts)} 优选/尊享 contracts ` +
        `(cloud and on-premise, all from ${YEAR_START}, half ending 2026-11-27, half 2027-11-27; ${fmt(s.contractServices)} special services), ` +
        `${fmt(s.requests)} requests (${REQUESTS_PER_CONTRACT} a contract; ${fmt(windowed)} with a deadline: ${((100 * s.late) / windowed).toFixed(1)}% late, ` +
        `${((100 * s.unanswered) / windowed).toFixed(1)}% unanswered; ${fmt(s.withoutWindow)} without a window), ${fmt(s.quotaUses)} code-diagnosis uses — ${s.seconds.toFixed(1)} s`,
    );
    if (interrupted) throw new Error('interrupted');

    const childArgs = [...(options.phases ? [] : ['--no-phases']), ...(options.batchSize !== undefined ? [`--batch-size=${options.batchSize}`] : [])];
    console.log(
      `run: jobs.run('yearly', ${SLOT.toISOString()}, { dryRun: false }) — contract years ended 2026-11-27, batch size ${options.batchSize ?? 200}, ` +
        `in a child process (${options.phases ? 'bootstrap’s composition with a stopwatch per dependency' : 'openServices exactly'}), after a warm-up dry run of an empty slot`,
    );
    const r = await runChild(bench.url, childArgs);

    const stored = (await bench.db('outbox').where({ job: 'yearly', period_key: '2026-11-27' }).count({ n: '*' }).first()) as { n: number | string };
    // 尊享 years are drafted into the experts' review queue; 优选 ones go to the outbox.
    const drafted = (await bench.db('report_reviews').where({ period_end: '2026-11-27' }).count({ n: '*' }).first()) as { n: number | string };
    const storedRows = Number(stored.n) + Number(drafted.n);
    const rate = s.contracts / r.seconds;
    const peakRss = Math.max(r.memory.sampledPeakRssMb, r.memory.maxRssMb);
    console.log(`  engine ${options.sqlite ? 'sqlite' : 'mysql'}, contracts ${fmt(s.contracts)}, requests ${fmt(s.requests)}`);
    console.log(
      `  time ${r.seconds.toFixed(1)} s, ${fmt(rate)} reports/s; messages ${fmt(r.outcome.messages)} (${fmt(r.outcome.created)} created, outbox rows ${fmt(Number(stored.n))} + review drafts ${fmt(Number(drafted.n))}, expected ${fmt(s.contracts)})` +
        (r.outcome.problems ? `; ${r.outcome.problems} problems, first: ${r.outcome.firstProblem}` : ''),
    );
    console.log(
      `  peak RSS ${mb(peakRss)} (sampled: ${mb(r.memory.sampledPeakRssMb)} over ${r.memory.samples} samples; maxRSS ${mb(r.memory.maxRssMb)}; ` +
        `${mb(r.memory.baselineRssMb)} before the run); heap used: peak ${mb(r.memory.peakHeapUsedMb)}, at the end ${mb(r.memory.heapUsedEndMb)}` +
        (r.memory.heapAfterGcMb === null ? '' : `, after a full GC ${mb(r.memory.heapAfterGcMb)}`),
    );
    if (r.phases) {
      const measured = Object.values(r.phases).reduce((a, p) => a + p.ms, 0);
      const rest = r.seconds * 1000 - measured;
      const line = (name: string, ms: number, calls?: number) =>
        `    ${name.padEnd(46)} ${(ms / 1000).toFixed(2).padStart(7)} s ${((100 * ms) / (r.seconds * 1000)).toFixed(0).padStart(3)}%${calls === undefined ? '' : `  (${fmt(calls)} calls)`}`;
      console.log(`  phases (wall time inside each dependency; ${fmt(r.queries ?? 0)} SQL statements):`);
      for (const [name, p] of Object.entries(r.phases).sort((a, b) => b[1].ms - a[1].ms)) console.log(line(name, p.ms, p.calls));
      console.log(line('build (judge, tally, lines) + recipients, GC', rest));
      if (r.sql) {
        console.log('  SQL statements (driver + server, inside the phases above):');
        for (const [kind, q] of Object.entries(r.sql).sort((a, b) => b[1].ms - a[1].ms)) {
          console.log(`${line(kind, q.ms, q.calls)}${kind.startsWith('select') ? `, ${fmt(q.rows)} rows` : ''}`);
        }
      }
      if (r.storedBytes) {
        const b = r.storedBytes;
        const each = (n: number) => fmt(n / Math.max(1, b.messages));
        console.log(`  stored in the outbox and the review queue: report JSON ${(b.reportJson / MB).toFixed(0)} MB (${each(b.reportJson)} bytes a report, rendered when sent); HTML and text ${(b.html / MB).toFixed(0)} MB`);
      }
    }
    const countOk = r.outcome.created === s.contracts && storedRows === s.contracts;
    console.log(
      `  goal < ${GOAL_SECONDS} s: ${verdict(r.seconds < GOAL_SECONDS)}; goal < ${GOAL_RSS_MB} MB peak RSS: ${verdict(peakRss < GOAL_RSS_MB)}` +
        (countOk ? '' : `; MESSAGE COUNT WRONG: expected ${fmt(s.contracts)} created`),
    );
    if (!countOk) process.exitCode = 1;
  } finally {
    process.off('SIGINT', onSigint);
    if (options.keep && !interrupted) {
      console.log(`kept: ${bench.url} (drop it yourself)`);
      await bench.close();
    } else {
      await bench.destroy();
    }
  }
}

if (process.argv[2] === '--measure') {
  const url = process.argv[3]!;
  // Ctrl-C reaches the whole process group; the parent stops this process and drops the schema.
  process.on('SIGINT', () => {});
  measure(url, parseOptions(process.argv.slice(4)))
    .then((result) => process.send!({ type: 'result', result } satisfies FromChild, () => process.disconnect()))
    .catch((err: unknown) => {
      process.exitCode = 1;
      process.send!({ type: 'error', message: (err as Error).stack ?? String(err) } satisfies FromChild, () => process.disconnect());
    });
} else {
  try {
    await main();
  } catch (err) {
    // A failed bulk insert's message carries the whole statement: keep the head of it.
    const message = (err as Error).message ?? String(err);
    console.error(`bench failed: ${message.length > 2000 ? `${message.slice(0, 2000)}…` : message}`);
    process.exitCode = 1;
  }
}
