// When the report jobs run, and on which instance. Every server instance starts the same node-cron tasks; at each
// tick the instances race to claim `report:<job>:<slot>` in job_runs (run-coordinator.ts) and one runs the slot.
// Nothing starts at import: the server calls startReportScheduler once it is up and awaits stop() on shutdown.
//
// Catch-up: a server that was down at 07:00 must still send that day's yearly reports, so at start each job's
// slots since the last one done, and those that failed, within a lookback, are run oldest first, through the same
// keys as the ticks.
import { randomBytes } from 'node:crypto';
import { createTask, parse, validateDetailed, type Logger as CronLogger, type ParsedFields, type RunCoordinator, type ScheduledTask } from 'node-cron';
import { REPORT_JOBS, type ReportJob } from '../report/report-types.ts';
import type { JobOutcome, JobTrigger, ReportJobRunner, ScheduledJob } from './job-types.ts';
import type { JobRunStore } from './job-run-store.ts';
import { createRunCoordinator, slotKey, taskName } from './run-coordinator.ts';
import { safeErrorMessage } from '../logger.ts';

export const REPORT_TIMEZONE = 'Asia/Shanghai';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** How long a claimed run keeps other instances off its slot: well past a run's length, or it could run twice. */
export const RUN_LEASE_MS: Readonly<Record<ScheduledJob, number>> = { yearly: 15 * MINUTE_MS, monthly: 15 * MINUTE_MS, 'at-risk': 5 * MINUTE_MS, holidays: 5 * MINUTE_MS };

export const DEFAULT_CATCH_UP = { yearlyDays: 31, monthlyMonths: 2 } as const;

const DEFAULT_RETRY_EVERY_MS = 30 * MINUTE_MS;

const DEFAULT_RELEASE_EVERY_MS = 5 * MINUTE_MS;

/** A schedule that matches every minute would otherwise catch up tens of thousands of slots. */
const MAX_CATCH_UP_RUNS = 100;

/** How far back the at-risk job's current slot is looked for. */
const AT_RISK_LOOKBACK_MS = DAY_MS;

/** The pino methods the scheduler uses; a pino Logger fits. */
export interface SchedulerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface ReportSchedulerDeps {
  runner: ReportJobRunner;
  runs: JobRunStore;
  /** Cron expressions (5 or 6 fields) in Asia/Shanghai time. */
  schedules: Record<ReportJob, string>;
  /** Names this server instance in job_runs; unique per process. */
  instance: string;
  logger: SchedulerLog;
  clock?: () => Date;
  catchUp?: { yearlyDays: number; monthlyMonths: number };
  /** How often, while the server runs, failed yearly and monthly runs are retried. Default 30 minutes. */
  retryEveryMs?: number;
  /** How often 尊享 drafts past their review deadline are released (runner.releaseOverdueReviews). Default 5 minutes. */
  releaseEveryMs?: number;
  /** Jobs of other capabilities run on the same clock, coordinator and run records (the holiday reminder). */
  extraJobs?: ExtraScheduledJob[];
}

/**
 * A job that is no report (src/holidays' daily reminder): its slots are claimed as `report:<job>:<slot>` like the
 * reports', and at start only its current slot (within a day) is caught up, as the at-risk job's is.
 */
export interface ExtraScheduledJob {
  job: Exclude<ScheduledJob, ReportJob>;
  schedule: string;
  run(slot: Date, trigger: JobTrigger): Promise<JobOutcome>;
}

export interface ReportScheduler {
  /** Resolves when the runs caught up at start are over; never rejects (a failure is logged and recorded). */
  caughtUp: Promise<void>;
  /** Stops the ticks and catch-up and resolves once the runs in progress have finished. */
  stop(): Promise<void>;
}

/** Throws an Error naming the job and the expression when node-cron would refuse it. */
export function validateSchedule(job: ScheduledJob, expression: string): void {
  const result = validateDetailed(expression);
  if (result.valid) return;
  const why = result.errors.map((e) => e.message).join('; ');
  throw new Error(`The ${job} report's schedule "${expression}" is not a valid cron expression${why ? `: ${why}` : ''}`);
}

/**
 * The first time of day (HH:MM:SS, Asia/Shanghai) an expression fires: the yearly and monthly reports' cut-off
 * (report-slot.ts). `0 7 * * *` is 07:00:00; `30 6,18 * * *` is 06:30:00.
 */
export function firstTimeOfDay(expression: string): string {
  const fields = parse(expression);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.min(...fields.hour))}:${two(Math.min(...fields.minute))}:${two(Math.min(...fields.second))}`;
}

/**
 * The expression's slots in (after, upTo], oldest first. Asia/Shanghai has kept UTC+8 since 1991, so a UTC minute
 * is the local minute and the minute field rules out most minutes before node-cron's matcher (slow: it formats
 * the date in the time zone) is asked; the second field is independent of the others, so one match per minute does.
 */
function slotsBetween(task: ScheduledTask, fields: ParsedFields, after: Date, upTo: Date): Date[] {
  const minutes = new Set(fields.minute);
  const seconds = [...fields.second].sort((a, b) => a - b);
  const slots: Date[] = [];
  for (let m = Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS; m <= upTo.getTime(); m += MINUTE_MS) {
    if (!minutes.has(new Date(m).getUTCMinutes()) || !task.match(new Date(m + seconds[0]! * 1000))) continue;
    for (const s of seconds) {
      const at = m + s * 1000;
      if (at > after.getTime() && at <= upTo.getTime()) slots.push(new Date(at));
    }
  }
  return slots;
}

/** The newest slot at or before `now`, within `lookbackMs`. */
function currentSlot(task: ScheduledTask, fields: ParsedFields, now: Date, lookbackMs: number): Date | null {
  const minutes = new Set(fields.minute);
  const seconds = [...fields.second].sort((a, b) => b - a);
  for (let m = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS; m > now.getTime() - lookbackMs; m -= MINUTE_MS) {
    if (!minutes.has(new Date(m).getUTCMinutes()) || !task.match(new Date(m + seconds.at(-1)! * 1000))) continue;
    const s = seconds.find((sec) => m + sec * 1000 <= now.getTime());
    if (s !== undefined) return new Date(m + s * 1000);
  }
  return null;
}

function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/** Logged and stored with the run: a database error's message would carry its SQL and bound values. */
function errorMessage(err: unknown): string {
  return safeErrorMessage(err);
}

function outcomeFields(outcome: JobOutcome) {
  return {
    period: outcome.period,
    messages: outcome.messages.length,
    created: outcome.messages.filter((m) => m.created).length,
    problems: outcome.problems.length,
    skipped: outcome.skipped?.en ?? null,
  };
}

/** node-cron's own warnings (an overlap blocked, a coordinator error) go to our log rather than the console. */
function cronLogger(log: SchedulerLog, job: ScheduledJob): CronLogger {
  const text = (m: string | Error) => (m instanceof Error ? m.message : m);
  return {
    info: (m) => log.info({ job }, `node-cron: ${m}`),
    warn: (m) => log.warn({ job }, `node-cron: ${m}`),
    error: (m, err) => log.error({ job, error: err ? errorMessage(err) : undefined }, `node-cron: ${text(m)}`),
    debug: () => {},
  };
}

/** Runs a claimed slot and records how it went; never throws, so node-cron and the catch-up loop go on. */
async function runClaimed(deps: ReportSchedulerDeps, job: ScheduledJob, slot: Date, trigger: JobTrigger): Promise<void> {
  const { runner, runs, instance, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const key = slotKey(job, slot);
  const fields = { job, slot: slot.toISOString(), trigger, instance };
  try {
    const extra = deps.extraJobs?.find((e) => e.job === job);
    const outcome = extra ? await extra.run(slot, trigger) : await runner.run(job as ReportJob, slot, { dryRun: false, trigger, actor: 'system' });
    const recorded = await runs.finish(key, instance, outcome, clock());
    if (recorded) logger.info({ ...fields, ...outcomeFields(outcome) }, 'report run done');
    else logger.warn({ ...fields, ...outcomeFields(outcome) }, 'report run done after its lease had passed to another instance');
  } catch (err) {
    const error = errorMessage(err);
    try {
      await runs.fail(key, instance, error, clock());
    } catch (recordErr) {
      // The run stays "running" until its lease expires; the next start then takes it over.
      logger.error({ ...fields, error: errorMessage(recordErr) }, 'could not record a failed report run');
    }
    logger.error({ ...fields, error }, 'report run failed');
  }
}

export async function startReportScheduler(deps: ReportSchedulerDeps): Promise<ReportScheduler> {
  for (const job of REPORT_JOBS) validateSchedule(job, deps.schedules[job]);
  const extras = deps.extraJobs ?? [];
  for (const extra of extras) validateSchedule(extra.job, extra.schedule);
  const scheduleOf = (job: ScheduledJob) => extras.find((e) => e.job === job)?.schedule ?? deps.schedules[job as ReportJob];
  const clock = deps.clock ?? (() => new Date());
  const lookback = deps.catchUp ?? DEFAULT_CATCH_UP;
  const coordinator = createRunCoordinator({ runs: deps.runs, instance: deps.instance, clock });
  let stopped = false;
  const inFlight = new Set<Promise<unknown>>();
  const track = <T>(p: Promise<T>): Promise<T> => {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  };
  // No new claims once stopping; a claim already asked is waited for, as is the run it may lead to.
  const gate: RunCoordinator = { shouldRun: (key, ttlMs) => (stopped ? false : track(coordinator.claim(key, ttlMs, 'schedule'))) };

  const tasks = new Map<ScheduledJob, ScheduledTask>();
  for (const job of [...REPORT_JOBS, ...extras.map((e) => e.job)]) {
    const task = createTask(scheduleOf(job), (context) => track(runClaimed(deps, job, context.date, 'schedule')), {
      name: taskName(job),
      timezone: REPORT_TIMEZONE,
      distributed: true,
      runCoordinator: gate,
      distributedLease: RUN_LEASE_MS[job],
      noOverlap: true,
      logger: cronLogger(deps.logger, job),
    });
    tasks.set(job, task);
  }

  const catchUpJob = async (job: ScheduledJob, now: Date) => {
    const task = tasks.get(job)!;
    const fields = parse(scheduleOf(job));
    let slots: Date[];
    if (job === 'at-risk' || job === 'holidays') {
      const slot = currentSlot(task, fields, now, AT_RISK_LOOKBACK_MS);
      slots = slot ? [slot] : [];
    } else {
      const windowStart = job === 'yearly' ? new Date(now.getTime() - lookback.yearlyDays * DAY_MS) : monthsBefore(now, lookback.monthlyMonths);
      const latest = await deps.runs.latest(job);
      const missed = slotsBetween(task, fields, latest && latest > windowStart ? latest : windowStart, now);
      // A failed slot older than the last one done is still owed its reports.
      const retries = (await deps.runs.unfinished(job, windowStart)).filter((slot) => slot <= now);
      const byTime = new Map([...retries, ...missed].map((slot) => [slot.getTime(), slot]));
      slots = [...byTime.values()].sort((a, b) => a.getTime() - b.getTime());
    }
    if (slots.length > MAX_CATCH_UP_RUNS) {
      deps.logger.warn({ job, slots: slots.length, kept: MAX_CATCH_UP_RUNS }, 'too many report slots to catch up; only the latest are run');
      slots = slots.slice(-MAX_CATCH_UP_RUNS);
    }
    for (const slot of slots) {
      if (stopped) return;
      // A slot done, or being run by a live instance, is refused here; a failed one is taken and run again.
      if (await coordinator.claim(slotKey(job, slot), RUN_LEASE_MS[job], 'catch-up')) await runClaimed(deps, job, slot, 'catch-up');
    }
  };

  const now = clock();
  const caughtUp = track(
    Promise.all(
      [...REPORT_JOBS, ...extras.map((e) => e.job)].map((job) =>
        catchUpJob(job, now).catch((err: unknown) => deps.logger.error({ job, error: errorMessage(err) }, 'report catch-up failed')),
      ),
    ).then(() => undefined),
  );
  for (const task of tasks.values()) await task.start();

  // 尊享 drafts nobody reviewed in time go out as 系统建议: at start (those that fell due while the server was down),
  // then every few minutes. Each draft is taken by one conditional UPDATE, so every instance may sweep at once.
  let releasing = false;
  const releaseOverdue = () => {
    const release = deps.runner.releaseOverdueReviews;
    if (!release || stopped || releasing) return;
    releasing = true;
    void track(
      release(clock())
        .then(({ released, failed }) => {
          if (released > 0) deps.logger.info({ released, instance: deps.instance }, 'released overdue report reviews as system advice');
          for (const f of failed) deps.logger.error({ reviewId: f.id, error: errorMessage(f.error) }, 'could not release an overdue report review; it is tried again');
        })
        .catch((err: unknown) => deps.logger.error({ error: errorMessage(err) }, 'releasing overdue report reviews failed'))
        .finally(() => (releasing = false)),
    );
  };
  void caughtUp.then(releaseOverdue);
  const releaseTimer = setInterval(releaseOverdue, deps.releaseEveryMs ?? DEFAULT_RELEASE_EVERY_MS);
  releaseTimer.unref();

  // A run that failed (the database or a template, say) is owed its reports: the same catch-up, now and then.
  let retrying = false;
  const retryTimer = setInterval(() => {
    if (stopped || retrying) return;
    retrying = true;
    const now = clock();
    void track(
      Promise.all(
        (['yearly', 'monthly'] as const).map((job) => catchUpJob(job, now).catch((err: unknown) => deps.logger.error({ job, error: errorMessage(err) }, 'report retry failed'))),
      ).finally(() => (retrying = false)),
    );
  }, deps.retryEveryMs ?? DEFAULT_RETRY_EVERY_MS);
  retryTimer.unref();

  return {
    caughtUp,
    async stop() {
      stopped = true;
      clearInterval(retryTimer);
      clearInterval(releaseTimer);
      for (const task of tasks.values()) await task.destroy();
      // node-cron calls the task in the same chain of microtasks that answers the claim, so once nothing is in
      // flight a macrotask later, no run can start any more.
      while (inFlight.size > 0) {
        await Promise.allSettled([...inFlight]);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

export interface RunNowDeps {
  runner: ReportJobRunner;
  runs: JobRunStore;
  instance: string;
  clock?: () => Date;
  logger?: SchedulerLog;
}

/**
 * Runs a job by hand (the CLI, the manager's button), now and whatever the scheduler did: the outbox's unique key,
 * not the run record, keeps a report from going out twice. The run is recorded, dry or not; a failure is recorded
 * and thrown.
 */
export async function runJobNow(deps: RunNowDeps, job: ReportJob, slot: Date, options: { dryRun: boolean; actor: string }): Promise<JobOutcome> {
  const { runner, runs, instance, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const now = clock();
  const key = `${job}:manual:${now.toISOString()}:${randomBytes(6).toString('hex')}`;
  const claimed = await runs.claim(key, { job, slot, trigger: 'manual', instance, actor: options.actor, dryRun: options.dryRun, now, leaseUntil: new Date(now.getTime() + RUN_LEASE_MS[job]) });
  if (!claimed) throw new Error(`The run key ${key} is already taken`);
  const fields = { job, slot: slot.toISOString(), trigger: 'manual', instance, actor: options.actor, dryRun: options.dryRun };
  let outcome: JobOutcome;
  try {
    outcome = await runner.run(job, slot, { dryRun: options.dryRun, trigger: 'manual', actor: options.actor });
  } catch (err) {
    await runs.fail(key, instance, errorMessage(err), clock());
    logger?.error({ ...fields, error: errorMessage(err) }, 'report run failed');
    throw err;
  }
  await runs.finish(key, instance, outcome, clock());
  logger?.info({ ...fields, ...outcomeFields(outcome) }, 'report run done');
  return outcome;
}
