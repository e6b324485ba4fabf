// Runs a suite against every database engine: SQLite always, MySQL/MariaDB when TEST_MYSQL_URL is set.
// When TEST_MYSQL_URL is set but the server is down, the suite fails: it never skips silently.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { parseDatabaseUrl, testMysqlUrl } from '../../src/config/config.ts';
import { assertReachable, openDatabase, type Database } from '../../src/db/database.ts';
import { migrateLatest } from '../../src/db/migrations.ts';
import { refuseInUnitProject } from './test-project.ts';

export type Engine = 'sqlite' | 'mysql';

export interface TestDatabaseOptions {
  migrate?: boolean;
  /** SQLite in a temporary file instead of memory. */
  file?: boolean;
}

export const ENGINES: Engine[] = testMysqlUrl() ? ['sqlite', 'mysql'] : ['sqlite'];

export interface TestDatabase {
  engine: Engine;
  db: Database;
  /** DATABASE_URL for a child process (the CLI, a second server) to open the same database. */
  url: string;
  destroy(): Promise<void>;
}

/** A fresh, empty database: in-memory SQLite, or a throwaway MySQL schema so parallel test files never collide. */
export async function createTestDatabase(engine: Engine, options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  refuseInUnitProject('a test database');
  if (engine === 'sqlite') {
    // A file rather than :memory: when another process must share it.
    const dir = options.file ? fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-test-')) : null;
    const filename = dir ? path.join(dir, 'entitle.db') : ':memory:';
    const db = openDatabase({ client: 'sqlite', filename });
    if (options.migrate ?? true) await migrateLatest(db);
    return {
      engine,
      db,
      url: `sqlite:${filename}`,
      async destroy() {
        await db.destroy();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const url = testMysqlUrl();
  if (!url) throw new Error('TEST_MYSQL_URL is not set');
  const server = parseDatabaseUrl(url);
  if (server.client !== 'mysql') throw new Error(`TEST_MYSQL_URL must be a mysql:// URL, got ${server.client}`);
  const admin = openDatabase(server);
  try {
    await assertReachable(admin, `MySQL (TEST_MYSQL_URL=${url})`);
  } catch (err) {
    await admin.destroy();
    throw err;
  }
  const name = `entitle_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.raw('CREATE DATABASE ?? CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci', [name]);
  const db = openDatabase({ ...server, database: name });
  if (options.migrate ?? true) await migrateLatest(db);
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  return {
    engine,
    db,
    url: dbUrl.toString(),
    async destroy() {
      await db.destroy();
      await admin.raw('DROP DATABASE IF EXISTS ??', [name]);
      await admin.destroy();
    },
  };
}

/** `describe` once per engine; `current()` gives the suite's database inside tests. */
export function describeEachDatabase(name: string, body: (current: () => TestDatabase) => void, options: TestDatabaseOptions = {}): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let testDb: TestDatabase | undefined;
      beforeAll(async () => {
        testDb = await createTestDatabase(engine, options);
      });
      afterAll(async () => {
        await testDb?.destroy();
      });
      body(() => {
        if (!testDb) throw new Error(`the ${engine} test database was not created`);
        return testDb;
      });
    });
  }
}
