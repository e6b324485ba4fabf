// The three report jobs as one story each: find what is owed, build it as of its cut-off, render it, put it in the
// outbox. The outbox's unique (job, period, recipient, revision) is what makes a report go out once, whoever runs
// the job and however often; the delivery worker sends it from there. A 尊享 yearly report goes to the experts'
// review queue instead (report-reviews.ts), from which it is queued once. A dry run renders and counts, and
// stores nothing; only a dry run may look ahead of what is owed (report-slot.ts).
import { isWorkingTime } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import type { JobMessage, JobOutcome, JobRunOptions, ReportJobRunner } from '../jobs/job-types.ts';
import type { AdviceRules } from './advice-rules.ts';
import { formatShanghai, shanghaiDate } from '../policy/effective-date.ts';
import { buildMonthlyReport, requestsAtRisk } from './monthly-report.ts';
import { outboxKey, type NewOutboxMessage, type OutboxStore } from './outbox-store.ts';
import type { ReportDataStore } from './report-data-store.ts';
import type { ReportLookups } from './report-lookups.ts';
import { contractProblems, yearlyRecipients } from './report-recipients.ts';
import { reviewKey, type NewReviewDraft, type ReviewStore } from './report-review-store.ts';
import { reviewDueAt, type ReviewQueue } from './report-reviews.ts';
import { assertOwed, DEFAULT_REPORT_TIMES, looksAhead, monthlyCutoff, previousMonth, yearEndOfRun, yearlyCutoff, type ReportTimes } from './report-slot.ts';
import type { RenderedReport, Report, ReportJob } from './report-types.ts';
import { buildYearlyReports, contractYearsEndingOn } from './yearly-report.ts';

export interface ReportRendering {
  render(report: Report, lang?: 'zh' | 'en'): RenderedReport;
  subject(report: Report, lang?: 'zh' | 'en'): string;
}

export interface ReportJobDeps {
  store: ReportDataStore;
  /** A fresh set of lookups per run: a policy activated since the last run is seen. */
  lookups: () => ReportLookups;
  advice: AdviceRules;
  renderer: ReportRendering;
  outbox: OutboxStore;
  /** The review queue of 尊享 yearly reports. */
  reviews: ReviewStore;
  /** The service managers' addresses: the monthly report and the at-risk alerts go to them. */
  managers: string[];
  /** The calendar whose working time the at-risk alerts and the review deadlines keep (the active policy's 标准工作日). */
  workingCalendar: (at: Date) => Promise<Calendar>;
  /** The yearly and monthly slots' times of day: the reports' cut-offs. Default 07:00 and 08:00. */
  times?: ReportTimes;
  /** Working days a 尊享 draft waits for an expert before it goes out as 系统建议 (REPORT_REVIEW_DAYS). Default 3. */
  reviewDays?: number;
  clock?: () => Date;
  /** Contracts per batch of the yearly run: bounds memory whatever the number of contracts. */
  batchSize?: number;
}

export function createReportJobs(deps: ReportJobDeps, queue: ReviewQueue): ReportJobRunner {
  const clock = deps.clock ?? (() => new Date());
  const batchSize = deps.batchSize ?? 200;
  const times = deps.times ?? DEFAULT_REPORT_TIMES;
  const reviewDays = deps.reviewDays ?? 3;

  /**
   * The message's subject and bodies. A real run stores the report's figures for the delivery worker to render
   * when it sends; a dry run renders here, so that what it lists is what would go out.
   */
  function content(report: Report, dryRun: boolean): Pick<NewOutboxMessage, 'subject' | 'html' | 'text' | 'reportJson'> {
    if (dryRun) return deps.renderer.render(report);
    return { subject: deps.renderer.subject(report), html: '', text: '', reportJson: JSON.stringify(report) };
  }

  /** Stores the batch (or, dry, looks which keys exist) and says what happened to each message. */
  async function deliver(job: ReportJob, messages: NewOutboxMessage[], dryRun: boolean): Promise<JobMessage[]> {
    let created: boolean[];
    if (dryRun) {
      const existing = await deps.outbox.existingKeys(job, messages);
      created = messages.map((m) => !existing.has(outboxKey(m.periodKey, m.recipient)));
    } else {
      created = await deps.outbox.enqueueMany(messages, clock());
    }
    return messages.map((m, i) => ({ periodKey: m.periodKey, recipient: m.recipient, subject: m.subject, to: m.recipients.to, cc: m.recipients.cc, created: created[i]! }));
  }

  /**
   * 尊享 reports into the review queue: one draft per contract year (the unique key decides), none for a year
   * whose report is in the outbox already (queued before reviews existed, or decided).
   */
  async function draft(drafts: NewReviewDraft[], dryRun: boolean): Promise<JobMessage[]> {
    if (drafts.length === 0) return [];
    const keys = drafts.map((d) => ({ periodKey: d.periodEnd, recipient: `contract:${d.contractId}` }));
    const queued = await deps.outbox.existingKeys('yearly', keys);
    const toDraft = drafts.filter((d) => !queued.has(outboxKey(d.periodEnd, `contract:${d.contractId}`)));
    let created = new Map<string, boolean>();
    if (dryRun) {
      const existing = await deps.reviews.existing(toDraft);
      created = new Map(toDraft.map((d) => [reviewKey(d.contractId, d.periodEnd), !existing.has(reviewKey(d.contractId, d.periodEnd))]));
    } else {
      const stored = await deps.reviews.draftMany(toDraft, clock());
      created = new Map(toDraft.map((d, i) => [reviewKey(d.contractId, d.periodEnd), stored[i]!]));
    }
    return drafts.map((d) => ({
      periodKey: d.periodEnd,
      recipient: `contract:${d.contractId}`,
      subject: d.subject,
      to: d.recipients.to,
      cc: d.recipients.cc,
      created: created.get(reviewKey(d.contractId, d.periodEnd)) ?? false,
      review: true,
    }));
  }

  async function yearly(slot: Date, options: JobRunOptions): Promise<JobOutcome> {
    const now = clock();
    assertOwed('yearly', slot, options.dryRun, now, times);
    // The years that ended the day before the slot's date: never one whose last day is that date or later.
    const yearEnd = yearEndOfRun(slot);
    const cutoff = yearlyCutoff(yearEnd, times);
    const outcome = started('yearly', slot, options, { zh: `截至 ${yearEnd} 结束的合同年度`, en: `contract years ended ${yearEnd}` }, cutoff, looksAhead('yearly', slot, now, times));
    const lookups = deps.lookups();
    let dueAt: string | null = null;
    for await (const years of contractYearsEndingOn(deps.store, yearEnd, batchSize)) {
      const reports = await buildYearlyReports({ store: deps.store, lookups, advice: deps.advice }, years, cutoff);
      const messages: NewOutboxMessage[] = [];
      const drafts: NewReviewDraft[] = [];
      for (const [i, report] of reports.entries()) {
        const contract = years[i]!.contract;
        const { to, cc, invalid } = yearlyRecipients(contract);
        outcome.problems.push(...contractProblems(contract, invalid));
        if (to.length === 0) {
          outcome.problems.push({
            code: 'NO_RECIPIENTS',
            zh: `合同 #${contract.id}(${contract.customerName})没有可用的联系人或客户成功经理邮箱:年度服务报告未能发送,请在客户页面补充后重新运行 ${shanghaiDate(slot)} 的任务`,
            en: `Contract #${contract.id} (${contract.customerName}) has no contact or customer-success manager with an e-mail address: its yearly report could not be sent; add one on the customer page and run the job for ${shanghaiDate(slot)} again`,
          });
          continue;
        }
        if (report.advice.heading === 'draft') {
          dueAt ??= reviewDueAt(await deps.workingCalendar(cutoff), cutoff, reviewDays).toISOString();
          const { subject } = content(report, options.dryRun);
          drafts.push({ contractId: contract.id, periodEnd: report.period.end, subject, reportJson: JSON.stringify(report), recipients: { to, cc }, cutoff: report.cutoff, dueAt });
        } else {
          messages.push({ job: 'yearly', periodKey: report.period.end, recipient: `contract:${contract.id}`, ...content(report, options.dryRun), recipients: { to, cc } });
        }
      }
      outcome.messages.push(...(await deliver('yearly', messages, options.dryRun)), ...(await draft(drafts, options.dryRun)));
    }
    return outcome;
  }

  async function monthly(slot: Date, options: JobRunOptions): Promise<JobOutcome> {
    const now = clock();
    assertOwed('monthly', slot, options.dryRun, now, times);
    const month = previousMonth(shanghaiDate(slot));
    const cutoff = monthlyCutoff(month, times);
    const outcome = started('monthly', slot, options, { zh: month, en: month }, cutoff, looksAhead('monthly', slot, now, times));
    if (deps.managers.length === 0) return { ...outcome, skipped: NO_MANAGERS };
    const report = await buildMonthlyReport({ store: deps.store, lookups: deps.lookups() }, month, cutoff);
    const message = { job: 'monthly', periodKey: month, recipient: 'managers', ...content(report, options.dryRun), recipients: { to: deps.managers, cc: [] } };
    outcome.messages.push(...(await deliver('monthly', [message], options.dryRun)));
    return outcome;
  }

  async function atRisk(slot: Date, options: JobRunOptions): Promise<JobOutcome> {
    const now = clock();
    assertOwed('at-risk', slot, options.dryRun, now, times);
    const outcome = started('at-risk', slot, options, { zh: `${formatShanghai(slot.toISOString())} 的工作时间`, en: `working time at ${formatShanghai(slot.toISOString())}` }, slot, looksAhead('at-risk', slot, now, times));
    if (!isWorkingTime(await deps.workingCalendar(slot), slot.getTime())) {
      return { ...outcome, skipped: { zh: '非工作时间(按工作日历,含节假日与调休):不发送提醒', en: 'Outside working time on the working calendar (holidays and make-up days included): no alerts' } };
    }
    if (deps.managers.length === 0) return { ...outcome, skipped: NO_MANAGERS };
    const lines = await requestsAtRisk({ store: deps.store, lookups: deps.lookups() }, slot);
    const messages = lines.map((request) => ({
      job: 'at-risk',
      // One alert per request, ever: the request is the period.
      periodKey: `request:${request.requestId}`,
      recipient: 'managers',
      ...content({ kind: 'at-risk', cutoff: slot.toISOString(), request }, options.dryRun),
      recipients: { to: deps.managers, cc: [] },
    }));
    outcome.messages.push(...(await deliver('at-risk', messages, options.dryRun)));
    return outcome;
  }

  const jobs: Record<ReportJob, (slot: Date, options: JobRunOptions) => Promise<JobOutcome>> = { yearly, monthly, 'at-risk': atRisk };
  return {
    run: (job, slot, options) => jobs[job](slot, options),
    releaseOverdueReviews: (now) => queue.releaseOverdue(now),
  };
}

const NO_MANAGERS = {
  zh: '未配置服务经理邮箱(REPORT_MANAGERS):此报告无人可发',
  en: 'No service managers’ addresses are configured (REPORT_MANAGERS): nobody to send this report to',
};

function started(job: ReportJob, slot: Date, options: JobRunOptions, period: { zh: string; en: string }, cutoff: Date, lookAhead: boolean): JobOutcome {
  return {
    job,
    slot: slot.toISOString(),
    period: `${period.zh} / ${period.en}`,
    dryRun: options.dryRun,
    skipped: null,
    messages: [],
    problems: [],
    cutoff: cutoff.toISOString(),
    ...(lookAhead ? { lookAhead: true } : {}),
  };
}
