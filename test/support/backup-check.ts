// Reading a whole database back for the backup tests: its tables, each table's rows in a comparable form, and the
// app on a restored database (the same composition as createTestApp, without clearing the tables first).
import type { Database } from '../../src/db/database.ts';
import { isMysql } from '../../src/db/database.ts';
import { createApp, type HttpApp } from '../../src/http/create-app.ts';
import { createLogger } from '../../src/logger.ts';
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
