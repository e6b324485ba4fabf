// Migration 027 on a database that already holds a request with a resolution target: the row keeps every figure and
// gets no at-risk point (a migration cannot count working time), so the at-risk filter does not find it while the
// breached one still does; the column has its index, and the migration rolls back and forth.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { migrateLatest, migratorConfig } from '../../src/db/migrations.ts';
import { createRequestRepository } from '../../src/requests/request-repository.ts';
import { describeEachDatabase, type Engine } from '../support/databases.ts';

const BEFORE_MINE = '20261205-026-sso-users';
const MINE = '20261205-027-resolution-at-risk';
const INDEX = 'service_requests_state_resolve_at_risk_index';
const AT = '2026-06-01T00:00:00.000Z';

async function indexNames(db: Database, engine: Engine): Promise<string[]> {
  if (engine === 'sqlite') return ((await db.raw(`pragma index_list('service_requests')`)) as { name: string }[]).map((r) => r.name);
  const [rows] = (await db.raw('show index from service_requests')) as [{ Key_name: string }[]];
  return rows.map((r) => r.Key_name);
}

describeEachDatabase(
  'migration 027: the resolution’s at-risk point',
  (current) => {
    it('leaves earlier requests without one (not found as at risk), indexes it, and rolls back and forth', async () => {
      const { db, engine } = current();
      for (;;) {
        const [, applied] = (await db.migrate.up(migratorConfig)) as [number, string[]];
        if (applied.length === 0) throw new Error(`never reached ${BEFORE_MINE}`);
        if (applied.includes(BEFORE_MINE)) break;
      }
      const [customerId] = await db('customers').insert({ name: '迁移客户', created_at: AT, updated_at: AT });
      const [contractId] = await db('contracts').insert({ customer_id: customerId, offering: 'on_premise', tier: 'premium', starts_on: '2026-01-01', ends_on: '2026-12-31', created_at: AT, updated_at: AT });
      await db('service_requests').insert({
        contract_id: contractId,
        service: 'issue_feedback',
        summary: '迁移前的请求',
        opened_at: '2026-06-01T01:00:00.000Z',
        policy_id: 1,
        policy_version: 1,
        calendar: '标准工作日',
        resolution_amount: 1,
        resolution_unit: 'working_day',
        resolution_ms: 8 * 3_600_000,
        resolve_by: '2026-06-01T10:00:00.000Z',
        created_by: 'support.user',
        created_at: AT,
        idempotency_key: null,
        state: 'in_progress',
        updated_at: AT,
      });
      const before = (await db('service_requests').orderBy('id')) as Record<string, unknown>[];

      expect(await migrateLatest(db)).toContain(MINE);
      const after = (await db('service_requests').orderBy('id')) as Record<string, unknown>[];
      expect(Object.fromEntries(Object.keys(before[0]!).map((k) => [k, after[0]![k]]))).toEqual(before[0]);
      expect(after[0]!.resolve_at_risk_from).toBeNull();
      expect(await indexNames(db, engine)).toContain(INDEX);
      // An hour before resolve-by less than a quarter of the target is left, yet only its page can tell.
      const store = createRequestRepository(db);
      const page = { offset: 0, limit: 10 };
      expect((await store.list({ resolution: 'at_risk', now: '2026-06-01T09:00:00.000Z', ...page })).total).toBe(0);
      expect((await store.list({ resolution: 'breached', now: '2026-06-01T11:00:00.000Z', ...page })).total).toBe(1);

      for (;;) {
        const [, rolledBack] = (await db.migrate.down(migratorConfig)) as [number, string[]];
        if (rolledBack.length === 0) throw new Error(`never rolled back ${MINE}`);
        if (rolledBack.includes(MINE)) break;
      }
      expect(await db.schema.hasColumn('service_requests', 'resolve_at_risk_from')).toBe(false);
      expect(await indexNames(db, engine)).not.toContain(INDEX);
      expect((await db('service_requests').orderBy('id')) as unknown[]).toEqual(before);
      await migrateLatest(db);
      expect(await db.schema.hasColumn('service_requests', 'resolve_at_risk_from')).toBe(true);
    });
  },
  { migrate: false },
);
