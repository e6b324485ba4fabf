import type { Knex } from 'knex';

// Issue 15: a resolution target from the workbook's optional 解决时限 table (docs/rules.md), fixed at intake as the
// response window is: the target (amount and unit), its working milliseconds on the request's calendar, and the
// resolve-by instant. resolve_by moves later by the working time a request waits for the customer (the clock
// pauses) or stands resolved before a reopen; it is stored so that the queue can find breached and at-risk
// resolutions by query. Rows from before have no target: their resolutions were recorded, not judged.
const BY_RESOLVE_BY = 'service_requests_state_resolve_by_index';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.decimal('resolution_amount', 8, 2).nullable();
    t.string('resolution_unit', 20).nullable();
    t.bigInteger('resolution_ms').nullable();
    t.string('resolve_by', 24).nullable();
    t.index(['state', 'resolve_by'], BY_RESOLVE_BY);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.dropIndex(['state', 'resolve_by'], BY_RESOLVE_BY);
    t.dropColumn('resolution_amount');
    t.dropColumn('resolution_unit');
    t.dropColumn('resolution_ms');
    t.dropColumn('resolve_by');
  });
}
