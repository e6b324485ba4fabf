// Runs fuzz cases through the importers as the server runs them — the parse pool's threads and its readers —
// and through the upload routes of a real app, and counts what came of them. Used by the short run inside
// `npm test` (test/fuzz/*.test.ts) and by the long one (`npm run fuzz`, test/fuzz/run-fuzz.ts).
import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { createApp, type HttpApp } from '../../src/http/create-app.ts';
import type { Database } from '../../src/db/database.ts';
import { createUploadReaders, type UploadReaders } from '../../src/uploads/upload-readers.ts';
import { ParseRefusedError } from '../../src/workbook/parse-pool.ts';
import { createTestApp, storedCounts } from '../support/http-app.ts';
import { testServices } from '../support/test-services.ts';
import { issuesProblem, judgeReadout, rerun, withinMs, type FuzzCase, type Target } from './fuzz-cases.ts';

/** The production defaults (PARSE_HEAP_MB 384, two threads) with a 10 s limit a file: a case over it is a hang. */
export const FUZZ_POOL = { workers: 2, queue: 8, heapMb: 384, timeoutMs: 10_000 } as const;
/** A case that has no answer after this long hung the run itself (the pool's limit should have ended it first). */
const GUARD_MS = 60_000;

export interface Failure {
  target: Target;
  seed: number | null;
  filename: string;
  bytes: number;
  reason: string;
  rerun: string;
  case: FuzzCase;
}

export interface FuzzStats {
  cases: number;
  outcomes: Record<string, number>;
  failures: Failure[];
  ms: number;
}

export function emptyStats(): FuzzStats {
  return { cases: 0, outcomes: {}, failures: [], ms: 0 };
}

function record(stats: FuzzStats, c: FuzzCase, result: { outcome: string } | { failure: string }): void {
  stats.cases++;
  if ('outcome' in result) {
    stats.outcomes[result.outcome] = (stats.outcomes[result.outcome] ?? 0) + 1;
    return;
  }
  stats.outcomes.failed = (stats.outcomes.failed ?? 0) + 1;
  stats.failures.push({ target: c.target, seed: c.seed, filename: c.filename, bytes: c.bytes.length, reason: result.failure, rerun: rerun(c), case: c });
}

/** Runs `cases` with at most `concurrency` at a time (as many as the pool reads at once), in order of start. */
async function each(cases: Iterable<FuzzCase>, concurrency: number, run: (c: FuzzCase) => Promise<void>): Promise<void> {
  const iterator = cases[Symbol.iterator]();
  const lane = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await run(next.value);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/** One case through the pool's readers: the readout judged, or the refusal that says the reader failed. */
export async function readCase(readers: UploadReaders, c: FuzzCase): Promise<{ outcome: string } | { failure: string }> {
  try {
    const reading: Promise<Parameters<typeof judgeReadout>[1]> = c.target === 'policy' ? readers.readPolicyWorkbook(c.bytes) : readers.readContractFile(c.bytes, c.filename);
    return judgeReadout(c.target, await withinMs(reading, GUARD_MS, 'the parse pool'));
  } catch (err) {
    // Every refusal of the pool here is a failure: the reader threw (PARSE_FAILED), or the file needed more than a thread's heap or time.
    if (err instanceof ParseRefusedError) return { failure: `${err.code}: ${err.message}` };
    return { failure: `rejected with ${err instanceof Error ? (err.stack ?? err.message) : String(err)}` };
  }
}

export async function runReaderCases(readers: UploadReaders, cases: Iterable<FuzzCase>, stats = emptyStats(), onCase?: (s: FuzzStats) => void): Promise<FuzzStats> {
  const started = Date.now();
  await each(cases, FUZZ_POOL.workers, async (c) => {
    record(stats, c, await readCase(readers, c));
    onCase?.(stats);
  });
  stats.ms += Date.now() - started;
  return stats;
}

export interface HttpTarget {
  app: HttpApp;
  db: Database;
  tokens: Record<'admin' | 'sales', string>;
  readers: UploadReaders;
  /** Error lines the app logged (a 500's cause). */
  errors: Record<string, unknown>[];
}

/** A real app on `db` (migrated), its uploads read by a parse pool of FUZZ_POOL's settings, its errors kept. */
export async function httpTarget(db: Database): Promise<HttpTarget> {
  const t = await createTestApp(db);
  const readers = createUploadReaders(FUZZ_POOL);
  const errors: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'error' },
    new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) errors.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    }),
  );
  const services = testServices(db, { readers });
  const app = createApp({ ...t.deps, logger, policies: services.policies, contractImport: services.contractImport });
  return { app, db, tokens: t.tokens, readers, errors };
}

async function stored(db: Database) {
  const contracts = Number(((await db('contracts').count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
  return { ...(await storedCounts(db)), contracts };
}

export function upload(target: HttpTarget, c: { target: Target; bytes: Buffer; filename: string }) {
  return c.target === 'policy'
    ? request(target.app).post('/api/policies').set('Authorization', `Bearer ${target.tokens.admin}`).attach('workbook', c.bytes, c.filename)
    : request(target.app).post('/api/contracts/import').set('Authorization', `Bearer ${target.tokens.sales}`).attach('file', c.bytes, c.filename);
}

/** One upload: a 2xx that stored what it said, or a 4xx in the API's error shape that stored nothing. */
export async function uploadCase(target: HttpTarget, c: FuzzCase): Promise<{ outcome: string } | { failure: string }> {
  const before = await stored(target.db);
  const errorsBefore = target.errors.length;
  const res = await withinMs(Promise.resolve(upload(target, c)), GUARD_MS, 'the upload');
  const after = await stored(target.db);
  const body = res.body as { error?: { code?: unknown; message?: unknown; details?: { issues?: unknown } }; contractIds?: number[] };
  if (res.status >= 500) return { failure: `${res.status} ${res.text.slice(0, 300)} ${JSON.stringify(target.errors.slice(errorsBefore)).slice(0, 2000)}` };
  if (res.status === 200 || res.status === 201) {
    const added = c.target === 'policy' ? after.versions - before.versions : after.contracts - before.contracts;
    const said = c.target === 'policy' ? (res.status === 201 ? 1 : 0) : (body.contractIds?.length ?? -1);
    if (added !== said) return { failure: `${res.status} said ${said} stored, ${added} were` };
    return { outcome: `${res.status}` };
  }
  if (JSON.stringify(after) !== JSON.stringify(before)) return { failure: `${res.status} but stored ${JSON.stringify(before)} → ${JSON.stringify(after)}` };
  const error = body.error;
  // The API's one shape: a code, and the message in Chinese, then English.
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !/[\u4e00-\u9fff].* \/ [A-Za-z]/u.test(error.message)) return { failure: `${res.status} without the API's error shape: ${res.text.slice(0, 300)}` };
  if (error.code.startsWith('PARSE_')) return { failure: `${res.status} ${error.code}: ${error.message}` };
  const problem = error.details?.issues === undefined ? null : issuesProblem(error.details.issues);
  if (problem) return { failure: `${res.status} ${error.code}: ${problem}` };
  return { outcome: `${res.status} ${error.code}` };
}

export async function runHttpCases(target: HttpTarget, cases: Iterable<FuzzCase>, stats = emptyStats(), onCase?: (s: FuzzStats) => void): Promise<FuzzStats> {
  const started = Date.now();
  // One at a time: the stored counts before and after belong to one upload.
  await each(cases, 1, async (c) => {
    record(stats, c, await uploadCase(target, c));
    onCase?.(stats);
  });
  stats.ms += Date.now() - started;
  return stats;
}

/** After a run: the server still answers, and an unchanged file still imports as before. */
export async function stillServing(target: HttpTarget, clean: { target: Target; bytes: Buffer; filename: string }): Promise<string | null> {
  const health = await request(target.app).get('/healthz');
  if (health.status !== 200) return `/healthz answered ${health.status}`;
  const res = await upload(target, clean);
  return res.status < 300 || (res.status === 422 && (res.body as { error?: { code?: string } }).error?.code === 'FILE_REJECTED') ? null : `a clean upload answered ${res.status}: ${res.text.slice(0, 300)}`;
}

/** Failures as the test and the CLI print them: each with how to run it again. */
export function describeFailures(failures: readonly Failure[]): string {
  return failures.map((f) => `[${f.target} ${f.filename} ${f.bytes} B] ${f.reason.slice(0, 1500)}\n  re-run: ${f.rerun}`).join('\n');
}
