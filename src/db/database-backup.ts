// `entitle backup` and `entitle restore`, for whichever database is configured: SQLite through its online backup
// API (src/db/sqlite-backup.ts), MySQL/MariaDB through mysqldump and the mysql client (src/db/mysql-backup.ts).
// A restore refuses a backup of a schema newer than this code: it knows the migrations it ships, and a backup that
// records one it does not know was made by a later version.
import type { DatabaseConfig } from '../config/config.ts';
import { migratorConfig } from './migrations.ts';
import { backupMysql, restoreMysql } from './mysql-backup.ts';
import { backupSqlite, restoreSqlite, type BackupOutcome, type RestoreOutcome } from './sqlite-backup.ts';

export type { BackupOutcome, RestoreOutcome };

async function knownMigrations(): Promise<string[]> {
  return (await migratorConfig.migrationSource!.getMigrations([])) as string[];
}

export async function backupDatabase(database: DatabaseConfig, file: string, options: { force?: boolean } = {}): Promise<BackupOutcome> {
  return database.client === 'sqlite' ? backupSqlite(database.filename, file, options) : backupMysql(database, file, options);
}

export async function restoreDatabase(database: DatabaseConfig, file: string): Promise<RestoreOutcome> {
  const known = await knownMigrations();
  return database.client === 'sqlite' ? restoreSqlite(file, database.filename, known) : restoreMysql(file, database, known);
}
