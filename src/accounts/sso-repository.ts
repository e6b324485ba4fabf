// The knex side of single sign-on: users tied to a provider's subject (migration 026), the same on SQLite and MySQL.
import type { Knex } from 'knex';
import { insertAuditEntry, type NewAuditEntry } from '../audit/audit-log.ts';
import type { Role } from './roles.ts';

export interface SsoStore {
  /** The id of the user tied to the subject (`issuer#sub`), or null. */
  findUserIdBySubject(subject: string): Promise<number | null>;
  /** A new user tied to the subject, with its audit entry, in one transaction; returns its id. */
  createSsoUser(user: { username: string; role: Role; subject: string; passwordHash: string; at: string }, audit: NewAuditEntry): Promise<number>;
}

export function createSsoRepository(db: Knex): SsoStore {
  return {
    async findUserIdBySubject(subject) {
      const row = (await db('users').select('id').where({ sso_subject: subject }).first()) as { id: number } | undefined;
      return row ? Number(row.id) : null;
    },

    async createSsoUser({ username, role, subject, passwordHash, at }, audit) {
      return db.transaction(async (trx) => {
        const [id] = await trx('users').insert({ username, role, password_hash: passwordHash, disabled: false, must_change_password: false, sso_subject: subject, created_at: at, updated_at: at });
        await insertAuditEntry(trx, audit, at);
        return Number(id);
      });
    },
  };
}
