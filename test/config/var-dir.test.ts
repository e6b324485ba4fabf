// var/ is private: made 0700, the SQLite database and what SQLite keeps beside it 0600, and anything an older
// version left readable tightened — but never a directory the operator chose for the database elsewhere.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { secureVarDir } from '../../src/config/var-dir.ts';
import { openDatabase } from '../../src/db/database.ts';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-var-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('the embedded data directory', () => {
  it('creates the database file 0600 in a new 0700 directory, and SQLite’s -wal and -shm files take its mode', async () => {
    const file = path.join(root, 'fresh', 'var', 'entitle.db');
    const db = openDatabase({ client: 'sqlite', filename: file });
    try {
      await db.schema.createTable('t', (t) => t.increments('id'));
      await db('t').insert({});
      for (const name of ['entitle.db', 'entitle.db-wal', 'entitle.db-shm']) expect(modeOf(path.join(path.dirname(file), name)), name).toBe(0o600);
      expect(modeOf(path.dirname(file))).toBe(0o700);
      expect(modeOf(path.join(root, 'fresh'))).toBe(0o700);
    } finally {
      await db.destroy();
    }
  });

  it('tightens var/, the database, its companions and the secrets, and reports each change', () => {
    const dir = path.join(root, 'old', 'var');
    fs.mkdirSync(dir, { recursive: true });
    fs.chmodSync(dir, 0o775);
    for (const name of ['entitle.db', 'entitle.db-wal', 'session-secret', 'initial-admin-password', 'unrelated.txt']) {
      fs.writeFileSync(path.join(dir, name), 'x');
      fs.chmodSync(path.join(dir, name), 0o644);
    }
    fs.chmodSync(path.join(dir, 'entitle.db-wal'), 0o640);
    const config = loadConfig({ VAR_DIR: dir }, root);
    expect(secureVarDir(config)).toEqual([
      { path: dir, from: '0775', to: '0700' },
      { path: path.join(dir, 'entitle.db'), from: '0644', to: '0600' },
      { path: path.join(dir, 'entitle.db-wal'), from: '0640', to: '0600' },
      { path: path.join(dir, 'session-secret'), from: '0644', to: '0600' },
      { path: path.join(dir, 'initial-admin-password'), from: '0644', to: '0600' },
    ]);
    expect(modeOf(path.join(dir, 'unrelated.txt'))).toBe(0o644);
    // Nothing left to do the second time.
    expect(secureVarDir(config)).toEqual([]);
  });

  it('leaves the directory of a database configured elsewhere as the operator set it, but makes the file private', () => {
    const elsewhere = path.join(root, 'srv');
    fs.mkdirSync(elsewhere, { mode: 0o755 });
    fs.chmodSync(elsewhere, 0o755);
    fs.writeFileSync(path.join(elsewhere, 'data.db'), '');
    fs.chmodSync(path.join(elsewhere, 'data.db'), 0o644);
    const config = loadConfig({ VAR_DIR: path.join(root, 'var2'), DATABASE_URL: `sqlite:${path.join(elsewhere, 'data.db')}` }, root);
    expect(secureVarDir(config).map((c) => path.basename(c.path))).toEqual(['data.db']);
    expect(modeOf(elsewhere)).toBe(0o755);
    expect(modeOf(path.join(root, 'var2'))).toBe(0o700);
  });
});
