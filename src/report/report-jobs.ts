// The three report jobs as one story each: find what is owed, build it, render it, put it in the outbox.
// The outbox's unique (job, period, recipient) is what makes a report go out once, whoever runs the job and
// however often; the delivery worker sends it from there. A dry run renders and counts, and stores nothing.
import { isWorkingTime } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import type { JobMessage, JobOutcome, JobRunOptions, ReportJobRunner } from '../jobs/job-types.ts';
import type { AdviceRules } from '../policy/advice-rules.ts';
import { formatShanghai, shanghaiDate } from '../policy/effective-date.ts';
import { previousMonth, buildMonthlyReport, requestsAtRisk } from './monthly-report.ts';
import { isEmailAddress, outboxKey, type NewOutboxMessage, type OutboxStore } from './outbox-store.ts';
import type { ReportDataStore, ReportContract } from './report-data-store.ts';
import type { ReportLookups } from './report-lookups.ts';
import type { RenderedReport, Report, ReportJob } from './report-types.ts';
import { buildYearlyReports, contractYearsEndingOn } from './yearly-report.ts';
import { addDays } from '../calendar/shanghai-time.ts';
import { shownSafely } from '../shared/name-text.ts';

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
  /** The service managers' addresses: the monthly report and the at-risk alerts go to them. */
  managers: string[];
  /** The calendar whose working time the at-risk alerts keep (the active policy's 标准工作日). */
  workingCalendar: (at: Date) => Promise<Calendar>;
  clock?: () => Date;
  /** Contracts per batch of the yearly run: bounds memory whatever the number of contracts. */
  batchSize?: number;
}

/** To: the customer's contacts; Cc: its customer-success managers. Without contacts, the CSM is addressed. */
export function yearlyRecipients(contract: ReportContract): { to: string[]; cc: string[]; invalid: { name: string; email: string }[] } {
  const usable = contract.contacts.filter((c) => c.email);
  const invalid = usable.filter((c) => !isEmailAddress(c.email!)).map((c) => ({ name: c.name, email: c.email! }));
  const good = usable.filter((c) => isEmailAddress(c.email!));
  const unique = (list: string[]) => [...new Set(list)];
  const to = unique(good.filter((c) => c.role === 'contact').map((c) => c.email!));
  const cc = unique(good.filter((c) => c.role === 'csm').map((c) => c.email!)).filter((a) => !to.includes(a));
  return to.length ? { to, cc, invalid } : { to: cc, cc: [], invalid };
}

export function createReportJobs(deps: ReportJobDeps): ReportJobRunner {
  const clock = deps.clock ?? (() => new Date());
  const batchSize = deps.batchSize ?? 200;

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

  async function yearly(slot: Date, options: JobRunOptions): Promise<JobOutcome> {
    const yearEnd = addDays(shanghaiDate(slot), -1);
    const outcome = started('yearly', slot, options, { zh: `截至 ${yearEnd} 结束的合同年度`, en: `contract years ended ${yearEnd}` });
    const lookups = deps.lookups();
    for await (const years of contractYearsEndingOn(deps.store, yearEnd, batchSize)) {
      const reports = await buildYearlyReports({ store: deps.store, lookups, advice: deps.advice }, years, clock());
      const messages: NewOutboxMessage[] = [];
      for (const [i, report] of reports.entries()) {
        const contract = years[i]!.contract;
        const { to, cc, invalid } = yearlyRecipients(contract);
        // A stored address that breaks the contact rule (saved before it, see `entitle doctor`) is named here, never
        // sent to: "a@x.com,b@y.com" would reach two people, and a display name can carry headers.
        for (const bad of invalid) {
          const shown = shownSafely(bad.email);
          outcome.problems.push({
            zh: `客户「${contract.customerName}」(#${contract.customerId})的联系人 ${shownSafely(bad.name)} 的邮箱 ${shown} 不是单个有效地址,未向其发送;请在客户页面 /customers/${contract.customerId} 改正(entitle doctor 列出所有此类联系人)`,
            en: `Customer "${contract.customerName}" (#${contract.customerId}): contact ${shownSafely(bad.name)} has the address ${shown}, which is not one valid address, so nothing was sent to it; correct it on /customers/${contract.customerId} (entitle doctor lists every such contact)`,
          });
        }
        if (to.length === 0) {
          outcome.problems.push({
            zh: `合同 #${contract.id}(${contract.customerName})没有可用的联系人或客户成功经理邮箱:年度服务报告未能发送,请在客户页面补充后重新运行 ${slot.toISOString().slice(0, 10)} 的任务`,
            en: `Contract #${contract.id} (${contract.customerName}) has no contact or customer-success manager with an e-mail address: its yearly report could not be sent; add one on the customer page and run the job again`,
          });
          continue;
        }
        messages.push({ job: 'yearly', periodKey: report.period.end, recipient: `contract:${contract.id}`, ...content(report, options.dryRun), recipients: { to, cc } });
      }
      outcome.messages.push(...(await deliver('yearly', messages, options.dryRun)));
    }
    return outcome;
  }

  async function monthly(slot: Date, options: JobRunOptions): Promise<JobOutcome> {
    const month = previousMonth(shanghaiDate(slot));
    const outcome = started('monthly', slot, options, { zh: month, en: month });
    if (deps.managers.length === 0) return { ...outcome, skipped: NO_MANAGERS };
    const report = await buildMonthlyReport({ store: deps.store, lookups: deps.lookups() }, month, clock());
    const message = { job: 'monthly', periodKey: month, recipient: 'managers', ...content(report, options.dryRun), recipients: { to: deps.managers, cc: [] } };
    outcome.messages.push(...(await deliver('monthly', [message], options.dryRun)));
    return outcome;
  }

  async function atRisk(slot: Date, options: JobRunOptions): Promise<JobOutcome> {
    const outcome = started('at-risk', slot, options, { zh: `${formatShanghai(slot.toISOString())} 的工作时间`, en: `working time at ${formatShanghai(slot.toISOString())}` });
    if (!isWorkingTime(await deps.workingCalendar(slot), slot.getTime())) {
      return { ...outcome, skipped: { zh: '非工作时间(按工作日历,含节假日与调休):不发送提醒', en: 'Outside working time on the working calendar (holidays and make-up days included): no alerts' } };
    }
    if (deps.managers.length === 0) return { ...outcome, skipped: NO_MANAGERS };
    const lines = await requestsAtRisk({ store: deps.store, lookups: deps.lookups() }, slot);
    const generatedAt = clock().toISOString();
    const messages = lines.map((request) => ({
      job: 'at-risk',
      // One alert per request, ever: the request is the period.
      periodKey: `request:${request.requestId}`,
      recipient: 'managers',
      ...content({ kind: 'at-risk', generatedAt, request }, options.dryRun),
      recipients: { to: deps.managers, cc: [] },
    }));
    outcome.messages.push(...(await deliver('at-risk', messages, options.dryRun)));
    return outcome;
  }

  const jobs: Record<ReportJob, (slot: Date, options: JobRunOptions) => Promise<JobOutcome>> = { yearly, monthly, 'at-risk': atRisk };
  return {
    run: (job, slot, options) => jobs[job](slot, options),
  };
}

const NO_MANAGERS = {
  zh: '未配置服务经理邮箱(REPORT_MANAGERS):此报告无人可发',
  en: 'No service managers’ addresses are configured (REPORT_MANAGERS): nobody to send this report to',
};

function started(job: ReportJob, slot: Date, options: JobRunOptions, period: { zh: string; en: string }): JobOutcome {
  return { job, slot: slot.toISOString(), period: `${period.zh} / ${period.en}`, dryRun: options.dryRun, skipped: null, messages: [], problems: [] };
}
