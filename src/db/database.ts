// Opens the configured database through knex. Nothing here runs at import time.
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import type { DatabaseConfig } from '../config/config.ts';
import { guardAgainstOutages } from './outage-breaker.ts';

export type Database = Knex;

/** Where knex's own warnings go; without one they are dropped, since failures reach callers as errors anyway. */
export interface DatabaseLog {
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
}

/**
 * knex warns about every failed connection attempt and every dead pooled connection, with a stack. The
 * request that met the failure already logs it, in one line: these go to debug, their first line only.
 */
const CONNECTION_NOISE = /^(Acquire connection error|Connection Error|Knex: Timeout acquiring)/;

function knexLog(log?: DatabaseLog): Knex.Config['log'] {
  const text = (m: unknown) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m));
  const warn = (m: unknown) => {
    const message = text(m);
    if (CONNECTION_NOISE.test(message)) log?.debug?.(message.split('\n')[0]!);
    else log?.warn(message);
  };
  return {
    warn,
    error: (m: unknown) => log?.error(text(m)),
    deprecate: (m: unknown) => log?.warn(text(m)),
    debug: () => {},
  };
}

/** How long a query waits for a pooled MySQL connection before answering 503 instead of hanging (knex: 60 s). */
export const ACQUIRE_TIMEOUT_MS = 10_000;
/** How long opening a MySQL connection may take: a server that does not answer is unavailable, not slow. */
export const CONNECT_TIMEOUT_MS = 5_000;

export function knexConfig(db: DatabaseConfig, log?: DatabaseLog): Knex.Config {
  if (db.client === 'sqlite') {
    return {
      log: knexLog(log),
      // A failed query's message carries its SQL but not its bound values (personal data).
      compileSqlOnError: false,
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
    compileSqlOnError: false,
    client: 'mysql2',
    acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
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
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Finds connections a network device dropped silently; knex then replaces them (a dead connection fails
      // its query with a 503 and is never handed out again).
      enableKeepAlive: true,
      keepAliveInitialDelay: 10_000,
    },
    pool: { min: 0, max: 10 },
  };
}

export function openDatabase(db: DatabaseConfig, log?: DatabaseLog): Database {
  if (db.client === 'sqlite' && db.filename !== ':memory:') {
    // Only the server's user may read the data: a directory made here is 0700, and the database file is made
    // 0600 before SQLite would make it with the umask (0644: readable by every local user). An empty file is a
    // valid new database, and SQLite gives the -wal and -shm files beside it the database file's mode.
    fs.mkdirSync(path.dirname(db.filename), { recursive: true, mode: 0o700 });
    try {
      fs.closeSync(fs.openSync(db.filename, 'wx', 0o600));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  const knex = knexFactory(knexConfig(db, log));
  if (db.client === 'mysql') {
    guardAgainstOutages(knex, {
      opened: (err) => log?.error(`database unreachable (${codeOf(err)}): queries are answered 503 at once; a connection is tried every 250 ms`),
      closed: (downMs) => log?.warn(`database reachable again after ${Math.round(downMs / 100) / 10} s: queries go through`),
    });
  }
  return knex;
}

const codeOf = (err: unknown) => String((err as { code?: unknown } | null)?.code ?? (err as Error | null)?.name ?? 'error');

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
