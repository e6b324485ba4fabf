// The knex implementation of RequestStore, the same on SQLite and MySQL: intake, reads and the queue here; every
// change after intake (assignment, priority, comments, status) in request-work-repository.ts.
import type { Knex } from 'knex';
import { insertAuditEntry } from '../audit/audit-log.ts';
import type { DeadlineProofView } from '../entitlement/deadline.ts';
import type { ResponseWindow } from '../catalog/catalog.ts';
import { holdDecidedVersion } from '../policy/decided-version-repository.ts';
import { likePattern } from '../shared/paging.ts';
import { REQUEST_STATES, type Priority, type RequestState } from './request-lifecycle.ts';
import type { RequestFilter, RequestQuery, RequestStore, StoredRequest } from './request-store.ts';
import { createRequestWorkRepository, type EnqueueMail } from './request-work-repository.ts';

export type { EnqueueMail };

interface RequestRow {
  id: number;
  contract_id: number;
  customer_id: number;
  customer_name: string;
  service: string;
  summary: string;
  opened_at: string;
  policy_id: number;
  policy_version: number;
  window_amount: string | number | null;
  window_unit: string | null;
  window_ms: string | number | null;
  calendar: string | null;
  respond_by: string | null;
  at_risk_from: string | null;
  proof_json: string | null;
  resolution_amount: string | number | null;
  resolution_unit: string | null;
  resolution_ms: string | number | null;
  resolve_by: string | null;
  resolve_at_risk_from: string | null;
  responded_at: string | null;
  responded_by: string | null;
  created_by: string;
  created_at: string;
  idempotency_key: string | null;
  state: string;
  priority: string;
  assignee: string | null;
  resolved_at: string | null;
  resolved_by: string | null;
  resolution: string | null;
  closed_at: string | null;
  closed_by: string | null;
  paused_since: string | null;
  paused_ms: string | number;
  updated_at: string | null;
}

const toRequest = (r: RequestRow): StoredRequest => ({
  id: Number(r.id),
  contractId: Number(r.contract_id),
  customerId: Number(r.customer_id),
  customerName: r.customer_name,
  service: r.service,
  summary: r.summary,
  openedAt: r.opened_at,
  policy: { id: Number(r.policy_id), version: Number(r.policy_version) },
  responseWindow: r.window_unit === null ? null : { amount: Number(r.window_amount), unit: r.window_unit as ResponseWindow['unit'] },
  windowMs: r.window_ms === null ? null : Number(r.window_ms),
  calendar: r.calendar,
  respondBy: r.respond_by,
  atRiskFrom: r.at_risk_from,
  proof: r.proof_json === null ? null : (JSON.parse(r.proof_json) as DeadlineProofView),
  resolutionWindow: r.resolution_unit === null ? null : { amount: Number(r.resolution_amount), unit: r.resolution_unit as ResponseWindow['unit'] },
  resolutionMs: r.resolution_ms === null ? null : Number(r.resolution_ms),
  resolveBy: r.resolve_by,
  resolveAtRiskFrom: r.resolve_at_risk_from,
  respondedAt: r.responded_at,
  respondedBy: r.responded_by,
  createdBy: r.created_by,
  createdAt: r.created_at,
  idempotencyKey: r.idempotency_key,
  state: r.state as RequestState,
  priority: r.priority as Priority,
  assignee: r.assignee,
  resolvedAt: r.resolved_at,
  resolvedBy: r.resolved_by,
  resolution: r.resolution,
  closedAt: r.closed_at,
  closedBy: r.closed_by,
  pausedSince: r.paused_since,
  pausedMs: Number(r.paused_ms),
  updatedAt: r.updated_at,
});

/** The filters of a listing as SQL on `r` (service_requests) joined with `u` (customers); the states are the caller's. */
function applyFilter(q: Knex.QueryBuilder, filter: Omit<RequestFilter, 'states'>): void {
  const { now } = filter;
  if (filter.contractId !== undefined) q.where('r.contract_id', filter.contractId);
  if (filter.customerId !== undefined) q.where('c.customer_id', filter.customerId);
  if (filter.priority !== undefined) q.where('r.priority', filter.priority);
  if (filter.service !== undefined) q.where('r.service', filter.service);
  if (filter.respondByFrom !== undefined) q.where('r.respond_by', '>=', filter.respondByFrom);
  if (filter.assignee !== undefined) {
    if (filter.assignee === '') q.whereNull('r.assignee');
    else q.where('r.assignee', filter.assignee);
  }
  if (filter.search) {
    const pattern = likePattern(filter.search);
    // The escape character is bound, not written: MySQL reads a backslash in a literal as an escape, SQLite does not.
    q.where((w) => w.whereRaw('r.summary like ? escape ?', [pattern, '\\']).orWhereRaw('u.name like ? escape ?', [pattern, '\\']));
  }
  if (filter.resolution === 'breached') {
    // Resolved late, or still open past resolve-by. A request waiting for the customer is judged at the moment its
    // wait began: its clock stands still meanwhile (resolve_by moves when the wait ends).
    q.whereNotNull('r.resolve_by').where((w) =>
      w
        .where((a) => a.whereNotNull('r.resolved_at').whereRaw('r.resolved_at > r.resolve_by'))
        .orWhere((b) => b.whereNull('r.resolved_at').whereIn('r.state', ['new', 'in_progress']).where('r.resolve_by', '<=', now))
        .orWhere((c) => c.whereNull('r.resolved_at').where('r.state', 'waiting_customer').whereRaw('r.resolve_by <= r.paused_since')),
    );
  } else if (filter.resolution === 'at_risk') {
    // Being worked, past the at-risk point (less than a quarter of the target left) and not yet past resolve-by, as
    // the request's page judges it: a request waiting for the customer is paused, not at risk, and both instants
    // move when its wait ends. Requests stored before migration 027 have no at-risk point and are not found.
    q.whereNull('r.resolved_at').whereIn('r.state', ['new', 'in_progress']).where('r.resolve_at_risk_from', '<', now).where('r.resolve_by', '>', now);
  }
  switch (filter.response) {
    case 'unanswered':
      q.whereNull('r.responded_at');
      break;
    case 'at_risk':
      // at_risk_from is where 75% of the window has passed in business time: past it, less than 25% is left.
      q.whereNull('r.responded_at').where('r.at_risk_from', '<', now).where('r.respond_by', '>', now);
      break;
    case 'met':
      q.whereNotNull('r.responded_at').where((w) => w.whereNull('r.respond_by').orWhereRaw('r.responded_at <= r.respond_by'));
      break;
    case 'breached':
      q.whereNotNull('r.respond_by').where((w) =>
        w.where((a) => a.whereNotNull('r.responded_at').whereRaw('r.responded_at > r.respond_by')).orWhere((b) => b.whereNull('r.responded_at').where('r.respond_by', '<=', now)),
      );
      break;
    case 'overdue':
      q.whereNull('r.responded_at').whereNotNull('r.respond_by').where('r.respond_by', '<=', now);
      break;
  }
}

/** Without an outbox (a test of intake alone), a reply is refused rather than stored without its e-mail. */
const noOutbox: EnqueueMail = () => Promise.reject(new Error('No outbox is wired to the request repository: replies cannot be e-mailed'));

export function createRequestRepository(db: Knex, options: { enqueueMail?: EnqueueMail } = {}): RequestStore {
  const base = () => db('service_requests as r').join('contracts as c', 'c.id', 'r.contract_id').join('customers as u', 'u.id', 'c.customer_id');
  const withCustomer = () => base().select('r.*', 'c.customer_id', 'u.name as customer_name');

  async function get(id: number): Promise<StoredRequest | null> {
    const row = (await withCustomer().where('r.id', id).first()) as RequestRow | undefined;
    return row ? toRequest(row) : null;
  }

  return {
    ...createRequestWorkRepository(db, options.enqueueMail ?? noOutbox),

    async create(request, audit) {
      const id = await db.transaction(async (trx) => {
        // The version the request was decided under must still be in force at its arrival (moving in may have
        // changed that since the decision); its row is held in share mode until the request is stored.
        await holdDecidedVersion(trx, { version: request.policy.version, at: request.openedAt });
        const [inserted] = await trx('service_requests').insert({
          contract_id: request.contractId,
          service: request.service,
          summary: request.summary,
          opened_at: request.openedAt,
          policy_id: request.policy.id,
          policy_version: request.policy.version,
          window_amount: request.responseWindow?.amount ?? null,
          window_unit: request.responseWindow?.unit ?? null,
          window_ms: request.windowMs,
          calendar: request.calendar,
          respond_by: request.respondBy,
          at_risk_from: request.atRiskFrom,
          proof_json: request.proof === null ? null : JSON.stringify(request.proof),
          resolution_amount: request.resolutionWindow?.amount ?? null,
          resolution_unit: request.resolutionWindow?.unit ?? null,
          resolution_ms: request.resolutionMs,
          resolve_by: request.resolveBy,
          resolve_at_risk_from: request.resolveAtRiskFrom,
          created_by: request.createdBy,
          created_at: request.createdAt,
          idempotency_key: request.idempotencyKey,
          state: request.state,
          priority: request.priority,
          updated_at: request.createdAt,
        });
        const id = Number(inserted);
        await trx('service_request_events').insert({ request_id: id, at: request.createdAt, actor: request.createdBy, action: 'opened', details_json: JSON.stringify({ priority: request.priority, service: request.service }) });
        await insertAuditEntry(trx, { ...audit, target: `request:${id}` }, request.createdAt);
        return id;
      });
      return (await get(id))!;
    },

    get,

    async findByKey(key) {
      const row = (await withCustomer().where('r.idempotency_key', key).first()) as RequestRow | undefined;
      return row ? toRequest(row) : null;
    },

    async respond(id, respondedAt, respondedBy, audit) {
      return db.transaction(async (trx) => {
        // One conditional statement: of two responses racing, the first one stands.
        const changed = await trx('service_requests').where({ id }).whereNull('responded_at').update({ responded_at: respondedAt, responded_by: respondedBy, updated_at: audit.at ?? respondedAt });
        if (changed !== 1) return false;
        const at = audit.at ?? respondedAt;
        await trx('service_request_events').insert({ request_id: id, at, actor: respondedBy, action: 'responded', details_json: JSON.stringify({ respondedAt }) });
        await insertAuditEntry(trx, audit, at);
        return true;
      });
    },

    async list(query: RequestQuery) {
      const q = base();
      applyFilter(q, query);
      if (query.states) q.whereIn('r.state', [...query.states]);
      const counted = (await q.clone().count({ n: '*' }).first()) as { n: number | string } | undefined;
      const rows = q.select('r.*', 'c.customer_id', 'u.name as customer_name');
      // P1 < P2 < … as text; the deadline next, none last; the id keeps pages stable.
      if (query.sort === 'priority') rows.orderBy('r.priority');
      rows.orderByRaw('case when r.respond_by is null then 1 else 0 end').orderBy('r.respond_by').orderBy('r.id');
      const found = (await rows.limit(query.limit).offset(query.offset)) as RequestRow[];
      return { items: found.map(toRequest), total: Number(counted?.n ?? 0) };
    },

    async countByState(filter) {
      const q = base();
      applyFilter(q, filter);
      const rows = (await q.select('r.state').count({ n: '*' }).groupBy('r.state')) as { state: string; n: number | string }[];
      const counts = Object.fromEntries(REQUEST_STATES.map((s) => [s, 0])) as Record<RequestState, number>;
      for (const r of rows) if (r.state in counts) counts[r.state as RequestState] = Number(r.n);
      return counts;
    },
  };
}
