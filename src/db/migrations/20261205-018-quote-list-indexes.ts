import type { Knex } from 'knex';

// Issue 15: the quotes list shows the newest quotes first, a page at a time, and filters by the sales user who
// made them. Without an index the database sorted every quote for each page; with one on created_at a page is a
// walk down the index (the id, which breaks ties, is in every index entry on both engines). The status filter
// has quotes_status_created_at_index already (migration 005).
const BY_TIME = 'quotes_created_at_index';
const BY_AUTHOR = 'quotes_created_by_created_at_index';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('quotes', (t) => {
    t.index(['created_at'], BY_TIME);
    t.index(['created_by', 'created_at'], BY_AUTHOR);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('quotes', (t) => {
    t.dropIndex(['created_at'], BY_TIME);
    t.dropIndex(['created_by', 'created_at'], BY_AUTHOR);
  });
}
