// What a report kind is: everything that differs between the yearly report, the monthly report and the at-risk
// alert, said in one object per kind (src/report/kinds/<kind>/), so that the scheduler, the runs by hand, the
// renderer, the pages and the workbook download loop over REPORT_KINDS (report-kinds.ts) instead of naming kinds.
// Adding a kind is a folder under kinds/ and a line in that list.
import type { CatchUp, JobMessage, JobOutcome, JobRunOptions } from '../jobs/job-types.ts';
import type { AdviceRules } from './advice-rules.ts';
import type { NewOutboxMessage, OutboxStore } from './outbox/outbox-store.ts';
import type { ReportDataStore } from './report-data-store.ts';
import type { ReportLang } from './report-i18n.ts';
import type { ReportLookups } from './report-lookups.ts';
import type { ReviewStore } from './reviews/report-review-store.ts';
import type { SlotRule } from './report-slot.ts';
import type { RobotAlerts } from './kinds/at-risk/robot-alerts.ts';
import type { RenderedReport } from './report-types.ts';

/** Every report is a plain value that says its kind and the instant its figures are fixed at. */
export interface ReportValue {
  kind: string;
  /** UTC ISO. */
  cutoff: string;
}

export interface ReportKind<R extends ReportValue = ReportValue> {
  /**
   * The kind's one name: the report's `kind`, the job in job_runs and the outbox, the body templates
   * templates/reports/<name>.hbs and <name>.txt.hbs, and its schedule's variable REPORT_<NAME>_CRON (at-risk:
   * REPORT_AT_RISK_CRON).
   */
  name: R['kind'];
  /** The job's name as people read it on the pages. */
  label: { zh: string; en: string };
  schedule: {
    /** Cron in Asia/Shanghai; REPORT_<NAME>_CRON replaces it. Its first time of day is the reports' cut-off. */
    default: string;
    /** How long a run may keep other instances off its slot. */
    leaseMs: number;
    /** What a starting instance runs of the slots it missed. */
    catchUp: CatchUp;
    /** Its runs do their work only in working time (others skip): the pages say 工作时间每 30 分钟. */
    workingTimeOnly?: boolean;
  };
  /** When its runs fall, the instant their figures are fixed at, and what a run by hand stands for. */
  slot: SlotRule;
  /** Finds what the run owes, builds it as of the run's cut-off and puts it in the outbox (dry: renders, stores nothing). */
  run(context: ReportJobContext, run: ReportRun): Promise<JobOutcome>;
  /** The subject, the layout's fields and the body template's context of its e-mail. */
  prepare(report: R, lang: ReportLang): PreparedReport;
}

/** The renderer as the jobs use it (report-renderer.ts). */
export interface ReportRendering {
  render(report: ReportValue, lang?: ReportLang): RenderedReport;
  /** The subject alone, without rendering the bodies. */
  subject(report: ReportValue, lang?: ReportLang): string;
}

/** One run of a kind's job, as the job runner hands it over once the run is known to be owed (or dry). */
export interface ReportRun {
  slot: Date;
  /** The instant every figure of the run is fixed at (the kind's SlotRule). */
  cutoff: Date;
  options: JobRunOptions;
  /** The run's outcome so far, for the period it covers, in both languages. */
  outcome(period: { zh: string; en: string }): JobOutcome;
}

/** What a kind's job may use: the stores and rules of the reports, and how its messages are stored. */
export interface ReportJobContext {
  store: ReportDataStore;
  /** A fresh set of lookups per run: a policy activated since the last run is seen. */
  lookups(): ReportLookups;
  advice: AdviceRules;
  outbox: OutboxStore;
  /** The review queue of 尊享 yearly reports. */
  reviews: ReviewStore;
  /** The service managers' addresses (REPORT_MANAGERS). */
  managers: string[];
  /** The group robots the at-risk alerts and breaches also go to (ALERT_*), and the link base (PUBLIC_BASE_URL). */
  robots: RobotAlerts;
  /** Working days a 尊享 draft waits for an expert before it goes out as 系统建议 (REPORT_REVIEW_DAYS). */
  reviewDays: number;
  /** Contracts per batch of a run over contracts: bounds memory whatever their number. */
  batchSize: number;
  clock(): Date;
  renderer: ReportRendering;
  /**
   * A message's subject and bodies. A real run stores the report's figures for the delivery worker to render when
   * it sends; a dry run renders here, so that what it lists is what would go out.
   */
  content(report: ReportValue, dryRun: boolean): Pick<NewOutboxMessage, 'subject' | 'html' | 'text' | 'reportJson'>;
  /** Stores the messages (or, dry, looks which are stored already) and says what became of each. */
  deliver(job: string, messages: NewOutboxMessage[], dryRun: boolean): Promise<JobMessage[]>;
}

/** A report made ready for its templates: the layout's fields and the body's context. */
export interface PreparedReport {
  subject: string;
  layout: {
    lang: ReportLang;
    subject: string;
    kindLabel: string;
    periodText: string | null;
    preheader: string;
    /** The sentence that states the cut-off, at the foot of every report. */
    cutoffLine: string;
  };
  context: Record<string, unknown>;
}
