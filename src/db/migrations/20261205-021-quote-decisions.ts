import type { Knex } from 'knex';

// Issue 16, approvals: a manager's decision is stored on the quote (decided_by, decided_at in UTC, and the
// decision_note: the approval's optional note or the rejection's required reason; columns since migration 005).
// The inbox of quotes waiting is a walk of quotes_status_created_at_index (005) and the nav's count of them a
// count over it. What this adds is the sales user's side: "my quotes rejected lately, with the reason" reads one
// user's rejected quotes by when they were decided, which without an index sorted all of that user's quotes.
const REJECTED_FOR = 'quotes_created_by_status_decided_at_index';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('quotes', (t) => {
    t.index(['created_by', 'status', 'decided_at'], REJECTED_FOR);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('quotes', (t) => {
    t.dropIndex(['created_by', 'status', 'decided_at'], REJECTED_FOR);
  });
}
