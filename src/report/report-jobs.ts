// The report jobs: a run of a kind is checked against the one rule of what is owed (report-slot.ts), its cut-off
// fixed, and the kind's own story told (find what is owed, build it as of the cut-off, render it, put it in the
// outbox). The outbox's unique (job, period, recipient, revision) is what makes a report go out once, whoever runs
// the job and however often; the delivery worker sends it from there. A dry run renders and counts, and stores
// nothing; only a dry run may look ahead of what is owed.
import type { JobMessage, JobOutcome, JobRunOptions } from '../jobs/job-types.ts';
import type { AdviceRules } from './advice-rules.ts';
import { outboxKey, type NewOutboxMessage, type OutboxStore } from './outbox/outbox-store.ts';
import type { RobotAlerts } from './kinds/at-risk/robot-alerts.ts';
import type { ReportDataStore } from './report-data-store.ts';
import type { ReportJobContext, ReportRendering, ReportValue } from './report-kind.ts';
import { reportKind, reportSchedules, reportTimes, type ReportKindName, type ReportSchedules } from './report-kinds.ts';
import type { ReportLookups } from './report-lookups.ts';
import type { ReviewStore } from './reviews/report-review-store.ts';
import type { ReviewQueue } from './reviews/report-reviews.ts';
import { DEFAULT_REVIEW_DAYS } from './reviews/report-reviews.ts';
import { assertOwed, cutoffOfRun, looksAhead } from './report-slot.ts';

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
  /** Group robots (企业微信, 钉钉) the at-risk alerts and breaches also go to; default none. */
  robots?: RobotAlerts;
  /** Each kind's schedule; its first time of day is the kind's cut-off. Default: the kinds' default schedules. */
  schedules?: ReportSchedules;
  /** Working days a 尊享 draft waits for an expert before it goes out as 系统建议 (REPORT_REVIEW_DAYS). Default 3. */
  reviewDays?: number;
  clock?: () => Date;
  /** Contracts per batch of the yearly run: bounds memory whatever the number of contracts. */
  batchSize?: number;
}

export interface ReportJobRunner {
  /** Runs one kind's job for `slot`; throws when the run failed (nothing half-done is stored per message). */
  run(job: ReportKindName, slot: Date, options: JobRunOptions): Promise<JobOutcome>;
  /**
   * Sends the 尊享 drafts nobody reviewed in time, as 系统建议; each is taken by one conditional UPDATE, so any
   * number of instances may call it at once. The scheduler calls it at start and every few minutes.
   */
  releaseOverdueReviews(now: Date): Promise<{ released: number; failed: { id: number; error: unknown }[] }>;
}

export function createReportJobs(deps: ReportJobDeps, queue: ReviewQueue): ReportJobRunner {
  const clock = deps.clock ?? (() => new Date());
  const times = reportTimes(deps.schedules ?? reportSchedules());

  const context: ReportJobContext = {
    store: deps.store,
    lookups: deps.lookups,
    advice: deps.advice,
    outbox: deps.outbox,
    reviews: deps.reviews,
    managers: deps.managers,
    robots: deps.robots ?? { channels: [], publicBaseUrl: null },
    reviewDays: deps.reviewDays ?? DEFAULT_REVIEW_DAYS,
    batchSize: deps.batchSize ?? 200,
    clock,
    renderer: deps.renderer,
    content(report: ReportValue, dryRun: boolean) {
      if (dryRun) return deps.renderer.render(report);
      return { subject: deps.renderer.subject(report), html: '', text: '', reportJson: JSON.stringify(report) };
    },
    async deliver(job: string, messages: NewOutboxMessage[], dryRun: boolean): Promise<JobMessage[]> {
      let created: boolean[];
      if (dryRun) {
        const existing = await deps.outbox.existingKeys(job, messages);
        created = messages.map((m) => !existing.has(outboxKey(m.periodKey, m.recipient)));
      } else {
        created = await deps.outbox.enqueueMany(messages, clock());
      }
      return messages.map((m, i) => ({ periodKey: m.periodKey, recipient: m.recipient, subject: m.subject, to: m.recipients.to, cc: m.recipients.cc, created: created[i]! }));
    },
  };

  return {
    async run(job, slot, options) {
      const kind = reportKind(job);
      const time = times[kind.name];
      const now = clock();
      // Checked here whoever calls: the scheduler, a run by hand, a test.
      assertOwed(kind, slot, options.dryRun, now, time);
      const cutoff = cutoffOfRun(kind, slot, time);
      const lookAhead = looksAhead(kind, slot, now, time);
      const outcome = (period: { zh: string; en: string }): JobOutcome => ({
        job: kind.name,
        slot: slot.toISOString(),
        period: `${period.zh} / ${period.en}`,
        dryRun: options.dryRun,
        skipped: null,
        messages: [],
        problems: [],
        cutoff: cutoff.toISOString(),
        ...(lookAhead ? { lookAhead: true } : {}),
      });
      return kind.run(context, { slot, cutoff, options, outcome });
    },
    releaseOverdueReviews: (now) => queue.releaseOverdue(now),
  };
}
