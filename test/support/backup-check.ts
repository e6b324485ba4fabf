// For the backup tests: a whole database read back (its tables, each table's rows in a comparable form), the app on
// a restored database (the same composition as createTestApp, without clearing the tables first), a place to
// restore into, and a backup of something that is not entitle's.
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { backupDatabase } from '../../src/db/database-backup.ts';
import { isMysql, openDatabase, type Database } from '../../src/db/database.ts';
import { createApp, type HttpApp } from '../../src/http/create-app.ts';
import { createLogger } from '../../src/logger.ts';
import { createTestDatabase, type Engine } from './databases.ts';
import { MANAGERS, testConfig, testServices } from './test-services.ts';

export async function tablesOf(db: Database): Promise<string[]> {
  if (isMysql(db)) {
    const rows = (await db('information_schema.TABLES').whereRaw('TABLE_SCHEMA = database()').select({ name: 'TABLE_NAME' })) as { name: string }[];
    return rows.map((r) => r.name).sort();
  }
  const rows = (await db('sqlite_master').where({ type: 'table' }).andWhereNot('name', 'like', 'sqlite_%').select('name')) as { name: string }[];
  return rows.map((r) => r.name).sort();
}

/** Every row of a table, each value as text a set can compare (bytes as hex, instants as ISO). */
export async function tableRows(db: Database, table: string): Promise<Record<string, unknown>[]> {
  const rows = (await db(table).select('*')) as Record<string, unknown>[];
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, Buffer.isBuffer(v) ? `hex:${v.toString('hex')}` : v instanceof Date ? v.toISOString() : v]),
    ),
  );
}

/** The app on a database that already holds its data (a restored one): nothing cleared, nothing seeded. */
export function appOn(db: Database): HttpApp {
  const config = testConfig();
  const services = testServices(db, {}, config);
  return createApp({
    ...services,
    reportSettings: { managers: MANAGERS, schedulerEnabled: false },
    outboxDir: config.mail.outboxDir,
    checkDatabase: async () => void (await db.raw('select 1')),
    logger: createLogger('silent'),
    sessionSecret: 'test-session-secret-that-is-long-enough',
    upload: { maxFileBytes: 10 * 1024 * 1024, maxUncompressedBytes: 30 * 1024 * 1024 },
  });
}

/** Rows in each table: to show a refused restore changed nothing. */
export async function countsOf(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tablesOf(db)) counts[table] = (await tableRows(db, table)).length;
  return counts;
}

/** A well-formed database file (SQLite) or dump (MySQL) of something else, in `dir`: no entitle migrations table. */
export async function foreignBackup(engine: Engine, dir: string): Promise<string> {
  const file = path.join(dir, `foreign-${engine}.backup`);
  if (engine === 'sqlite') {
    const db = new Sqlite(file);
    db.exec('create table notes (id integer primary key, body text)');
    db.close();
    return file;
  }
  const other = await createTestDatabase('mysql', { migrate: false });
  try {
    await other.db.raw('create table notes (id int primary key, body text)');
    await backupDatabase(parseDatabaseUrl(other.url), file);
  } finally {
    await other.destroy();
  }
  return file;
}

export interface RestoreTarget {
  url: string;
  db: Database;
  destroy(): Promise<void>;
}

/**
 * Where a restore goes: a SQLite file under `dir` that does not exist yet (opened once the restore has put it in
 * place), or an empty MySQL schema nobody is connected to.
 */
export async function freshDatabase(engine: Engine, dir: string): Promise<RestoreTarget> {
  if (engine === 'mysql') return createTestDatabase('mysql', { migrate: false });
  const url = `sqlite:${path.join(dir, 'restored', 'entitle.db')}`;
  let db: Database | null = null;
  return {
    url,
    get db() {
      db ??= openDatabase(parseDatabaseUrl(url));
      return db;
    },
    async destroy() {
      await db?.destroy();
    },
  };
}
