import type { Knex } from 'knex';

// Issue 16: the audit page filters by who acted, the action, the kind of target, one target and a date range, a page
// at a time, newest first. Each filter gets an index that starts with its column; the id, which orders the page, is
// in every index entry on both engines, so a filtered page is a walk down one index. The kind of target (policy,
// contract, quote, user …) is stored beside the entry because targets were written in different shapes (quotes
// and users bare, the rest as kind:id): see src/audit/audit-target.ts, whose rules the backfill repeats.
const INDEXES = [
  ['actor', 'audit_log_actor_index'],
  ['target_kind', 'audit_log_target_kind_index'],
  ['target', 'audit_log_target_index'],
] as const;

const PREFIXED = ['policy', 'contract', 'customer', 'request', 'token', 'outbox', 'quote', 'user'];
const BARE_BY_AREA: [string, string][] = [
  ['quote', 'quote'],
  ['user', 'user'],
  ['auth', 'user'],
  ['contract', 'file'],
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.string('target_kind', 16).nullable();
  });
  for (const kind of PREFIXED) await knex('audit_log').where('target', 'like', `${kind}:%`).update({ target_kind: kind });
  for (const [area, kind] of BARE_BY_AREA) {
    await knex('audit_log').whereNull('target_kind').whereNotNull('target').where('action', 'like', `${area}.%`).update({ target_kind: kind });
  }
  await knex.schema.alterTable('audit_log', (t) => {
    for (const [column, name] of INDEXES) t.index([column], name);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    for (const [column, name] of INDEXES) t.dropIndex([column], name);
  });
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('target_kind');
  });
}
