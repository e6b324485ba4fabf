import type { Knex } from 'knex';

// One row per report run: the scheduler's cron slots and catch-ups, and runs started by hand. The unique run_key is
// what coordinates instances: node-cron asks "may I run report:yearly:<slot>?" and the instance whose INSERT (or,
// for a crashed or failed run, whose conditional UPDATE) lands is the one that runs it. Instants are ISO-8601 UTC
// strings of 24 chars, so `lease_until <= now` and "newest slot" are plain string comparisons on both engines.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('job_runs', (t) => {
    t.increments('id');
    // report:<job>:<slot ISO> for the scheduler, <job>:manual:<ISO>:<random> for a run by hand.
    t.string('run_key', 120).notNullable().unique({ indexName: 'job_runs_run_key_unique' });
    t.string('job', 32).notNullable();
    // The moment the run stands for (the cron slot, or the date asked for by hand).
    t.string('slot', 24).notNullable();
    // schedule | catch-up | manual
    t.string('trigger', 16).notNullable();
    // running | done | failed; a running row whose lease has expired belongs to an instance that died.
    t.string('status', 16).notNullable();
    t.string('instance', 100).notNullable();
    t.string('actor', 100).notNullable();
    t.boolean('dry_run').notNullable().defaultTo(false);
    t.string('started_at', 24).notNullable();
    t.string('lease_until', 24).notNullable();
    t.string('finished_at', 24).nullable();
    // A yearly run lists a message per contract: more than MySQL's 64 KB TEXT can hold on a large book.
    t.text('outcome_json', 'mediumtext').nullable();
    t.text('error').nullable();
    t.index(['job', 'slot'], 'job_runs_job_slot_index');
  });
  // The reports select requests by when they were opened (a contract year, a month).
  await knex.schema.alterTable('service_requests', (t) => {
    t.index(['opened_at'], 'service_requests_opened_at_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.dropIndex(['opened_at'], 'service_requests_opened_at_index');
  });
  await knex.schema.dropTableIfExists('job_runs');
}
