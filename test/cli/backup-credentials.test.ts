// `entitle --help` names the backup commands; on MySQL the client tools get the credentials from an option file,
// so a password with quotes, a backslash, a comment sign, a space and a semicolon must reach them intact, and
// appear in nothing printed. (That user cannot see root's sessions in the process list, so the test's own open
// connection does not count as a server: the in-use check sees only what the user may see, as docs/backups.md says.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../support/databases.ts';
import { runCli } from '../support/run-cli.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-backup-credentials-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

it('lists backup and restore in entitle --help', async () => {
  const help = await runCli(['--help'], {});
  expect(help.stdout).toMatch(/^\s+backup \[options\] <file>\s+备份数据库/m);
  expect(help.stdout).toMatch(/^\s+restore <file>\s+从备份恢复数据库/m);
});

for (const engine of ENGINES.filter((e) => e === 'mysql')) {
  describe(`entitle backup with a password the option file must quote [${engine}]`, () => {
    const password = `p"a\\s#s w'rd;x`;
    const user = `bk_${process.pid}_${Date.now() % 100_000}`;
    let db: Awaited<ReturnType<typeof createTestDatabase>>;
    const urlWith = (secret: string) => {
      const url = new URL(db.url);
      url.username = user;
      url.password = encodeURIComponent(secret);
      return url.toString();
    };
    beforeAll(async () => {
      db = await createTestDatabase(engine);
      await db.db.raw('CREATE USER ??@? IDENTIFIED BY ?', [user, '%', password]);
      await db.db.raw('GRANT ALL ON ??.* TO ??@?', [new URL(db.url).pathname.slice(1), user, '%']);
    });
    afterAll(async () => {
      await db.db.raw('DROP USER IF EXISTS ??@?', [user, '%']);
      await db.destroy();
    });

    it('backs up and restores over the database as that user, and never prints the password', async () => {
      const file = path.join(tmp, 'quoted-password.sql');
      const backup = await runCli(['backup', file], { DATABASE_URL: urlWith(password) });
      expect(backup.code, backup.stderr).toBe(0);
      // After the backup: a row and a table of its own. Restored over, the database holds the backup and nothing else.
      const at = '2026-12-05T00:00:00.000Z';
      await db.db('customers').insert({ name: '备份之后的客户', created_at: at, updated_at: at });
      await db.db.raw('create table stray (id int primary key)');
      const restore = await runCli(['restore', file], { DATABASE_URL: urlWith(password) });
      expect(restore.code, restore.stderr).toBe(0);
      expect(await db.db('customers').where({ name: '备份之后的客户' }).first()).toBeUndefined();
      expect(await db.db.schema.hasTable('stray')).toBe(false);
      expect(await db.db.schema.hasTable('customers')).toBe(true);
      const wrong = `${password}-wrong`;
      const refused = await runCli(['backup', path.join(tmp, 'refused.sql')], { DATABASE_URL: urlWith(wrong) });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('Access denied');
      expect(fs.existsSync(path.join(tmp, 'refused.sql'))).toBe(false);
      for (const out of [backup, restore, refused]) {
        expect(`${out.stdout}${out.stderr}`).not.toContain('w\'rd');
        expect(`${out.stdout}${out.stderr}`).not.toContain(encodeURIComponent(password));
      }
    });
  });
}
