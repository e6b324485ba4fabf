// The long fuzz run: `npm run fuzz` (thousands of cases through the parse pool's readers, a few hundred over
// HTTP on SQLite), or `npm run fuzz -- --target policy --seed 123 --runs 1` to run one case again.
//   --runs N       cases per target through the readers (FUZZ_RUNS, default 2000)
//   --http-runs N  cases per target through the upload routes (FUZZ_HTTP_RUNS, default 300)
//   --seed S       the first case's seed (FUZZ_SEED; default: from the clock, printed); case k has seed S + k
//   --target T     policy, contract or all (default all)
//   --keep         writes each failing case to test/fuzz/fixtures/ for fuzz-regressions.test.ts
// Prints the figures docs/fuzzing.md records, and exits 1 when any case failed.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../../src/db/database.ts';
import { migrateLatest } from '../../src/db/migrations.ts';
import { createUploadReaders } from '../../src/uploads/upload-readers.ts';
import { caseFromSeed, cleanCase, loadBases, TARGETS, type Bases, type FuzzCase, type Target } from './fuzz-cases.ts';
import { keepFixture } from './fuzz-fixtures.ts';
import { describeFailures, emptyStats, FUZZ_POOL, httpTarget, runHttpCases, runReaderCases, stillServing, type FuzzStats } from './fuzz-runner.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string' },
    'http-runs': { type: 'string' },
    seed: { type: 'string' },
    target: { type: 'string', default: 'all' },
    keep: { type: 'boolean', default: false },
  },
});
const number = (text: string | undefined, fallback: number) => (text === undefined || text === '' ? fallback : Number(text));
const runs = number(values.runs ?? process.env.FUZZ_RUNS, 2000);
const httpRuns = number(values['http-runs'] ?? process.env.FUZZ_HTTP_RUNS, values.runs ? runs : 300);
const firstSeed = number(values.seed ?? process.env.FUZZ_SEED, Date.now() % 1_000_000_000);
const targets = values.target === 'all' ? TARGETS : [values.target as Target];
if (!targets.every((t) => TARGETS.includes(t)) || ![runs, httpRuns, firstSeed].every(Number.isInteger)) {
  console.error('usage: npm run fuzz -- [--runs N] [--http-runs N] [--seed S] [--target policy|contract|all] [--keep]');
  process.exit(2);
}

const unhandled: string[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)));

function* cases(target: Target, bases: Bases, count: number, from: number): Generator<FuzzCase> {
  for (let k = 0; k < count; k++) yield caseFromSeed(target, bases, from + k);
}

function progress(label: string, total: number) {
  return (s: FuzzStats) => {
    if (s.cases % 100 === 0 || s.cases === total) process.stdout.write(`  ${label}: ${s.cases}/${total}, ${s.failures.length} failed\n`);
  };
}

const started = Date.now();
const heapBefore = process.memoryUsage().rss;
console.log(`fuzz: seeds ${firstSeed}…, ${runs} reader cases and ${httpRuns} uploads per target (${targets.join(', ')}); pool ${JSON.stringify(FUZZ_POOL)}`);
const results: { label: string; stats: FuzzStats }[] = [];
const readers = createUploadReaders(FUZZ_POOL);
const db = openDatabase({ client: 'sqlite', filename: ':memory:' });
try {
  for (const target of targets) {
    const bases = await loadBases(target);
    const label = `${target} via the parse pool`;
    results.push({ label, stats: await runReaderCases(readers, cases(target, bases, runs, firstSeed), emptyStats(), progress(label, runs)) });
  }
  if (httpRuns > 0) {
    await migrateLatest(db);
    const http = await httpTarget(db);
    try {
      for (const target of targets) {
        const bases = await loadBases(target);
        const label = `${target} over HTTP (SQLite)`;
        const stats = await runHttpCases(http, cases(target, bases, httpRuns, firstSeed), emptyStats(), progress(label, httpRuns));
        const clean = cleanCase(target, bases, Object.keys(bases)[0]!);
        const down = await stillServing(http, clean);
        if (down) stats.failures.push({ target, seed: null, filename: clean.filename, bytes: clean.bytes.length, reason: `after the run: ${down}`, rerun: 'the whole run', case: clean });
        results.push({ label, stats });
      }
    } finally {
      await http.readers.stop();
    }
  }
} finally {
  await readers.stop();
  await db.destroy();
}

const failures = results.flatMap((r) => r.stats.failures);
console.log('\nfigures:');
for (const { label, stats } of results) console.log(`  ${label}: ${stats.cases} cases in ${(stats.ms / 1000).toFixed(1)} s, ${stats.failures.length} failed; ${JSON.stringify(stats.outcomes)}`);
console.log(`  total: ${results.reduce((n, r) => n + r.stats.cases, 0)} cases, ${failures.length} failed, ${unhandled.length} unhandled rejections, ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`  runner RSS ${Math.round(heapBefore / 2 ** 20)} → ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB; parse threads capped at ${FUZZ_POOL.heapMb} MB heap, ${FUZZ_POOL.timeoutMs / 1000} s a file`);
console.log(`  machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, ${os.platform()} ${os.release()}`);
if (failures.length > 0) {
  console.log(`\nfailures:\n${describeFailures(failures)}`);
  if (values.keep) for (const f of failures.filter((x) => x.seed !== null)) console.log(`  kept: ${keepFixture(f)}`);
}
for (const u of unhandled) console.log(`unhandled rejection: ${u}`);
process.exit(failures.length > 0 || unhandled.length > 0 ? 1 : 0);
