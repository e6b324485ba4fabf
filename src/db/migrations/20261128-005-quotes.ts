import type { Knex } from 'knex';
import { longText } from '../schema-helpers.ts';

// A quote is stored as it was computed: the policy version, the prices and every line, so that an issued
// quote never changes. Money is integer fen (bigint: a ten-year 尊享 quote can pass 2^31 fen).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('quotes', (t) => {
    t.increments('id');
    // Q-2026-000123, or Q-2026-000123-R2 for a revision; unique across all quotes.
    t.string('number', 32).notNullable().unique();
    t.string('base_number', 32).notNullable().index();
    t.integer('revision').notNullable();
    t.integer('customer_id').unsigned().notNullable().references('id').inTable('customers').index();
    t.string('offering', 16).notNullable();
    t.string('tier', 16).notNullable();
    t.integer('term_years').notNullable();
    t.integer('discount_bp').notNullable();
    t.string('status', 20).notNullable();
    t.integer('policy_id').notNullable();
    t.integer('policy_version').notNullable();
    t.bigInteger('total_fen').notNullable();
    longText(knex, t, 'document_json');
    t.string('valid_until', 10).notNullable();
    t.string('created_by', 100).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('decided_by', 100).nullable();
    t.string('decided_at', 24).nullable();
    t.string('decision_note', 500).nullable();
    t.index(['status', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('quotes');
}
