// The migrations a restored database still needs. A backup taken while a migration ran records the migrations
// table as locked; nothing else can be using a database being restored (the restore checked), so that lock is a
// leftover of the backup's moment and is freed before migrating, or knex would refuse to migrate ("Migration table
// is already locked").
import type { Database } from './database.ts';
import { migrateLatest, migratorConfig } from './migrations.ts';

export async function migrateRestored(db: Database): Promise<string[]> {
  // Its row updated rather than replaced (knex's forceFreeMigrationsLock deletes and inserts it): the restored
  // tables stay row for row the backup's.
  const lockTable = `${migratorConfig.tableName}_lock`;
  if (await db.schema.hasTable(lockTable)) await db(lockTable).update({ is_locked: 0 });
  return migrateLatest(db);
}
