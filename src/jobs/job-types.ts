// What the scheduler, the CLI and the manager's button hand to the report jobs, and what they get back.
import type { ReportJob } from '../report/report-types.ts';

export type JobTrigger = 'schedule' | 'catch-up' | 'manual';

/** The holiday reminder (src/holidays) rides on the report scheduler: the same clock, coordinator and run records. */
export const HOLIDAY_REMINDER_JOB = 'holidays' as const;

/** Every job the scheduler runs and job_runs records. */
export type ScheduledJob = ReportJob | typeof HOLIDAY_REMINDER_JOB;

export interface JobRunOptions {
  /** Render and count, store and send nothing. */
  dryRun: boolean;
  trigger: JobTrigger;
  /** `system` for the scheduler, the user's name otherwise. */
  actor: string;
}

/** A message a run produced (or, dry, would have produced). */
export interface JobMessage {
  periodKey: string;
  recipient: string;
  subject: string;
  to: string[];
  cc: string[];
  /** False when the outbox already held it (sent or pending): a report goes out once per period. */
  created: boolean;
  /** A 尊享 yearly report: drafted into the experts' review queue (/reports/reviews), sent once reviewed or overdue. */
  review?: boolean;
}

export interface JobOutcome {
  job: ScheduledJob;
  /** The moment the run stands for (the cron slot, or the date asked for by hand). */
  slot: string;
  /** What the run covered, e.g. "contract years ended 2026-11-27", "2026-10", "working time 2026-11-28 10:30". */
  period: string;
  dryRun: boolean;
  /** Set when the job had nothing to do by design (outside working time, no managers configured…). */
  skipped: { zh: string; en: string } | null;
  messages: JobMessage[];
  /** Reports that could not be addressed (no contact e-mail), said per item so a person can fix the data. */
  problems: { code?: string; zh: string; en: string }[];
  /**
   * A dry run whose reports are not owed yet (a date after today, or today before its slot): it shows what the
   * run would send with what is known now. Only dry runs look ahead; a real one is refused.
   */
  lookAhead?: boolean;
  /** The instant the run's figures are fixed at (the reports' cut-off), UTC ISO. */
  cutoff?: string;
}

export interface ReportJobRunner {
  /** Runs one job for `slot`; throws when the run failed (nothing half-done is stored per message). */
  run(job: ReportJob, slot: Date, options: JobRunOptions): Promise<JobOutcome>;
  /**
   * Sends the 尊享 drafts nobody reviewed in time, as 系统建议; each is taken by one conditional UPDATE, so any
   * number of instances may call it at once. The scheduler calls it at start and every few minutes.
   */
  releaseOverdueReviews?(now: Date): Promise<{ released: number; failed: { id: number; error: unknown }[] }>;
}
