// The tests in three projects, so that the fast part can run alone: `unit` (pure domain: no database, no child
// process, no browser, no port listened on) runs in seconds; `database` opens SQLite or MySQL, directly or through
// the app; `e2e` spawns the server or the CLI, drives Chromium, or reads hostile uploads in worker threads.
// `npm test` (and so .ci/run) runs all three; `npm run test:unit`, `test:db` and `test:e2e` run one.
// A file is placed by what it uses. `unit` is everything not listed below, and test support refuses a database,
// a child process or a browser there (test/support/test-project.ts), so a slow file cannot land in it unnoticed.
import { configDefaults, defineConfig } from 'vitest/config';

/** Spawn the server or the CLI, drive a browser, read hostile files in worker threads, or listen on a port. */
const E2E = [
  'test/browser/**/*.test.ts',
  'test/cli/**/*.test.ts',
  // Spawns the server (`npm start`).
  'test/http/start.test.ts',
  // Spawns the server and uploads the hostile corpus to it.
  'test/http/hostile-uploads.test.ts',
  // supertest listens on a port for the request log's middleware.
  'test/http/request-log.test.ts',
  // Spawns the server with METRICS_TOKEN and scrapes it.
  'test/http/metrics-server.test.ts',
  // Worker threads with heap and time limits, on hostile files (the pool alone, and behind the upload routes).
  'test/workbook/parse-pool.test.ts',
  'test/http/upload-refusals.test.ts',
  // Builds the hostile corpus's large files (a 50,000-row contract file) to test each declared limit at its edge.
  'test/workbook/xlsx-declared-limits.test.ts',
  // Fuzzed files read in the parse pool's threads, and uploaded to an app on SQLite.
  'test/fuzz/**/*.test.ts',
];

/** Open SQLite or MySQL (test/support/databases.ts, or the app on it). Files also in E2E go there. */
const DATABASE = [
  'test/accounts/account-service.test.ts',
  'test/accounts/sign-in-burst.test.ts',
  'test/accounts/sign-in.test.ts',
  'test/accounts/user-administration.test.ts',
  'test/config/var-dir.test.ts',
  'test/contracts/*.test.ts',
  'test/db/**/*.test.ts',
  'test/entitlement/decision-deadline.test.ts',
  'test/entitlement/policy-cache.test.ts',
  'test/holidays/holiday-http.test.ts',
  'test/holidays/holiday-reminder.test.ts',
  'test/holidays/holiday-service.test.ts',
  'test/http/**/*.test.ts',
  'test/idempotency/**/*.test.ts',
  'test/jobs/**/*.test.ts',
  'test/policy/activation-dates.test.ts',
  'test/policy/activation-withdrawal.test.ts',
  'test/http/policy-version-pages.test.ts',
  'test/policy/moving-in.test.ts',
  'test/policy/policy-comparison.test.ts',
  'test/policy/policy-repository.test.ts',
  'test/policy/policy-service.test.ts',
  'test/report/mail-eml-writer.test.ts',
  'test/report/outbox-delivery.test.ts',
  'test/report/outbox-instances.test.ts',
  'test/report/outbox-store.test.ts',
  'test/report/report-cutoff.test.ts',
  'test/report/report-delivery.test.ts',
  'test/report/report-jobs.test.ts',
  'test/report/report-owed.test.ts',
  'test/report/report-reissue.test.ts',
  'test/report/report-reviews.test.ts',
  'test/report/robot-alerts.test.ts',
  'test/requests/**/*.test.ts',
];

const ALL = ['test/**/*.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers than that only adds contention.
    maxWorkers: 2,
    // fast-check's run counts: 100 a property by default, FC_NUM_RUNS for a deeper run.
    setupFiles: ['test/support/fast-check-setup.ts'],
    projects: [
      // Pure code holds no state between files, so the unit files share each worker's loaded modules (isolate:
      // false): loading exceljs and the policy reader once a worker instead of once a file cuts the run by ~4x.
      { extends: true, test: { name: 'unit', include: ALL, exclude: [...configDefaults.exclude, ...DATABASE, ...E2E], isolate: false, env: { ENTITLE_TEST_PROJECT: 'unit' } } },
      { extends: true, test: { name: 'database', include: DATABASE, exclude: [...configDefaults.exclude, ...E2E], env: { ENTITLE_TEST_PROJECT: 'database' } } },
      // Each e2e test spawns processes (the CLI is a fresh Node each call) or drives Chromium: on two loaded cores
      // one call can take seconds, so a test of a dozen calls is given two minutes rather than failing as slow.
      { extends: true, test: { name: 'e2e', include: E2E, testTimeout: 120_000, env: { ENTITLE_TEST_PROJECT: 'e2e' } } },
    ],
  },
});
