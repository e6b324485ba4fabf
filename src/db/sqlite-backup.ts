// SQLite backups through SQLite's online backup API, and restores that swap the file in whole.
//
// Backup: the pages are copied in one step, i.e. inside one read transaction of the source. In WAL mode a read
// transaction sees the last commit before it began and never blocks writers (nor is blocked by them), so the copy
// is the database as of one commit, taken while a server keeps writing. (Copied in several steps, SQLite would
// restart the copy whenever another connection wrote between two steps.) The copy is then taken out of WAL mode,
// so the backup is one self-contained file, checked, and renamed into place: a backup file is whole or absent.
//
// Restore: the backup is checked first (a SQLite file, this application's migrations table, no migration newer than
// this code), copied beside the database, migrated up there, and renamed over the database in one step; the database
// it replaces stays beside it as `<name>.before-restore-<time>`. A database another connection has open (a running
// server) is refused: renaming a file under an open server would leave the server writing to the replaced one.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { backupExists, backupFailed, backupNotFound, databaseInUse, databaseNotFound, newerSchema, notABackup, restoreFailed } from './backup-error.ts';
import { openDatabase } from './database.ts';
import { migrateRestored } from './restored-migrations.ts';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
/** Pages per backup step: all of them, so the copy is one read transaction (better-sqlite3 caps it here). */
const ALL_PAGES = 0x7fffffff;

export interface BackupOutcome {
  file: string;
  bytes: number;
  /** Migrations recorded in the backup: the schema it holds. */
  migrations: number;
}

export interface RestoreOutcome {
  /** Migrations the restore ran after loading the backup (the backup was older than this code). */
  applied: string[];
  /** Where the database the restore replaced was kept; null when there was none. */
  keptAs: string | null;
}

const tempBeside = (file: string, purpose: string) => path.join(path.dirname(file), `.${path.basename(file)}.${purpose}-${randomBytes(4).toString('hex')}`);

/** A file only the owner may read: backups hold customers' names and addresses, and password hashes. */
function createPrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'wx', 0o600));
}

function syncFileAndDir(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  const dir = fs.openSync(path.dirname(file), 'r');
  try {
    fs.fsyncSync(dir);
  } finally {
    fs.closeSync(dir);
  }
}

export async function backupSqlite(database: string, file: string, options: { force?: boolean } = {}): Promise<BackupOutcome> {
  if (database === ':memory:' || !fs.existsSync(database)) throw databaseNotFound(database);
  if (fs.existsSync(file) && !options.force) throw backupExists(file);
  if (path.resolve(file) === path.resolve(database)) throw backupExists(file);
  if (!fs.existsSync(path.dirname(path.resolve(file)))) throw backupFailed(`目录不存在 the directory does not exist: ${path.dirname(path.resolve(file))}`);
  const temp = tempBeside(path.resolve(file), 'partial');
  createPrivateFile(temp);
  try {
    // Waits for a writer's commit to finish as a server's connections do, rather than failing at once.
    const source = new Sqlite(database, { fileMustExist: true, timeout: 5000 });
    try {
      await source.backup(temp, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    const copy = new Sqlite(temp, { fileMustExist: true });
    let migrations: number;
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw backupFailed(`副本未通过检查 the copy failed its check: ${String(check)}`);
      migrations = migrationNames(copy).length;
    } finally {
      copy.close();
    }
    syncFileAndDir(temp);
    fs.renameSync(temp, file);
    return { file, bytes: fs.statSync(file).size, migrations };
  } catch (err) {
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

function migrationNames(db: Sqlite.Database): string[] {
  const table = db.prepare("select name from sqlite_master where type = 'table' and name = 'knex_migrations'").get();
  if (!table) return [];
  return (db.prepare('select name from knex_migrations order by id').all() as { name: string }[]).map((r) => r.name);
}

/** Refuses a file that is not a whole SQLite backup of this application, or one of a newer schema. */
export function checkSqliteBackup(file: string, known: readonly string[]): { migrations: string[] } {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw notABackupOrMissing(file);
  const head = Buffer.alloc(SQLITE_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(SQLITE_HEADER)) throw notABackup(file, { zh: '不是 SQLite 数据库文件', en: 'not a SQLite database file' });
  let migrations: string[];
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw notABackup(file, { zh: `文件已损坏(${String(check)})`, en: `the file is damaged (${String(check)})` });
    migrations = migrationNames(db);
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('SQLITE_')) throw notABackup(file, { zh: '无法作为 SQLite 数据库读取', en: 'it cannot be read as a SQLite database' });
    throw err;
  } finally {
    db.close();
  }
  if (migrations.length === 0) throw notABackup(file, { zh: '没有 entitle 的数据库迁移记录 (knex_migrations)', en: 'it has no entitle migrations table (knex_migrations)' });
  const unknown = migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) throw newerSchema(file, unknown);
  return { migrations };
}

function notABackupOrMissing(file: string) {
  return fs.existsSync(file) ? notABackup(file, { zh: '不是普通文件', en: 'not a regular file' }) : backupNotFound(file);
}

/**
 * Whether another connection has the database open: an exclusive lock is refused while any connection holds the
 * shared lock every WAL-mode connection keeps for as long as it is open (an idle server included). Closing this
 * probe, the last connection, checkpoints a WAL left behind by a crash into the file, so that file is whole.
 */
function assertNotInUse(database: string): void {
  const probe = new Sqlite(database, { fileMustExist: true, timeout: 0 });
  try {
    probe.pragma('locking_mode = EXCLUSIVE');
    probe.exec('BEGIN EXCLUSIVE');
    probe.exec('COMMIT');
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED') throw databaseInUse(database);
    throw err;
  } finally {
    probe.close();
  }
}

export async function restoreSqlite(file: string, database: string, known: readonly string[]): Promise<RestoreOutcome> {
  checkSqliteBackup(file, known);
  if (database === ':memory:') throw restoreFailed('不能恢复到内存数据库 cannot restore into an in-memory database');
  const exists = fs.existsSync(database) && fs.statSync(database).size > 0;
  if (exists) assertNotInUse(database);
  fs.mkdirSync(path.dirname(database), { recursive: true, mode: 0o700 });
  const temp = tempBeside(database, 'restore');
  createPrivateFile(temp);
  try {
    // Through the backup API rather than a file copy: it reads the backup as SQLite sees it, WAL and all.
    const source = new Sqlite(file, { readonly: true, fileMustExist: true });
    try {
      await source.backup(temp, { progress: () => ALL_PAGES });
    } finally {
      source.close();
    }
    // Migrated before it takes the database's place: a migration that fails leaves the database as it was.
    const db = openDatabase({ client: 'sqlite', filename: temp });
    let applied: string[];
    try {
      applied = await migrateRestored(db);
    } finally {
      await db.destroy();
    }
    syncFileAndDir(temp);
    let keptAs: string | null = null;
    if (exists) {
      // Again, just before the swap: a server started while the copy was migrated would otherwise lose its writes.
      assertNotInUse(database);
      keptAs = `${database}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      // A second name for the old file, so that the rename below replaces the database in one step.
      fs.linkSync(database, keptAs);
    }
    // No connection is open (checked above), so these are a crash's leftovers that belong to the old file.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${database}${suffix}`, { force: true });
    fs.renameSync(temp, database);
    syncFileAndDir(database);
    return { applied, keptAs };
  } catch (err) {
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${temp}${suffix}`, { force: true });
    throw err;
  }
}
