// Fuzzed files uploaded to a real app on SQLite, its uploads read in the parse pool: every answer a 2xx that
// stored what it said or a 4xx in the API's error shape that stored nothing — no 500, no new policy version or
// contract from a refused file — and afterwards the server still answers and an unchanged file still imports.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/databases.ts';
import { caseFromSeed, cleanCase, loadBases, TARGETS } from './fuzz-cases.ts';
import { describeFailures, httpTarget, runHttpCases, stillServing, type HttpTarget } from './fuzz-runner.ts';

const RUNS = Number(process.env.FUZZ_SHORT_HTTP_RUNS) || 15;
const FIRST_SEED = Number(process.env.FUZZ_SEED) || 20_261_205;

describe('fuzzed uploads over HTTP (SQLite)', () => {
  let database: TestDatabase;
  let target: HttpTarget;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    target = await httpTarget(database.db);
  });
  afterAll(async () => {
    await target?.readers.stop();
    await database?.destroy();
  });

  for (const kind of TARGETS) {
    it(`${kind} uploads, seeds ${FIRST_SEED}…${FIRST_SEED + RUNS - 1}, then a clean one`, async () => {
      const bases = await loadBases(kind);
      const stats = await runHttpCases(target, Array.from({ length: RUNS }, (_, k) => caseFromSeed(kind, bases, FIRST_SEED + k)));
      expect(describeFailures(stats.failures)).toBe('');
      expect(stats.cases).toBe(RUNS);
      expect(await stillServing(target, cleanCase(kind, bases, Object.keys(bases)[0]!))).toBeNull();
    });
  }
});
