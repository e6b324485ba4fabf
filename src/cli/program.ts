// `entitle` command line: the same use cases as the server, for policy owners at a terminal and for scripts.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { pino } from 'pino';
import { openServices, type Services } from '../bootstrap.ts';
import { ConfigError, loadConfig } from '../config/config.ts';
import { migrateLatest } from '../db/migrations.ts';
import { ParseRefusedError } from '../workbook/parse-pool.ts';
import { createLogger } from '../logger.ts';
import { InvalidInstantError, formatShanghai, parseInstant } from '../calendar/instants.ts';
import { PolicyError, PolicyStorageError } from '../policy/policy-error.ts';
import { stableStringify } from '../policy/stable-json.ts';
import { formatIssue, formatSummary, formatVersions } from './cli-output.ts';
import { importProgress } from './import-progress.ts';
import { runSampleCommand } from './sample-command.ts';
import { LANG_OPTION, parseLang } from './workbook-lang.ts';
import type { WorkbookLang } from '../policy-workbook/column-words.ts';
import { addAccountCommands } from './account-commands.ts';
import { addCheckCommand } from './check-command.ts';
import { addReportCommand } from './report-command.ts';
import { addDoctorCommand } from './doctor-command.ts';
import { addBackupCommands } from './backup-commands.ts';
import { BackupError } from '../db/backup-error.ts';
import { EntitlementError } from '../entitlement/entitlement-service.ts';
import { ContractError } from '../contracts/contract-refusals.ts';
import { AccountError } from '../accounts/account-service.ts';

class UsageError extends Error {}

const cliActor = () => `cli:${os.userInfo().username}`;

function describeInstant(iso: string): string {
  return `${formatShanghai(iso)} (Asia/Shanghai; ${iso})`;
}

function parseVersion(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('版本号应为正整数 (a version is a positive integer)');
  return n;
}

function parseDate(value: string): Date {
  try {
    return parseInstant(value);
  } catch {
    throw new InvalidArgumentError('应为日期 YYYY-MM-DD 或带时区的 ISO-8601 时间 (expected YYYY-MM-DD or an ISO-8601 instant with offset)');
  }
}

async function withServices<T>(fn: (s: Services) => Promise<T>): Promise<T> {
  const config = loadConfig();
  // stdout is the command's answer; the parse pool's lines (the cause behind a refused file's reference) go to stderr.
  const services = await openServices(config, { logger: createLogger(config.logLevel, 'entitle', pino.destination(2)) });
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('entitle')
    .description('金蝶云星空服务权益 entitle: 策略工作簿导入与版本管理 (policy workbooks → versioned rules)')
    .showHelpAfterError();

  program
    .command('migrate')
    .description('升级数据库结构 (run database migrations)')
    .action(async () => {
      const config = loadConfig();
      const { openDatabase } = await import('../db/database.ts');
      const db = openDatabase(config.database);
      try {
        const applied = await migrateLatest(db);
        console.log(applied.length ? `已执行 applied: ${applied.join(', ')}` : '数据库已是最新 (already up to date)');
      } finally {
        await db.destroy();
      }
    });

  program
    .command('import')
    .argument('<file>', '策略工作簿 .xlsx (policy workbook)')
    .option('--activate', '导入后启用 (activate after import)')
    .option('--effective-from <date>', '生效时间,默认现在;过去的日期仅限迁入 (effective date, default now; a past date only when moving in, see README)', parseDate)
    .option('--dry-run', '只校验,不保存 (validate only, store nothing)')
    .description('导入策略工作簿为草稿版本 (import a workbook as a draft version)')
    .action(async (file: string, opts: { activate?: boolean; effectiveFrom?: Date; dryRun?: boolean }) => {
      if (opts.effectiveFrom && !opts.activate) {
        throw new UsageError('--effective-from 需要与 --activate 一起使用 (--effective-from needs --activate)');
      }
      await withServices(async (s) => {
        // Refuse an oversized file before reading it into memory.
        const { size } = await fs.stat(file);
        if (size > s.config.upload.maxFileBytes) {
          const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
          console.error(
            `文件过大:${mb(size)} MB,上限 ${mb(s.config.upload.maxFileBytes)} MB (MAX_UPLOAD_MB)\n` +
              `file too large: ${mb(size)} MB, the limit is ${mb(s.config.upload.maxFileBytes)} MB (MAX_UPLOAD_MB)`,
          );
          process.exitCode = 1;
          return;
        }
        const bytes = await fs.readFile(file);
        const progress = importProgress();
        const outcome = await s.policies
          .importWorkbook({
            bytes,
            filename: path.basename(file),
            actor: cliActor(),
            dryRun: opts.dryRun,
            activate: opts.activate,
            effectiveFrom: opts.effectiveFrom,
            limits: s.config.upload,
            onProgress: progress.update,
          })
          .finally(progress.stop);
        if (outcome.status === 'rejected') {
          const errors = outcome.issues.filter((i) => i.severity === 'error');
          console.error(`导入失败:${errors.length} 个错误 (import failed: ${errors.length} error(s))`);
          console.error(outcome.issues.map(formatIssue).join('\n'));
          process.exitCode = 1;
          return;
        }
        // As on the pages and the API: a year this workbook and the shipped data leave without holidays is said.
        const document = outcome.status === 'dry_run' ? outcome.document : await s.policies.getRules(outcome.version.version);
        console.log(formatSummary({ ...outcome.summary, warnings: [...outcome.summary.warnings, ...s.holidays.documentWarnings(document)] }));
        if (outcome.status === 'dry_run') {
          console.log('试运行:未保存 (dry run: nothing stored)');
          return;
        }
        const verb = outcome.status === 'created' ? '已创建版本 created version' : '相同工作簿已导入过,沿用版本 same bytes already imported as version';
        console.log(`${verb} ${outcome.version.version} (${outcome.version.status})`);
        if (outcome.activation) console.log(`生效时间 effective from ${describeInstant(outcome.activation.effectiveFrom)}`);
        if (outcome.activationRefused) {
          // Stored as a draft for review; asking for activation and not getting it is a failure to the caller.
          console.error(`未启用 not activated:\n${outcome.activationRefused.messageZh}\n${outcome.activationRefused.message}`);
          process.exitCode = 1;
        }
      });
    });

  program
    .command('activate')
    .argument('<version>', '版本号 (version number)', parseVersion)
    .option('--effective-from <date>', '生效时间,默认现在;过去的日期仅限迁入 (effective date, default now; a past date only when moving in, see README)', parseDate)
    .description('启用一个版本 (activate a version from a date)')
    .action(async (version: number, opts: { effectiveFrom?: Date }) => {
      await withServices(async (s) => {
        const activation = await s.policies.activate(version, cliActor(), opts.effectiveFrom);
        const when = describeInstant(activation.effectiveFrom);
        console.log(`版本 ${version} 自 ${when} 起生效 (version ${version} effective from ${when})`);
      });
    });

  program
    .command('withdraw')
    .argument('<version>', '版本号 (version number)', parseVersion)
    .description('撤回尚未生效的启用 (withdraw a scheduled activation before it takes effect; kept in history)')
    .action(async (version: number) => {
      await withServices(async (s) => {
        for (const w of await s.policies.withdraw(version, cliActor())) {
          const when = describeInstant(w.effectiveFrom);
          console.log(`已撤回版本 ${version} 自 ${when} 起的启用 (withdrew version ${version}'s activation from ${when})`);
        }
      });
    });

  program
    .command('policies')
    .option('--json', '输出 JSON (print JSON)')
    .description('列出策略版本 (list policy versions)')
    .action(async (opts: { json?: boolean }) => {
      await withServices(async (s) => {
        const versions = await s.policies.listVersions();
        console.log(opts.json ? JSON.stringify(versions, null, 2) : formatVersions(versions));
      });
    });

  program
    .command('rules')
    .argument('<version>', '版本号 (version number)', parseVersion)
    .description('打印版本的规则 JSON (print a version’s rules JSON)')
    .action(async (version: number) => {
      await withServices(async (s) => process.stdout.write(stableStringify(await s.policies.getRules(version))));
    });

  program
    .command('export')
    .argument('<version>', '版本号 (version number)', parseVersion)
    .argument('<file>', '输出的 .xlsx 文件 (output file)')
    .option(...LANG_OPTION, parseLang, 'zh')
    .description('将版本导出为工作簿 (write a version back to a workbook)')
    .action(async (version: number, file: string, opts: { lang: WorkbookLang }) => {
      await withServices(async (s) => {
        await fs.writeFile(file, await s.policies.exportWorkbook(version, opts.lang));
        console.log(`已导出 exported version ${version} → ${file}${opts.lang === 'zh' ? '' : ` (${opts.lang})`}`);
      });
    });

  program
    .command('sample')
    .option('--out <file>', '示例工作簿,默认 imports/sample-policy.xlsx,英文为 imports/sample-policy-en.xlsx (sample workbook path)')
    .option('--rules <file>', '生成的规则 JSON,默认 rules/sample-policy.rules.json,英文默认不写 (rules JSON path; none by default for en)')
    .option(...LANG_OPTION, parseLang, 'zh')
    .description('重新生成示例工作簿及其规则 (regenerate the sample workbook and its rules; --lang en writes the English sample)')
    .action(runSampleCommand);

  addAccountCommands(program, withServices);
  addCheckCommand(program, withServices);
  addReportCommand(program, withServices);
  addDoctorCommand(program, withServices);
  addBackupCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) console.error(`配置错误 configuration error:\n${err.problems.map((p) => `  - ${p}`).join('\n')}`);
    else if (err instanceof PolicyError || err instanceof PolicyStorageError || err instanceof ParseRefusedError) console.error(`${err.messageZh}\n${err.message}`);
    else if (err instanceof UsageError) console.error(err.message);
    else if (err instanceof BackupError) console.error(`${err.messageZh}\n${err.message}`);
    else if (err instanceof AccountError) console.error(`${err.messageZh}\n${err.message}`);
    else if (err instanceof InvalidArgumentError) console.error(err.message);
    else if (err instanceof ContractError) console.error(`${err.messageZh}\n${err.message}`);
    else if (err instanceof EntitlementError) console.error(`${err.messageZh}\n${err.message}\n${JSON.stringify(err.details)}`);
    else if (err instanceof InvalidInstantError) console.error(err.message);
    else if ((err as NodeJS.ErrnoException).code === 'ENOENT') console.error(`找不到文件 file not found: ${(err as NodeJS.ErrnoException).path}`);
    else console.error(`失败 failed: ${(err as Error).message}`);
    process.exitCode = 1;
  }
}
