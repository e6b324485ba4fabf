import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('username', 64).notNullable().unique();
    t.string('role', 16).notNullable();
    t.string('password_hash', 255).notNullable();
    t.boolean('disabled').notNullable().defaultTo(false);
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });
  // Only hashes of tokens are kept: a copy of the database does not hand out access.
  await knex.schema.createTable('api_tokens', (t) => {
    t.increments('id');
    t.string('name', 100).notNullable();
    t.string('role', 16).notNullable();
    t.string('token_hash', 64).notNullable().unique();
    t.string('created_at', 24).notNullable();
    t.string('created_by', 64).notNullable();
    t.string('revoked_at', 24).nullable();
    t.string('last_used_at', 24).nullable();
  });
  await knex.schema.createTable('sessions', (t) => {
    t.string('id_hash', 64).primary();
    t.integer('user_id').unsigned().notNullable().references('id').inTable('users').onDelete('CASCADE');
    t.string('csrf_token', 64).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('expires_at', 24).notNullable().index();
  });
  // Failed sign-ins, counted per account and per address across every server instance.
  await knex.schema.createTable('login_failures', (t) => {
    t.increments('id');
    t.string('username', 64).notNullable().index();
    t.string('address', 64).notNullable().index();
    t.string('at', 24).notNullable().index();
  });
  await knex.schema.createTable('audit_log', (t) => {
    t.increments('id');
    t.string('at', 24).notNullable().index();
    t.string('actor', 100).notNullable();
    t.string('action', 64).notNullable().index();
    t.string('target', 255).nullable();
    t.text('details_json').nullable();
    t.string('address', 64).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_log');
  await knex.schema.dropTableIfExists('login_failures');
  await knex.schema.dropTableIfExists('sessions');
  await knex.schema.dropTableIfExists('api_tokens');
  await knex.schema.dropTableIfExists('users');
}
