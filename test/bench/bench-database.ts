// A fresh database for one benchmark run: a SQLite file in a temporary folder, or a throwaway MySQL schema on
// TEST_MYSQL_URL's server (default mysql://root@127.0.0.1:3306/test). Child processes open it through `url`.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseDatabaseUrl, testMysqlUrl } from '../../src/config/config.ts';
import { assertReachable, openDatabase, type Database } from '../../src/db/database.ts';

const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/test';

export interface BenchDatabase {
  /** The engine, its version and where the data is, for the printed figures. */
  engine: string;
  db: Database;
  /** DATABASE_URL for a child process. */
  url: string;
  /** Closes the connections and removes the data (unless kept). */
  destroy(): Promise<void>;
  /** Closes the connections and leaves the data. */
  close(): Promise<void>;
}

/** `name` tells the temporary folders apart (entitle-bench-NAME-…); `keep` leaves the data after destroy(). */
export async function createBenchDatabase(engine: 'sqlite' | 'mysql', options: { name: string; keep?: boolean }): Promise<BenchDatabase> {
  const keep = options.keep ?? false;
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `entitle-bench-${options.name}-`));
    const filename = path.join(dir, 'entitle.db');
    const db = openDatabase({ client: 'sqlite', filename });
    const version = ((await db.raw('select sqlite_version() as v')) as { v: string }[])[0]?.v ?? '?';
    return {
      engine: `SQLite ${version} (file ${filename}, WAL)`,
      db,
      url: `sqlite:${filename}`,
      async destroy() {
        await db.destroy();
        if (!keep) fs.rmSync(dir, { recursive: true, force: true });
      },
      close: () => db.destroy(),
    };
  }
  const serverUrl = testMysqlUrl() ?? DEFAULT_MYSQL_URL;
  const server = parseDatabaseUrl(serverUrl);
  if (server.client !== 'mysql') throw new Error(`TEST_MYSQL_URL must be a mysql:// URL, got ${server.client}`);
  const admin = openDatabase(server);
  try {
    await assertReachable(admin, `MySQL (${serverUrl.replace(/\/\/([^:/@]+):([^@]*)@/, '//$1:***@')})`);
  } catch (err) {
    await admin.destroy();
    throw err;
  }
  const name = `entitle_bench_${randomBytes(4).toString('hex')}`;
  await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [name]);
  const [[{ v: version }]] = (await admin.raw('select version() as v')) as [[{ v: string }]];
  const db = openDatabase({ ...server, database: name });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    engine: `MySQL ${version} at ${server.host}:${server.port} (schema ${name})`,
    db,
    url: url.toString(),
    async destroy() {
      await db.destroy();
      if (!keep) await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      await admin.destroy();
    },
    async close() {
      await db.destroy();
      await admin.destroy();
    },
  };
}
