import type { Knex } from 'knex';

// Issue 15, the queue's 解决即将超时 filter: the instant from which less than a quarter of the resolution target is
// left, in working time (src/requests/resolution-clock.ts), fixed at intake beside resolve_by and moved with it
// when a wait for the customer ends or a reopen resumes the clock, so that "at risk" is a query
// (resolve_at_risk_from < now < resolve_by) rather than business-time arithmetic on every row. Rows from before
// keep it null: a migration cannot count working time (that is src/ code, and a calendar's version), so they are
// still judged on their page (即将超时 there) but the at-risk filter does not find them (the breached filter still
// does, once past resolve-by).
const BY_AT_RISK = 'service_requests_state_resolve_at_risk_index';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.string('resolve_at_risk_from', 24).nullable();
    t.index(['state', 'resolve_at_risk_from'], BY_AT_RISK);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('service_requests', (t) => {
    t.dropIndex(['state', 'resolve_at_risk_from'], BY_AT_RISK);
    t.dropColumn('resolve_at_risk_from');
  });
}
