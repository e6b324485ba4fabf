// The record of report runs, which is also how server instances agree on who runs a cron slot; the knex
// implementation is in job-run-repository.ts. A key is claimed once: by an INSERT, or by taking over a run that
// failed (it is retried) or whose instance let its lease run out (it died mid-run). Nothing else takes a key over.
import type { JobOutcome, JobTrigger, JobName } from './job-types.ts';

export const JOB_RUN_STATUSES = ['running', 'done', 'failed'] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

export interface JobRunClaim {
  job: JobName;
  /** The moment the run stands for. */
  slot: Date;
  trigger: JobTrigger;
  /** Which server instance runs it; finish and fail only touch a run this instance still holds. */
  instance: string;
  actor: string;
  dryRun: boolean;
  now: Date;
  /** Until when no other instance may take the run over. */
  leaseUntil: Date;
}

export interface JobRun {
  id: number;
  runKey: string;
  job: JobName;
  /** UTC ISO-8601. */
  slot: string;
  trigger: JobTrigger;
  status: JobRunStatus;
  instance: string;
  actor: string;
  dryRun: boolean;
  startedAt: string;
  leaseUntil: string;
  finishedAt: string | null;
  outcome: JobOutcome | null;
  /** The failure's message, without a stack. */
  error: string | null;
}

/** Which runs a list shows. */
export interface JobRunFilter {
  job?: JobName;
  /** running, done or failed. Dry runs are not stored as runs (they answer with their result alone). */
  status?: JobRunStatus;
}

/** newest / oldest: by when the run was recorded; period: by the slot it ran for, the latest period first. */
export const JOB_RUN_ORDERS = ['newest', 'oldest', 'period'] as const;
export type JobRunOrder = (typeof JOB_RUN_ORDERS)[number];

export interface JobRunQuery extends JobRunFilter {
  limit: number;
  offset: number;
  /** Default newest. */
  order?: JobRunOrder;
}

export interface JobRunStore {
  /** True when this caller now holds the run: a new key, a failed run, or a running one whose lease has expired. */
  claim(key: string, claim: JobRunClaim): Promise<boolean>;
  /** Records the outcome; false when the run is no longer this instance's (its lease ran out and it was taken over). */
  finish(key: string, instance: string, outcome: JobOutcome, now: Date): Promise<boolean>;
  /** Records the failure, so the run is retried; false as for finish. */
  fail(key: string, instance: string, error: string, now: Date): Promise<boolean>;
  /** The newest slot that ran to the end for the job, by the scheduler (runs by hand are not in its sequence). */
  latest(job: JobName): Promise<Date | null>;
  /**
   * Slots after `since` whose scheduled run (tick or catch-up) did not finish: failed, or still running (it may be
   * live, or its instance died). The catch-up offers them to claim again, even when a later slot has been done.
   */
  unfinished(job: JobName, since: Date): Promise<Date[]>;
  /** In the query's order, the latest runs first by default; ties by the run's id, so pages never overlap. */
  list(query: JobRunQuery): Promise<JobRun[]>;
  /** How many runs the filter matches, on every page. */
  count(filter: JobRunFilter): Promise<number>;
  get(id: number): Promise<JobRun | null>;
}
