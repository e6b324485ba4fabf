// The mutation areas (npm run mutate) still name real files: a renamed module or test folder would otherwise
// leave an area mutating nothing, or its mutants run by no test, without anyone noticing until the next run.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesToMutate, globToRegExp, MUTATION_AREAS, mutationArea } from './mutation-areas.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const file = `${dir}/${entry.name}`;
    return entry.isDirectory() ? filesUnder(file) : [file];
  });
}

const SOURCES = filesUnder('src');
const TESTS = filesUnder('test');

describe('mutation areas', () => {
  it.each(MUTATION_AREAS.map((a) => [a.name, a] as const))('%s mutates existing sources, runs existing tests, and has its vitest config', (_name, area) => {
    for (const glob of area.mutate) expect(SOURCES.filter((f) => globToRegExp(glob).test(f)), glob).not.toEqual([]);
    for (const glob of area.tests) expect(TESTS.filter((f) => globToRegExp(glob).test(f)), glob).not.toEqual([]);
    for (const file of area.excludeTests ?? []) expect(TESTS, file).toContain(file);
    expect(TESTS).toContain(area.vitestConfig);
  });

  it.each([
    ['src/policy-workbook/*/*-table-parser.ts', 'src/policy-workbook/tiers/tier-table-parser.ts', true],
    ['src/policy-workbook/*/*-table-parser.ts', 'src/policy-workbook/tier-table-parser.ts', false],
    ['src/policy-workbook/cell-*.ts', 'src/policy-workbook/cell-vocabulary.ts', true],
    ['src/policy-workbook/cell-*.ts', 'src/policy-workbook/tiers/cell-words.ts', false],
    ['test/calendar/**/*.test.ts', 'test/calendar/business-time.test.ts', true],
    ['test/calendar/**/*.test.ts', 'test/calendar/deep/er/year.test.ts', true],
    ['test/calendar/**/*.test.ts', 'test/calendar/calendar-helpers.ts', false],
    ['src/quote/money.ts', 'src/quote/moneyxts', false],
  ])('%s matches %s: %s', (glob, file, matches) => {
    expect(globToRegExp(glob).test(file)).toBe(matches);
  });

  it('mutate:changed takes only the changed files an area mutates', () => {
    const changed = ['README.md', 'src/calendar/year-tables.ts', 'src/calendar/instants.ts', 'test/calendar/business-time.test.ts'];
    expect(filesToMutate(mutationArea('calendar'), changed)).toEqual(['src/calendar/year-tables.ts']);
    expect(filesToMutate(mutationArea('quote'), changed)).toEqual([]);
    expect(() => mutationArea('nowhere')).toThrow(/entitlement, calendar, quote, cell-vocabulary, table-parsers/u);
  });
});
