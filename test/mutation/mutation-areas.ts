// The areas of the domain core that `npm run mutate` measures (issue 19). Each area names the source files whose
// mutants count and the test files that may kill them: a mutant runs only its own area's tests, through the area's
// vitest config (Stryker's `testFiles` option would leave module-level constants falsely surviving).
// Globs are relative to the repository's root.

export interface MutationArea {
  name: string;
  /** Source files to mutate (Stryker's `mutate`). */
  mutate: readonly string[];
  /** Test files the area's vitest config runs. */
  tests: readonly string[];
  /** Test files under `tests` that open a database (listed under DATABASE in vitest.config.ts): left out. */
  excludeTests?: readonly string[];
  /** The area's vitest config, which includes only `tests`. */
  vitestConfig: string;
}

export const MUTATION_AREAS: readonly MutationArea[] = [
  {
    name: 'entitlement',
    mutate: ['src/entitlement/decision.ts', 'src/entitlement/contract-year.ts'],
    tests: ['test/entitlement/**/*.test.ts'],
    excludeTests: ['test/entitlement/decision-deadline.test.ts', 'test/entitlement/policy-cache.test.ts'],
    vitestConfig: 'test/mutation/vitest.entitlement.config.ts',
  },
  {
    name: 'calendar',
    mutate: ['src/calendar/business-time.ts', 'src/calendar/year-tables.ts'],
    tests: ['test/calendar/**/*.test.ts'],
    vitestConfig: 'test/mutation/vitest.calendar.config.ts',
  },
  {
    name: 'quote',
    mutate: ['src/quote/capital-numerals.ts', 'src/quote/money.ts'],
    tests: ['test/quote/**/*.test.ts'],
    vitestConfig: 'test/mutation/vitest.quote.config.ts',
  },
  {
    name: 'cell-vocabulary',
    mutate: ['src/policy-workbook/cell-vocabulary.ts', 'src/policy-workbook/cell-*.ts'],
    tests: ['test/policy-workbook/**/*.test.ts'],
    vitestConfig: 'test/mutation/vitest.cell-vocabulary.config.ts',
  },
  // Apart from the cell files: their word lists make static mutants that each run the whole folder's tests, hours
  // on two cores, so the cell files' figure is not held up by them.
  // Its tests are the folder's that read workbooks inside their tests. Left out: the cell-vocabulary and price tests
  // (no table parser runs there) and those that read the sample or their layouts in beforeAll: Stryker counts what
  // runs outside a test as static, and each static mutant re-runs every test of the area (579 of 882 mutants, hours).
  {
    name: 'table-parsers',
    mutate: ['src/policy-workbook/*/*-table-parser.ts'],
    tests: [
      'test/policy-workbook/calendars/**/*.test.ts',
      'test/policy-workbook/holidays/**/*.test.ts',
      'test/policy-workbook/resolutions/**/*.test.ts',
      'test/policy-workbook/specials/**/*.test.ts',
      'test/policy-workbook/test-cases/**/*.test.ts',
      'test/policy-workbook/tiers/**/*.test.ts',
      'test/policy-workbook/read-*.test.ts',
      'test/policy-workbook/table-*.test.ts',
      'test/policy-workbook/workbook-export.test.ts',
      'test/policy-workbook/sheets-and-rows.test.ts',
      'test/policy-workbook/offering-detection.test.ts',
      'test/policy-workbook/issue-order.test.ts',
      'test/policy-workbook/prototype-words.test.ts',
    ],
    vitestConfig: 'test/mutation/vitest.table-parsers.config.ts',
  },
];

export function mutationArea(name: string): MutationArea {
  const area = MUTATION_AREAS.find((a) => a.name === name);
  if (!area) throw new Error(`no mutation area "${name}"; the areas are ${MUTATION_AREAS.map((a) => a.name).join(', ')}`);
  return area;
}

/** A glob of the areas' kind (`*` within one path segment, `**` across segments) as a regular expression. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      // `**/` is any number of whole segments, including none.
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else source += c.replace(/[.+?^${}()|[\]\\]/gu, '\\$&');
  }
  return new RegExp(`^${source}$`, 'u');
}

/** The files of `files` (paths relative to the root) that an area mutates. */
export function filesToMutate(area: MutationArea, files: readonly string[]): string[] {
  const patterns = area.mutate.map(globToRegExp);
  return files.filter((file) => patterns.some((p) => p.test(file)));
}
