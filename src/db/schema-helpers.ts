// The few column types the portable schema builder cannot express the same way on both engines.
import type { Knex } from 'knex';

function onMysql(knex: Knex): boolean {
  return knex.client.config.client === 'mysql2';
}

/** MEDIUMBLOB (16 MB) on MySQL, where a plain BLOB stops at 64 KB; SQLite's BLOB has no such limit. */
export function binaryColumn(knex: Knex, t: Knex.CreateTableBuilder, name: string): void {
  if (onMysql(knex)) t.specificType(name, 'mediumblob').notNullable();
  else t.binary(name).notNullable();
}

/** LONGTEXT on MySQL, where TEXT stops at 64 KB; SQLite's TEXT has no such limit. */
export function longText(knex: Knex, t: Knex.CreateTableBuilder, name: string, options: { nullable?: boolean } = {}): void {
  const column = t.text(name, onMysql(knex) ? 'longtext' : undefined);
  if (options.nullable) column.nullable();
  else column.notNullable();
}
