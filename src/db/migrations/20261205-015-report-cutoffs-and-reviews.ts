import type { Knex } from 'knex';

// Placeholder, filled in by workstream R (reports) of issue 13.
export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}
