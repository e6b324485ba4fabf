// The short fuzz run inside `npm test`: a few dozen seeded cases a target through the parse pool's readers, as
// the upload routes read files (`npm run fuzz` runs thousands). Seeds are fixed, so CI reads the same cases each
// time; FUZZ_SEED=… moves the window. A failure prints its seed and the command that runs it again.
import { afterAll, describe, expect, it } from 'vitest';
import { createUploadReaders } from '../../src/uploads/upload-readers.ts';
import { caseFromSeed, loadBases, TARGETS, type FuzzCase, type Target } from './fuzz-cases.ts';
import { describeFailures, FUZZ_POOL, runReaderCases } from './fuzz-runner.ts';

const RUNS = Number(process.env.FUZZ_SHORT_RUNS) || 30;
const FIRST_SEED = Number(process.env.FUZZ_SEED) || 20_261_205;

const readers = createUploadReaders(FUZZ_POOL);
afterAll(() => readers.stop());

async function cases(target: Target): Promise<FuzzCase[]> {
  const bases = await loadBases(target);
  return Array.from({ length: RUNS }, (_, k) => caseFromSeed(target, bases, FIRST_SEED + k));
}

describe('fuzzed files through the parse pool: a readout or issues in our words, never a throw, a hang or a heap over the limit', () => {
  for (const target of TARGETS) {
    it(`the ${target} importer, seeds ${FIRST_SEED}…${FIRST_SEED + RUNS - 1}`, async () => {
      const stats = await runReaderCases(readers, await cases(target));
      expect(stats.cases).toBe(RUNS);
      expect(describeFailures(stats.failures)).toBe('');
      // Both ends are reached: some cases still import, most are refused.
      expect(stats.outcomes.refused).toBeGreaterThan(0);
    });
  }
});
