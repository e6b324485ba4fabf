// Migration 017 on a database that already holds requests: every figure intake recorded stays as it was; an
// answered request (a response closed a request before) becomes closed, an unanswered one new; priorities come
// from the service; and the migration rolls back and forth.
import { expect, it } from 'vitest';
import { migrateLatest, migratorConfig } from '../../src/db/migrations.ts';
import { describeEachDatabase } from '../support/databases.ts';

const BEFORE_MINE = '20261205-016-quota-ledger';
const MINE = '20261205-017-request-lifecycle';
const AT = '2026-06-01T00:00:00.000Z';

describeEachDatabase(
  'migration 017: the request lifecycle',
  (current) => {
    it('keeps every stored figure, closes answered requests, opens the rest as new, and defaults priorities', async () => {
      const { db } = current();
      for (;;) {
        const [, applied] = (await db.migrate.up(migratorConfig)) as [number, string[]];
        if (applied.length === 0) throw new Error(`never reached ${BEFORE_MINE}`);
        if (applied.includes(BEFORE_MINE)) break;
      }
      const [customerId] = await db('customers').insert({ name: '迁移客户', created_at: AT, updated_at: AT });
      const [contractId] = await db('contracts').insert({ customer_id: customerId, offering: 'cloud', tier: 'premium', starts_on: '2026-01-01', ends_on: '2026-12-31', created_at: AT, updated_at: AT });
      const row = (service: string, responded: string | null) => ({
        contract_id: contractId,
        service,
        summary: `${service} 问题`,
        opened_at: '2026-06-01T01:00:00.000Z',
        policy_id: 1,
        policy_version: 1,
        window_amount: 4,
        window_unit: 'working_hour',
        window_ms: 4 * 3_600_000,
        calendar: '标准工作日',
        respond_by: '2026-06-01T05:00:00.000Z',
        at_risk_from: '2026-06-01T04:00:00.000Z',
        proof_json: '{"intervals":[]}',
        responded_at: responded,
        responded_by: responded ? 'support.user' : null,
        created_by: 'support.user',
        created_at: AT,
        idempotency_key: null,
      });
      await db('service_requests').insert(row('emergency_fault', '2026-06-01T02:00:00.000Z'));
      await db('service_requests').insert(row('issue_feedback', null));
      await db('service_requests').insert(row('customer_success', null));
      const before = (await db('service_requests').orderBy('id')) as Record<string, unknown>[];

      expect(await migrateLatest(db)).toContain(MINE);

      const after = (await db('service_requests').orderBy('id')) as Record<string, unknown>[];
      // Every column that was there holds what it held.
      after.forEach((r, i) => expect(Object.fromEntries(Object.keys(before[i]!).map((k) => [k, r[k]]))).toEqual(before[i]));
      const lifecycle = after.map((r) => ({ state: r.state, priority: r.priority, closed_at: r.closed_at, closed_by: r.closed_by, assignee: r.assignee, paused_ms: Number(r.paused_ms), updated_at: r.updated_at }));
      expect(lifecycle).toEqual([
        { state: 'closed', priority: 'P1', closed_at: '2026-06-01T02:00:00.000Z', closed_by: 'support.user', assignee: null, paused_ms: 0, updated_at: AT },
        { state: 'new', priority: 'P3', closed_at: null, closed_by: null, assignee: null, paused_ms: 0, updated_at: AT },
        { state: 'new', priority: 'P4', closed_at: null, closed_by: null, assignee: null, paused_ms: 0, updated_at: AT },
      ]);
      for (const table of ['service_request_events', 'service_request_comments', 'service_request_pauses']) expect(await db.schema.hasTable(table)).toBe(true);

      // Down and up again: the figures survive the round trip too.
      // Down to before this migration (later ones first), then up again.
      for (;;) {
        const [, rolledBack] = (await db.migrate.down(migratorConfig)) as [number, string[]];
        if (rolledBack.length === 0) throw new Error(`never rolled back ${MINE}`);
        if (rolledBack.includes(MINE)) break;
      }
      expect(await db.schema.hasColumn('service_requests', 'state')).toBe(false);
      expect(await db.schema.hasTable('service_request_events')).toBe(false);
      expect((await db('service_requests').orderBy('id')) as unknown[]).toEqual(before);
      await migrateLatest(db);
      expect(await db.schema.hasColumn('service_requests', 'priority')).toBe(true);
    });
  },
  { migrate: false },
);
