// Migrations are listed in code rather than discovered on disk, so they run the same under tsx, vitest and a bundle.
import type { Knex } from 'knex';
import * as policyVersions from './migrations/20261127-001-policy-versions.ts';
import * as accounts from './migrations/20261127-002-accounts.ts';
import * as contracts from './migrations/20261127-003-contracts.ts';
import * as serviceRequests from './migrations/20261128-004-service-requests.ts';
import * as quotes from './migrations/20261128-005-quotes.ts';
import * as outbox from './migrations/20261128-006-outbox.ts';
import * as requestReportIndex from './migrations/20261128-008-request-report-index.ts';
import * as outboxReportJson from './migrations/20261128-009-outbox-report-json.ts';
import * as jobRuns from './migrations/20261128-007-job-runs.ts';
import * as contractImportIndexes from './migrations/20261204-010-contract-import-indexes.ts';
import * as impactIndexes from './migrations/20261204-011-impact-indexes.ts';
import * as accountHardening from './migrations/20261204-012-account-hardening.ts';
import * as idempotencyKeys from './migrations/20261204-013-idempotency-keys.ts';
import * as uniqueActivations from './migrations/20261204-014-unique-activations.ts';
import * as reportCutoffsAndReviews from './migrations/20261205-015-report-cutoffs-and-reviews.ts';
import * as quotaLedger from './migrations/20261205-016-quota-ledger.ts';
import * as requestLifecycle from './migrations/20261205-017-request-lifecycle.ts';
import * as quoteListIndexes from './migrations/20261205-018-quote-list-indexes.ts';
import * as resolutionTargets from './migrations/20261205-020-resolution-targets.ts';
import * as contractListIndex from './migrations/20261205-019-contract-list-index.ts';
import * as quoteDecisions from './migrations/20261205-021-quote-decisions.ts';
import * as signInHistoryIndex from './migrations/20261205-022-sign-in-history-index.ts';
import * as auditIndexes from './migrations/20261205-023-audit-indexes.ts';
import * as activationWithdrawals from './migrations/20261205-024-activation-withdrawals.ts';
import * as outboxChannels from './migrations/20261205-025-outbox-channels.ts';
import * as ssoUsers from './migrations/20261205-026-sso-users.ts';
import * as resolutionAtRisk from './migrations/20261205-027-resolution-at-risk.ts';
import type { Database } from './database.ts';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['20261127-001-policy-versions', policyVersions],
  ['20261127-002-accounts', accounts],
  ['20261127-003-contracts', contracts],
  ['20261128-004-service-requests', serviceRequests],
  ['20261128-005-quotes', quotes],
  ['20261128-006-outbox', outbox],
  ['20261128-007-job-runs', jobRuns],
  ['20261128-008-request-report-index', requestReportIndex],
  ['20261128-009-outbox-report-json', outboxReportJson],
  ['20261204-010-contract-import-indexes', contractImportIndexes],
  ['20261204-011-impact-indexes', impactIndexes],
  ['20261204-012-account-hardening', accountHardening],
  ['20261204-013-idempotency-keys', idempotencyKeys],
  ['20261204-014-unique-activations', uniqueActivations],
  ['20261205-015-report-cutoffs-and-reviews', reportCutoffsAndReviews],
  ['20261205-016-quota-ledger', quotaLedger],
  ['20261205-017-request-lifecycle', requestLifecycle],
  ['20261205-018-quote-list-indexes', quoteListIndexes],
  ['20261205-019-contract-list-index', contractListIndex],
  ['20261205-020-resolution-targets', resolutionTargets],
  ['20261205-021-quote-decisions', quoteDecisions],
  ['20261205-022-sign-in-history-index', signInHistoryIndex],
  ['20261205-023-audit-indexes', auditIndexes],
  ['20261205-024-activation-withdrawals', activationWithdrawals],
  ['20261205-025-outbox-channels', outboxChannels],
  ['20261205-026-sso-users', ssoUsers],
  ['20261205-027-resolution-at-risk', resolutionAtRisk],
];

const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => MIGRATIONS.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = MIGRATIONS.find(([n]) => n === name);
    if (!found) throw new Error(`Unknown migration ${name}`);
    return found[1];
  },
};

export const migratorConfig: Knex.MigratorConfig = { migrationSource, tableName: 'knex_migrations' };

export async function migrateLatest(db: Database): Promise<string[]> {
  const [, applied] = (await db.migrate.latest(migratorConfig)) as [number, string[]];
  return applied;
}

export async function migrateRollbackAll(db: Database): Promise<string[]> {
  const [, rolledBack] = (await db.migrate.rollback(migratorConfig, true)) as [number, string[]];
  return rolledBack;
}
