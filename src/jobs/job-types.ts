// What the scheduler, the CLI and the managers' button hand to a scheduled job, and what they get back. The
// scheduler knows jobs only by these shapes: which jobs there are is said by the modules that own them (the report
// kinds in src/report, the holiday reminder in src/holidays), and the composition root hands them over.
export type JobTrigger = 'schedule' | 'catch-up' | 'manual';

/** A job's name as job_runs records it and its slot keys carry it, e.g. `yearly`, `at-risk`, `holidays`. */
export type JobName = string;

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
  job: JobName;
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

/**
 * Which slots a starting instance runs that were missed while no instance ran:
 * - `missed`: every slot since the last one done, from `windowStart(now)` on, and those that failed; failed runs
 *   are also retried while the server runs (a report that is owed must go out);
 * - `current`: only the newest slot, when it is within `withinMs` of now (an alert for an hour long gone is noise).
 */
export type CatchUp = { kind: 'missed'; windowStart(now: Date): Date } | { kind: 'current'; withinMs: number };

/** A job the scheduler runs: its owner says when, how long a run may hold its slot, and what is caught up. */
export interface ScheduledJob {
  name: JobName;
  /** Cron, 5 or 6 fields, in Asia/Shanghai. */
  schedule: string;
  /** How long a claimed run keeps other instances off its slot: well past a run's length, or it could run twice. */
  leaseMs: number;
  catchUp: CatchUp;
  /** Runs the slot; throws when the run failed (it is recorded as failed, and retried when the catch-up says so). */
  run(slot: Date, options: JobRunOptions): Promise<JobOutcome>;
}

/** The pino methods the scheduler uses; a pino Logger fits. */
export interface SchedulerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Work the scheduler repeats while it runs (the release of overdue 尊享 reviews): once caught up, then every `everyMs`. */
export interface Sweep {
  /** Said in the log when a sweep fails as a whole, e.g. "releasing overdue report reviews". */
  name: string;
  everyMs: number;
  /** Logs what it did and what it could not do; a rejection is logged by the scheduler, and the next sweep comes. */
  run(now: Date, log: SchedulerLog): Promise<void>;
}
