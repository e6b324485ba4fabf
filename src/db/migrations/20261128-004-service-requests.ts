import type { Knex } from 'knex';

// What intake decided is stored as it was decided: the policy version, the window, the calendar and the
// deadline with its proof. A later policy or calendar change never rewrites a row. Instants are UTC ISO-8601
// strings of one length, so comparing them as text compares them in time.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('service_requests', (t) => {
    t.increments('id');
    t.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts').index();
    t.string('service', 64).notNullable();
    t.string('summary', 2000).notNullable();
    t.string('opened_at', 24).notNullable();
    t.integer('policy_id').notNullable();
    t.integer('policy_version').notNullable();
    t.decimal('window_amount', 8, 2).nullable();
    t.string('window_unit', 16).nullable();
    t.bigInteger('window_ms').nullable();
    t.string('calendar', 100).nullable();
    t.string('respond_by', 24).nullable();
    // When less than 25% of the window is left: the at-risk queue reads it instead of computing every row.
    t.string('at_risk_from', 24).nullable();
    t.text('proof_json').nullable();
    t.string('responded_at', 24).nullable();
    t.string('responded_by', 100).nullable();
    t.string('created_by', 100).notNullable();
    t.string('created_at', 24).notNullable();
    // A hash of the caller and the key it sent: one caller's key never answers with another caller's request.
    t.string('idempotency_key', 64).nullable().unique();
    t.index(['responded_at', 'respond_by']);
    t.index(['responded_at', 'at_risk_from']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('service_requests');
}
