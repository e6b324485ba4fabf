// Migration 010: the contract import's questions are answered through indexes on both engines, not by scans.
import { expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { describeEachDatabase, type Engine } from '../support/databases.ts';

/** The plan of a query, one line a step: SQLite's EXPLAIN QUERY PLAN details, MySQL's EXPLAIN table/type/key. */
async function plan(db: Database, engine: Engine, sql: string, bindings: unknown[]): Promise<string[]> {
  if (engine === 'sqlite') return ((await db.raw(`explain query plan ${sql}`, bindings as never)) as { detail: string }[]).map((r) => r.detail);
  const [rows] = (await db.raw(`explain ${sql}`, bindings as never)) as [{ table: string | null; type: string | null; key: string | null }[]];
  return rows.map((r) => `${r.table} ${r.type} ${r.key}`);
}

async function indexesOf(db: Database, engine: Engine, table: string): Promise<string[]> {
  if (engine === 'sqlite') return ((await db.raw(`pragma index_list(${table})`)) as { name: string }[]).map((r) => r.name).sort();
  const [rows] = (await db.raw('select distinct index_name as name from information_schema.statistics where table_schema = database() and table_name = ?', [table])) as [{ name: string }[]];
  return rows.map((r) => r.name).sort();
}

describeEachDatabase('contract import indexes', (current) => {
  it('finds a customer’s contact by customer and name through one index, which also serves the foreign key on MySQL', async () => {
    const { db, engine } = current();
    const indexes = await indexesOf(db, engine, 'customer_contacts');
    expect(indexes).toContain('customer_contacts_customer_id_name_index');
    // MySQL's own index for the foreign key would only repeat the new one's first column.
    expect(indexes).not.toContain('customer_contacts_customer_id_foreign');

    // 300 customers with 3 contacts each, so that a scan would be the worse plan on MySQL too.
    await db('customers').insert(Array.from({ length: 300 }, (_, i) => ({ name: `索引客户${i}`, created_at: 'x', updated_at: 'x' })));
    const ids = ((await db('customers').orderBy('id').select('id')) as { id: number }[]).map((r) => Number(r.id));
    for (const k of [0, 1, 2]) await db('customer_contacts').insert(ids.map((id) => ({ customer_id: id, name: `联系人${k}`, email: null, role: 'contact' })));
    if (engine === 'mysql') await db.raw('analyze table customer_contacts');
    const lookup = await plan(db, engine, 'select (select id from customer_contacts where customer_id = ? and name = ? limit 1) as c0', [ids[7], '联系人1']);
    expect(lookup.join('\n')).toMatch(engine === 'sqlite' ? /SEARCH customer_contacts USING COVERING INDEX customer_contacts_customer_id_name_index \(customer_id=\? AND name=\?\)/ : /customer_contacts ref customer_contacts_customer_id_name_index/);
    const listing = await plan(db, engine, 'select * from customer_contacts where customer_id in (?, ?)', [ids[7], ids[8]]);
    expect(listing.join('\n')).toMatch(/customer_contacts_customer_id_name_index/);

    // The foreign key still holds: contacts go with their customer.
    await db('customers').where({ id: ids[7] }).del();
    expect(Number((await db('customer_contacts').where({ customer_id: ids[7] }).count({ n: '*' }).first())?.n)).toBe(0);
    expect(Number((await db('customer_contacts').count({ n: '*' }).first())?.n)).toBe(897);
  });
});
