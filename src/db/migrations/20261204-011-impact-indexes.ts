import type { Knex } from 'knex';

// Placeholder, filled in by workstream B (contracts data and forms) of issue 12.
export async function up(_knex: Knex): Promise<void> {}

export async function down(_knex: Knex): Promise<void> {}
