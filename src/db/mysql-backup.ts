// MySQL/MariaDB backups with the server's own tools: mysqldump writes the dump, the mysql client loads it.
//
// `--single-transaction` dumps every table inside one consistent-snapshot InnoDB transaction (REPEATABLE READ), so
// the dump is the database as of one moment, taken while servers keep writing and without locking them out; all
// of entitle's tables are InnoDB. The credentials reach the tools in an option file of their own (mode 0600, in a
// 0700 directory, removed afterwards), never on a command line where `ps` shows it, and are never logged.
//
// Restore: the dump is checked first (a dump, whole to its last line, with this application's migrations table and
// no migration newer than this code); then, in one mysql session, the database's tables are dropped and the dump
// loaded; then the migrations run. A database with other sessions open on it (a running server) is refused.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { PassThrough } from 'node:stream';
import type { DatabaseConfig } from '../config/config.ts';
import { backupExists, backupFailed, backupNotFound, databaseInUse, newerSchema, notABackup, restoreFailed, toolMissing } from './backup-error.ts';
import { openDatabase } from './database.ts';
import { migrateRestored } from './restored-migrations.ts';
import type { BackupOutcome, RestoreOutcome } from './sqlite-backup.ts';

type MysqlConfig = Extract<DatabaseConfig, { client: 'mysql' }>;

/** The client tools under their MySQL names, and MariaDB's (some MariaDB packages ship only these). */
const DUMP_TOOLS = ['mysqldump', 'mariadb-dump'];
const CLIENT_TOOLS = ['mysql', 'mariadb'];
const DUMP_DONE = /^-- Dump completed/m;

/** An option file value: quoted, with the escapes the client reads in quotes. */
function optionValue(value: string): string {
  if (/[\r\n]/.test(value)) throw backupFailed('连接参数含换行 a connection setting holds a line break');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Runs `fn` with the path of a private [client] option file holding the connection settings. */
async function withOptionFile<T>(db: MysqlConfig, fn: (optionFile: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-mysql-'));
  try {
    fs.chmodSync(dir, 0o700);
    const file = path.join(dir, 'client.cnf');
    // TCP as the server's own driver connects: `localhost` would otherwise mean the client's Unix socket.
    const lines = ['[client]', `host=${optionValue(db.host)}`, `port=${db.port}`, `user=${optionValue(db.user)}`, 'protocol=TCP'];
    if (db.password) lines.push(`password=${optionValue(db.password)}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    return await fn(file);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface Run {
  code: number | null;
  stderr: string;
}

/** Spawns the first of `tools` that exists; stdout to `output`, stdin from `input` when given. */
async function runTool(tools: string[], args: string[], io: { output?: NodeJS.WritableStream; input?: NodeJS.ReadableStream }): Promise<Run> {
  for (const tool of tools) {
    const result = await new Promise<Run | 'missing'>((resolve, reject) => {
      const child = spawn(tool, args, { stdio: [io.input ? 'pipe' : 'ignore', io.output ? 'pipe' : 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
      if (io.output) child.stdout!.pipe(io.output, { end: false });
      if (io.input) {
        // The client may stop reading when it fails; its exit code and message say why, not the broken pipe.
        child.stdin!.on('error', () => {});
        io.input.pipe(child.stdin!);
      }
      child.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? resolve('missing') : reject(err)));
      child.on('close', (code) => resolve({ code, stderr }));
    });
    if (result !== 'missing') return result;
  }
  throw toolMissing(tools);
}

export async function backupMysql(db: MysqlConfig, file: string, options: { force?: boolean } = {}): Promise<BackupOutcome> {
  if (fs.existsSync(file) && !options.force) throw backupExists(file);
  const target = path.resolve(file);
  if (!fs.existsSync(path.dirname(target))) throw backupFailed(`目录不存在 the directory does not exist: ${path.dirname(target)}`);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}`);
  const out = fs.createWriteStream(temp, { mode: 0o600 });
  try {
    const run = await withOptionFile(db, (optionFile) =>
      runTool(
        DUMP_TOOLS,
        // --defaults-extra-file must come first. No --databases: the dump names no database, so it loads into any.
        [`--defaults-extra-file=${optionFile}`, '--single-transaction', '--routines', '--triggers', '--hex-blob', '--no-tablespaces', '--default-character-set=utf8mb4', db.database],
        { output: out },
      ),
    );
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    if (run.code !== 0) throw backupFailed(`mysqldump 退出码 exit code ${run.code}: ${run.stderr.trim()}`);
    const { done, migrations } = await readDump(temp);
    if (!done) throw backupFailed('mysqldump 的输出不完整 the dump is incomplete');
    fs.renameSync(temp, target);
    return { file, bytes: fs.statSync(target).size, migrations: migrations.length };
  } catch (err) {
    out.destroy();
    fs.rmSync(temp, { force: true });
    throw err;
  }
}

/** What a dump says of itself: whether mysqldump finished it, and the migrations it records. Read as a stream. */
async function readDump(file: string): Promise<{ dump: boolean; done: boolean; migrations: string[] }> {
  const lines = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let read = 0;
  let dump = false;
  let done = false;
  let inMigrations = false;
  const migrations: string[] = [];
  for await (const line of lines) {
    // Within the first lines: recent MariaDB dumps begin with a line that turns the client's sandbox mode on.
    if (!dump) {
      dump = /^-- (MySQL|MariaDB) dump/.test(line);
      read += 1;
      if (dump || read < 3) continue;
      break;
    }
    // One statement on one line, or (MariaDB 10.11 on) the statement's rows on lines of their own up to the `;`.
    if (line.startsWith('INSERT INTO `knex_migrations` VALUES')) inMigrations = true;
    if (inMigrations) {
      for (const m of line.matchAll(/\(\d+,'((?:[^'\\]|\\.)*)'/g)) migrations.push(m[1]!);
      if (line.trimEnd().endsWith(';')) inMigrations = false;
    }
    if (DUMP_DONE.test(line)) done = true;
  }
  lines.close();
  return { dump, done, migrations };
}

export async function checkMysqlDump(file: string, known: readonly string[]): Promise<{ migrations: string[] }> {
  if (!fs.existsSync(file)) throw backupNotFound(file);
  if (!fs.statSync(file).isFile()) throw notABackup(file, { zh: '不是普通文件', en: 'not a regular file' });
  const { dump, done, migrations } = await readDump(file);
  if (!dump) throw notABackup(file, { zh: '不是 mysqldump 的输出', en: 'not a mysqldump file' });
  if (!done) throw notABackup(file, { zh: '文件不完整(没有 mysqldump 的结束行)', en: 'the file is incomplete (no closing line of mysqldump)' });
  if (migrations.length === 0) throw notABackup(file, { zh: '没有 entitle 的数据库迁移记录 (knex_migrations)', en: 'it has no entitle migrations table (knex_migrations)' });
  const unknown = migrations.filter((m) => !known.includes(m));
  if (unknown.length > 0) throw newerSchema(file, unknown);
  return { migrations };
}

export async function restoreMysql(file: string, config: MysqlConfig, known: readonly string[]): Promise<RestoreOutcome> {
  await checkMysqlDump(file, known);
  const db = openDatabase(config);
  try {
    await db.raw('select 1').catch((err: { code?: string }) => {
      if (err.code === 'ER_BAD_DB_ERROR') throw restoreFailed(`数据库 ${config.database} 不存在,请先创建(CREATE DATABASE) the database ${config.database} does not exist: create it first (CREATE DATABASE)`);
      throw err;
    });
    // Sessions of other connections on this database: a server's pool. Without the PROCESS privilege only the same
    // user's sessions are listed, which is the server's user in the usual set-up.
    const others = (await db.raw('select count(*) as n from information_schema.PROCESSLIST where DB = ? and ID <> CONNECTION_ID()', [config.database])) as [{ n: number | string }[]];
    if (Number(others[0][0]!.n) > 0) throw databaseInUse(config.database);
    const tables = (await db('information_schema.TABLES').where('TABLE_SCHEMA', config.database).select({ name: 'TABLE_NAME' })) as { name: string }[];
    await db.destroy();
    const input = new PassThrough();
    // The database's present tables go first, so that it holds the backup's tables and nothing else.
    const drops = tables.map((t) => `DROP TABLE IF EXISTS \`${t.name.replace(/`/g, '``')}\`;`).join('\n');
    input.write(`SET FOREIGN_KEY_CHECKS=0;\n${drops}\n`);
    fs.createReadStream(file).pipe(input);
    const run = await withOptionFile(config, (optionFile) =>
      runTool(CLIENT_TOOLS, [`--defaults-extra-file=${optionFile}`, '--default-character-set=utf8mb4', config.database], { input }),
    );
    if (run.code !== 0) throw restoreFailed(`mysql 退出码 exit code ${run.code}: ${run.stderr.trim()}(数据库可能只恢复了一部分,请再次恢复 the database may be partly loaded: restore again)`);
  } finally {
    await db.destroy();
  }
  const migrated = openDatabase(config);
  try {
    return { applied: await migrateRestored(migrated), keptAs: null };
  } finally {
    await migrated.destroy();
  }
}
