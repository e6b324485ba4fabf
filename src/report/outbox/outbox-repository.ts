// The knex implementation of OutboxStore, the same on SQLite and MySQL. Every state change is one conditional
// UPDATE, so correctness across server instances rests on the database's row-level atomicity, not on locks held
// across a network round trip.
import type { Knex } from 'knex';
import { insertAuditEntry } from '../../audit/audit-log.ts';
import { FAILING_AFTER_ATTEMPTS, outboxKey, type NewOutboxMessage, type OutboxStatus, type OutboxStore } from './outbox-store.ts';
import { checkNewMessage, ENTRY_COLUMNS, isUniqueViolation, LIMITS, newOutboxRow, OUTBOX_KEY_COLUMNS, toEntry, toMessage, type OutboxRow } from './outbox-rows.ts';

export { checkNewMessage, isUniqueViolation, newOutboxRow, OUTBOX_KEY_COLUMNS };

/**
 * Writes one new message inside a caller's transaction, so it is stored with whatever it belongs to or not at
 * all (a service request's reply and its comment); the caller's key keeps it to one row. Its id.
 */
export async function insertOutboxMessage(trx: Knex, message: NewOutboxMessage, at: string): Promise<number> {
  checkNewMessage(message);
  const [id] = await trx('outbox').insert(newOutboxRow(message, at));
  return Number(id);
}

const ENQUEUE_CHUNK = 200;

const isDeadlock = (err: unknown) => (err as { code?: string }).code === 'ER_LOCK_DEADLOCK';

async function retryOnceOnDeadlock<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isDeadlock(err)) throw err;
    return work();
  }
}

/** The keys of these messages already stored (in their revision), as `job \0 period \0 recipient \0 revision`. */
async function keysIn(q: Knex | Knex.Transaction, messages: NewOutboxMessage[]): Promise<Set<string>> {
  const rows = (await q('outbox')
    .select('job', 'period_key', 'recipient', 'revision')
    .whereIn('job', [...new Set(messages.map((m) => m.job))])
    .whereIn('revision', [...new Set(messages.map((m) => m.revision ?? 1))])
    .whereIn('period_key', [...new Set(messages.map((m) => m.periodKey))])
    .whereIn('recipient', [...new Set(messages.map((m) => m.recipient))])) as { job: string; period_key: string; recipient: string; revision: number | string }[];
  return new Set(rows.map((r) => revisionKey(r.job, r.period_key, r.recipient, Number(r.revision))));
}

const revisionKey = (job: string, periodKey: string, recipient: string, revision: number) => `${job}\u0000${outboxKey(periodKey, recipient)}\u0000${revision}`;
const keyOf = (m: NewOutboxMessage) => revisionKey(m.job, m.periodKey, m.recipient, m.revision ?? 1);

export function createOutboxRepository(db: Knex): OutboxStore {
  const byKey = (m: NewOutboxMessage) => db('outbox').where({ job: m.job, period_key: m.periodKey, recipient: m.recipient, revision: m.revision ?? 1 });
  const byId = async (id: number) => ((await db('outbox').where({ id }).first()) as OutboxRow | undefined) ?? null;

  return {
    async enqueue(message, now) {
      checkNewMessage(message);
      const existing = (await byKey(message).first()) as OutboxRow | undefined;
      if (existing) return { message: toMessage(existing), created: false };
      const at = now.toISOString();
      try {
        await db('outbox').insert(newOutboxRow(message, at));
      } catch (err) {
        // Another instance enqueued the same key between our look and our insert: theirs stands.
        if (!isUniqueViolation(err)) throw err;
        const theirs = (await byKey(message).first()) as OutboxRow;
        return { message: toMessage(theirs), created: false };
      }
      return { message: toMessage((await byKey(message).first()) as OutboxRow), created: true };
    },

    async enqueueMany(messages, now) {
      if (messages.length === 0) return [];
      messages.forEach(checkNewMessage);
      const at = now.toISOString();
      // Two instances inserting overlapping keys can deadlock on InnoDB's gap locks; MariaDB rolls one back whole,
      // so running it once more is safe, and then the other's rows are there to be skipped.
      return retryOnceOnDeadlock(() => db.transaction(async (trx) => {
        const created: boolean[] = [];
        for (let i = 0; i < messages.length; i += ENQUEUE_CHUNK) {
          const part = messages.slice(i, i + ENQUEUE_CHUNK);
          const seen = await keysIn(trx, part);
          const fresh = part.filter((m) => !seen.has(keyOf(m)));
          // A key another instance stores meanwhile is skipped by the unique key, not an error.
          if (fresh.length) await trx('outbox').insert(fresh.map((m) => newOutboxRow(m, at))).onConflict(OUTBOX_KEY_COLUMNS).ignore();
          for (const m of part) created.push(!seen.has(keyOf(m)));
        }
        return created;
      }));
    },

    async existingKeys(job, keys) {
      const found = new Set<string>();
      for (let i = 0; i < keys.length; i += ENQUEUE_CHUNK) {
        const part = keys.slice(i, i + ENQUEUE_CHUNK);
        const rows = (await db('outbox')
          .select('period_key', 'recipient')
          .where('job', job)
          .whereIn('period_key', [...new Set(part.map((k) => k.periodKey))])
          .whereIn('recipient', [...new Set(part.map((k) => k.recipient))])) as { period_key: string; recipient: string }[];
        for (const r of rows) found.add(outboxKey(r.period_key, r.recipient));
      }
      return found;
    },

    async latestIssue(job, periodKey, recipient) {
      const row = (await db('outbox').select('id', 'revision', 'report_json', 'created_at').where({ job, period_key: periodKey, recipient }).orderBy('revision', 'desc').first()) as
        | { id: number; revision: number | string; report_json: string | null; created_at: string }
        | undefined;
      return row ? { id: Number(row.id), revision: Number(row.revision), reportJson: row.report_json, createdAt: row.created_at } : null;
    },

    async enqueueRevision(message, audit, now) {
      checkNewMessage(message);
      const at = now.toISOString();
      try {
        return await db.transaction(async (trx) => {
          const [id] = await trx('outbox').insert(newOutboxRow(message, at));
          await insertAuditEntry(trx, { ...audit, details: { ...audit.details, outboxId: Number(id) } }, at);
          const row = (await trx('outbox').where({ id }).first()) as OutboxRow;
          return toMessage(row);
        });
      } catch (err) {
        // The unique key: this revision is stored already, and the transaction wrote nothing.
        if (isUniqueViolation(err)) return null;
        throw err;
      }
    },

    async due(now, limit) {
      const at = now.toISOString();
      const rows = (await db('outbox')
        .select('id', 'attempts')
        .where({ status: 'pending' })
        .andWhere('next_attempt_at', '<=', at)
        .andWhere((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<=', at))
        .orderBy([{ column: 'next_attempt_at' }, { column: 'id' }])
        .limit(limit)) as Array<{ id: number; attempts: number }>;
      return rows.map((r) => ({ id: Number(r.id), attempts: Number(r.attempts) }));
    },

    async claim(seen, claim) {
      const at = claim.now.toISOString();
      // The WHERE repeats every condition `due` used, plus the attempt count seen: if another worker claimed the
      // row in between (and maybe already failed it, freeing the lease), the count has moved on and this matches nothing.
      const won = await db('outbox')
        .where({ id: seen.id, status: 'pending', attempts: seen.attempts })
        .andWhere('next_attempt_at', '<=', at)
        .andWhere((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<=', at))
        .update({
          claimed_by: claim.token,
          claimed_until: claim.leaseUntil.toISOString(),
          attempts: seen.attempts + 1,
          last_attempt_at: at,
          next_attempt_at: claim.retryAt.toISOString(),
        });
      if (won !== 1) return null;
      const row = await byId(seen.id);
      return row ? toMessage(row) : null;
    },

    async markSent(id, sent) {
      await db('outbox')
        .where({ id, status: 'pending' })
        .update({ status: 'sent', sent_at: sent.at.toISOString(), message_id: sent.messageId.slice(0, 255), eml_file: sent.emlFile, claimed_by: null, claimed_until: null });
    },

    async markFailed(id, token, failure) {
      const changed = await db('outbox')
        .where({ id, status: 'pending', claimed_by: token })
        .update({ last_error: failure.error.slice(0, LIMITS.error), claimed_by: null, claimed_until: null });
      return changed === 1;
    },

    async resend(id, audit, now) {
      const at = now.toISOString();
      return db.transaction(async (trx) => {
        const changed = await trx('outbox')
          .where({ id, status: 'pending' })
          .whereNotNull('last_error')
          .andWhere((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<=', at))
          .update({ next_attempt_at: at, claimed_by: null, claimed_until: null });
        const row = (await trx('outbox').select('status', 'attempts', 'last_error', 'job', 'period_key', 'recipient', 'channel').where({ id }).first()) as
          | Pick<OutboxRow, 'status' | 'attempts' | 'last_error' | 'job' | 'period_key' | 'recipient' | 'channel'>
          | undefined;
        if (!row) return 'not-found';
        if (changed !== 1) return row.status === 'sent' ? 'sent' : row.last_error === null ? 'not-failed' : 'sending';
        const details = { ...audit.details, job: row.job, periodKey: row.period_key, recipient: row.recipient, channel: row.channel ?? 'email', attempts: Number(row.attempts), lastError: row.last_error };
        await insertAuditEntry(trx, { ...audit, details }, at);
        return 'resent';
      });
    },

    async get(id) {
      const row = await byId(id);
      return row ? toMessage(row) : null;
    },

    async list(query) {
      const q = db('outbox').select(ENTRY_COLUMNS);
      if (query.state === 'failing') q.where({ status: 'pending' }).andWhere('attempts', '>=', FAILING_AFTER_ATTEMPTS);
      else if (query.state !== undefined) q.where({ status: query.state });
      if (query.job !== undefined) q.where({ job: query.job });
      const rows = (await q.orderBy('id', 'desc').limit(query.limit).offset(query.offset)) as OutboxRow[];
      return rows.map(toEntry);
    },

    async counts() {
      const rows = (await db('outbox')
        .select('status')
        .count({ n: '*' })
        .sum({ failing: db.raw('case when attempts >= ? then 1 else 0 end', [FAILING_AFTER_ATTEMPTS]) })
        .groupBy('status')) as Array<{ status: string; n: number | string; failing: number | string | null }>;
      const of = (status: OutboxStatus) => rows.find((r) => r.status === status);
      return {
        pending: Number(of('pending')?.n ?? 0),
        failing: Number(of('pending')?.failing ?? 0),
        sent: Number(of('sent')?.n ?? 0),
      };
    },
  };
}
