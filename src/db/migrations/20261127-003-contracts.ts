import type { Knex } from 'knex';

// Dates of a contract are calendar dates in China (YYYY-MM-DD); instants are ISO-8601 UTC strings.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('customers', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable().unique();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });
  await knex.schema.createTable('customer_contacts', (t) => {
    t.increments('id');
    t.integer('customer_id').unsigned().notNullable().references('id').inTable('customers').onDelete('CASCADE');
    t.string('name', 100).notNullable();
    t.string('email', 200).nullable();
    t.string('role', 16).notNullable();
  });
  await knex.schema.createTable('contracts', (t) => {
    t.increments('id');
    t.integer('customer_id').unsigned().notNullable().references('id').inTable('customers').index();
    t.string('offering', 16).notNullable();
    t.string('tier', 16).notNullable();
    t.string('starts_on', 10).notNullable();
    t.string('ends_on', 10).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
  });
  await knex.schema.createTable('contract_services', (t) => {
    t.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts').onDelete('CASCADE');
    t.string('service', 64).notNullable();
    t.decimal('person_days', 8, 1).notNullable().defaultTo(0);
    t.primary(['contract_id', 'service']);
  });
  await knex.schema.createTable('quota_usage', (t) => {
    t.increments('id');
    t.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts');
    t.string('service', 64).notNullable();
    t.string('period_start', 10).notNullable();
    t.string('used_at', 24).notNullable();
    t.decimal('person_days', 8, 1).notNullable();
    t.string('note', 500).nullable();
    t.string('override_reason', 500).nullable();
    t.string('actor', 100).notNullable();
    t.string('idempotency_key', 100).nullable().unique();
    t.string('created_at', 24).notNullable();
    t.index(['contract_id', 'service', 'period_start']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['quota_usage', 'contract_services', 'contracts', 'customer_contacts', 'customers']) await knex.schema.dropTableIfExists(table);
}
