// The services tests run on, composed the way production composes them (src/composition-root.ts), with the
// overrides tests need rather than a copy of the wiring: a config of their own (a private var/ and outbox, the
// test managers), uploads read in-process rather than in worker threads, a policy cache that is never stale,
// and the cheap test-only password hasher (tests about hashing pass argon2idHasher).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices, type ServiceOverrides, type Services } from '../../src/composition-root.ts';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { readContractFile } from '../../src/contracts/file/contract-file-reader.ts';
import type { Database } from '../../src/db/database.ts';
import { readPolicyWorkbook } from '../../src/policy-workbook/read-policy-workbook.ts';
import type { UploadReaders } from '../../src/uploads/upload-readers.ts';
import { fastTestHasher } from './fast-hasher.ts';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const MANAGERS = ['service.manager@kingdee.example', 'cs.lead@kingdee.example'];

export interface TestConfigChanges {
  /** The report managers; MANAGERS by default. */
  managers?: string[];
  reviewDays?: number;
  /** Where quote PDFs find Chromium (a path that does not exist: PDFs are unavailable). */
  chromiumPath?: string;
  /** Single sign-on against a test provider (test/support/oidc-provider.ts); none by default. */
  oidc?: Config['oidc'];
}

/** Production defaults, with a var/ directory (and .eml outbox) of the test's own under the system's temp dir. */
export function testConfig(changes: TestConfigChanges = {}): Config {
  const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-test-var-'));
  const base = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', VAR_DIR: varDir, REPORT_SCHEDULER: 'off' }, ROOT);
  return {
    ...base,
    chromiumPath: changes.chromiumPath ?? base.chromiumPath,
    oidc: changes.oidc ?? base.oidc,
    reports: { ...base.reports, managers: changes.managers ?? MANAGERS, reviewDays: changes.reviewDays ?? base.reports.reviewDays },
  };
}

/** Uploads read on the test's own thread, as the readers themselves do; the parse pool has tests of its own. */
export const inProcessReaders: UploadReaders = {
  readPolicyWorkbook,
  readContractFile,
  stats: () => ({ workers: 0, busy: 0, queued: 0 }),
  stop: async () => {},
};

/** The composed services on a test database; `overrides` add to (and replace) the tests' defaults. */
export function testServices(db: Database, overrides: ServiceOverrides = {}, config: Config = testConfig()): Services {
  return composeServices(db, config, {
    hasher: fastTestHasher,
    readers: inProcessReaders,
    policyCacheRefreshMs: 0,
    templatesDir: path.join(ROOT, 'templates'),
    ...overrides,
  });
}
