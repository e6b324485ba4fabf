import type { Knex } from 'knex';

// Issue 13, workstream Q.
// - quota_usage.onsite: whether a use was on site (a grant marked 非现场 refuses one without a manager's override).
//   Uses recorded before are taken as off site: the only quota the catalog has (代码诊断) is off site.
// - quota_usage.policy_version: the version the use was decided under, as service requests and quotes keep it;
//   null for uses recorded before. Moving in (a first policy activated from a past date) is refused when a use,
//   request or quote at or after that date was decided under another version; an unknown version counts as another.
// - policy_activations.withdrawn_by / withdrawn_at: moving in withdraws the activations it replaces (the sample
//   activated at install time, say), which nothing was decided under. The row stays, for history; the activation
//   in force at an instant is chosen among those not withdrawn.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('quota_usage', (t) => {
    t.boolean('onsite').notNullable().defaultTo(false);
    t.integer('policy_version').nullable();
  });
  await knex.schema.alterTable('policy_activations', (t) => {
    t.integer('withdrawn_by').nullable();
    t.string('withdrawn_at', 24).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('policy_activations', (t) => {
    t.dropColumn('withdrawn_at');
    t.dropColumn('withdrawn_by');
  });
  await knex.schema.alterTable('quota_usage', (t) => {
    t.dropColumn('policy_version');
    t.dropColumn('onsite');
  });
}
