// A SQLite restore over a database a server left behind: the database is replaced in one rename, the old one is
// kept whole — what a crash left in its WAL included, never applied to the restored file — and a backup of an older
// schema is migrated up, even one taken while a migration held the migrations table's lock. The backup file itself is private and a SQLite file of its own (no WAL beside it).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '../../src/db/database-backup.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateLatest, migratorConfig } from '../../src/db/migrations.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-sqlite-restore-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const at = '2026-12-05T00:00:00.000Z';
const customers = (file: string) => {
  const db = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('select name from customers order by name').all() as { name: string }[]).map((r) => r.name);
  } finally {
    db.close();
  }
};

it('replaces the database in one step, keeps the old one with what a crash left in its WAL, and migrates an older backup up (its migration lock freed)', async () => {
  const names = (await migratorConfig.migrationSource!.getMigrations([])) as string[];

  // The backup: a database one migration behind this code, with one customer.
  const source = path.join(tmp, 'source.db');
  const older = openDatabase({ client: 'sqlite', filename: source });
  await migrateLatest(older);
  await older.migrate.down(migratorConfig);
  await older('customers').insert({ name: '备份里的客户', created_at: at, updated_at: at });
  // Taken while a migration ran: the migrations table's lock is held in the backup.
  await older('knex_migrations_lock').update({ is_locked: 1 });
  await older.destroy();
  const file = path.join(tmp, 'entitle.backup');
  const backup = await backupDatabase({ client: 'sqlite', filename: source }, file);
  expect(backup.migrations).toBe(names.length - 1);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.existsSync(`${file}-wal`)).toBe(false);
  expect(fs.readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([1, 1])); // rollback journal, not WAL

  // The database to restore over, as a crashed server leaves it: a committed row still only in its -wal file.
  const live = path.join(tmp, 'live.db');
  const current = openDatabase({ client: 'sqlite', filename: live });
  await migrateLatest(current);
  await current('customers').insert({ name: '原有客户', created_at: at, updated_at: at });
  await current.destroy();
  const server = new Sqlite(live);
  server.pragma('journal_mode = WAL');
  server.pragma('wal_autocheckpoint = 0');
  server.prepare('insert into customers (name, created_at, updated_at) values (?, ?, ?)').run('只在 WAL 里的客户', at, at);
  const crashed = path.join(tmp, 'crashed');
  fs.mkdirSync(crashed);
  for (const suffix of ['', '-wal', '-shm']) fs.copyFileSync(`${live}${suffix}`, path.join(crashed, `entitle.db${suffix}`));
  server.close();
  const target = path.join(crashed, 'entitle.db');
  expect(fs.statSync(`${target}-wal`).size).toBeGreaterThan(0);

  const outcome = await restoreDatabase({ client: 'sqlite', filename: target }, file);
  expect(outcome.applied).toEqual([names.at(-1)]);
  expect(customers(target)).toEqual(['备份里的客户']);
  expect(outcome.keptAs).toMatch(/entitle\.db\.before-restore-/);
  expect(customers(outcome.keptAs!).sort()).toEqual(['原有客户', '只在 WAL 里的客户'].sort());
  expect(fs.readdirSync(crashed).filter((f) => f.startsWith('.'))).toEqual([]);
  expect(fs.statSync(target).mode & 0o777).toBe(0o600);

  // The restored file is a working database at this code's schema.
  const restored = openDatabase({ client: 'sqlite', filename: target });
  try {
    expect(await migrateLatest(restored)).toEqual([]);
    expect(((await restored('knex_migrations').select('name')) as { name: string }[]).map((r) => r.name)).toEqual(names);
  } finally {
    await restored.destroy();
  }
});

it('refuses to back up a database file that is not there, and leaves no file', async () => {
  const file = path.join(tmp, 'nothing.backup');
  await expect(backupDatabase({ client: 'sqlite', filename: path.join(tmp, 'missing.db') }, file)).rejects.toMatchObject({ code: 'DATABASE_NOT_FOUND' });
  expect(fs.existsSync(file)).toBe(false);
});
