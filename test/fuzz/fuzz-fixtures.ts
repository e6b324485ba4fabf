// Cases that once failed, kept in test/fuzz/fixtures/ and replayed by fuzz-regressions.test.ts. A small case is
// kept as its bytes (a fixture must not change when the sample workbook does); a big one as its plan and seed,
// replayed on the base files as they are now.
import fs from 'node:fs';
import path from 'node:path';
import type { Plan } from './mutations.ts';
import type { Target } from './fuzz-cases.ts';
import type { Failure } from './fuzz-runner.ts';

export const FIXTURES_DIR = path.join(import.meta.dirname, 'fixtures');
/** Cases up to this size are kept as bytes. */
const MAX_KEPT_BYTES = 64 * 1024;

export interface KeptCase {
  target: Target;
  seed: number | null;
  filename: string;
  /** What went wrong when it was found. */
  found: string;
  /** What was changed so that it no longer does (written by hand once fixed). */
  fixed?: string;
  plan: Plan | null;
  /** The bytes' file beside this one, when kept as bytes. */
  bytesFile?: string;
}

export function keepFixture(failure: Failure, found = failure.reason.slice(0, 500)): string {
  fs.mkdirSync(FIXTURES_DIR, { recursive: true });
  const name = `${failure.target}-${failure.seed ?? 'case'}`;
  const kept: KeptCase = { target: failure.target, seed: failure.seed, filename: failure.filename, found, plan: failure.case.plan };
  if (failure.case.bytes.length <= MAX_KEPT_BYTES) {
    kept.bytesFile = `${name}${path.extname(failure.filename) || '.bin'}`;
    fs.writeFileSync(path.join(FIXTURES_DIR, kept.bytesFile), failure.case.bytes);
  }
  const file = path.join(FIXTURES_DIR, `${name}.json`);
  fs.writeFileSync(file, `${JSON.stringify(kept, null, 2)}\n`);
  return file;
}

export function keptCases(): KeptCase[] {
  if (!fs.existsSync(FIXTURES_DIR)) return [];
  return fs
    .readdirSync(FIXTURES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, f), 'utf8')) as KeptCase);
}

export function keptBytes(kept: KeptCase): Buffer | null {
  return kept.bytesFile ? fs.readFileSync(path.join(FIXTURES_DIR, kept.bytesFile)) : null;
}
