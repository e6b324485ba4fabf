// The knex implementation of RequestStore, the same on SQLite and MySQL.
import type { Knex } from 'knex';
import type { DeadlineProofView } from '../entitlement/deadline.ts';
import type { ResponseWindow } from '../catalog/catalog.ts';
import { holdDecidedVersion } from '../policy/decided-version-repository.ts';
import type { NewRequest, RequestQuery, RequestStore, StoredRequest } from './request-store.ts';

interface RequestRow {
  id: number;
  contract_id: number;
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
  responded_at: string | null;
  responded_by: string | null;
  created_by: string;
  created_at: string;
  idempotency_key: string | null;
}

const toRequest = (r: RequestRow): StoredRequest => ({
  id: Number(r.id),
  contractId: Number(r.contract_id),
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
  respondedAt: r.responded_at,
  respondedBy: r.responded_by,
  createdBy: r.created_by,
  createdAt: r.created_at,
  idempotencyKey: r.idempotency_key,
});

export function createRequestRepository(db: Knex): RequestStore {
  const withCustomer = () =>
    db('service_requests as r').join('contracts as c', 'c.id', 'r.contract_id').join('customers as u', 'u.id', 'c.customer_id').select('r.*', 'u.name as customer_name');

  async function get(id: number): Promise<StoredRequest | null> {
    const row = (await withCustomer().where('r.id', id).first()) as RequestRow | undefined;
    return row ? toRequest(row) : null;
  }

  return {
    async create(request: NewRequest) {
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
          created_by: request.createdBy,
          created_at: request.createdAt,
          idempotency_key: request.idempotencyKey,
        });
        return Number(inserted);
      });
      return (await get(id))!;
    },

    get,

    async findByKey(key) {
      const row = (await withCustomer().where('r.idempotency_key', key).first()) as RequestRow | undefined;
      return row ? toRequest(row) : null;
    },

    async respond(id, respondedAt, respondedBy) {
      // One statement: of two responses racing, the first one stands.
      const changed = await db('service_requests').where({ id }).whereNull('responded_at').update({ responded_at: respondedAt, responded_by: respondedBy });
      return changed === 1;
    },

    async list(query: RequestQuery) {
      const q = withCustomer();
      if (query.contractId !== undefined) q.where('r.contract_id', query.contractId);
      const { now } = query;
      switch (query.state) {
        case 'unanswered':
          q.whereNull('r.responded_at');
          break;
        case 'at_risk_candidate':
          q.whereNull('r.responded_at').where('r.at_risk_from', '<=', now).where('r.respond_by', '>', now);
          break;
        case 'met':
          q.whereNotNull('r.responded_at').where((w) => w.whereNull('r.respond_by').orWhereRaw('r.responded_at <= r.respond_by'));
          break;
        case 'breached':
          q.whereNotNull('r.respond_by').where((w) =>
            w.where((a) => a.whereNotNull('r.responded_at').whereRaw('r.responded_at > r.respond_by')).orWhere((b) => b.whereNull('r.responded_at').where('r.respond_by', '<=', now)),
          );
          break;
      }
      const rows = (await q
        .orderByRaw('case when r.respond_by is null then 1 else 0 end')
        .orderBy('r.respond_by')
        .orderBy('r.id')
        .limit(query.limit)
        .offset(query.offset)) as RequestRow[];
      return rows.map(toRequest);
    },
  };
}
