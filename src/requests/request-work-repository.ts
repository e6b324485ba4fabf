// Every change to a request after intake, each in one transaction with its history entry and audit entry: a
// change is stored with its record or not at all. The row is updated only while it still has the state and the
// updated_at the use case read (a conditional UPDATE), so two desk users acting at once never both win.
//
// A reply's e-mail is written here too, to the outbox, in the same transaction as the comment: the customer gets
// the reply exactly when it is stored — never a comment without its e-mail, never an e-mail without its comment —
// and the outbox's unique key (job, period, recipient) plus its leased delivery sends it once. src/requests sits
// below src/report, which owns the outbox table, so the row is written through `enqueueMail`, which the
// composition root supplies from the outbox's own row builder; this file never names the outbox's columns.
import type { Knex } from 'knex';
import { insertAuditEntry } from '../audit/audit-log.ts';
import { isUniqueViolation } from '../db/database-errors.ts';
import type { CommentKind, ReplyMail, RequestAction, RequestChange, RequestComment, RequestStore } from './request-store.ts';

/** Writes a reply's e-mail into the outbox with `trx`; returns the outbox row's id. */
export type EnqueueMail = (trx: Knex.Transaction, mail: ReplyMail, at: string) => Promise<number>;

const COLUMNS: Record<keyof RequestChange['set'], string> = {
  state: 'state',
  priority: 'priority',
  assignee: 'assignee',
  respondedAt: 'responded_at',
  respondedBy: 'responded_by',
  resolvedAt: 'resolved_at',
  resolvedBy: 'resolved_by',
  resolution: 'resolution',
  closedAt: 'closed_at',
  closedBy: 'closed_by',
  pausedSince: 'paused_since',
  pausedMs: 'paused_ms',
  resolveBy: 'resolve_by',
  resolveAtRiskFrom: 'resolve_at_risk_from',
};

interface CommentRow {
  id: number;
  request_id: number;
  kind: string;
  body: string;
  author: string;
  created_at: string;
  outbox_id: number | null;
}

const toComment = (r: CommentRow): RequestComment => ({ id: Number(r.id), kind: r.kind as CommentKind, body: r.body, author: r.author, createdAt: r.created_at, outboxId: r.outbox_id === null ? null : Number(r.outbox_id) });

type WorkStore = Pick<RequestStore, 'apply' | 'commentByKey' | 'history' | 'comments' | 'pauses' | 'assignees' | 'customers'>;

export function createRequestWorkRepository(db: Knex, enqueueMail: EnqueueMail): WorkStore {
  const event = (trx: Knex.Transaction, id: number, at: string, actor: string, action: RequestAction, details: Record<string, unknown> | null) =>
    trx('service_request_events').insert({ request_id: id, at, actor, action, details_json: details ? JSON.stringify(details) : null });

  return {
    async apply(id, change) {
      try {
        return await db.transaction(async (trx) => {
          const set: Record<string, unknown> = { updated_at: change.at };
          for (const [key, value] of Object.entries(change.set)) set[COLUMNS[key as keyof RequestChange['set']]] = value;
          const matched = trx('service_requests').where({ id, state: change.expect.state });
          if (change.expect.updatedAt === null) matched.whereNull('updated_at');
          else matched.where('updated_at', change.expect.updatedAt);
          if ((await matched.update(set)) !== 1) return { applied: false, commentId: null };

          if (change.pause === 'start') await trx('service_request_pauses').insert({ request_id: id, started_at: change.at, ended_at: null });
          if (change.pause === 'end') await trx('service_request_pauses').where({ request_id: id }).whereNull('ended_at').update({ ended_at: change.at });

          let commentId: number | null = null;
          const { comment } = change;
          if (comment) {
            const [inserted] = await trx('service_request_comments').insert({ request_id: id, kind: comment.kind, body: comment.body, author: change.actor, created_at: change.at, client_key: comment.clientKey });
            commentId = Number(inserted);
            if (comment.mail) {
              const outboxId = await enqueueMail(trx, { ...comment.mail(commentId), commentId }, change.at);
              await trx('service_request_comments').where({ id: commentId }).update({ outbox_id: outboxId });
            }
            // The first reply is the response; a response already recorded stands.
            if (comment.respond && (await trx('service_requests').where({ id }).whereNull('responded_at').update({ responded_at: change.at, responded_by: change.actor })) === 1) {
              await event(trx, id, change.at, change.actor, 'responded', { respondedAt: change.at, by: 'reply' });
            }
          }
          for (const e of change.events) await event(trx, id, change.at, change.actor, e.action, commentId === null ? e.details : { ...e.details, commentId });
          for (const entry of change.audit) await insertAuditEntry(trx, { ...entry, target: entry.target ?? `request:${id}` }, change.at);
          return { applied: true, commentId };
        });
      } catch (err) {
        // The same form sent twice: its client key is taken, and nothing of the second was written.
        if (change.comment?.clientKey && isUniqueViolation(err)) return { applied: false, commentId: null };
        throw err;
      }
    },

    async commentByKey(clientKey) {
      const row = (await db('service_request_comments').where({ client_key: clientKey }).first()) as CommentRow | undefined;
      return row ? { requestId: Number(row.request_id), comment: toComment(row) } : null;
    },

    async history(id) {
      const rows = (await db('service_request_events').where({ request_id: id }).orderBy('id')) as { id: number; at: string; actor: string; action: string; details_json: string | null }[];
      return rows.map((r) => ({ id: Number(r.id), at: r.at, actor: r.actor, action: r.action as RequestAction, details: r.details_json ? (JSON.parse(r.details_json) as Record<string, unknown>) : null }));
    },

    async comments(id) {
      return ((await db('service_request_comments').where({ request_id: id }).orderBy('id')) as CommentRow[]).map(toComment);
    },

    async pauses(id) {
      const rows = (await db('service_request_pauses').where({ request_id: id }).orderBy('id')) as { started_at: string; ended_at: string | null }[];
      return rows.map((r) => ({ startedAt: r.started_at, endedAt: r.ended_at }));
    },

    async assignees() {
      const rows = (await db('service_requests').whereNotNull('assignee').distinct('assignee').orderBy('assignee')) as { assignee: string }[];
      return rows.map((r) => r.assignee);
    },

    async customers(limit) {
      const rows = (await db('customers as u')
        .whereExists((q) => q.select(db.raw('1')).from('service_requests as r').join('contracts as c', 'c.id', 'r.contract_id').whereRaw('c.customer_id = u.id'))
        .select('u.id', 'u.name')
        .orderBy('u.name')
        .orderBy('u.id')
        .limit(limit)) as { id: number; name: string }[];
      return rows.map((r) => ({ id: Number(r.id), name: r.name }));
    },
  };
}

