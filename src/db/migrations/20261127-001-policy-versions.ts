import type { Knex } from 'knex';
import { binaryColumn, longText } from '../schema-helpers.ts';

// Instants are ISO-8601 UTC strings (24 chars): portable, sortable, and unambiguous across engines.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('policy_versions', (t) => {
    t.increments('id');
    t.integer('version').notNullable().unique();
    t.string('workbook_sha256', 64).notNullable().unique();
    t.string('filename', 255).notNullable();
    t.integer('workbook_size').notNullable();
    t.integer('rule_count').notNullable();
    longText(knex, t, 'summary_json');
    t.string('created_at', 24).notNullable();
    t.string('created_by', 100).notNullable();
  });
  // Workbooks and rules are stored in chunks: MySQL refuses a statement larger than max_allowed_packet
  // (16 MB by default), and a 10 MB workbook travels as 20 MB of hex.
  await knex.schema.createTable('policy_blobs', (t) => {
    t.integer('policy_version_id').unsigned().notNullable().references('id').inTable('policy_versions').onDelete('CASCADE');
    t.string('kind', 16).notNullable();
    t.integer('seq').notNullable();
    binaryColumn(knex, t, 'bytes');
    t.primary(['policy_version_id', 'kind', 'seq']);
  });
  await knex.schema.createTable('policy_activations', (t) => {
    t.increments('id');
    t.integer('policy_version_id').unsigned().notNullable().references('id').inTable('policy_versions');
    t.string('effective_from', 24).notNullable().index();
    t.string('activated_at', 24).notNullable();
    t.string('activated_by', 100).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('policy_activations');
  await knex.schema.dropTableIfExists('policy_blobs');
  await knex.schema.dropTableIfExists('policy_versions');
}
