import type { Knex } from 'knex';

// Issue 16, single sign-on: a user made by an OIDC sign-in is tied to the provider's subject (issuer and `sub`), not
// to a name: a provider account renamed stays the same user, and a local account of the same name is never taken over.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.string('sso_subject', 255).nullable().unique('users_sso_subject_unique');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('users', (t) => {
    t.dropUnique(['sso_subject'], 'users_sso_subject_unique');
    t.dropColumn('sso_subject');
  });
}
