// The knex implementation of ReviewStore, the same on SQLite and MySQL. A decision is one conditional UPDATE of a
// pending row (the losers match nothing); queueing its message is idempotent (the outbox's unique key, then a
// conditional UPDATE of the review's outbox_id that also decides who writes the audit entry).
import type { Knex } from 'knex';
import { currentVia } from '../../audit/audit-context.ts';
import { insertAuditEntry } from '../../audit/audit-log.ts';
import { checkNewMessage, newOutboxRow, OUTBOX_KEY_COLUMNS } from '../outbox/outbox-repository.ts';
import type { NewAuditEntry } from '../../audit/audit-log.ts';
import type { NewOutboxMessage, OutboxRecipients } from '../outbox/outbox-store.ts';
import { reviewKey, type Review, type ReviewEntry, type ReviewStatus, type ReviewStore } from './report-review-store.ts';
import type { AdviceLine } from '../report-types.ts';

interface ReviewRow {
  id: number;
  contract_id: number;
  period_end: string;
  subject: string;
  report_json?: string;
  recipients_json: string;
  status: string;
  cutoff: string;
  due_at: string;
  created_at: string;
  decided_at: string | null;
  reviewer: string | null;
  advice_json: string | null;
  queue_json?: string | null;
  outbox_id: number | null;
}

const ENTRY_COLUMNS = ['id', 'contract_id', 'period_end', 'subject', 'recipients_json', 'status', 'cutoff', 'due_at', 'created_at', 'decided_at', 'reviewer', 'advice_json', 'outbox_id'];
const CHUNK = 200;

function toEntry(r: ReviewRow): ReviewEntry {
  return {
    id: Number(r.id),
    contractId: Number(r.contract_id),
    periodEnd: r.period_end,
    subject: r.subject,
    recipients: JSON.parse(r.recipients_json) as OutboxRecipients,
    status: r.status as ReviewStatus,
    cutoff: r.cutoff,
    dueAt: r.due_at,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    reviewer: r.reviewer,
    advice: r.advice_json ? (JSON.parse(r.advice_json) as AdviceLine[]) : null,
    outboxId: r.outbox_id === null ? null : Number(r.outbox_id),
  };
}

const toReview = (r: ReviewRow): Review => ({ ...toEntry(r), reportJson: r.report_json ?? '' });

export function createReviewRepository(db: Knex): ReviewStore {
  const byId = async (id: number) => ((await db('report_reviews').where({ id }).first()) as ReviewRow | undefined) ?? null;

  return {
    async draftMany(drafts, now) {
      if (drafts.length === 0) return [];
      const at = now.toISOString();
      return db.transaction(async (trx) => {
        const created: boolean[] = [];
        for (let i = 0; i < drafts.length; i += CHUNK) {
          const part = drafts.slice(i, i + CHUNK);
          const rows = (await trx('report_reviews')
            .select('contract_id', 'period_end')
            .whereIn('contract_id', part.map((d) => d.contractId))
            .whereIn('period_end', [...new Set(part.map((d) => d.periodEnd))])) as { contract_id: number; period_end: string }[];
          const seen = new Set(rows.map((r) => reviewKey(Number(r.contract_id), r.period_end)));
          const fresh = part.filter((d) => !seen.has(reviewKey(d.contractId, d.periodEnd)));
          if (fresh.length) {
            await trx('report_reviews')
              .insert(
                fresh.map((d) => ({
                  contract_id: d.contractId,
                  period_end: d.periodEnd,
                  subject: d.subject.slice(0, 500),
                  report_json: d.reportJson,
                  recipients_json: JSON.stringify({ to: d.recipients.to, cc: d.recipients.cc }),
                  status: 'pending',
                  cutoff: d.cutoff,
                  due_at: d.dueAt,
                  created_at: at,
                })),
              )
              // Another instance drafting the same year meanwhile: its draft stands.
              .onConflict(['contract_id', 'period_end'])
              .ignore();
          }
          for (const d of part) created.push(!seen.has(reviewKey(d.contractId, d.periodEnd)));
        }
        return created;
      });
    },

    async existing(keys) {
      const found = new Set<string>();
      for (let i = 0; i < keys.length; i += CHUNK) {
        const part = keys.slice(i, i + CHUNK);
        const rows = (await db('report_reviews')
          .select('contract_id', 'period_end')
          .whereIn('contract_id', part.map((k) => k.contractId))
          .whereIn('period_end', [...new Set(part.map((k) => k.periodEnd))])) as { contract_id: number; period_end: string }[];
        for (const r of rows) found.add(reviewKey(Number(r.contract_id), r.period_end));
      }
      return found;
    },

    async get(id) {
      const row = await byId(id);
      return row ? toReview(row) : null;
    },

    async byYear(contractId, periodEnd) {
      const row = (await db('report_reviews').where({ contract_id: contractId, period_end: periodEnd }).first()) as ReviewRow | undefined;
      return row ? toReview(row) : null;
    },

    async list(query) {
      const q = db('report_reviews').select(ENTRY_COLUMNS);
      if (query.status) q.where({ status: query.status });
      // Pending first, soonest due first; then what was decided, latest first.
      q.orderByRaw("case when status = 'pending' then 0 else 1 end")
        .orderByRaw("case when status = 'pending' then due_at else '' end")
        .orderBy([{ column: 'decided_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
      const rows = (await q.limit(query.limit).offset(query.offset)) as ReviewRow[];
      return rows.map(toEntry);
    },

    async counts(now) {
      const rows = (await db('report_reviews')
        .select('status')
        .count({ n: '*' })
        .sum({ overdue: db.raw('case when due_at <= ? then 1 else 0 end', [now.toISOString()]) })
        .groupBy('status')) as Array<{ status: string; n: number | string; overdue: number | string | null }>;
      const of = (status: ReviewStatus) => rows.find((r) => r.status === status);
      return {
        pending: Number(of('pending')?.n ?? 0),
        overdue: Number(of('pending')?.overdue ?? 0),
        approved: Number(of('approved')?.n ?? 0),
        released: Number(of('released')?.n ?? 0),
      };
    },

    async recentlyReleased(limit) {
      const rows = (await db('report_reviews').select(ENTRY_COLUMNS).where({ status: 'released' }).orderBy('decided_at', 'desc').orderBy('id', 'desc').limit(limit)) as ReviewRow[];
      return rows.map(toEntry);
    },

    async overdue(now, limit) {
      const rows = (await db('report_reviews').select('id').where({ status: 'pending' }).andWhere('due_at', '<=', now.toISOString()).orderBy('due_at').orderBy('id').limit(limit)) as { id: number }[];
      return rows.map((r) => Number(r.id));
    },

    async decide(id, decision) {
      checkNewMessage(decision.message);
      const q = db('report_reviews').where({ id, status: 'pending' });
      // A release takes only what is due; an expert may approve until the release has taken the draft.
      if (decision.status === 'released') q.andWhere('due_at', '<=', decision.at);
      const won = await q.update({
        status: decision.status,
        decided_at: decision.at,
        reviewer: decision.reviewer,
        advice_json: JSON.stringify(decision.advice),
        // The token the decision came through (the request's), kept for the entry written when it is queued.
        queue_json: JSON.stringify({ message: decision.message, audit: { ...decision.audit, via: decision.audit.via === undefined ? currentVia() : decision.audit.via } }),
      });
      if (won !== 1) return null;
      await queue(id);
      const row = await byId(id);
      return row ? toReview(row) : null;
    },

    async unqueued(limit) {
      const rows = (await db('report_reviews').select('id').whereNull('outbox_id').whereNot('status', 'pending').orderBy('decided_at').orderBy('id').limit(limit)) as { id: number }[];
      return rows.map((r) => Number(r.id));
    },

    queue,
  };

  async function queue(id: number): Promise<void> {
    const row = (await db('report_reviews').select('status', 'decided_at', 'queue_json', 'outbox_id').where({ id }).first()) as Pick<ReviewRow, 'status' | 'decided_at' | 'queue_json' | 'outbox_id'> | undefined;
    if (!row || row.outbox_id !== null || !row.queue_json || !row.decided_at) return;
    const { message: m, audit } = JSON.parse(row.queue_json) as { message: NewOutboxMessage; audit: NewAuditEntry };
    // Ignored when the report is queued already (by an earlier attempt, or a run before reviews existed): that row is it.
    await db('outbox').insert(newOutboxRow(m, row.decided_at)).onConflict(OUTBOX_KEY_COLUMNS).ignore();
    const outbox = (await db('outbox').select('id').where({ job: m.job, period_key: m.periodKey, recipient: m.recipient, revision: m.revision ?? 1 }).first()) as { id: number };
    const outboxId = Number(outbox.id);
    // One conditional UPDATE decides who recorded it, and that caller alone writes the audit entry.
    const recorded = await db('report_reviews').where({ id }).whereNull('outbox_id').update({ outbox_id: outboxId });
    if (recorded === 1) await insertAuditEntry(db, { ...audit, via: audit.via ?? null, details: { ...audit.details, outboxId } }, row.decided_at);
  }
}
