import type { Knex } from 'knex';
import { longText } from '../schema-helpers.ts';

// Issue 13, reports:
// - A report may be issued again, corrected: each issue is a revision of one (job, period, recipient), so the
//   outbox's unique key gains the revision. Exactly-once then holds per revision; every row so far is revision 1.
// - A 尊享 yearly report waits for a headquarters expert before it is sent: report_reviews holds the draft (its
//   figures, fixed at the cut-off), its deadline in working time, and what became of it. One review per contract
//   year, by constraint; a decision is one conditional UPDATE of a pending row, so it is taken once, and it carries
//   the message it owes, which is then queued by the outbox's unique key (once, even after a crash in between).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.integer('revision').notNullable().defaultTo(1);
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.unique(['job', 'period_key', 'recipient', 'revision'], { indexName: 'outbox_job_period_recipient_revision_unique' });
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.dropUnique(['job', 'period_key', 'recipient'], 'outbox_job_period_recipient_unique');
  });

  await knex.schema.createTable('report_reviews', (t) => {
    t.increments('id');
    t.integer('contract_id').unsigned().notNullable().references('id').inTable('contracts');
    // The contract year's last day (YYYY-MM-DD): the yearly report's period key in the outbox.
    t.string('period_end', 10).notNullable();
    t.string('subject', 500).notNullable();
    // The drafted report, its figures fixed at the cut-off and the rules' findings as proposed advice.
    longText(knex, t, 'report_json');
    // {"to": [...], "cc": [...]} at drafting; the addresses are read again when the report is sent.
    t.text('recipients_json').notNullable();
    // pending | approved (by an expert) | released (sent with the drafted lines as 系统建议, nobody reviewed in time)
    t.string('status', 20).notNullable();
    t.string('cutoff', 24).notNullable();
    t.string('due_at', 24).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('decided_at', 24).nullable();
    // The expert who approved, as signed in (never a token without an owner).
    t.string('reviewer', 100).nullable();
    // The advice lines as sent (JSON), once decided.
    t.text('advice_json').nullable();
    // Once decided: the outbox message and the audit entry the decision owes ({"message", "audit"}), written with the
    // decision in one statement and queued from here, so that a crash between the two is repaired by the next sweep.
    longText(knex, t, 'queue_json', { nullable: true });
    // Set once the message is in the outbox (null while owed).
    t.integer('outbox_id').nullable();
    t.unique(['contract_id', 'period_end'], { indexName: 'report_reviews_contract_period_unique' });
    t.index(['status', 'due_at'], 'report_reviews_status_due_index');
    t.index(['outbox_id', 'status'], 'report_reviews_unqueued_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('report_reviews');
  // Corrected issues cannot survive the old key: only the first of each is kept.
  await knex('outbox').where('revision', '>', 1).del();
  await knex.schema.alterTable('outbox', (t) => {
    t.unique(['job', 'period_key', 'recipient'], { indexName: 'outbox_job_period_recipient_unique' });
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.dropUnique(['job', 'period_key', 'recipient', 'revision'], 'outbox_job_period_recipient_revision_unique');
  });
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('revision');
  });
}
