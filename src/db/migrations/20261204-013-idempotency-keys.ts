import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { longText } from '../schema-helpers.ts';

// Idempotency keys as Stripe has them (src/idempotency): one row per caller and key, bound to a fingerprint
// of the request, holding the response it got. key_hash is sha256(owner NUL key) in hex, so keys compare
// exactly (case included) on both engines, whatever the collation.
//
// quota_usage.idempotency_key held the key as sent, unique across all callers: one caller's key answered
// with another caller's record. It now holds the same scoped hash, as service_requests.idempotency_key
// always has; the backstop that records a use once even when the response was never recorded.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.string('key_hash', 64).primary();
    t.string('owner', 200).notNullable();
    t.string('endpoint', 100).notNullable();
    t.string('fingerprint', 64).notNullable();
    t.string('state', 16).notNullable();
    t.string('lock_token', 36).nullable();
    t.string('locked_at', 24).notNullable();
    t.integer('response_status').nullable();
    longText(knex, t, 'response_body', { nullable: true });
    t.string('created_at', 24).notNullable().index();
    t.string('completed_at', 24).nullable();
  });
  const keyed = (await knex('quota_usage').whereNotNull('idempotency_key').select('id', 'actor', 'idempotency_key')) as { id: number; actor: string; idempotency_key: string }[];
  for (const row of keyed) {
    const scoped = createHash('sha256').update(`${row.actor}\u0000${row.idempotency_key}`).digest('hex');
    await knex('quota_usage').where({ id: row.id }).update({ idempotency_key: scoped });
  }
}

// The scoped hashes in quota_usage cannot be turned back into keys; they stay, and still record retries once.
export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('idempotency_keys');
}
