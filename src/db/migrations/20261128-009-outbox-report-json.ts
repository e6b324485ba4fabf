import type { Knex } from 'knex';
import { longText } from '../schema-helpers.ts';

// A report in the outbox is kept as its figures (JSON, ~5 KB) and rendered when it is sent, instead of as
// ~50 KB of e-mail HTML rendered by the job: a run over ten thousand contracts then writes a tenth of the
// bytes and leaves a tenth of the garbage. Rows with html/text (no report) are sent as they are.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    longText(knex, t as unknown as Knex.CreateTableBuilder, 'report_json', { nullable: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('report_json');
  });
}
