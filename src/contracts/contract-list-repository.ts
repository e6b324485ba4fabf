// The contracts and customers lists as the database answers them: a page of ids or rows in a stable order, and
// how many match in all, every filter and search in SQL. contract-repository.ts reads the rows of a page.
import type { Knex } from 'knex';
import { likePattern } from '../shared/paging.ts';
import type { ContractFilter, ContractListQuery, ContractSort, CustomerListQuery, CustomerSort } from './contract-store.ts';

// SQLite's LIKE has no escape character unless one is named; the backslash is bound as a value, so neither
// database's string-literal rules apply to it (as the request and quote lists do).
const containsName = (column: string, text: string) => [`${column} like ? escape ?`, [likePattern(text), '\\']] as const;

/** The filters of a contract list, on `contracts as c` joined with `customers as u`. */
function whereContracts(q: Knex.QueryBuilder, db: Knex, f: ContractFilter): Knex.QueryBuilder {
  if (f.customerId) q.where('c.customer_id', f.customerId);
  if (f.search) q.whereRaw(...containsName('u.name', f.search));
  if (f.offering) q.where('c.offering', f.offering);
  if (f.tier) q.where('c.tier', f.tier);
  if (f.service) q.whereExists(db('contract_services as s').where('s.contract_id', db.ref('c.id')).where('s.service', f.service).select(db.raw('1')));
  if (f.state && f.today) {
    if (f.state === 'ended') q.where('c.ends_on', '<', f.today);
    else if (f.state === 'upcoming') q.where('c.starts_on', '>', f.today);
    else q.where('c.starts_on', '<=', f.today).andWhere('c.ends_on', '>=', f.today);
  }
  return q;
}

/**
 * Each order ends on the id, so that paging through equal names or dates neither repeats nor skips a row. By
 * customer, MySQL sorts the joined rows (0.2 s a page at 100k contracts); the other orders walk an index.
 */
const CONTRACT_ORDER: Record<ContractSort, [string, 'asc' | 'desc'][]> = {
  newest: [['c.id', 'desc']],
  customer: [['u.name', 'asc'], ['c.id', 'asc']],
  // The latest start first; the soonest end first (what runs out next).
  startsOn: [['c.starts_on', 'desc'], ['c.id', 'desc']],
  endsOn: [['c.ends_on', 'asc'], ['c.id', 'asc']],
};

const CUSTOMER_ORDER: Record<CustomerSort, [string, 'asc' | 'desc'][]> = {
  name: [['name', 'asc'], ['id', 'asc']],
  newest: [['id', 'desc']],
};

/**
 * The ids of a page of contracts, in order: from the contracts alone unless the search or the order needs the
 * customers' names. Joined in the same statement as the rows, MySQL walked the customers and sorted every
 * contract (0.6 s a page at 100k).
 */
export async function contractPageIds(db: Knex, query: ContractListQuery): Promise<number[]> {
  const sort = query.sort ?? 'newest';
  const ids = query.search || sort === 'customer' ? db('contracts as c').join('customers as u', 'u.id', 'c.customer_id') : db('contracts as c');
  whereContracts(ids.select('c.id'), db, query).limit(query.limit).offset(query.offset);
  for (const [column, direction] of CONTRACT_ORDER[sort]) ids.orderBy(column, direction);
  return ((await ids) as { id: number }[]).map((r) => Number(r.id));
}

export async function countContracts(db: Knex, filter: ContractFilter): Promise<number> {
  // The customers' names only when the search needs them.
  const from = filter.search ? db('contracts as c').join('customers as u', 'u.id', 'c.customer_id') : db('contracts as c');
  const rows = (await whereContracts(from, db, filter).count({ n: '*' })) as { n: number | string }[];
  return Number(rows[0]?.n ?? 0);
}

/** A page of customers rows, in order. */
export async function customerPageRows(db: Knex, { search, sort, limit, offset }: CustomerListQuery): Promise<unknown[]> {
  const q = db('customers').limit(limit).offset(offset);
  for (const [column, direction] of CUSTOMER_ORDER[sort ?? 'name']) q.orderBy(column, direction);
  if (search) q.whereRaw(...containsName('name', search));
  return (await q) as unknown[];
}

export async function countCustomers(db: Knex, search?: string): Promise<number> {
  const q = db('customers').count({ n: '*' });
  if (search) q.whereRaw(...containsName('name', search));
  return Number(((await q) as { n: number | string }[])[0]?.n ?? 0);
}

/** How many contracts each of these customers holds (a page's worth). */
export async function contractCounts(db: Knex, customerIds: number[]): Promise<Map<number, number>> {
  if (customerIds.length === 0) return new Map();
  const rows = (await db('contracts').whereIn('customer_id', customerIds).groupBy('customer_id').select('customer_id').count({ n: '*' })) as { customer_id: number; n: number | string }[];
  return new Map(rows.map((r) => [Number(r.customer_id), Number(r.n)]));
}
