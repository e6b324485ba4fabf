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

export function longText(knex: Knex, t: Knex.CreateTableBuilder, name: string): void {
  t.text(name, onMysql(knex) ? 'longtext' : undefined).notNullable();
}
