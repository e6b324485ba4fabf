// Reports for managers in the browser, the API and the CLI: the same builders and the same cut-offs as the jobs.
// A report that went out is shown as it went out (its newest revision, from the outbox); one that did not is
// built as of its cut-off, so a look today and a look in ten days show the same figures. A year or month still
// running is shown as of now, marked provisional.
import type { JobOutcome } from '../jobs/job-types.ts';
import type { JobRunStore } from '../jobs/job-run-store.ts';
import { runJobNow } from '../jobs/job-scheduler.ts';
import { shanghaiDate } from '../calendar/instants.ts';
import { monthlyCutoff } from './kinds/monthly/monthly-kind.ts';
import { buildMonthlyReport, type MonthlyReport } from './kinds/monthly/monthly-report.ts';
import { YEARLY_REPORT, yearlyCutoff } from './kinds/yearly/yearly-kind.ts';
import { buildYearlyReports, REPORTED_TIERS, yearEndingOn, type YearlyReport } from './kinds/yearly/yearly-report.ts';
import { ReportError } from './report-error.ts';
import type { ReportContract } from './report-data-store.ts';
import { createReportJobs, type ReportJobDeps, type ReportJobRunner } from './report-jobs.ts';
import { reportKind, reportSchedules, reportTimes, type Report, type ReportKindName } from './report-kinds.ts';
import { yearlyRecipients } from './report-recipients.ts';
import { createReviewQueue } from './reviews/report-reviews.ts';
import { assertOwed, manualSlot } from './report-slot.ts';
import type { RenderedReport } from './report-types.ts';
import { parseStoredReport } from './stored-report.ts';
import { contractYear } from '../entitlement/contract-year.ts';
import { writeReportWorkbook } from './report-workbook-writer.ts';
import { addDays } from '../calendar/shanghai-time.ts';

export { ReportError };

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const REASON_MAX = 500;

export interface ContractYearLink {
  start: string;
  end: string;
  /** The cut-off has passed: the report is owed (and may be issued again). */
  owed: boolean;
  /** The newest revision in the outbox; 0 when it never went out. */
  revision: number;
  /** 尊享: the review of the year's report, if it was drafted. */
  review: { id: number; status: string; overdue: boolean } | null;
}

export interface ReissueOutcome {
  revision: number;
  outboxId: number;
  subject: string;
  to: string[];
  cc: string[];
}

export function createReportService(deps: ReportJobDeps) {
  const clock = deps.clock ?? (() => new Date());
  const schedules = deps.schedules ?? reportSchedules();
  const times = reportTimes(schedules);
  const reviews = createReviewQueue({ reviews: deps.reviews, store: deps.store, subject: (report) => deps.renderer.subject(report), clock });
  const jobs: ReportJobRunner = createReportJobs(deps, reviews);

  async function requireContract(id: number): Promise<ReportContract> {
    const contract = await deps.store.getContract(id);
    if (!contract) throw new ReportError('CONTRACT_NOT_FOUND', `合同 ${id} 不存在`, `Contract ${id} does not exist`);
    return contract;
  }

  /** The contract and the year ending on `yearEnd`, or the refusal that says why there is no such report. */
  async function contractYearOf(contractId: number, yearEnd: string): Promise<{ contract: ReportContract; period: { start: string; end: string } }> {
    if (!DATE.test(yearEnd)) throw new ReportError('VALIDATION_FAILED', '合同年度结束日应为 YYYY-MM-DD', 'The contract year’s last day must be YYYY-MM-DD', [{ field: 'yearEnd', message: 'must be a date such as 2026-12-31', messageZh: '应为 2026-12-31 这样的日期' }]);
    const contract = await requireContract(contractId);
    if (!REPORTED_TIERS.includes(contract.tier)) {
      throw new ReportError('TIER_WITHOUT_REPORT', '基础服务不含年度服务报告(优选、尊享服务提供)', 'The Basic tier has no yearly service report (Preferred and Premium have one)');
    }
    const period = yearEndingOn(contract, yearEnd);
    if (!period) {
      throw new ReportError('NOT_A_YEAR_END', `${yearEnd} 不是合同 #${contractId} 某个合同年度的最后一天`, `${yearEnd} is not the last day of a contract year of contract #${contractId}`, [{ field: 'yearEnd', message: 'not a contract year end' }]);
    }
    return { contract, period };
  }

  /** The year's report as of its cut-off, or, for a year still running, as of now (provisional). */
  async function buildYear(contract: ReportContract, period: { start: string; end: string }): Promise<YearlyReport> {
    const cutoff = yearlyCutoff(period.end, times.yearly);
    const now = clock();
    const provisional = cutoff.getTime() > now.getTime();
    const [report] = await buildYearlyReports({ store: deps.store, lookups: deps.lookups(), advice: deps.advice }, [{ contract, period }], provisional ? now : cutoff, provisional);
    return report!;
  }

  return {
    jobs,
    reviews,
    /** Each kind's schedule, as this server runs them. */
    schedules,

    /** The moment a run by hand stands for (see manualSlot). */
    slotFor(job: ReportKindName, date: string | undefined): Date {
      return manualSlot(reportKind(job), date, clock(), times[job]);
    },

    /**
     * A run by hand (the managers' page, the API, the CLI): refused before anything is recorded when it would
     * store or send reports not yet owed; otherwise run and recorded with the others. A dry run is not a run:
     * it stores nothing, not even a run record, and its outcome is only the answer to the one who asked.
     */
    async runNow(job: ReportKindName, date: string | undefined, options: { dryRun: boolean; actor: string }, runs: { jobRuns: JobRunStore; instance: string }): Promise<JobOutcome> {
      const kind = reportKind(job);
      const slot = manualSlot(kind, date, clock(), times[job]);
      assertOwed(kind, slot, options.dryRun, clock(), times[job]);
      if (options.dryRun) return jobs.run(job, slot, { dryRun: true, trigger: 'manual', actor: options.actor });
      const scheduled = { name: job, leaseMs: kind.schedule.leaseMs, run: jobs.run.bind(null, job) };
      return runJobNow({ runs: runs.jobRuns, instance: runs.instance, clock }, scheduled, slot, options);
    },

    /** The yearly report of the contract year ending on `yearEnd`: as it went out, else as of its cut-off. */
    async yearly(contractId: number, yearEnd: string): Promise<YearlyReport> {
      const { contract, period } = await contractYearOf(contractId, yearEnd);
      const issued = await deps.outbox.latestIssue('yearly', period.end, `contract:${contract.id}`);
      if (issued?.reportJson) return parseStoredReport<YearlyReport>(issued.reportJson);
      const review = await reviews.ofYear(contract.id, period.end);
      if (review) return review.report;
      return buildYear(contract, period);
    },

    /** The contract years of a contract, those ended first; the current one is included, reported so far. */
    async contractYears(contractId: number): Promise<ContractYearLink[]> {
      const contract = await requireContract(contractId);
      if (!REPORTED_TIERS.includes(contract.tier)) return [];
      const now = clock();
      const today = shanghaiDate(now);
      const years: ContractYearLink[] = [];
      for (let on = contract.startsOn; on <= contract.endsOn && on <= today && years.length < 50; ) {
        const { periodStart, periodEnd } = contractYear(contract.startsOn, on);
        const end = periodEnd < contract.endsOn ? periodEnd : contract.endsOn;
        const issued = await deps.outbox.latestIssue('yearly', end, `contract:${contract.id}`);
        const review = await reviews.ofYear(contract.id, end);
        years.push({
          start: periodStart,
          end,
          owed: yearlyCutoff(end, times.yearly).getTime() <= now.getTime(),
          revision: issued?.revision ?? 0,
          review: review ? { id: review.id, status: review.status, overdue: review.overdue } : null,
        });
        on = addDays(end, 1);
      }
      return years.reverse();
    },

    /**
     * Issues a contract year's report again, corrected: built anew as of its cut-off, as the next revision (更正版
     * in the subject), to the customer's current addresses; the reason goes to the audit log with it. `revision`,
     * when given, is the one the caller means to create: a second click finds it taken and changes nothing.
     */
    async reissue(contractId: number, yearEnd: string, input: { reason: string; revision?: number }, actor: { name: string; address: string | null }): Promise<ReissueOutcome> {
      const reason = input.reason.trim();
      if (reason === '' || reason.length > REASON_MAX) {
        throw new ReportError('VALIDATION_FAILED', `请填写重发原因(不超过 ${REASON_MAX} 个字符)`, `Give the reason for issuing it again (at most ${REASON_MAX} characters)`, [{ field: 'reason', message: reason === '' ? 'required' : `at most ${REASON_MAX} characters` }]);
      }
      const { contract, period } = await contractYearOf(contractId, yearEnd);
      const now = clock();
      assertOwed(YEARLY_REPORT, yearlyCutoff(period.end, times.yearly), false, now, times.yearly);
      const recipient = `contract:${contract.id}`;
      const latest = await deps.outbox.latestIssue('yearly', period.end, recipient);
      if (!latest) {
        const review = await reviews.ofYear(contract.id, period.end);
        if (review?.status === 'pending') {
          throw new ReportError('REVIEW_PENDING', `该报告正在等待总部专家审核(/reports/reviews/${review.id}),审核后即发出,无需重发`, `This report is waiting for an expert’s review (/reports/reviews/${review.id}) and goes out once reviewed: there is nothing to issue again`);
        }
        throw new ReportError('NOT_ISSUED', `该合同年度的报告尚未发出:请运行 ${addDays(period.end, 1)} 的年度服务报告任务`, `This contract year’s report has not gone out yet: run the yearly job for ${addDays(period.end, 1)}`);
      }
      const revision = latest.revision + 1;
      if (input.revision !== undefined && input.revision !== revision) {
        throw new ReportError('REISSUE_CONFLICT', `第 ${latest.revision} 版已存在:请刷新后再决定是否重发`, `Revision ${latest.revision} exists already: reload, then decide whether to issue it again`, [{ field: 'revision', message: `next is ${revision}` }]);
      }
      const report = { ...(await buildYear(contract, period)), revision };
      const previous = latest.reportJson ? parseStoredReport<YearlyReport>(latest.reportJson) : null;
      // An expert's approved advice stays theirs; otherwise the rules' findings, never passed off as an expert's.
      if (previous?.advice.heading === 'expert' && previous.advice.reviewer) report.advice = previous.advice;
      else if (report.advice.heading === 'draft') report.advice = { heading: 'system', lines: report.advice.lines };
      const { to, cc } = yearlyRecipients(contract);
      if (to.length === 0) {
        throw new ReportError('NO_RECIPIENTS', `合同 #${contract.id} 的客户没有可用的邮箱:请先在客户页面 /customers/${contract.customerId} 补充联系人`, `The customer of contract #${contract.id} has no usable address: add a contact on /customers/${contract.customerId} first`);
      }
      const subject = deps.renderer.subject(report);
      const stored = await deps.outbox.enqueueRevision(
        { job: 'yearly', periodKey: period.end, recipient, revision, subject, html: '', text: '', reportJson: JSON.stringify(report), recipients: { to, cc } },
        { actor: actor.name, action: 'report.reissue', target: `${recipient}:${period.end}`, details: { revision, previousRevision: latest.revision, reason }, address: actor.address },
        now,
      );
      if (!stored) throw new ReportError('REISSUE_CONFLICT', `第 ${revision} 版刚刚已由他人重发`, `Revision ${revision} was just issued by someone else`, [{ field: 'revision', message: `${revision} exists` }]);
      return { revision, outboxId: stored.id, subject, to, cc };
    },

    /** The monthly report: as it went out, else as of its cut-off (a month still running: as of now, provisional). */
    async monthly(month: string): Promise<MonthlyReport> {
      if (!MONTH.test(month)) throw new ReportError('VALIDATION_FAILED', '月份应为 YYYY-MM', 'The month must be YYYY-MM', [{ field: 'month', message: 'YYYY-MM' }]);
      const issued = await deps.outbox.latestIssue('monthly', month, 'managers');
      if (issued?.reportJson) return parseStoredReport<MonthlyReport>(issued.reportJson);
      const cutoff = monthlyCutoff(month, times.monthly);
      const now = clock();
      const provisional = cutoff.getTime() > now.getTime();
      return buildMonthlyReport({ store: deps.store, lookups: deps.lookups() }, month, provisional ? now : cutoff, provisional);
    },

    render(report: Report, lang: 'zh' | 'en' = 'zh'): RenderedReport {
      return deps.renderer.render(report, lang);
    },

    /** A report the outbox holds as JSON, rendered as it is sent (the delivery worker's `render`). */
    renderStored(reportJson: string): RenderedReport {
      return deps.renderer.render(parseStoredReport<Report>(reportJson));
    },

    /** The report as an .xlsx workbook, for managers who work in Excel. */
    workbook(report: YearlyReport | MonthlyReport, lang: 'zh' | 'en' = 'zh'): Promise<Buffer> {
      return writeReportWorkbook(report, lang);
    },
  };
}

export type ReportService = ReturnType<typeof createReportService>;
