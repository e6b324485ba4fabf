// Migration 019: the contracts list's pages by start date (the latest first) walk an index on both engines
// rather than sorting every contract; the page's ids are read from the contracts alone.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { migratorConfig } from '../../src/db/migrations.ts';
import { describeEachDatabase, type Engine } from '../support/databases.ts';

async function plan(db: Database, engine: Engine, sql: string): Promise<string> {
  if (engine === 'sqlite') return ((await db.raw(`explain query plan ${sql}`)) as { detail: string }[]).map((r) => r.detail).join('\n');
  const [rows] = (await db.raw(`explain ${sql}`)) as [{ table: string | null; type: string | null; key: string | null; Extra: string | null }[]];
  return rows.map((r) => `${r.table} ${r.type} ${r.key} ${r.Extra ?? ''}`).join('\n');
}

describeEachDatabase('contract list index', (current) => {
  it('pages contracts by start date through contracts_starts_on_index, without sorting them all, and migrates down and up again', async () => {
    const { db, engine } = current();
    const at = new Date().toISOString();
    const [customer] = await db('customers').insert({ name: '列表索引客户', created_at: at, updated_at: at });
    const rows = Array.from({ length: 2000 }, (_, i) => ({ customer_id: Number(customer), offering: 'cloud', tier: 'basic', starts_on: `20${10 + (i % 20)}-01-01`, ends_on: '2040-12-31', created_at: at, updated_at: at }));
    for (let i = 0; i < rows.length; i += 500) await db('contracts').insert(rows.slice(i, i + 500));
    if (engine === 'mysql') await db.raw('analyze table contracts');
    const sql = 'select c.id from contracts as c order by c.starts_on desc, c.id desc limit 50 offset 100';
    const found = await plan(db, engine, sql);
    expect(found).toMatch(/contracts_starts_on_index/);
    expect(found).not.toMatch(engine === 'sqlite' ? /USE TEMP B-TREE/ : /filesort/i);

    // Down removes the index and leaves the rows; up brings it back.
    await db.migrate.down({ ...migratorConfig, name: '20261205-019-contract-list-index' });
    expect(await plan(db, engine, sql)).not.toMatch(/contracts_starts_on_index/);
    expect(Number((await db('contracts').count({ n: '*' }).first())?.n)).toBe(2000);
    await db.migrate.latest(migratorConfig);
    expect(await plan(db, engine, sql)).toMatch(/contracts_starts_on_index/);
  });
});
