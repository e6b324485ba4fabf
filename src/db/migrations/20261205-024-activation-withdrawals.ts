import type { Knex } from 'knex';

// Issue 16: a scheduled activation can be withdrawn by a person before it takes effect. The row stays (history is
// never rewritten); withdrawn_by/withdrawn_at (migration 016) mark it as never in force, as moving in does, and
// withdrawn_actor says who withdrew it. For a person's withdrawal withdrawn_by is the activation's own id (nothing
// replaced it); for moving in it is the replacing activation's id and withdrawn_actor stays null.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('policy_activations', (t) => {
    t.string('withdrawn_actor', 100).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('policy_activations', (t) => {
    t.dropColumn('withdrawn_actor');
  });
}
