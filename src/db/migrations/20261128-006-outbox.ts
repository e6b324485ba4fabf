import type { Knex } from 'knex';
import { longText } from '../schema-helpers.ts';

// The outbox holds every e-mail the server owes someone, from the moment a job decides to send it until it is
// delivered. One row per (job, period, recipient): the unique key is what makes a report go out at most once per
// period, even when two instances or a re-run enqueue it again. Instants are ISO-8601 UTC strings (24 chars), so
// comparisons such as `next_attempt_at <= now` are plain string comparisons on both engines.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('outbox', (t) => {
    t.increments('id');
    t.string('job', 40).notNullable();
    // e.g. 2026-11-27 for a daily job, 2026-10 for a monthly one, a request number for a one-off alert.
    t.string('period_key', 40).notNullable();
    // Who the message is for, as the job names it (a contract, "managers", an address); the addresses are in recipients_json.
    t.string('recipient', 200).notNullable();
    t.string('subject', 500).notNullable();
    longText(knex, t, 'html');
    longText(knex, t, 'text');
    // {"to": [...], "cc": [...]}
    t.text('recipients_json').notNullable();
    // pending | sent; "failing" is a pending row whose attempts passed the threshold, so it is never dropped.
    t.string('status', 20).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('last_error', 1000).nullable();
    t.string('last_attempt_at', 24).nullable();
    t.string('next_attempt_at', 24).notNullable();
    // The lease: which delivery worker holds the row and until when; an expired lease may be taken over.
    t.string('claimed_by', 100).nullable();
    t.string('claimed_until', 24).nullable();
    t.string('sent_at', 24).nullable();
    t.string('message_id', 255).nullable();
    // The .eml file's name under the outbox directory, when there is no SMTP server.
    t.string('eml_file', 255).nullable();
    t.string('created_at', 24).notNullable();
    t.unique(['job', 'period_key', 'recipient'], { indexName: 'outbox_job_period_recipient_unique' });
    t.index(['status', 'next_attempt_at'], 'outbox_status_next_attempt_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('outbox');
}
