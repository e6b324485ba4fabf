import { expect, it } from 'vitest';
import { migrateLatest, migrateRollbackAll } from '../../src/db/migrations.ts';
import { describeEachDatabase } from '../support/databases.ts';

const TABLES = ['policy_versions', 'policy_blobs', 'policy_activations', 'users', 'api_tokens', 'sessions', 'login_failures', 'audit_log', 'customers', 'customer_contacts', 'contracts', 'contract_services', 'quota_usage', 'service_requests', 'quotes', 'outbox', 'job_runs', 'report_reviews'];

describeEachDatabase(
  'migrations',
  (current) => {
    it('create every table on the way up and remove them on the way down, repeatably', async () => {
      const { db } = current();
      const applied = await migrateLatest(db);
      expect(applied.length).toBeGreaterThan(0);
      for (const table of TABLES) expect(await db.schema.hasTable(table)).toBe(true);
      expect(await migrateLatest(db)).toEqual([]);

      const rolledBack = await migrateRollbackAll(db);
      expect(rolledBack.sort()).toEqual(applied.sort());
      for (const table of TABLES) expect(await db.schema.hasTable(table)).toBe(false);

      expect(await migrateLatest(db)).toEqual(applied);
    });
  },
  { migrate: false },
);
