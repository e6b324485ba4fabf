// `npm run mutate [-- <area>…]`: Stryker over the domain core, one area at a time, each area's mutants run by its
// own tests only (test/mutation/mutation-areas.ts). `npm run mutate:changed` mutates only the files of an area
// that differ from main (committed on this branch, staged, unstaged or new), for use before committing a change
// to the domain. Reports go to reports/mutation/<area>/ (mutation.html, mutation.json, summary.json); git ignores
// reports/. MUTATE_CONCURRENCY sets the test processes (2 by default: the machine has two cores).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import { filesToMutate, MUTATION_AREAS, mutationArea, type MutationArea } from './mutation-areas.ts';

type StrykerOptions = ConstructorParameters<typeof Stryker>[0];
type MutantResult = Awaited<ReturnType<Stryker['runMutationTest']>>[number];

const ROOT = path.resolve(import.meta.dirname, '../..');

interface ModuleScore {
  file: string;
  mutants: number;
  killed: number;
  timeouts: number;
  survived: number;
  noCoverage: number;
  errors: number;
  ignored: number;
  /** (killed + timeouts) / (killed + timeouts + survived + no coverage), in percent; null without valid mutants. */
  score: number | null;
}

function git(...args: string[]): string[] {
  return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((line) => line !== '');
}

/** Files changed against main: this branch's commits, staged and unstaged changes, and new files. */
function changedFiles(): string[] {
  let committed: string[] = [];
  try {
    committed = git('diff', '--name-only', 'main...HEAD');
  } catch {
    console.warn('mutate:changed: no branch "main" to compare with; only uncommitted changes are counted.');
  }
  const files = [...committed, ...git('diff', '--name-only', 'HEAD'), ...git('ls-files', '--others', '--exclude-standard')];
  return [...new Set(files)].filter((file) => fs.existsSync(path.join(ROOT, file))).sort();
}

function strykerOptions(area: MutationArea, mutate: readonly string[], incremental: boolean): StrykerOptions {
  const out = `reports/mutation/${area.name}`;
  const concurrency = Number(process.env.MUTATE_CONCURRENCY ?? 2);
  return {
    plugins: ['@stryker-mutator/vitest-runner'],
    testRunner: 'vitest',
    // The area's config includes only its tests; `related` would narrow them again by the import graph, for nothing.
    vitest: { configFile: area.vitestConfig, related: false },
    coverageAnalysis: 'perTest',
    mutate: [...mutate],
    concurrency: Number.isInteger(concurrency) && concurrency > 0 ? concurrency : 2,
    // A loaded two-core machine is slow now and then: a generous fixed allowance keeps slow runs from passing as timeouts.
    timeoutMS: 10_000,
    reporters: ['html', 'json', 'clear-text', 'progress'],
    htmlReporter: { fileName: `${out}/mutation.html` },
    jsonReporter: { fileName: `${out}/mutation.json` },
    clearTextReporter: { allowColor: process.stdout.isTTY, logTests: false, reportTests: false, reportMutants: true, reportScoreTable: true },
    thresholds: { high: 90, low: 80, break: null },
    // One temporary directory per area, so that two areas may run at once in one working tree.
    tempDirName: `${out}/.stryker-tmp`,
    // --incremental keeps each mutant's result in the area's folder and re-runs only the mutants whose code or
    // covering tests changed since: for killing survivors one test at a time. It reuses a static mutant's result
    // even when a new test would kill it, so a figure for the README comes from a run without it.
    incremental,
    incrementalFile: `${out}/stryker-incremental.json`,
    cleanTempDir: 'always',
    // Stryker 9.6.1 copies reports/ into the sandbox unless told (its docs say it never does), and with it any other
    // area's sandbox running at the time, which vanishes mid-copy.
    ignorePatterns: ['/reports', '.stryker-tmp', '/var', '/coverage', '/test/artifacts', '/test/fixtures/hostile/generated'],
  };
}

function scores(results: readonly MutantResult[]): ModuleScore[] {
  const byFile = new Map<string, ModuleScore>();
  for (const mutant of results) {
    const file = path.relative(ROOT, path.resolve(ROOT, mutant.fileName));
    let s = byFile.get(file);
    if (!s) {
      s = { file, mutants: 0, killed: 0, timeouts: 0, survived: 0, noCoverage: 0, errors: 0, ignored: 0, score: null };
      byFile.set(file, s);
    }
    s.mutants++;
    if (mutant.status === 'Killed') s.killed++;
    else if (mutant.status === 'Timeout') s.timeouts++;
    else if (mutant.status === 'Survived') s.survived++;
    else if (mutant.status === 'NoCoverage') s.noCoverage++;
    else if (mutant.status === 'Ignored') s.ignored++;
    else s.errors++;
  }
  for (const s of byFile.values()) {
    const valid = s.killed + s.timeouts + s.survived + s.noCoverage;
    s.score = valid === 0 ? null : Math.round(((s.killed + s.timeouts) / valid) * 10_000) / 100;
  }
  return [...byFile.values()].sort((a, b) => a.file.localeCompare(b.file));
}

function undetected(results: readonly MutantResult[]): string[] {
  return results
    .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
    .map((m) => `${path.relative(ROOT, path.resolve(ROOT, m.fileName))}:${m.location.start.line} ${m.mutatorName} → ${m.replacement ?? ''} (${m.status})`);
}

async function runArea(area: MutationArea, mutate: readonly string[], incremental: boolean): Promise<void> {
  console.log(`\n== mutation: ${area.name} (${mutate.join(', ')})`);
  const started = Date.now();
  const results = await new Stryker(strykerOptions(area, mutate, incremental)).runMutationTest();
  const seconds = Math.round((Date.now() - started) / 1000);
  const modules = scores(results);
  const survivors = undetected(results);
  const summary = { area: area.name, seconds, concurrency: strykerOptions(area, mutate, incremental).concurrency, modules, survivors };
  fs.mkdirSync(path.join(ROOT, `reports/mutation/${area.name}`), { recursive: true });
  fs.writeFileSync(path.join(ROOT, `reports/mutation/${area.name}/summary.json`), JSON.stringify(summary, null, 2) + '\n');
  console.log(`\n${area.name}: ${seconds} s`);
  console.log('| module | mutants | killed | timeouts | survived | no coverage | errors | ignored | score |');
  for (const s of modules) {
    console.log(`| ${s.file} | ${s.mutants} | ${s.killed} | ${s.timeouts} | ${s.survived} | ${s.noCoverage} | ${s.errors} | ${s.ignored} | ${s.score ?? '–'}% |`);
  }
  for (const line of survivors) console.log(`  undetected: ${line}`);
}

async function main(args: readonly string[]): Promise<void> {
  const changed = args.includes('--changed');
  const incremental = args.includes('--incremental');
  const names = args.filter((a) => a !== '--changed' && a !== '--incremental');
  const areas = names.length > 0 ? names.map(mutationArea) : MUTATION_AREAS;
  const files = changed ? changedFiles() : null;
  let ran = 0;
  for (const area of areas) {
    const mutate = files ? filesToMutate(area, files) : area.mutate;
    if (mutate.length === 0) continue;
    await runArea(area, mutate, incremental);
    ran++;
  }
  if (ran === 0) console.log('mutate: no changed file belongs to a mutation area; nothing to mutate.');
}

await main(process.argv.slice(2));
