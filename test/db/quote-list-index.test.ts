// Migration 018: the quotes list's pages, newest first and by the sales user who made them, walk an index on both
// engines rather than sorting every quote; down removes the indexes and keeps the rows.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { migratorConfig } from '../../src/db/migrations.ts';
import { describeEachDatabase, type Engine } from '../support/databases.ts';

async function plan(db: Database, engine: Engine, sql: string): Promise<string> {
  if (engine === 'sqlite') return ((await db.raw(`explain query plan ${sql}`)) as { detail: string }[]).map((r) => r.detail).join('\n');
  const [rows] = (await db.raw(`explain ${sql}`)) as [{ table: string | null; type: string | null; key: string | null; Extra: string | null }[]];
  return rows.map((r) => `${r.table} ${r.type} ${r.key} ${r.Extra ?? ''}`).join('\n');
}

describeEachDatabase('quote list indexes', (current) => {
  it('pages quotes newest first, and one sales user’s, through an index without sorting them all, and migrates down and up again', async () => {
    const { db, engine } = current();
    const at = new Date().toISOString();
    const customers: number[] = [];
    for (let i = 0; i < 20; i++) customers.push(Number((await db('customers').insert({ name: `报价列表客户 ${i}`, created_at: at, updated_at: at }))[0]));
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      number: `Q-2026-${String(i + 1).padStart(6, '0')}`, base_number: `Q-2026-${String(i + 1).padStart(6, '0')}`, revision: 1, customer_id: customers[i % 20], offering: 'cloud', tier: 'basic', term_years: 1,
      discount_bp: 0, status: i % 7 === 0 ? 'pending_approval' : 'issued', policy_id: 1, policy_version: 1, total_fen: 1000 * i, document_json: '{}', valid_until: '2027-01-01',
      created_by: `sales.${i % 5}`, created_at: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    }));
    for (let i = 0; i < rows.length; i += 250) await db('quotes').insert(rows.slice(i, i + 250));
    if (engine === 'mysql') await db.raw('analyze table quotes, customers');
    // The page's ids, as the repository reads them from the quotes alone (src/quote/quote-repository.ts search).
    const newest = 'select q.id from quotes as q order by q.created_at desc, q.id desc limit 50 offset 100';
    const mine = "select q.id from quotes as q where q.created_by = 'sales.3' order by q.created_at desc, q.id desc limit 50";
    const sorted = engine === 'sqlite' ? /USE TEMP B-TREE/ : /filesort/i;
    expect(await plan(db, engine, newest)).toMatch(/quotes_created_at_index/);
    expect(await plan(db, engine, newest)).not.toMatch(sorted);
    expect(await plan(db, engine, mine)).toMatch(/quotes_created_by_created_at_index/);
    expect(await plan(db, engine, mine)).not.toMatch(sorted);

    await db.migrate.down({ ...migratorConfig, name: '20261205-018-quote-list-indexes' });
    expect(await plan(db, engine, newest)).not.toMatch(/quotes_created_at_index/);
    expect(Number((await db('quotes').count({ n: '*' }).first())?.n)).toBe(2000);
    await db.migrate.latest(migratorConfig);
    expect(await plan(db, engine, newest)).toMatch(/quotes_created_at_index/);
  });
});
