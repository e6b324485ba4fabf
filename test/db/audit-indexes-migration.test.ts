// Migration 023 on a log that already holds entries: each gets the kind of its target as audit-target.ts reads it
// (kind:id targets by their prefix; quotes and users, written bare, by their action; an import by its file),
// and the migration rolls back and forth.
import { expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/audit-log.ts';
import type { Knex } from 'knex';
import type { Database } from '../../src/db/database.ts';
import { targetKindOf } from '../../src/audit/audit-target.ts';
import { migrateLatest, migratorConfig } from '../../src/db/migrations.ts';
import { describeEachDatabase, type Engine } from '../support/databases.ts';

async function plan(db: Database, engine: Engine, sql: string, bindings: readonly Knex.Value[]): Promise<string> {
  if (engine === 'sqlite') return ((await db.raw(`explain query plan ${sql}`, [...bindings])) as { detail: string }[]).map((r) => r.detail).join('\n');
  const [rows] = (await db.raw(`explain ${sql}`, [...bindings])) as [{ table: string | null; key: string | null; Extra: string | null }[]];
  return rows.map((r) => `${r.table} ${r.key} ${r.Extra ?? ''}`).join('\n');
}

const MINE = '20261205-023-audit-indexes';
const AT = '2026-06-01T00:00:00.000Z';

const OLD_ENTRIES: [string, string | null][] = [
  ['policy.activate', 'policy:2'],
  ['usage.override', 'contract:3'],
  ['report.reissue', 'contract:3:2026-10-31'],
  ['customer.update', 'customer:5'],
  ['request.assign', 'request:12'],
  ['token.create', 'token:4'],
  ['quote.approve', 'Q-2026-000123'],
  ['user.create', 'alice'],
  ['auth.sign_in_failed', '(未知用户) #1a2b3c4d'],
  ['contract.import', '合同.csv'],
  ['policy.upload_rejected', 'bad.xlsx'],
  ['auth.sign_out', null],
];

describeEachDatabase(
  'migration 023: the kind of every audit target',
  (current) => {
    it('fills target_kind for entries written before it, as new entries get it, and rolls back and forth', async () => {
      const { db } = current();
      for (;;) {
        const [, applied] = (await db.migrate.up(migratorConfig)) as [number, string[]];
        if (applied.length === 0) throw new Error(`never reached the migration before ${MINE}`);
        const [, pending] = (await db.migrate.list(migratorConfig)) as [unknown[], { file: string }[] | string[]];
        const next = pending[0];
        if ((typeof next === 'string' ? next : next?.file) === MINE) break;
      }
      for (const [action, target] of OLD_ENTRIES) await db('audit_log').insert({ at: AT, actor: 'alice', action, target, details_json: null, address: null });
      await migrateLatest(db);
      const rows = (await db('audit_log').orderBy('id').select('action', 'target', 'target_kind')) as { action: string; target: string | null; target_kind: string | null }[];
      expect(rows.map((r) => r.target_kind)).toEqual(OLD_ENTRIES.map(([action, target]) => targetKindOf(action, target)));
      expect(rows.map((r) => r.target_kind)).toEqual(['policy', 'contract', 'contract', 'customer', 'request', 'token', 'quote', 'user', 'user', 'file', null, null]);

      // Down through the later migrations to this one.
      for (let i = 0; i < 20 && (await db.schema.hasColumn('audit_log', 'target_kind')); i++) await db.migrate.down(migratorConfig);
      expect(await db.schema.hasColumn('audit_log', 'target_kind')).toBe(false);
      await migrateLatest(db);
      expect(await db.schema.hasColumn('audit_log', 'target_kind')).toBe(true);
    });

    it('pages each filter newest first down its own index, without sorting the log', async () => {
      const { db, engine } = current();
      const audit = createAuditLog(db);
      for (let i = 0; i < 300; i++) await audit.record({ actor: `user${i % 30}`, action: i % 2 ? 'usage.record' : 'quote.create', target: i % 2 ? `contract:${i % 40}` : `Q-2026-${i}`, details: null, address: null });
      if (engine === 'mysql') await db.raw('analyze table audit_log');
      for (const [column, value, index] of [
        ['actor', 'user7', 'audit_log_actor_index'],
        ['target_kind', 'quote', 'audit_log_target_kind_index'],
        ['target', 'contract:7', 'audit_log_target_index'],
      ] as const) {
        const sql = db('audit_log').select('*').where(column, value).orderBy('id', 'desc').limit(50).toSQL().toNative();
        const found = await plan(db, engine, sql.sql, sql.bindings);
        expect(found, column).toMatch(new RegExp(index));
        expect(found, column).not.toMatch(engine === 'sqlite' ? /USE TEMP B-TREE/ : /filesort/i);
      }
    });
  },
  { migrate: false },
);
