// When the scheduled jobs run, and on which instance. Every server instance starts the same node-cron tasks; at each
// tick the instances race to claim `report:<job>:<slot>` in job_runs (run-coordinator.ts) and one runs the slot.
// Nothing starts at import: the server calls startJobScheduler once it is up and awaits stop() on shutdown. The
// scheduler knows no job by name: each one (a report kind, the holiday reminder) declares its schedule, lease and
// catch-up rule (job-types.ts), and the composition root hands the list over.
//
// Catch-up: a server that was down at 07:00 must still send that day's yearly reports, so at start each job's
// slots since the last one done, and those that failed, within its window, are run oldest first, through the same
// keys as the ticks.
import { randomBytes } from 'node:crypto';
import { createTask, parse, type Logger as CronLogger, type RunCoordinator, type ScheduledTask } from 'node-cron';
import { currentSlot, MINUTE_MS, SCHEDULE_TIMEZONE, slotsBetween, validateSchedule } from './cron-slots.ts';
import type { JobOutcome, JobTrigger, ScheduledJob, SchedulerLog, Sweep } from './job-types.ts';
import type { JobRunStore } from './job-run-store.ts';
import { createRunCoordinator, slotKey, taskName } from './run-coordinator.ts';
import { safeErrorMessage } from '../logger.ts';

const DEFAULT_RETRY_EVERY_MS = 30 * MINUTE_MS;

/** A schedule that matches every minute would otherwise catch up tens of thousands of slots. */
const MAX_CATCH_UP_RUNS = 100;

export interface JobSchedulerDeps {
  jobs: readonly ScheduledJob[];
  runs: JobRunStore;
  /** Names this server instance in job_runs; unique per process. */
  instance: string;
  logger: SchedulerLog;
  clock?: () => Date;
  /** How often, while the server runs, failed runs of jobs that catch up what they missed are retried. Default 30 minutes. */
  retryEveryMs?: number;
  /** Work repeated while the scheduler runs, once caught up and then every sweep's `everyMs`. */
  sweeps?: readonly Sweep[];
  /** Told how each run this instance made ended (/metrics): done, done_late (its lease had passed on) or failed. */
  onRun?: (job: string, outcome: 'done' | 'done_late' | 'failed') => void;
}

export interface JobScheduler {
  /** Resolves when the runs caught up at start are over; never rejects (a failure is logged and recorded). */
  caughtUp: Promise<void>;
  /** Stops the ticks, catch-up and sweeps and resolves once the runs in progress have finished. */
  stop(): Promise<void>;
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
function cronLogger(log: SchedulerLog, job: string): CronLogger {
  const text = (m: string | Error) => (m instanceof Error ? m.message : m);
  return {
    info: (m) => log.info({ job }, `node-cron: ${m}`),
    warn: (m) => log.warn({ job }, `node-cron: ${m}`),
    error: (m, err) => log.error({ job, error: err ? errorMessage(err) : undefined }, `node-cron: ${text(m)}`),
    debug: () => {},
  };
}

/** What happens after a run of this job failed, for the log line: retried while the server runs, or given up. */
function afterFailure(deps: JobSchedulerDeps, job: ScheduledJob, now: Date): string {
  if (job.catchUp.kind === 'current') return 'given up for this slot (an alert for a moment gone by is noise); the next slot runs on schedule';
  const by = new Date(now.getTime() + (deps.retryEveryMs ?? DEFAULT_RETRY_EVERY_MS)).toISOString();
  return `retry by ${by} (the scheduler retries failed runs every ${Math.round((deps.retryEveryMs ?? DEFAULT_RETRY_EVERY_MS) / MINUTE_MS)} min) and at the next start`;
}

/** Runs a claimed slot and records how it went; never throws, so node-cron and the catch-up loop go on. */
async function runClaimed(deps: JobSchedulerDeps, job: ScheduledJob, slot: Date, trigger: JobTrigger): Promise<void> {
  const { runs, instance, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const key = slotKey(job.name, slot);
  const fields = { job: job.name, slot: slot.toISOString(), trigger, instance };
  try {
    const outcome = await job.run(slot, { dryRun: false, trigger, actor: 'system' });
    const recorded = await runs.finish(key, instance, outcome, clock());
    deps.onRun?.(job.name, recorded ? 'done' : 'done_late');
    if (recorded) logger.info({ ...fields, ...outcomeFields(outcome) }, 'report run done');
    else logger.warn({ ...fields, ...outcomeFields(outcome) }, 'report run done after its lease had passed to another instance');
  } catch (err) {
    deps.onRun?.(job.name, 'failed');
    const error = errorMessage(err);
    try {
      await runs.fail(key, instance, error, clock());
    } catch (recordErr) {
      // The run stays "running" until its lease expires; the next start then takes it over.
      logger.error({ ...fields, error: errorMessage(recordErr), next: `the run stays "running" until its lease of ${Math.round(job.leaseMs / MINUTE_MS)} min ends; then a retry or the next start takes the slot over` }, 'could not record a failed report run');
    }
    logger.error({ ...fields, error, next: afterFailure(deps, job, clock()) }, 'report run failed');
  }
}

export async function startJobScheduler(deps: JobSchedulerDeps): Promise<JobScheduler> {
  for (const job of deps.jobs) validateSchedule(job.name, job.schedule);
  const clock = deps.clock ?? (() => new Date());
  const coordinator = createRunCoordinator({ runs: deps.runs, instance: deps.instance, clock, jobs: deps.jobs.map((j) => j.name) });
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
  for (const job of deps.jobs) {
    const task = createTask(job.schedule, (context) => track(runClaimed(deps, job, context.date, 'schedule')), {
      name: taskName(job.name),
      timezone: SCHEDULE_TIMEZONE,
      distributed: true,
      runCoordinator: gate,
      distributedLease: job.leaseMs,
      noOverlap: true,
      logger: cronLogger(deps.logger, job.name),
    });
    tasks.set(job, task);
  }

  const catchUpJob = async (job: ScheduledJob, now: Date) => {
    const task = tasks.get(job)!;
    const fields = parse(job.schedule);
    let slots: Date[];
    if (job.catchUp.kind === 'current') {
      const slot = currentSlot(task, fields, now, job.catchUp.withinMs);
      slots = slot ? [slot] : [];
    } else {
      const windowStart = job.catchUp.windowStart(now);
      const latest = await deps.runs.latest(job.name);
      const missed = slotsBetween(task, fields, latest && latest > windowStart ? latest : windowStart, now);
      // A failed slot older than the last one done is still owed its reports.
      const retries = (await deps.runs.unfinished(job.name, windowStart)).filter((slot) => slot <= now);
      const byTime = new Map([...retries, ...missed].map((slot) => [slot.getTime(), slot]));
      slots = [...byTime.values()].sort((a, b) => a.getTime() - b.getTime());
    }
    if (slots.length > MAX_CATCH_UP_RUNS) {
      deps.logger.warn({ job: job.name, slots: slots.length, kept: MAX_CATCH_UP_RUNS }, 'too many report slots to catch up; only the latest are run');
      slots = slots.slice(-MAX_CATCH_UP_RUNS);
    }
    for (const slot of slots) {
      if (stopped) return;
      // A slot done, or being run by a live instance, is refused here; a failed one is taken and run again.
      if (await coordinator.claim(slotKey(job.name, slot), job.leaseMs, 'catch-up')) await runClaimed(deps, job, slot, 'catch-up');
    }
  };
  const catchUpAll = (jobs: readonly ScheduledJob[], now: Date, failure: string) =>
    Promise.all(jobs.map((job) => catchUpJob(job, now).catch((err: unknown) => deps.logger.error({ job: job.name, error: errorMessage(err), next: afterFailure(deps, job, clock()) }, failure)))).then(() => undefined);

  const caughtUp = track(catchUpAll(deps.jobs, clock(), 'report catch-up failed'));
  for (const task of tasks.values()) await task.start();

  // Sweeps run at start (what fell due while the server was down), once caught up, then every few minutes; a sweep
  // still running when its next turn comes is not started twice.
  const instance = { instance: deps.instance };
  const sweepLog: SchedulerLog = {
    info: (fields, message) => deps.logger.info({ ...fields, ...instance }, message),
    warn: (fields, message) => deps.logger.warn({ ...fields, ...instance }, message),
    error: (fields, message) => deps.logger.error({ ...fields, ...instance }, message),
  };
  const sweepTimers = (deps.sweeps ?? []).map((sweep) => {
    let running = false;
    const turn = () => {
      if (stopped || running) return;
      running = true;
      void track(
        sweep
          .run(clock(), sweepLog)
          .catch((err: unknown) => sweepLog.error({ error: errorMessage(err), next: `next sweep at ${new Date(clock().getTime() + sweep.everyMs).toISOString()}` }, `${sweep.name} failed`))
          .finally(() => (running = false)),
      );
    };
    void caughtUp.then(turn);
    const timer = setInterval(turn, sweep.everyMs);
    timer.unref();
    return timer;
  });

  // A run that failed (the database or a template, say) is owed its reports: the same catch-up, now and then.
  const retried = deps.jobs.filter((job) => job.catchUp.kind === 'missed');
  let retrying = false;
  const retryTimer = setInterval(() => {
    if (stopped || retrying) return;
    retrying = true;
    void track(catchUpAll(retried, clock(), 'report retry failed').finally(() => (retrying = false)));
  }, deps.retryEveryMs ?? DEFAULT_RETRY_EVERY_MS);
  retryTimer.unref();

  return {
    caughtUp,
    async stop() {
      stopped = true;
      clearInterval(retryTimer);
      for (const timer of sweepTimers) clearInterval(timer);
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
  runs: JobRunStore;
  instance: string;
  clock?: () => Date;
  logger?: SchedulerLog;
}

/**
 * Runs a job by hand (the CLI, the managers' button), now and whatever the scheduler did: the outbox's unique key,
 * not the run record, keeps a report from going out twice. The run is recorded, dry or not; a failure is recorded
 * and thrown.
 */
export async function runJobNow(deps: RunNowDeps, job: Pick<ScheduledJob, 'name' | 'leaseMs' | 'run'>, slot: Date, options: { dryRun: boolean; actor: string }): Promise<JobOutcome> {
  const { runs, instance, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const now = clock();
  const key = `${job.name}:manual:${now.toISOString()}:${randomBytes(6).toString('hex')}`;
  const claimed = await runs.claim(key, { job: job.name, slot, trigger: 'manual', instance, actor: options.actor, dryRun: options.dryRun, now, leaseUntil: new Date(now.getTime() + job.leaseMs) });
  if (!claimed) throw new Error(`The run key ${key} is already taken`);
  const fields = { job: job.name, slot: slot.toISOString(), trigger: 'manual', instance, actor: options.actor, dryRun: options.dryRun };
  let outcome: JobOutcome;
  try {
    outcome = await job.run(slot, { dryRun: options.dryRun, trigger: 'manual', actor: options.actor });
  } catch (err) {
    await runs.fail(key, instance, errorMessage(err), clock());
    logger?.error({ ...fields, error: errorMessage(err) }, 'report run failed');
    throw err;
  }
  await runs.finish(key, instance, outcome, clock());
  logger?.info({ ...fields, ...outcomeFields(outcome) }, 'report run done');
  return outcome;
}
