import type { Knex } from 'knex';

// Issue 16, users in the browser: a user's page shows their sign-ins (auth.sign_in and auth.sign_in_failed
// entries naming them as target), newest first, and the users list shows each one's last sign-in. Without an
// index both read the whole audit log; with this one each is a short walk of one user's entries. (API tokens
// had last_used_at from the start, migration 002.)
const BY_TARGET = 'audit_log_target_action_at_index';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.index(['target', 'action', 'at'], BY_TARGET);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropIndex(['target', 'action', 'at'], BY_TARGET);
  });
}
