import type { Knex } from 'knex';

// Activations are unique by constraint (issue 12, item 8): parallel identical activations made 9 rows on
// MariaDB, where the service's read-then-insert let them all through.
// - (policy_version_id, effective_from): one version activated from one instant once.
// - (policy_version_id, follows_activation_id): an activation "from now" carries the id of the activation in
//   force when it was asked for (0 for none), so parallel asks to activate a version now, each with its own
//   millisecond, still record once. Dated activations leave it null, and NULLs never collide on either engine.
// Existing duplicates (same version and instant) are collapsed first, keeping the earliest row.
export async function up(knex: Knex): Promise<void> {
  const rows = (await knex('policy_activations').select('id', 'policy_version_id', 'effective_from').orderBy('id')) as { id: number; policy_version_id: number; effective_from: string }[];
  const seen = new Set<string>();
  const duplicates: number[] = [];
  for (const r of rows) {
    const key = `${r.policy_version_id}\u0000${r.effective_from}`;
    if (seen.has(key)) duplicates.push(Number(r.id));
    else seen.add(key);
  }
  for (let i = 0; i < duplicates.length; i += 500) await knex('policy_activations').whereIn('id', duplicates.slice(i, i + 500)).del();
  await knex.schema.alterTable('policy_activations', (t) => {
    t.integer('follows_activation_id').nullable();
  });
  await knex.schema.alterTable('policy_activations', (t) => {
    t.unique(['policy_version_id', 'effective_from'], { indexName: 'policy_activations_version_from_unique' });
    t.unique(['policy_version_id', 'follows_activation_id'], { indexName: 'policy_activations_version_follows_unique' });
  });
}

export async function down(knex: Knex): Promise<void> {
  // MySQL dropped the foreign key's own index once the unique one could serve it: give it back first.
  if (knex.client.config.client === 'mysql2') {
    const [found] = (await knex.raw('SHOW INDEX FROM policy_activations WHERE Key_name = ?', ['policy_activations_policy_version_id_foreign'])) as [unknown[]];
    if (found.length === 0) {
      await knex.schema.alterTable('policy_activations', (t) => {
        t.index(['policy_version_id'], 'policy_activations_policy_version_id_foreign');
      });
    }
  }
  await knex.schema.alterTable('policy_activations', (t) => {
    t.dropUnique(['policy_version_id', 'follows_activation_id'], 'policy_activations_version_follows_unique');
    t.dropUnique(['policy_version_id', 'effective_from'], 'policy_activations_version_from_unique');
  });
  await knex.schema.alterTable('policy_activations', (t) => {
    t.dropColumn('follows_activation_id');
  });
}
