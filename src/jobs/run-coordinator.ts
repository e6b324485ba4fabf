// node-cron's RunCoordinator over job_runs: each instance's task asks shouldRun(`report:<job>:<slot ISO>`) at every
// tick, and only the instance whose claim lands runs the slot. The scheduler's catch-up claims the same keys, so a
// slot is run once whether a tick or a starting instance gets to it.
import type { RunCoordinator } from 'node-cron';
import type { JobName, JobTrigger } from './job-types.ts';
import type { JobRunStore } from './job-run-store.ts';

/**
 * node-cron's task name, the first half of its coordination key. Every job's keys begin with `report:` (the
 * holiday reminder's too): job_runs holds keys of that form from before other jobs ran on the scheduler.
 */
export function taskName(job: JobName): string {
  return `report:${job}`;
}

/** The key node-cron builds for a task's slot: `${name}:${slot.toISOString()}`. */
export function slotKey(job: JobName, slot: Date): string {
  return `${taskName(job)}:${slot.toISOString()}`;
}

/** The job and slot of a key, when the key is a slot of one of `jobs`. */
export function parseSlotKey(key: string, jobs: readonly JobName[]): { job: JobName; slot: Date } | null {
  const m = /^report:([a-z-]+):(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)$/.exec(key);
  return m && jobs.includes(m[1]!) ? { job: m[1]!, slot: new Date(m[2]!) } : null;
}

export interface DbRunCoordinator extends RunCoordinator {
  /** What shouldRun does, with the trigger recorded; the scheduler's catch-up claims through this. */
  claim(key: string, ttlMs: number, trigger: JobTrigger): Promise<boolean>;
}

/** `jobs`: the names of the jobs scheduled; a key of any other is refused. */
export function createRunCoordinator(deps: { runs: JobRunStore; instance: string; jobs: readonly JobName[]; clock?: () => Date }): DbRunCoordinator {
  const clock = deps.clock ?? (() => new Date());
  const claim = async (key: string, ttlMs: number, trigger: JobTrigger) => {
    const parsed = parseSlotKey(key, deps.jobs);
    // node-cron treats a throw as "do not run" (fail-closed) and logs it.
    if (!parsed) throw new Error(`Not a report slot key: ${key}`);
    const now = clock();
    return deps.runs.claim(key, { ...parsed, trigger, instance: deps.instance, actor: 'system', dryRun: false, now, leaseUntil: new Date(now.getTime() + ttlMs) });
  };
  return {
    claim,
    shouldRun: (key, ttlMs) => claim(key, ttlMs, 'schedule'),
    // Nothing to release: node-cron calls this after a throw too, and the scheduler records done or failed itself,
    // so that a failed run stays claimable and is retried at the next start.
    onComplete: () => {},
  };
}
