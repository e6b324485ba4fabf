// Why a backup or a restore was refused, in words for the person at the terminal (Chinese first, then English).
// Kept apart from the engines' code so the CLI can name it without loading better-sqlite3 or spawning anything.
import { DomainError } from '../shared/domain-error.ts';

export type BackupRefusal =
  | 'BACKUP_NOT_FOUND'
  | 'BACKUP_EXISTS'
  | 'NOT_A_BACKUP'
  | 'BACKUP_NEWER_SCHEMA'
  | 'DATABASE_IN_USE'
  | 'DATABASE_NOT_FOUND'
  | 'BACKUP_TOOL_MISSING'
  | 'BACKUP_FAILED'
  | 'RESTORE_FAILED';

export class BackupError extends DomainError<BackupRefusal> {}

export const backupNotFound = (file: string) =>
  new BackupError('BACKUP_NOT_FOUND', `找不到备份文件:${file}`, `backup file not found: ${file}`, { file });

export const backupExists = (file: string) =>
  new BackupError('BACKUP_EXISTS', `文件已存在,未覆盖:${file}(换一个文件名,或加 --force 覆盖)`, `${file} exists and was left alone (choose another name, or overwrite with --force)`, { file });

export const notABackup = (file: string, why: { zh: string; en: string }) =>
  new BackupError('NOT_A_BACKUP', `${file} 不是 entitle 的备份:${why.zh}`, `${file} is not an entitle backup: ${why.en}`, { file });

export const newerSchema = (file: string, unknown: string[]) =>
  new BackupError(
    'BACKUP_NEWER_SCHEMA',
    `备份来自更新版本的 entitle(本程序不认识的数据库迁移:${unknown.join(', ')}),请用不低于该版本的 entitle 恢复;未做任何改动`,
    `the backup comes from a newer entitle (migrations this code does not know: ${unknown.join(', ')}); restore it with that version or later. Nothing was changed`,
    { file, unknown },
  );

export const databaseInUse = (what: string) =>
  new BackupError(
    'DATABASE_IN_USE',
    `数据库 ${what} 正被其他进程使用(服务器是否在运行?)。请先停止所有 entitle 服务器再恢复;未做任何改动`,
    `the database ${what} is in use by another process (is a server running?). Stop every entitle server before restoring; nothing was changed`,
    { database: what },
  );

export const databaseNotFound = (what: string) =>
  new BackupError('DATABASE_NOT_FOUND', `找不到要备份的数据库:${what}`, `the database to back up was not found: ${what}`, { database: what });

export const toolMissing = (names: string[]) =>
  new BackupError(
    'BACKUP_TOOL_MISSING',
    `找不到 ${names.join(' 或 ')}:请安装 MySQL/MariaDB 客户端(如 apt-get install mariadb-client)`,
    `${names.join(' or ')} not found: install the MySQL/MariaDB client tools (e.g. apt-get install mariadb-client)`,
    { tools: names },
  );

export const backupFailed = (why: string, cause?: unknown) =>
  new BackupError('BACKUP_FAILED', `备份失败,未写入备份文件:${why}`, `backup failed, no backup file was written: ${why}`, null, { cause });

export const restoreFailed = (why: string, cause?: unknown) =>
  new BackupError('RESTORE_FAILED', `恢复失败:${why}`, `restore failed: ${why}`, null, { cause });
