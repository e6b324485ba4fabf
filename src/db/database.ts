// Opens the configured database through knex. Nothing here runs at import time.
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DatabaseConfig } from '../config/config.ts';

export type Database = Knex;

/** Where knex's own warnings go; without one they are dropped, since failures reach callers as errors anyway. */
export interface DatabaseLog {
  warn(message: string): void;
  error(message: string): void;
}

function knexLog(log?: DatabaseLog): Knex.Config['log'] {
  const text = (m: unknown) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m));
  return {
    warn: (m: unknown) => log?.warn(text(m)),
    error: (m: unknown) => log?.error(text(m)),
    deprecate: (m: unknown) => log?.warn(text(m)),
    debug: () => {},
  };
}

export function knexConfig(db: DatabaseConfig, log?: DatabaseLog): Knex.Config {
  if (db.client === 'sqlite') {
    return {
      log: knexLog(log),
      client: 'better-sqlite3',
      connection: { filename: db.filename },
      useNullAsDefault: true,
      // One connection: SQLite serialises writers anyway, and :memory: must stay one database.
      pool: {
        min: 1,
        max: 1,
        afterCreate: (conn: { pragma: (s: string) => unknown }, done: (err: Error | null, conn: unknown) => void) => {
          conn.pragma('foreign_keys = ON');
          conn.pragma('journal_mode = WAL');
          conn.pragma('busy_timeout = 5000');
          done(null, conn);
        },
      },
    };
  }
  return {
    log: knexLog(log),
    client: 'mysql2',
    connection: {
      host: db.host,
      port: db.port,
      user: db.user,
      password: db.password,
      database: db.database,
      charset: 'utf8mb4',
      // Instants are stored as ISO-8601 UTC strings; keep the session in UTC all the same.
      timezone: 'Z',
      supportBigNumbers: true,
    },
    pool: { min: 0, max: 10 },
  };
}

export function openDatabase(db: DatabaseConfig, log?: DatabaseLog): Database {
  if (db.client === 'sqlite' && db.filename !== ':memory:') {
    fs.mkdirSync(path.dirname(db.filename), { recursive: true });
  }
  return knexFactory(knexConfig(db, log));
}

export function isMysql(db: Database): boolean {
  return db.client.config.client === 'mysql2';
}

/** Fails with a clear message when the server is not reachable. */
export async function assertReachable(db: Database, label: string): Promise<void> {
  try {
    await db.raw('select 1');
  } catch (err) {
    throw new Error(`Cannot reach the ${label} database: ${(err as Error).message}`, { cause: err });
  }
}
