import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Libraries that one part of src/ alone may import, so that a library's ways stay behind one boundary. Each row
 * names the library, where it may be imported, and why. The places of different rows do not overlap, so each file
 * gets one no-restricted-imports rule that lists every library it may not use (flat config does not merge two
 * settings of one rule: the later would win).
 */
const LIBRARY_BOUNDARIES = [
  {
    names: ['json-rules-engine'],
    only: ['src/rules-engine/**'],
    message: 'json-rules-engine is used through src/rules-engine (createRulesEngine, assertRuleLoads).',
  },
  {
    names: ['exceljs', 'yauzl'],
    only: ['src/workbook/**'],
    message: 'exceljs and yauzl are used through src/workbook (the xlsx guard, the grid reader, the writers).',
  },
  {
    // better-sqlite3 is the SQLite driver under knex; src/db also calls it directly, for SQLite's online backup API.
    names: ['knex', 'better-sqlite3'],
    only: [
      'src/db/**',
      // Each module's store interface is implemented by its repository, the only file of the module that speaks SQL.
      'src/**/*-repository.ts',
      // The audit log is a table written in the transaction of whatever it records: it is storage, with no domain of its own.
      'src/audit/audit-log.ts',
    ],
    message: 'knex and its better-sqlite3 driver belong in a *-repository.ts (behind the module’s store interface) or in src/db.',
  },
  {
    names: ['prom-client'],
    only: ['src/metrics/**'],
    message: 'prom-client is used through src/metrics (createMetrics); the domain is counted at its edges, never imports it.',
  },
];

function libraryBoundaries(boundaries) {
  const restricted = (allowed) => [
    'error',
    { paths: boundaries.filter((b) => b !== allowed).flatMap((b) => b.names.map((name) => ({ name, message: b.message }))) },
  ];
  return [
    { files: ['src/**/*.ts'], ignores: boundaries.flatMap((b) => b.only), rules: { 'no-restricted-imports': restricted(null) } },
    ...boundaries.map((b) => ({ files: b.only, rules: { 'no-restricted-imports': restricted(b) } })),
  ];
}

export default tseslint.config(
  { ignores: ['node_modules/', 'var/', 'coverage/', 'test/artifacts/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    // Scripts served to browsers.
    files: ['templates/static/**/*.js'],
    languageOptions: { globals: { ...globals.browser }, sourceType: 'script' },
  },
  {
    // Only the config module may read the environment.
    files: ['src/**/*.ts'],
    ignores: ['src/config/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through src/config.' }],
    },
  },
  ...libraryBoundaries(LIBRARY_BOUNDARIES),
);
