// The knex implementation of QuoteStore, the same on SQLite and MySQL.
import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { insertAuditEntry } from '../audit/audit-log.ts';
import { holdDecidedVersion } from '../policy/decided-version-repository.ts';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import { likePattern } from '../shared/paging.ts';
import type { QuoteListItem, QuoteSearch, QuoteSort, QuoteStatus, QuoteStore, StoredQuote } from './quote-store.ts';

interface QuoteRow {
  id: number;
  number: string;
  base_number: string;
  revision: number;
  customer_id: number;
  customer_name: string;
  offering: string;
  tier: string;
  term_years: number;
  discount_bp: number;
  status: string;
  policy_id: number;
  policy_version: number;
  total_fen: string | number;
  document_json: string;
  valid_until: string;
  created_by: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

function toQuote<D>(r: QuoteRow): StoredQuote<D> {
  return { ...toListItem(r), document: JSON.parse(r.document_json) as D };
}

function toListItem(r: Omit<QuoteRow, 'document_json'>): QuoteListItem {
  return {
    id: Number(r.id),
    number: r.number,
    baseNumber: r.base_number,
    revision: Number(r.revision),
    customerId: Number(r.customer_id),
    customerName: r.customer_name,
    offering: r.offering as Offering,
    tier: r.tier as Tier,
    termYears: Number(r.term_years),
    discountBasisPoints: Number(r.discount_bp),
    status: r.status as QuoteStatus,
    policy: { id: Number(r.policy_id), version: Number(r.policy_version) },
    totalFen: Number(r.total_fen),
    validUntil: r.valid_until,
    createdBy: r.created_by,
    createdAt: r.created_at,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionNote: r.decision_note,
  };
}

/** Each order ends on the id, so that rows with equal keys keep one order from page to page. */
const ORDERS: Record<QuoteSort, [string, 'asc' | 'desc'][]> = {
  newest: [['q.created_at', 'desc'], ['q.id', 'desc']],
  oldest: [['q.created_at', 'asc'], ['q.id', 'asc']],
  total_desc: [['q.total_fen', 'desc'], ['q.id', 'desc']],
  total_asc: [['q.total_fen', 'asc'], ['q.id', 'asc']],
  customer: [['c.name', 'asc'], ['q.id', 'desc']],
};

const LIST_COLUMNS = ['q.id', 'q.number', 'q.base_number', 'q.revision', 'q.customer_id', 'q.offering', 'q.tier', 'q.term_years', 'q.discount_bp', 'q.status', 'q.policy_id', 'q.policy_version', 'q.total_fen', 'q.valid_until', 'q.created_by', 'q.created_at', 'q.decided_by', 'q.decided_at', 'q.decision_note', 'c.name as customer_name'];

/** Q-2026-000123: the year, then the row's own id, so numbers never collide between instances. */
const baseNumberOf = (year: number, id: number) => `Q-${year}-${String(id).padStart(6, '0')}`;

export function createQuoteRepository(db: Knex): QuoteStore {
  const mysql = db.client.config.client === 'mysql2';
  const withCustomer = (q: Knex | Knex.Transaction = db) => q('quotes as q').join('customers as c', 'c.id', 'q.customer_id').select('q.*', 'c.name as customer_name');

  /** MySQL may pick one of two racing revisions as a deadlock victim; the loser simply tries again. */
  async function retried<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (attempt >= 5 || (code !== 'ER_LOCK_DEADLOCK' && code !== 'ER_DUP_ENTRY' && code !== 'SQLITE_BUSY')) throw err;
        await new Promise((r) => setTimeout(r, 10 * attempt + Math.floor(Math.random() * 20)));
      }
    }
  }

  return {
    async create(quote, options) {
      return retried(() => db.transaction(async (trx) => {
        // The version the quote was computed under must still be in force now (moving in may have changed that).
        await holdDecidedVersion(trx, { version: quote.policy.version, at: quote.createdAt });
        let revision = 1;
        if (options.revisionOf) {
          // The base quote's row is the lock: two revisions at once get R2 and R3, not R2 twice.
          const lock = trx('quotes').where({ number: options.revisionOf });
          await (mysql ? lock.forUpdate() : lock).first();
          const count = await trx('quotes').where({ base_number: options.revisionOf }).count({ n: '*' }).first();
          revision = Number(count?.n ?? 0) + 1;
        }
        const [id] = await trx('quotes').insert({
          // The number needs the row's id; a unique placeholder stands in until the update below.
          number: `n-${randomBytes(12).toString('hex')}`,
          base_number: options.revisionOf ?? '',
          revision,
          customer_id: quote.customerId,
          offering: quote.offering,
          tier: quote.tier,
          term_years: quote.termYears,
          discount_bp: quote.discountBasisPoints,
          status: quote.status,
          policy_id: quote.policy.id,
          policy_version: quote.policy.version,
          total_fen: quote.totalFen,
          document_json: JSON.stringify(quote.document),
          valid_until: quote.validUntil,
          created_by: quote.createdBy,
          created_at: quote.createdAt,
        });
        const base = options.revisionOf ?? baseNumberOf(options.year, Number(id));
        const number = options.revisionOf ? `${base}-R${revision}` : base;
        await trx('quotes').where({ id: Number(id) }).update({ number, base_number: base });
        if (options.audit) await insertAuditEntry(trx, { ...options.audit, target: number }, quote.createdAt);
        return toQuote<typeof quote.document>((await withCustomer(trx).where('q.id', Number(id)).first()) as QuoteRow);
      }));
    },

    async get(number) {
      const row = (await withCustomer().where('q.number', number).first()) as QuoteRow | undefined;
      return row ? toQuote(row) : null;
    },

    async decide(number, decision, audit) {
      return db.transaction(async (trx) => {
        // The status in the WHERE is the guard: of two managers deciding at once, one changes the row.
        const changed = await trx('quotes').where({ number, status: 'pending_approval' }).update({ status: decision.status, decided_by: decision.by, decided_at: decision.at, decision_note: decision.note });
        if (changed !== 1) return false;
        await insertAuditEntry(trx, audit, decision.at);
        return true;
      });
    },

    async countByStatus(status) {
      const row = await db('quotes').where({ status }).count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },

    async rejectedFor(createdBy, query) {
      const rows = (await db('quotes as q')
        .join('customers as c', 'c.id', 'q.customer_id')
        .select(LIST_COLUMNS)
        .where({ 'q.created_by': createdBy, 'q.status': 'rejected' })
        .where('q.decided_at', '>=', query.since)
        .orderBy([{ column: 'q.decided_at', order: 'desc' }, { column: 'q.id', order: 'desc' }])
        .limit(query.limit)) as Omit<QuoteRow, 'document_json'>[];
      return rows.map(toListItem);
    },

    async list(query) {
      const q = withCustomer();
      if (query.customerId !== undefined) q.where('q.customer_id', query.customerId);
      if (query.status !== undefined) q.where('q.status', query.status);
      const rows = (await q.orderBy('q.id', 'desc').limit(query.limit).offset(query.offset)) as QuoteRow[];
      return rows.map((r) => toQuote(r));
    },

    async search(query: QuoteSearch) {
      // The customers table is joined only when the customer's name filters or orders the list: the page's ids
      // are read from the quotes alone otherwise, so MySQL as well as SQLite walks an index of quotes (018).
      const needsCustomer = Boolean(query.customer) || query.sort === 'customer';
      const filtered = () => {
        const q = db('quotes as q');
        if (needsCustomer) q.join('customers as c', 'c.id', 'q.customer_id');
        if (query.status) q.where('q.status', query.status);
        // The escape character is bound, not written: MySQL reads a backslash in a literal as an escape, SQLite does not.
        if (query.customer) q.whereRaw('c.name like ? escape ?', [likePattern(query.customer), '\\']);
        if (query.createdFrom) q.where('q.created_at', '>=', query.createdFrom);
        if (query.createdBefore) q.where('q.created_at', '<', query.createdBefore);
        if (query.createdBy) q.where('q.created_by', query.createdBy);
        return q;
      };
      const counted = await filtered().count({ n: '*' }).first();
      const page = filtered().select('q.id');
      for (const [column, direction] of ORDERS[query.sort]) page.orderBy(column, direction);
      const ids = ((await page.limit(query.limit).offset(query.offset)) as { id: number }[]).map((r) => Number(r.id));
      const rows = ids.length ? ((await db('quotes as q').join('customers as c', 'c.id', 'q.customer_id').select(LIST_COLUMNS).whereIn('q.id', ids)) as Omit<QuoteRow, 'document_json'>[]) : [];
      const byId = new Map(rows.map((r) => [Number(r.id), r]));
      return { items: ids.map((id) => toListItem(byId.get(id)!)), total: Number(counted?.n ?? 0) };
    },

    async authors() {
      const rows = (await db('quotes').distinct('created_by').orderBy('created_by')) as { created_by: string }[];
      return rows.map((r) => r.created_by);
    },

    async revisions(baseNumber) {
      const rows = (await withCustomer().where('q.base_number', baseNumber).orderBy('q.revision')) as QuoteRow[];
      return rows.map((r) => toQuote(r));
    },
  };
}
