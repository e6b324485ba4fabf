// The knex implementation of IdempotencyStore, the same on SQLite and MySQL.
import type { Knex } from 'knex';
import { isUniqueViolation } from '../db/database-errors.ts';
import type { IdempotencyRecord, IdempotencyStore } from './idempotency-store.ts';

interface KeyRow {
  key_hash: string;
  owner: string;
  endpoint: string;
  fingerprint: string;
  state: string;
  lock_token: string | null;
  locked_at: string;
  response_status: number | string | null;
  response_body: string | null;
  created_at: string;
  completed_at: string | null;
}

const toRecord = (r: KeyRow): IdempotencyRecord => ({
  keyHash: r.key_hash,
  owner: r.owner,
  endpoint: r.endpoint,
  fingerprint: r.fingerprint,
  state: r.state === 'done' ? 'done' : 'running',
  lockToken: r.lock_token,
  lockedAt: r.locked_at,
  response: r.response_status === null ? null : { status: Number(r.response_status), body: r.response_body === null ? null : (JSON.parse(r.response_body) as unknown) },
  createdAt: r.created_at,
  completedAt: r.completed_at,
});

export function createIdempotencyRepository(db: Knex): IdempotencyStore {
  return {
    async claim(c) {
      try {
        await db('idempotency_keys').insert({
          key_hash: c.keyHash,
          owner: c.owner,
          endpoint: c.endpoint,
          fingerprint: c.fingerprint,
          state: 'running',
          lock_token: c.lockToken,
          locked_at: c.at,
          created_at: c.at,
        });
        return true;
      } catch (err) {
        if (isUniqueViolation(err)) return false;
        throw err;
      }
    },

    async find(keyHash) {
      const row = (await db('idempotency_keys').where({ key_hash: keyHash }).first()) as KeyRow | undefined;
      return row ? toRecord(row) : null;
    },

    async takeOver(keyHash, lockToken, newToken, at) {
      const changed = await db('idempotency_keys').where({ key_hash: keyHash, state: 'running', lock_token: lockToken }).update({ lock_token: newToken, locked_at: at });
      return changed === 1;
    },

    async complete(keyHash, lockToken, response, at) {
      const changed = await db('idempotency_keys')
        .where({ key_hash: keyHash, state: 'running', lock_token: lockToken })
        .update({ state: 'done', lock_token: null, response_status: response.status, response_body: JSON.stringify(response.body), completed_at: at });
      return changed === 1;
    },

    async release(keyHash, lockToken) {
      await db('idempotency_keys').where({ key_hash: keyHash, state: 'running', lock_token: lockToken }).del();
    },

    async purge(before, limit) {
      // Oldest first through idempotency_keys_created_at_index, a bounded batch per statement.
      const old = db('idempotency_keys').where('created_at', '<', before).orderBy('created_at').limit(limit).select('key_hash');
      // MySQL cannot delete from a table its own subquery reads; a derived table is read first.
      return db('idempotency_keys').whereIn('key_hash', db.select('key_hash').from(old.as('o'))).del();
    },
  };
}
