import type { Knex } from 'knex';

// Issue 15: a service request has a life after intake (docs/service-requests.md).
// - service_requests.state: new | in_progress | waiting_customer | resolved | closed. Before this migration a
//   response closed a request, so rows already answered become closed (closed_at = responded_at, by whoever
//   responded) and unanswered rows are new. Nothing intake recorded (window, deadline, proof, response) changes.
// - priority P1–P4, defaulted from the service. The map is a copy frozen at this migration (src/db sits below
//   src/requests and may not import it); request-priority.ts holds the one new requests get.
// - assignee, resolution (resolved_at, resolved_by, resolution), closed_at/closed_by, and the open pause
//   (paused_since) with the paused time of finished pauses (paused_ms); each pause is also a row of
//   service_request_pauses, so the page can show when the request waited for the customer.
// - service_request_events: the request's history (who, when, what); service_request_comments: internal notes
//   and replies; a reply's e-mail is an outbox row written in the same transaction (outbox_id points at it).
const PRIORITY_AT_MIGRATION: Record<string, string> = {
  emergency_fault: 'P1',
  system_ops: 'P2',
  data_repair: 'P2',
  app_improvement: 'P4',
  customer_success: 'P4',
  community: 'P4',
  update_license: 'P4',
  self_service_ops: 'P4',
  data_optimization: 'P4',
};

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.string('state', 20).notNullable().defaultTo('new');
    t.string('priority', 2).notNullable().defaultTo('P3');
    t.string('assignee', 100).nullable();
    t.string('resolved_at', 24).nullable();
    t.string('resolved_by', 100).nullable();
    t.string('resolution', 2000).nullable();
    t.string('closed_at', 24).nullable();
    t.string('closed_by', 100).nullable();
    t.string('paused_since', 24).nullable();
    t.bigInteger('paused_ms').notNullable().defaultTo(0);
    t.string('updated_at', 24).nullable();
    t.index(['state', 'respond_by'], 'service_requests_state_respond_by_index');
    t.index(['assignee'], 'service_requests_assignee_index');
  });
  for (const [service, priority] of Object.entries(PRIORITY_AT_MIGRATION)) {
    await knex('service_requests').where({ service }).update({ priority });
  }
  await knex('service_requests').whereNotNull('responded_at').update({ state: 'closed', closed_at: knex.ref('responded_at'), closed_by: knex.ref('responded_by') });
  await knex('service_requests').update({ updated_at: knex.ref('created_at') });

  await knex.schema.createTable('service_request_events', (t) => {
    t.increments('id');
    t.integer('request_id').unsigned().notNullable().references('id').inTable('service_requests').onDelete('CASCADE');
    t.string('at', 24).notNullable();
    t.string('actor', 100).notNullable();
    // opened, assigned, priority, state, note, reply, responded, resolved, closed, reopened
    t.string('action', 30).notNullable();
    t.text('details_json').nullable();
    t.index(['request_id', 'id'], 'service_request_events_request_index');
  });
  await knex.schema.createTable('service_request_comments', (t) => {
    t.increments('id');
    t.integer('request_id').unsigned().notNullable().references('id').inTable('service_requests').onDelete('CASCADE');
    // note: internal, never sent; reply: e-mailed to the customer's contacts.
    t.string('kind', 10).notNullable();
    t.text('body').notNullable();
    t.string('author', 100).notNullable();
    t.string('created_at', 24).notNullable();
    // A hash of the author and the form's one-time id (or the API's Idempotency-Key): a double submit is one comment.
    t.string('client_key', 64).nullable().unique();
    t.integer('outbox_id').nullable();
    t.index(['request_id', 'id'], 'service_request_comments_request_index');
  });
  await knex.schema.createTable('service_request_pauses', (t) => {
    t.increments('id');
    t.integer('request_id').unsigned().notNullable().references('id').inTable('service_requests').onDelete('CASCADE');
    t.string('started_at', 24).notNullable();
    t.string('ended_at', 24).nullable();
    t.index(['request_id'], 'service_request_pauses_request_index');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['service_request_pauses', 'service_request_comments', 'service_request_events']) await knex.schema.dropTableIfExists(table);
  await knex.schema.alterTable('service_requests', (t) => {
    t.dropIndex(['assignee'], 'service_requests_assignee_index');
    t.dropIndex(['state', 'respond_by'], 'service_requests_state_respond_by_index');
  });
  await knex.schema.alterTable('service_requests', (t) => {
    for (const column of ['updated_at', 'paused_ms', 'paused_since', 'closed_by', 'closed_at', 'resolution', 'resolved_by', 'resolved_at', 'assignee', 'priority', 'state']) t.dropColumn(column);
  });
}
