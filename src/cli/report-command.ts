// `entitle report run yearly|monthly|at-risk [--date D] [--dry-run]`: a report job by hand, the same run as the
// schedule's and the managers' button; recorded with the others. A dry run renders and says what would go out.
import os from 'node:os';
import { InvalidArgumentError, type Command } from 'commander';
import type { Services } from '../bootstrap.ts';
import type { JobOutcome } from '../jobs/job-types.ts';
import { runJobNow } from '../jobs/report-scheduler.ts';
import { REPORT_JOBS, type ReportJob } from '../report/report-types.ts';
import { manualSlot, SlotError } from '../report/report-slot.ts';

type WithServices = <T>(fn: (s: Services) => Promise<T>) => Promise<T>;

export function formatOutcome(outcome: JobOutcome): string {
  const lines = [`${outcome.job}${outcome.dryRun ? ' (试运行 dry run: 未保存、未发送 nothing stored or sent)' : ''} · ${outcome.period}`];
  if (outcome.skipped) lines.push(`  跳过 skipped: ${outcome.skipped.zh} / ${outcome.skipped.en}`);
  const fresh = outcome.messages.filter((m) => m.created).length;
  const verb = outcome.dryRun ? '将发送 would send' : '已放入发件箱 queued';
  lines.push(`  ${verb}: ${fresh};已发送过或已在发件箱 already in the outbox: ${outcome.messages.length - fresh}`);
  for (const m of outcome.messages) {
    lines.push(`  ${m.created ? '+' : '='} ${m.subject}`);
    lines.push(`      To: ${m.to.join(', ')}${m.cc.length ? `  Cc: ${m.cc.join(', ')}` : ''}`);
  }
  for (const p of outcome.problems) lines.push(`  ! ${p.zh}\n    ${p.en}`);
  return lines.join('\n');
}

export function addReportCommand(program: Command, withServices: WithServices): void {
  const report = program.command('report').description('报告邮件 (report e-mails)');
  report
    .command('run')
    .argument('<job>', `任务 (job): ${REPORT_JOBS.join(' | ')}`)
    .option('--date <date>', '按该日运行 (run as on this day, YYYY-MM-DD; at-risk: also an instant such as 2026-11-27T10:30+08:00); 默认现在 default now')
    .option('--dry-run', '只生成并列出,不保存、不发送 (render and list; store and send nothing)')
    .option('--json', '输出 JSON (print the outcome as JSON)')
    .description('立即运行一个报告任务 (run a report job now): yearly 报告前一天结束的合同年度, monthly 报告上个月, at-risk 提醒即将超时的请求')
    .action(async (job: string, opts: { date?: string; dryRun?: boolean; json?: boolean }) => {
      if (!(REPORT_JOBS as readonly string[]).includes(job)) throw new InvalidArgumentError(`未知任务 ${job};应为 ${REPORT_JOBS.join('、')} (unknown job ${job}; expected ${REPORT_JOBS.join(', ')})`);
      let slot: Date;
      try {
        slot = manualSlot(job as ReportJob, opts.date, new Date());
      } catch (err) {
        if (err instanceof SlotError) throw new InvalidArgumentError(`${err.messageZh} (${err.message})`);
        throw err;
      }
      await withServices(async (s) => {
        const outcome = await runJobNow({ runner: s.reports.jobs, runs: s.jobRuns, instance: `cli:${os.hostname()}:${process.pid}` }, job as ReportJob, slot, { dryRun: opts.dryRun ?? false, actor: `cli:${os.userInfo().username}` });
        console.log(opts.json ? JSON.stringify(outcome, null, 2) : formatOutcome(outcome));
        if (!opts.dryRun && outcome.messages.some((m) => m.created)) console.log('邮件将由运行中的服务器发送 (the running server delivers the queued messages)');
      });
    });
}
