// Every fuzz case that once failed, kept in test/fuzz/fixtures/ (its bytes, or its plan when big), read again
// through the parse pool as the upload routes read it: it must now end in a readout judged as any fuzz case is.
// And the cases themselves: a seed names one case, the same bytes each time, so a printed seed can be re-run.
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createUploadReaders } from '../../src/uploads/upload-readers.ts';
import { caseFromPlan, caseFromSeed, loadBases, type FuzzCase } from './fuzz-cases.ts';
import { keptBytes, keptCases } from './fuzz-fixtures.ts';
import { FUZZ_POOL, readCase } from './fuzz-runner.ts';

const readers = createUploadReaders(FUZZ_POOL);
afterAll(() => readers.stop());

describe('fuzz cases that once failed', () => {
  const kept = keptCases();
  it('are kept', () => {
    expect(kept.length).toBeGreaterThan(0);
  });
  for (const k of kept) {
    it(`${k.target} ${k.seed ?? ''} ${k.filename} (found: ${k.found.slice(0, 120)})`, async () => {
      const bytes = keptBytes(k);
      const c: FuzzCase = bytes ? { target: k.target, seed: k.seed, plan: k.plan, filename: k.filename, bytes } : caseFromPlan(k.target, await loadBases(k.target), k.plan!, k.seed);
      expect(await readCase(readers, c)).toHaveProperty('outcome');
    });
  }
});

describe('fuzz cases are reproducible', () => {
  it('a seed gives the same bytes every time', async () => {
    const bases = await loadBases('contract');
    await fc.assert(
      fc.asyncProperty(fc.nat(), async (seed) => {
        expect(caseFromSeed('contract', bases, seed).bytes.equals(caseFromSeed('contract', bases, seed).bytes)).toBe(true);
      }),
      { numRuns: 8 },
    );
  });
});
