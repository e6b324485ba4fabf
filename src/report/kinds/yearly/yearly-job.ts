// The yearly job as one story: the contract years that ended the day before the run, built in batches as of the
// run's cut-off, each report to its customer's contacts with the customer-success manager in copy — or, for
// 尊享, into the experts' review queue (report-reviews.ts), from which it is queued once.
import type { JobMessage, JobOutcome } from '../../../jobs/job-types.ts';
import { shanghaiDate } from '../../../calendar/instants.ts';
import { addDays } from '../../../calendar/shanghai-time.ts';
import { outboxKey, type NewOutboxMessage } from '../../outbox/outbox-store.ts';
import type { ReportJobContext, ReportRun } from '../../report-kind.ts';
import { contractProblems, yearlyRecipients } from '../../report-recipients.ts';
import { reviewKey, type NewReviewDraft } from '../../reviews/report-review-store.ts';
import { reviewDueAt } from '../../reviews/report-reviews.ts';
import { buildYearlyReports, contractYearsEndingOn } from './yearly-report.ts';

/** The last day of the contract years a yearly run at `slot` reports: the day before the slot's date, never later. */
export function yearEndOfRun(slot: Date): string {
  return addDays(shanghaiDate(slot), -1);
}

export async function runYearly(context: ReportJobContext, run: ReportRun): Promise<JobOutcome> {
  const { slot, cutoff, options } = run;
  // The years that ended the day before the slot's date: never one whose last day is that date or later.
  const yearEnd = yearEndOfRun(slot);
  const outcome = run.outcome({ zh: `截至 ${yearEnd} 结束的合同年度`, en: `contract years ended ${yearEnd}` });
  const lookups = context.lookups();
  let dueAt: string | null = null;
  for await (const years of contractYearsEndingOn(context.store, yearEnd, context.batchSize)) {
    const reports = await buildYearlyReports({ store: context.store, lookups, advice: context.advice }, years, cutoff);
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
        dueAt ??= reviewDueAt(await lookups.workingCalendar(cutoff), cutoff, context.reviewDays).toISOString();
        const { subject } = context.content(report, options.dryRun);
        drafts.push({ contractId: contract.id, periodEnd: report.period.end, subject, reportJson: JSON.stringify(report), recipients: { to, cc }, cutoff: report.cutoff, dueAt });
      } else {
        messages.push({ job: 'yearly', periodKey: report.period.end, recipient: `contract:${contract.id}`, ...context.content(report, options.dryRun), recipients: { to, cc } });
      }
    }
    outcome.messages.push(...(await context.deliver('yearly', messages, options.dryRun)), ...(await draft(context, drafts, options.dryRun)));
  }
  return outcome;
}

/**
 * 尊享 reports into the review queue: one draft per contract year (the unique key decides), none for a year
 * whose report is in the outbox already (queued before reviews existed, or decided).
 */
async function draft(context: ReportJobContext, drafts: NewReviewDraft[], dryRun: boolean): Promise<JobMessage[]> {
  if (drafts.length === 0) return [];
  const keys = drafts.map((d) => ({ periodKey: d.periodEnd, recipient: `contract:${d.contractId}` }));
  const queued = await context.outbox.existingKeys('yearly', keys);
  const toDraft = drafts.filter((d) => !queued.has(outboxKey(d.periodEnd, `contract:${d.contractId}`)));
  let created = new Map<string, boolean>();
  if (dryRun) {
    const existing = await context.reviews.existing(toDraft);
    created = new Map(toDraft.map((d) => [reviewKey(d.contractId, d.periodEnd), !existing.has(reviewKey(d.contractId, d.periodEnd))]));
  } else {
    const stored = await context.reviews.draftMany(toDraft, context.clock());
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
