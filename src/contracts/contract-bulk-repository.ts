// The contract import's lookups and writes in bulk, the same on SQLite and MySQL: a statement per chunk of rows
// instead of several per row, in one transaction. After each statement the event loop gets a turn: better-sqlite3
// answers synchronously, so a long chain of awaited queries would otherwise never let a timer or a socket in.
import { insertAuditEntry } from '../audit/audit-log.ts';
import type { Knex } from 'knex';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import type { ContractKey, ContractStore } from './contract-store.ts';

type Q = Knex | Knex.Transaction;
export type ImportRows = Parameters<ContractStore['importContracts']>[0];

/**
 * Rows per multi-row INSERT. knex writes one on SQLite as a compound SELECT, which stops at 500 terms; on MySQL
 * 500 contracts are ~60 KB, far below max_allowed_packet (16 MB on MariaDB, 64 MB on MySQL 8).
 */
const INSERT_CHUNK = 500;
/**
 * Names per lookup: one scalar subquery (one result column) each, with one or two bound parameters, far below
 * SQLite's 2,000 result columns and 32,766 parameters.
 */
const LOOKUP_CHUNK = 500;

/** Lets timers and sockets in between two chunks of synchronous database work. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * One row holding, per condition, the id of the row of `table` that meets it, or null. Each condition is an
 * index lookup of its own, compared as the database compares (MySQL's collation ignores case, SQLite's does
 * not), so a name maps to exactly the row that `where name = ?` would find, as the import found them row by row.
 */
async function idsWhere(q: Q, table: 'customers' | 'customer_contacts', conditions: Record<string, string | number>[]): Promise<(number | null)[]> {
  if (conditions.length === 0) return [];
  // Written out rather than built by knex, whose builders cost more than the lookups at 500 subqueries.
  const columns = Object.keys(conditions[0]!);
  const where = columns.map((c) => `${c} = ?`).join(' and ');
  const sql = `select ${conditions.map((_, k) => `(select id from ${table} where ${where} limit 1) as c${k}`).join(', ')}`;
  const result = (await q.raw(sql, conditions.flatMap((c) => columns.map((col) => c[col]!)))) as unknown;
  // mysql2 answers [rows, fields]; better-sqlite3 the rows.
  const rows = (q.client.config.client === 'mysql2' ? (result as unknown[][])[0] : result) as Record<string, number | string | null>[];
  const row = rows[0]!;
  return conditions.map((_, k) => (row[`c${k}`] == null ? null : Number(row[`c${k}`])));
}

/**
 * The ids of the customers named, created where missing, in the order of first appearance. A name that the
 * database takes for one already stored or just created (MySQL: another case) gets that customer, as a lookup
 * would; the unique index on the name holds this, not a check before the insert.
 */
async function customerIds(trx: Knex.Transaction, names: string[], at: string, mysql: boolean): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < names.length; i += LOOKUP_CHUNK) {
    const chunk = names.slice(i, i + LOOKUP_CHUNK);
    const found = await idsWhere(trx, 'customers', chunk.map((name) => ({ name })));
    await yieldToEventLoop();
    const missing = chunk.filter((_, k) => found[k] === null);
    if (missing.length > 0) {
      const insert = trx('customers').insert(missing.map((name) => ({ name, created_at: at, updated_at: at })));
      // Only a taken name is skipped: any other failure (a name too long for MySQL's column) still fails the import.
      await (mysql ? insert.onConflict('name').merge({ id: trx.ref('customers.id') }) : insert.onConflict('name').ignore());
      await yieldToEventLoop();
      const created = await idsWhere(trx, 'customers', missing.map((name) => ({ name })));
      missing.forEach((name, k) => {
        const id = created[k];
        if (id == null) throw new Error(`customer ${JSON.stringify(name)} was neither found nor created`);
        ids.set(name, id);
      });
    }
    chunk.forEach((name, k) => {
      const id = found[k];
      if (id != null) ids.set(name, id);
    });
    await yieldToEventLoop();
  }
  return ids;
}

/**
 * Adds each customer's contacts not yet known by name, with the e-mail of the first row naming them. Names equal
 * as text are one contact; on MySQL names its collation takes as equal (another case) are too, so there a
 * customer's second distinct name is looked up only after its first was stored (in rounds: the k-th name of
 * every customer in round k). SQLite compares names as text, so one round holds them all.
 */
async function addContacts(trx: Knex.Transaction, rows: ImportRows, customerOf: (name: string) => number, mysql: boolean): Promise<void> {
  const rounds: { customer_id: number; name: string; email: string | null; role: string }[][] = [];
  const seen = new Set<string>();
  const namesOf = new Map<number, number>();
  for (const r of rows) {
    if (!r.contact) continue;
    const customerId = customerOf(r.customerName);
    const key = `${customerId}\u0000${r.contact.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const round = mysql ? (namesOf.get(customerId) ?? 0) : 0;
    namesOf.set(customerId, round + 1);
    (rounds[round] ??= []).push({ customer_id: customerId, name: r.contact.name, email: r.contact.email, role: r.contact.role });
  }
  for (const round of rounds) {
    for (let i = 0; i < round.length; i += LOOKUP_CHUNK) {
      const chunk = round.slice(i, i + LOOKUP_CHUNK);
      const known = await idsWhere(trx, 'customer_contacts', chunk.map((c) => ({ customer_id: c.customer_id, name: c.name })));
      await yieldToEventLoop();
      const fresh = chunk.filter((_, k) => known[k] === null);
      for (let j = 0; j < fresh.length; j += INSERT_CHUNK) await trx('customer_contacts').insert(fresh.slice(j, j + INSERT_CHUNK));
      await yieldToEventLoop();
    }
  }
}

/**
 * Inserts the contracts in chunks and returns their ids in row order. The ids are read back (above the largest
 * id before the chunk, matched by their values) rather than computed: MySQL's interleaved auto-increment
 * (innodb_autoinc_lock_mode=2, MySQL 8's default) need not give one statement's rows consecutive ids.
 */
async function insertContracts(trx: Knex.Transaction, rows: ImportRows, customerOf: (name: string) => number, at: string): Promise<number[]> {
  const ids: number[] = [];
  const valuesKey = (v: { customer_id: number; offering: string; tier: string; starts_on: string; ends_on: string }) =>
    [Number(v.customer_id), v.offering, v.tier, v.starts_on, v.ends_on].join('\u0000');
  let above = Number(((await trx('contracts').max({ id: 'id' }).first()) as { id: number | string | null } | undefined)?.id ?? 0);
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const values = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
      customer_id: customerOf(r.customerName),
      offering: r.contract.offering,
      tier: r.contract.tier,
      starts_on: r.contract.startsOn,
      ends_on: r.contract.endsOn,
      created_at: at,
      updated_at: at,
    }));
    await trx('contracts').insert(values);
    await yieldToEventLoop();
    const stored = (await trx('contracts').where('id', '>', above).orderBy('id').select('id', 'customer_id', 'offering', 'tier', 'starts_on', 'ends_on')) as {
      id: number;
      customer_id: number;
      offering: string;
      tier: string;
      starts_on: string;
      ends_on: string;
    }[];
    // Equal values (rows the database takes for one customer) get their ids in row order, as the insert made them.
    const byValues = new Map<string, number[]>();
    for (const s of stored) {
      const list = byValues.get(valuesKey(s)) ?? [];
      list.push(Number(s.id));
      byValues.set(valuesKey(s), list);
      above = Math.max(above, Number(s.id));
    }
    for (const v of values) {
      const id = byValues.get(valuesKey(v))?.shift();
      if (id === undefined) throw new Error('an imported contract was not found after its insert');
      ids.push(id);
    }
    const services = rows.slice(i, i + INSERT_CHUNK).flatMap((r, k) => r.contract.services.map((s) => ({ contract_id: ids[i + k]!, service: s.service, person_days: s.personDays })));
    for (let j = 0; j < services.length; j += INSERT_CHUNK) await trx('contract_services').insert(services.slice(j, j + INSERT_CHUNK));
    await yieldToEventLoop();
  }
  return ids;
}

/** Customers (found or created), their new contacts and the contracts, in one transaction: all stored, or none. */
export async function importContractRows(db: Knex, rows: ImportRows, at: string, audit?: Parameters<ContractStore['importContracts']>[2]): Promise<number[]> {
  const mysql = db.client.config.client === 'mysql2';
  return db.transaction(async (trx) => {
    const customers = await customerIds(trx, [...new Set(rows.map((r) => r.customerName))], at, mysql);
    const customerOf = (name: string) => customers.get(name)!;
    await addContacts(trx, rows, customerOf, mysql);
    const ids = await insertContracts(trx, rows, customerOf, at);
    if (audit) await insertAuditEntry(trx, audit(ids), at);
    return ids;
  });
}

/**
 * For each key, the id of a stored contract with that customer, offering, tier and start date, or null. The names
 * are looked up as the import looks them up (as the database compares them: on MySQL another case is the same
 * customer), then the contracts of the customers found are read by customer, 500 customers a statement.
 */
export async function findStoredContractIds(db: Knex, keys: ContractKey[]): Promise<(number | null)[]> {
  const names = [...new Set(keys.map((k) => k.customerName))];
  const customerOf = new Map<string, number>();
  for (let i = 0; i < names.length; i += LOOKUP_CHUNK) {
    const chunk = names.slice(i, i + LOOKUP_CHUNK);
    const found = await idsWhere(db, 'customers', chunk.map((name) => ({ name })));
    chunk.forEach((name, k) => {
      const id = found[k];
      if (id != null) customerOf.set(name, id);
    });
    await yieldToEventLoop();
  }
  const keyOf = (customerId: number, k: Omit<ContractKey, 'customerName'>) => [customerId, k.offering, k.tier, k.startsOn].join('\u0000');
  const stored = new Map<string, number>();
  const customers = [...new Set(customerOf.values())];
  for (let i = 0; i < customers.length; i += LOOKUP_CHUNK) {
    const rows = (await db('contracts')
      .whereIn('customer_id', customers.slice(i, i + LOOKUP_CHUNK))
      .select('id', 'customer_id', 'offering', 'tier', 'starts_on')) as { id: number; customer_id: number; offering: Offering; tier: Tier; starts_on: string }[];
    for (const r of rows) {
      const key = keyOf(Number(r.customer_id), { offering: r.offering, tier: r.tier, startsOn: r.starts_on });
      // The first stored, as the import's own duplicate check names the first row.
      if (!(Number(r.id) >= (stored.get(key) ?? Infinity))) stored.set(key, Number(r.id));
    }
    await yieldToEventLoop();
  }
  return keys.map((k) => {
    const customerId = customerOf.get(k.customerName);
    return customerId === undefined ? null : (stored.get(keyOf(customerId, k)) ?? null);
  });
}
