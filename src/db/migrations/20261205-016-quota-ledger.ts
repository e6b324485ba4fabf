import type { Knex } from 'knex';

// Placeholder, filled in by workstream Q (quotas, CSM, coverage, moving in) of issue 13.
export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}
