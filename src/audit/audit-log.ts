// Who did what and when: uploads, activations, sign-in failures, user and token changes.
import type { Knex } from 'knex';

export type AuditAction =
  | 'policy.upload'
  | 'policy.upload_rejected'
  | 'policy.activate'
  | 'auth.sign_in'
  | 'auth.sign_in_failed'
  | 'auth.sign_out'
  | 'user.create'
  | 'user.password'
  | 'user.disable'
  | 'token.create'
  | 'token.revoke'
  | 'usage.override'
  | 'contract.import'
  | 'quote.approve'
  | 'quote.reject';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: AuditAction;
  target: string | null;
  details: Record<string, unknown> | null;
  address: string | null;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at?: string };

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
}

export function createAuditLog(db: Knex, clock: () => Date = () => new Date()): AuditLog {
  return {
    async record(entry) {
      await db('audit_log').insert({
        at: entry.at ?? clock().toISOString(),
        actor: entry.actor,
        action: entry.action,
        target: entry.target,
        details_json: entry.details ? JSON.stringify(entry.details) : null,
        address: entry.address,
      });
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
      }));
    },
  };
}
