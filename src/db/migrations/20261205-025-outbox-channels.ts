import type { Knex } from 'knex';

// Issue 16, alerts where the team works: an outbox row says how it leaves, by e-mail or through a group robot's
// webhook (企业微信 wecom, 钉钉 dingtalk), so robot alerts get the outbox's guarantees (stored once by the unique
// key, retried with backoff, never dropped). Every row so far is an e-mail. The unique key is unchanged: a robot's
// message is its own recipient (`robot:wecom`).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.string('channel', 16).notNullable().defaultTo('email');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('channel');
  });
}
