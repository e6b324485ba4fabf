import type { Knex } from 'knex';

/** What the audit log says instead of a name that matches no user (it may be a password typed in the wrong field). */
const UNKNOWN_USER = '(未知用户)';

// Issue 12, accounts and sign-in:
// - every API token gets an owning user, whose name its actions carry (four-eyes holds for tokens too); tokens
//   made before this have none and may do anything but approve; a token goes with its owner;
// - the first admin's generated password must be changed at first sign-in;
// - failed sign-ins are kept by account id, not by what was typed, so a password typed into the username
//   field is never stored; the old table (which may hold such text) is dropped, not copied;
// - the audit log records through which token a person acted;
// - earlier failed sign-ins under a name that is no user lose that name in the audit log.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('api_tokens', (t) => {
    t.integer('user_id').unsigned().nullable().references('id').inTable('users').onDelete('CASCADE');
    t.index(['user_id'], 'api_tokens_user_id_index');
  });
  await knex.schema.alterTable('users', (t) => {
    t.boolean('must_change_password').notNullable().defaultTo(false);
  });
  await knex.schema.alterTable('audit_log', (t) => {
    t.string('via', 32).nullable();
  });

  await knex.schema.dropTable('login_failures');
  await knex.schema.createTable('login_failures', (t) => {
    t.increments('id');
    // Null when the name typed is no user's: such attempts count against their address only.
    t.integer('user_id').unsigned().nullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('address', 64).notNullable();
    t.string('at', 24).notNullable().index();
    t.index(['user_id', 'at'], 'login_failures_user_at_index');
    t.index(['address', 'at'], 'login_failures_address_at_index');
  });

  await knex('audit_log')
    .where({ action: 'auth.sign_in_failed' })
    .whereNotIn('actor', knex('users').select('username'))
    .update({ actor: UNKNOWN_USER, target: UNKNOWN_USER });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_failures');
  await knex.schema.createTable('login_failures', (t) => {
    t.increments('id');
    t.string('username', 64).notNullable().index();
    t.string('address', 64).notNullable().index();
    t.string('at', 24).notNullable().index();
  });
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropColumn('via');
  });
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('must_change_password');
  });
  await knex.schema.alterTable('api_tokens', (t) => {
    t.dropForeign(['user_id']);
    t.dropIndex(['user_id'], 'api_tokens_user_id_index');
    t.dropColumn('user_id');
  });
}
