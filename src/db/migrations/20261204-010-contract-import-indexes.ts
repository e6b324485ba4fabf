import type { Knex } from 'knex';

// The contract import asks, for each new contact, whether its customer already knows that name; customer pages
// list a customer's contacts. SQLite had no index on customer_contacts.customer_id at all, so every such question
// scanned the whole table (an import of n rows cost n scans). The index on (customer_id, name) answers both.
// MySQL had made an index of its own for the foreign key on customer_id; the new one starts with that column, so
// it serves the foreign key too, and MySQL drops its own when the new one is added (MariaDB does so; MySQL "may").
// Whatever is left of it is dropped here, and `down` puts it back before it removes the new one, which MySQL
// would otherwise refuse as the foreign key's only index.
const NAME = 'customer_contacts_customer_id_name_index';
const FOREIGN_KEY_INDEX = 'customer_contacts_customer_id_foreign';

const isMysql = (knex: Knex) => knex.client.config.client === 'mysql2';

async function hasIndex(knex: Knex, name: string): Promise<boolean> {
  const [rows] = (await knex.raw('select 1 from information_schema.statistics where table_schema = database() and table_name = ? and index_name = ? limit 1', ['customer_contacts', name])) as [unknown[]];
  return rows.length > 0;
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('customer_contacts', (t) => {
    t.index(['customer_id', 'name'], NAME);
  });
  if (isMysql(knex) && (await hasIndex(knex, FOREIGN_KEY_INDEX))) {
    await knex.schema.alterTable('customer_contacts', (t) => {
      t.dropIndex(['customer_id'], FOREIGN_KEY_INDEX);
    });
  }
}

export async function down(knex: Knex): Promise<void> {
  if (isMysql(knex)) {
    await knex.schema.alterTable('customer_contacts', (t) => {
      t.index(['customer_id'], FOREIGN_KEY_INDEX);
    });
  }
  await knex.schema.alterTable('customer_contacts', (t) => {
    t.dropIndex(['customer_id', 'name'], NAME);
  });
}
