// Fuzz cases and what counts as a pass. A case is a target (the policy importer or the contract importer), a
// seed and the plan fast-check draws from it, applied to a real file: the sample policy workbook, a contract
// workbook and a contract CSV made by the hostile corpus's builders. A case passes when it ends in a readout
// (valid, or refused with issues in our words) and fails on anything else: a reader that threw (PARSE_FAILED),
// a thread over its heap or its time limit, an issue without its codes and both languages, a library's words
// shown to a person, or a clean readout the rest of the import cannot use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readZip, type ZipEntry } from '../support/bad-files.ts';
import { contractCsv, contractWorkbook } from '../fixtures/hostile/hostile-corpus.ts';
import { applyPlan, type Plan } from './mutations.ts';
import { planFor } from './fuzz-plans.ts';
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import type { WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import type { ContractFileReadout } from '../../src/contracts/file/contract-file-reader.ts';
import { buildRulesDocument } from '../../src/policy-workbook/rules-document.ts';
import { assertRulesLoad } from '../../src/policy/policy-engine.ts';

export type Target = 'policy' | 'contract';
export const TARGETS: Target[] = ['policy', 'contract'];

const ROOT = path.resolve(import.meta.dirname, '../..');

type Base = { kind: 'zip'; entries: ZipEntry[]; filename: string } | { kind: 'csv'; text: string; filename: string };
export type Bases = Record<string, Base>;

/** The real files cases start from, per target; the contract importer also gets a policy workbook (a wrong file). */
export async function loadBases(target: Target): Promise<Bases> {
  const sample: Base = { kind: 'zip', entries: readZip(readFileSync(path.join(ROOT, 'imports/sample-policy.xlsx'))), filename: 'sample-policy.xlsx' };
  if (target === 'policy') return { sample };
  return {
    workbook: { kind: 'zip', entries: readZip(await contractWorkbook(20)), filename: '合同.xlsx' },
    csv: { kind: 'csv', text: contractCsv(20).toString('utf8'), filename: '合同.csv' },
    sample,
  };
}

export interface FuzzCase {
  target: Target;
  /** The seed the plan was drawn from (null for a kept fixture replayed from its bytes). */
  seed: number | null;
  plan: Plan | null;
  filename: string;
  bytes: Buffer;
}

export function kindsOf(bases: Bases): Record<string, 'zip' | 'csv'> {
  return Object.fromEntries(Object.entries(bases).map(([k, b]) => [k, b.kind]));
}

export function caseFromPlan(target: Target, bases: Bases, plan: Plan, seed: number | null): FuzzCase {
  const base = bases[plan.base];
  if (!base) throw new Error(`no base file ${plan.base} for ${target}`);
  return { target, seed, plan, filename: base.filename, bytes: applyPlan(plan, base) };
}

/** The case a seed names: the same bytes for the same seed, bases and fast-check version. */
export function caseFromSeed(target: Target, bases: Bases, seed: number): FuzzCase {
  return caseFromPlan(target, bases, planFor(kindsOf(bases), seed), seed);
}

/** A base file as it is, unchanged: what must still import after a run. */
export function cleanCase(target: Target, bases: Bases, key: string): FuzzCase {
  return caseFromPlan(target, bases, { base: key, entryOps: [], csvOps: [], byteOps: [] }, null);
}

/** How to run one case again, printed with every failure. */
export function rerun(c: FuzzCase): string {
  return c.seed === null ? 'a kept fixture: npx vitest run test/fuzz/fuzz-regressions.test.ts' : `npm run fuzz -- --target ${c.target} --seed ${c.seed} --runs 1`;
}

// What a person must never be shown: the words of the libraries underneath.
const LIBRARY_WORDS = /Cannot read propert|undefined entity|TypeError|RangeError|saxes|exceljs|jszip|yauzl|at [\w.]+ \(/u;

/** The problem with an issue list, or null: every issue coded, in both languages, in our words. */
export function issuesProblem(issues: unknown): string | null {
  if (!Array.isArray(issues)) return 'issues is not a list';
  for (const issue of issues as ImportIssue[]) {
    if (issue.severity !== 'error' && issue.severity !== 'warning') return `an issue without severity: ${JSON.stringify(issue).slice(0, 300)}`;
    if (!/^[A-Z][A-Z0-9_]*$/u.test(issue.code ?? '')) return `an issue without a code: ${JSON.stringify(issue).slice(0, 300)}`;
    for (const key of ['message', 'messageEn', 'expected', 'expectedEn'] as const) {
      if (typeof issue[key] !== 'string' || issue[key] === '') return `issue ${issue.code} has no ${key}`;
      if (LIBRARY_WORDS.test(issue[key])) return `issue ${issue.code} shows a library's words: ${issue[key].slice(0, 300)}`;
    }
  }
  return null;
}

export type Outcome = 'valid' | 'refused';

/** Judges a readout: its outcome, or a failure. A clean policy readout must also become rules that load. */
export function judgeReadout(target: Target, readout: WorkbookReadout | ContractFileReadout): { outcome: Outcome } | { failure: string } {
  const problem = issuesProblem(readout.issues);
  if (problem) return { failure: problem };
  const refused = readout.issues.some((i) => i.severity === 'error');
  if (refused || target === 'contract') return { outcome: refused ? 'refused' : 'valid' };
  try {
    const { catalog, sha256 } = readout as WorkbookReadout;
    assertRulesLoad(buildRulesDocument(catalog, sha256));
  } catch (err) {
    return { failure: `a clean readout whose rules do not build: ${err instanceof Error ? err.stack : String(err)}` };
  }
  return { outcome: 'valid' };
}

/** A promise that fails instead of hanging: a guard for the run, far above the pool's own time limit. */
export function withinMs<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}
