// Who did what and when: uploads, activations, sign-in failures, user and token changes.
import type { Knex } from 'knex';
import { currentVia } from './audit-context.ts';

export type AuditAction =
  | 'policy.upload'
  | 'policy.upload_rejected'
  | 'policy.activate'
  | 'policy.holidays'
  | 'policy.withdraw'
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.sign_out'
  | 'user.create'
  | 'user.password'
  | 'user.disable'
  | 'user.enable'
  | 'user.unlock'
  | 'token.create'
  | 'token.revoke'
  | 'usage.override'
  | 'contract.import'
  | 'quote.approve'
  | 'quote.reject'
  | 'customer.create'
  | 'customer.update'
  | 'report.reissue'
  | 'report.review_approve'
  | 'report.review_release'
  | 'request.open'
  | 'request.assign'
  | 'request.priority'
  | 'request.note'
  | 'request.reply'
  | 'request.respond'
  | 'request.state'
  | 'request.resolve'
  | 'request.close'
  | 'request.reopen';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  target: string | null;
  details: Record<string, unknown> | null;
  address: string | null;
  /** How the actor acted when not in their own session: "token:12" for an API token; null otherwise. */
  via: string | null;
}

/** `via` defaults to the request's (see audit-context.ts). */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'via'> & { at?: string; via?: string | null };

export interface AuditLog {
  record(entry: NewAuditEntry): Promise<void>;
  list(options?: { limit?: number; before?: number; action?: AuditAction }): Promise<AuditEntry[]>;
}

interface AuditRow {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  target: string | null;
  details_json: string | null;
  address: string | null;
  via: string | null;
}

/** One entry written with `q`: a repository passes its transaction, so that a change and its entry are stored together or not at all. */
export async function insertAuditEntry(q: Knex | Knex.Transaction, entry: NewAuditEntry, at: string): Promise<void> {
  await q('audit_log').insert({
    at: entry.at ?? at,
    actor: entry.actor,
    action: entry.action,
    target: entry.target,
    details_json: entry.details ? JSON.stringify(entry.details) : null,
    address: entry.address,
    via: entry.via === undefined ? currentVia() : entry.via,
  });
}

export function createAuditLog(db: Knex, clock: () => Date = () => new Date()): AuditLog {
  return {
    async record(entry) {
      await insertAuditEntry(db, entry, clock().toISOString());
    },

    async list({ limit = 100, before, action } = {}) {
      const q = db('audit_log').select('*').orderBy('id', 'desc').limit(Math.min(Math.max(limit, 1), 1000));
      if (before) q.where('id', '<', before);
      if (action) q.where({ action });
      const rows = (await q) as AuditRow[];
      return rows.map((r) => ({
        id: Number(r.id),
        at: r.at,
        actor: r.actor,
        action: r.action,
        target: r.target,
        details: r.details_json ? (JSON.parse(r.details_json) as Record<string, unknown>) : null,
        address: r.address,
        via: r.via ?? null,
      }));
    },
  };
}
