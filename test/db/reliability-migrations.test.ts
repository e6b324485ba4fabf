// Migrations 013 and 014 on a database that already holds what they change: quota_usage keys as sent (global,
// case-folded on MySQL) become scoped hashes, and duplicated activations collapse to the earliest row.
import { expect, it } from 'vitest';
import { migrateLatest, migratorConfig } from '../../src/db/migrations.ts';
import { scopedKey } from '../../src/idempotency/idempotency-service.ts';
import { isUniqueViolation } from '../../src/db/database-errors.ts';
import { describeEachDatabase } from '../support/databases.ts';

const BEFORE_MINE = '20261204-012-account-hardening';
const AT = '2026-06-01T00:00:00.000Z';

describeEachDatabase(
  'reliability migrations (013 idempotency keys, 014 unique activations)',
  (current) => {
    it('scopes stored usage keys to their actor and collapses duplicated activations, keeping the earliest', async () => {
      const { db } = current();
      // Up to the migration before these two, as a database of yesterday's release stands.
      for (;;) {
        const [, applied] = (await db.migrate.up(migratorConfig)) as [number, string[]];
        if (applied.length === 0) throw new Error(`never reached ${BEFORE_MINE}`);
        if (applied.includes(BEFORE_MINE)) break;
      }

      const [customerId] = await db('customers').insert({ name: '迁移客户', created_at: AT, updated_at: AT });
      const [contractId] = await db('contracts').insert({ customer_id: customerId, offering: 'cloud', tier: 'premium', starts_on: '2026-01-01', ends_on: '2026-12-31', created_at: AT, updated_at: AT });
      const usage = (key: string | null, actor: string) => ({ contract_id: contractId, service: 'code_diagnosis', period_start: '2026-01-01', used_at: AT, person_days: 2, actor, idempotency_key: key, created_at: AT });
      await db('quota_usage').insert([usage('form:abc', 'support.user'), usage('retry-7', 'manager.user'), usage(null, 'support.user')]);

      const [versionId] = await db('policy_versions').insert({ version: 1, workbook_sha256: 'a'.repeat(64), filename: 'p.xlsx', workbook_size: 1, rule_count: 1, summary_json: '{}', created_at: AT, created_by: 'admin' });
      const activation = (from: string, by: string) => ({ policy_version_id: versionId, effective_from: from, activated_at: AT, activated_by: by });
      // As parallel activations on MariaDB left them: the same instant three times, plus one other instant.
      await db('policy_activations').insert(activation('2026-07-01T00:00:00.000Z', 'first'));
      await db('policy_activations').insert(activation('2026-07-01T00:00:00.000Z', 'second'));
      await db('policy_activations').insert(activation('2026-08-01T00:00:00.000Z', 'other'));
      await db('policy_activations').insert(activation('2026-07-01T00:00:00.000Z', 'third'));

      await migrateLatest(db);

      const keys = (await db('quota_usage').orderBy('id').select('actor', 'idempotency_key')) as { actor: string; idempotency_key: string | null }[];
      expect(keys).toEqual([
        { actor: 'support.user', idempotency_key: scopedKey('support.user', 'form:abc') },
        { actor: 'manager.user', idempotency_key: scopedKey('manager.user', 'retry-7') },
        { actor: 'support.user', idempotency_key: null },
      ]);
      const left = (await db('policy_activations').orderBy('id').select('effective_from', 'activated_by')) as { effective_from: string; activated_by: string }[];
      expect(left).toEqual([
        { effective_from: '2026-07-01T00:00:00.000Z', activated_by: 'first' },
        { effective_from: '2026-08-01T00:00:00.000Z', activated_by: 'other' },
      ]);
      // The constraints now hold: a duplicate is refused by the database itself.
      const refused = await db('policy_activations').insert(activation('2026-07-01T00:00:00.000Z', 'again')).then(
        () => null,
        (err: unknown) => err,
      );
      expect(isUniqueViolation(refused)).toBe(true);
      const now = (by: string) => ({ ...activation(`2026-09-0${by.length}T00:00:00.000Z`, by), follows_activation_id: 0 });
      await db('policy_activations').insert(now('x'));
      expect(isUniqueViolation(await db('policy_activations').insert(now('yy')).catch((err: unknown) => err))).toBe(true);
      expect(await db.schema.hasTable('idempotency_keys')).toBe(true);
    });
  },
  { migrate: false },
);
