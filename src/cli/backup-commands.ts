// `entitle backup <file>` and `entitle restore <file>`: the configured database (DATABASE_URL) to a file and back.
// Neither opens the services: a backup runs beside a running server, and a restore refuses one.
import type { Command } from 'commander';
import { loadConfig, redact, type DatabaseConfig } from '../config/config.ts';
import { backupDatabase, restoreDatabase } from '../db/database-backup.ts';

const describeDatabase = (db: DatabaseConfig) => (db.client === 'sqlite' ? `SQLite ${db.filename}` : `MySQL ${redact(db.url)}`);

export function addBackupCommands(program: Command): void {
  program
    .command('backup')
    .argument('<file>', '备份文件 (backup file)')
    .option('--force', '覆盖已存在的文件 (overwrite an existing file)')
    .description('备份数据库,服务器运行时也可以:SQLite 在线备份,MySQL 用 mysqldump --single-transaction (back up the database, while the server runs too; see docs/backups.md)')
    .action(async (file: string, opts: { force?: boolean }) => {
      const { database } = loadConfig();
      const outcome = await backupDatabase(database, file, { force: opts.force });
      console.log(`已备份 backed up ${describeDatabase(database)} → ${outcome.file} (${outcome.bytes} bytes, ${outcome.migrations} migrations)`);
    });

  program
    .command('restore')
    .argument('<file>', '由 entitle backup 写出的备份文件 (a file written by entitle backup)')
    .description('从备份恢复数据库并升级结构;须先停止服务器 (restore the database from a backup and migrate it up; stop the servers first; see docs/backups.md)')
    .action(async (file: string) => {
      const { database } = loadConfig();
      const outcome = await restoreDatabase(database, file);
      console.log(`已恢复 restored ${file} → ${describeDatabase(database)}`);
      if (outcome.keptAs) console.log(`原数据库保留为 the replaced database was kept as ${outcome.keptAs}`);
      console.log(outcome.applied.length ? `已执行迁移 migrations applied: ${outcome.applied.join(', ')}` : '数据库结构已是最新 (schema already up to date)');
    });
}
