// What the scheduler, the CLI and the manager's button hand to the report jobs, and what they get back.
import type { ReportJob } from '../report/report-types.ts';

export type JobTrigger = 'schedule' | 'catch-up' | 'manual';

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
}

export interface JobOutcome {
  job: ReportJob;
  /** The moment the run stands for (the cron slot, or the date asked for by hand). */
  slot: string;
  /** What the run covered, e.g. "contract years ended 2026-11-27", "2026-10", "working time 2026-11-28 10:30". */
  period: string;
  dryRun: boolean;
  /** Set when the job had nothing to do by design (outside working time, no managers configured…). */
  skipped: { zh: string; en: string } | null;
  messages: JobMessage[];
  /** Reports that could not be addressed (no contact e-mail), said per item so a person can fix the data. */
  problems: { zh: string; en: string }[];
}

export interface ReportJobRunner {
  /** Runs one job for `slot`; throws when the run failed (nothing half-done is stored per message). */
  run(job: ReportJob, slot: Date, options: JobRunOptions): Promise<JobOutcome>;
}
