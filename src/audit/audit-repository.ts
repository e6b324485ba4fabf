// The audit log in the database: entries written (alone, or inside the transaction of the change they record),
// read newest first a page at a time with filters, and the names of what a page's entries point at.
// Generic over the action: the union of actions lives in audit-log.ts, where every area adds its own, and that
// file builds on this one, so this one cannot name it without an import cycle.
import type { Knex } from 'knex';
import type { PageOf } from '../shared/paging.ts';
import { currentVia } from './audit-context.ts';
import { targetFilterOf, targetKindOf, type TargetKind } from './audit-target.ts';

export interface StoredAuditEntry<A extends string = string> {
  id: number;
  at: string;
  actor: string;
  action: A;
  target: string | null;
  details: Record<string, unknown> | null;
  address: string | null;
  /** How the actor acted when not in their own session: "token:12" for an API token; null otherwise. */
  via: string | null;
}

export type NewStoredAuditEntry<A extends string = string> = Omit<StoredAuditEntry<A>, 'id' | 'at' | 'via'> & { at?: string; via?: string | null };

/** Every filter is optional; instants are UTC ISO strings, compared as text (as they are stored). */
export interface AuditSearch<A extends string = string> {
  actor?: string;
  action?: A;
  targetKind?: TargetKind;
  /** One thing: `contract:3` (with its contract years), a quote number, a user name. */
  target?: string;
  /** From this instant on. */
  fromAt?: string;
  /** Before this instant. */
  beforeAt?: string;
  /** Entries with a smaller id (the API's next page after the last id seen). */
  beforeId?: number;
  offset: number;
  limit: number;
}

/** Names shown beside targets: customers by id, contracts and requests by id (their customer's name), quotes by number. */
export interface TargetNames {
  customers: Map<number, string>;
  contracts: Map<number, string>;
  requests: Map<number, string>;
  quotes: Map<string, string>;
  /** User ids by username: the admin pages address users by id. */
  users: Map<string, number>;
}

type Q = Knex | Knex.Transaction;

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string | null;
  details_json: string | null;
  address: string | null;
  via: string | null;
}

/** One entry written with `q`: a repository passes its transaction, so that a change and its entry are stored together or not at all. */
export async function insertAuditRow<A extends string>(q: Q, entry: NewStoredAuditEntry<A>, at: string): Promise<void> {
  await q('audit_log').insert({
    at: entry.at ?? at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    target_kind: targetKindOf(entry.action, entry.target),
    details_json: entry.details ? JSON.stringify(entry.details) : null,
    address: entry.address,
    via: entry.via === undefined ? currentVia() : entry.via,
  });
}

function toEntry<A extends string>(r: AuditRow): StoredAuditEntry<A> {
  return {
    id: Number(r.id),
    at: r.at,
    actor: r.actor,
    action: r.action as A,
    target: r.target,
    details: r.details_json ? (JSON.parse(r.details_json) as Record<string, unknown>) : null,
    address: r.address,
    via: r.via ?? null,
  };
}

/**
 * The filters as SQL. Each one has an index that starts with its column and ends with the id (migration 023),
 * so a page newest first walks one index backwards and stops after `limit` rows.
 */
function filtered<A extends string>(db: Knex, search: Omit<AuditSearch<A>, 'offset' | 'limit'>): Knex.QueryBuilder {
  const q = db('audit_log');
  if (search.actor) q.where('actor', search.actor);
  if (search.action) q.where('action', search.action);
  if (search.targetKind) q.where('target_kind', search.targetKind);
  if (search.target) {
    const { exact, childrenPrefix } = targetFilterOf(search.target);
    // A contract's years (contract:3:2026-10-31) as a range of dates on the same index, not a LIKE (SQLite's LIKE
    // uses no index); digits sort after ':' in every collation, so contract:30 stays outside.
    if (childrenPrefix) q.where((w) => w.where('target', exact).orWhereBetween('target', [`${childrenPrefix}0000-00-00`, `${childrenPrefix}9999-12-31`]));
    else q.where('target', exact);
  }
  if (search.fromAt) q.where('at', '>=', search.fromAt);
  if (search.beforeAt) q.where('at', '<', search.beforeAt);
  if (search.beforeId) q.where('id', '<', search.beforeId);
  return q;
}

const ids = (values: Iterable<number>) => [...new Set(values)].filter((n) => Number.isSafeInteger(n) && n > 0);

export function createAuditRepository<A extends string>(db: Knex, clock: () => Date = () => new Date()) {
  return {
    async record(entry: NewStoredAuditEntry<A>): Promise<void> {
      await insertAuditRow(db, entry, clock().toISOString());
    },

    /** The newest `limit` entries (before the id `before`), for the API. */
    async list({ limit = 100, before, action }: { limit?: number; before?: number; action?: A } = {}): Promise<StoredAuditEntry<A>[]> {
      const q = db('audit_log').select('*').orderBy('id', 'desc').limit(Math.min(Math.max(limit, 1), 1000));
      if (before) q.where('id', '<', before);
      if (action) q.where({ action });
      return ((await q) as AuditRow[]).map((r) => toEntry<A>(r));
    },

    /** One page of the entries the filters match, newest first, and how many match in all. */
    async search(search: AuditSearch<A>): Promise<PageOf<StoredAuditEntry<A>>> {
      const [rows, counted] = await Promise.all([
        filtered(db, search).select('*').orderBy('id', 'desc').offset(search.offset).limit(search.limit),
        filtered(db, search).count({ n: '*' }),
      ]);
      return { items: (rows as AuditRow[]).map((r) => toEntry<A>(r)), total: Number((counted as { n: number | string }[])[0]?.n ?? 0) };
    },

    /** Everyone who appears in the log as the one who acted, for the actor filter. */
    async actors(): Promise<string[]> {
      const rows = (await db('audit_log').distinct('actor').orderBy('actor')) as { actor: string }[];
      return rows.map((r) => r.actor);
    },

    /** The names behind one page's targets: a query per kind, each by primary key or unique number. */
    async targetNames(refs: { customers: number[]; contracts: number[]; requests: number[]; quotes: string[]; users: string[] }): Promise<TargetNames> {
      const customerIds = ids(refs.customers);
      const contractIds = ids(refs.contracts);
      const requestIds = ids(refs.requests);
      const quoteNumbers = [...new Set(refs.quotes)].filter((n) => n.length > 0 && n.length <= 64);
      const usernames = [...new Set(refs.users)].filter((n) => n.length > 0 && n.length <= 100);
      const [customers, contracts, requests, quotes, users] = await Promise.all([
        customerIds.length ? db('customers').whereIn('id', customerIds).select('id', 'name') : [],
        contractIds.length ? db('contracts as c').join('customers as k', 'k.id', 'c.customer_id').whereIn('c.id', contractIds).select('c.id', 'k.name') : [],
        requestIds.length ? db('service_requests as r').join('contracts as c', 'c.id', 'r.contract_id').join('customers as k', 'k.id', 'c.customer_id').whereIn('r.id', requestIds).select('r.id', 'k.name') : [],
        quoteNumbers.length ? db('quotes as q').join('customers as k', 'k.id', 'q.customer_id').whereIn('q.number', quoteNumbers).select('q.number as id', 'k.name') : [],
        usernames.length ? db('users').whereIn('username', usernames).select('id', 'username') : [],
      ]);
      const byId = (rows: unknown) => new Map((rows as { id: number; name: string }[]).map((r) => [Number(r.id), r.name]));
      return { customers: byId(customers), contracts: byId(contracts), requests: byId(requests), quotes: new Map((quotes as { id: string; name: string }[]).map((r) => [r.id, r.name])),
        users: new Map((users as { id: number; username: string }[]).map((r) => [r.username, Number(r.id)])),
      };
    },
  };
}

export type AuditRepository<A extends string = string> = ReturnType<typeof createAuditRepository<A>>;
