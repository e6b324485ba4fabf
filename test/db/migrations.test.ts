import { expect, it } from 'vitest';
import { migrateLatest, migrateRollbackAll } from '../../src/db/migrations.ts';
import { describeEachDatabase } from '../support/databases.ts';

const TABLES = ['policy_versions', 'policy_workbooks', 'policy_activations'];

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

    it('store Chinese text and workbooks larger than a 64 KB BLOB', async () => {
      const { db } = current();
      const bytes = Buffer.alloc(200_000, 7);
      const [id] = await db('policy_versions').insert({
        version: 99,
        workbook_sha256: 'x'.repeat(64),
        filename: '金蝶云星空服务产品目录.xlsx',
        rules_json: '{"名称":"尊享服务"}'.repeat(10_000),
        summary_json: '{}',
        rule_count: 0,
        created_at: '2026-11-27T00:00:00.000Z',
        created_by: '管理员',
      });
      await db('policy_workbooks').insert({ policy_version_id: Number(id), bytes, size_bytes: bytes.length });
      const row = await db('policy_versions').where({ id: Number(id) }).first();
      expect(row.filename).toBe('金蝶云星空服务产品目录.xlsx');
      expect(row.rules_json.length).toBe('{"名称":"尊享服务"}'.length * 10_000);
      const stored = await db('policy_workbooks').where({ policy_version_id: Number(id) }).first();
      expect(Buffer.from(stored.bytes).equals(bytes)).toBe(true);
    });
  },
  { migrate: false },
);
