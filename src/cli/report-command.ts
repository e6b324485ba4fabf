// `entitle report run yearly|monthly|at-risk [--date D] [--dry-run]`: a report job by hand, the same run as the
// schedule's and the managers' button; recorded with the others. A dry run renders and says what would go out; a
// run that stores or sends is refused before its reports are owed (a date after today, or today before its slot).
// `entitle report reissue CONTRACT YEAR_END --reason R`: a contract year's report again, corrected (更正版).
import os from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import type { Services } from '../bootstrap.ts';
import type { JobOutcome } from '../jobs/job-types.ts';
import { DomainError } from '../shared/domain-error.ts';
import { isReportKindName, REPORT_KIND_NAMES } from '../report/report-kinds.ts';

type WithServices = <T>(fn: (s: Services) => Promise<T>) => Promise<T>;

export function formatOutcome(outcome: JobOutcome): string {
  const lines = [`${outcome.job}${outcome.dryRun ? ' (试运行 dry run: 未保存、未发送 nothing stored or sent)' : ''} · ${outcome.period}`];
  if (outcome.cutoff) lines.push(`  数据截止 figures as of: ${outcome.cutoff}`);
  if (outcome.lookAhead) lines.push('  前瞻 look ahead: 报告尚未到期,数字按截止时间推算 (not owed yet; figures computed for the cut-off from what is known now)');
  if (outcome.skipped) lines.push(`  跳过 skipped: ${outcome.skipped.zh} / ${outcome.skipped.en}`);
  const fresh = outcome.messages.filter((m) => m.created).length;
  const verb = outcome.dryRun ? '将发送 would send' : '已放入发件箱 queued';
  lines.push(`  ${verb}: ${fresh};已发送过或已在发件箱 already in the outbox: ${outcome.messages.length - fresh}`);
  for (const m of outcome.messages) {
    lines.push(`  ${m.created ? '+' : '='} ${m.subject}${m.review ? '  [专家审核 expert review]' : ''}`);
    lines.push(`      To: ${m.to.join(', ')}${m.cc.length ? `  Cc: ${m.cc.join(', ')}` : ''}`);
  }
  for (const p of outcome.problems) lines.push(`  ! ${p.zh}\n    ${p.en}`);
  return lines.join('\n');
}

/** A refusal of the domain (a bad date, a run not owed yet, a report that cannot be issued again) in both languages. */
function refused(err: unknown): never {
  if (err instanceof DomainError) throw new InvalidArgumentError(`${err.messageZh} (${err.message})`);
  throw err;
}

export function addReportCommand(program: Command, withServices: WithServices): void {
  const report = program.command('report').description('报告邮件 (report e-mails)');
  report
    .command('run')
    .argument('<job>', `任务 (job): ${REPORT_KIND_NAMES.join(' | ')}`)
    .option('--date <date>', '按该日运行 (run as on this day, YYYY-MM-DD; at-risk: also an instant such as 2026-11-27T10:30+08:00); 默认最近一次已到的计划时间 default the latest slot that has come; 今天之后只能试运行 after today only with --dry-run')
    .option('--dry-run', '只生成并列出,不保存、不发送 (render and list; store and send nothing)')
    .option('--json', '输出 JSON (print the outcome as JSON)')
    .description('立即运行一个报告任务 (run a report job now): yearly 报告前一天结束的合同年度, monthly 报告上个月, at-risk 提醒即将超时的请求')
    .action(async (job: string, opts: { date?: string; dryRun?: boolean; json?: boolean }) => {
      if (!isReportKindName(job)) throw new InvalidArgumentError(`未知任务 ${job};应为 ${REPORT_KIND_NAMES.join('、')} (unknown job ${job}; expected ${REPORT_KIND_NAMES.join(', ')})`);
      await withServices(async (s) => {
        const outcome = await s.reports
          .runNow(job, opts.date, { dryRun: opts.dryRun ?? false, actor: `cli:${os.userInfo().username}` }, { jobRuns: s.jobRuns, instance: `cli:${os.hostname()}:${process.pid}` })
          .catch(refused);
        console.log(opts.json ? JSON.stringify(outcome, null, 2) : formatOutcome(outcome));
        if (!opts.dryRun && outcome.messages.some((m) => m.created && !m.review)) console.log('邮件将由运行中的服务器发送 (the running server delivers the queued messages)');
        if (!opts.dryRun && outcome.messages.some((m) => m.created && m.review)) console.log('尊享报告等待总部专家审核:/reports/reviews (Premium reports wait for an expert’s review at /reports/reviews)');
      });
    });
  report
    .command('reissue')
    .argument('<contract>', '合同编号 (contract number)')
    .argument('<yearEnd>', '合同年度最后一天 (the contract year’s last day, YYYY-MM-DD)')
    .requiredOption('--reason <reason>', '重发原因,记入审计日志 (why; kept in the audit log)')
    .description('更正重发一个合同年度的年度服务报告 (issue a contract year’s report again, corrected: the next revision, 更正版 in the subject)')
    .action(async (contract: string, yearEnd: string, opts: { reason: string }) => {
      if (!/^[1-9]\d{0,11}$/.test(contract)) throw new InvalidArgumentError(`合同编号应为正整数:${contract} (a contract number is a positive whole number: ${contract})`);
      await withServices(async (s) => {
        const outcome = await s.reports.reissue(Number(contract), yearEnd, { reason: opts.reason }, { name: `cli:${os.userInfo().username}`, address: null }).catch(refused);
        console.log(`已放入发件箱 queued: 第 ${outcome.revision} 版 revision ${outcome.revision} · ${outcome.subject}`);
        console.log(`    To: ${outcome.to.join(', ')}${outcome.cc.length ? `  Cc: ${outcome.cc.join(', ')}` : ''}`);
        console.log('邮件将由运行中的服务器发送 (the running server delivers the queued messages)');
      });
    });
}
