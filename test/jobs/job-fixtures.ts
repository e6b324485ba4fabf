// A report runner that records what it was asked to run, a logger that keeps its lines, and the clocks the job
// tests share. The runner is our own interface (src/report/report-jobs.ts) implemented small, not a stand-in for a
// component.
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { missedWithinDays, missedWithinMonths } from '../../src/jobs/cron-slots.ts';
import type { CatchUp, JobOutcome, JobRunOptions, SchedulerLog } from '../../src/jobs/job-types.ts';
import type { JobRunClaim } from '../../src/jobs/job-run-store.ts';
import type { ReportJobRunner } from '../../src/report/report-jobs.ts';
import type { ReportKindName, ReportSchedules } from '../../src/report/report-kinds.ts';

/** 09:00 on 2026-11-28 in Shanghai: two hours after that day's yearly slot. */
export const NINE_AM = new Date('2026-11-28T01:00:00.000Z');
/** The yearly slots (07:00 Shanghai) of 26, 27 and 28 November 2026. */
export const YEARLY_26 = new Date('2026-11-25T23:00:00.000Z');
export const YEARLY_27 = new Date('2026-11-26T23:00:00.000Z');
export const YEARLY_28 = new Date('2026-11-27T23:00:00.000Z');

export const DEFAULT_SCHEDULES: ReportSchedules = { yearly: '0 7 * * *', monthly: '0 8 1 * *', 'at-risk': '0,30 * * * *' };

/** Nothing of the yearly and monthly jobs to catch up (a window that starts now); at-risk keeps its current slot. */
export const NO_CATCH_UP: Partial<Record<ReportKindName, CatchUp>> = { yearly: missedWithinDays(0), monthly: missedWithinMonths(0) };

export const minutesAfter = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `condition` holds, checking every 20 ms; fails the test after `ms`. */
export async function until(condition: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`the condition did not come true within ${ms} ms`);
    await sleep(20);
  }
}

export interface RunnerCall {
  job: ReportKindName;
  slot: string;
  options: JobRunOptions;
  startedAt: number;
  finishedAt?: number;
}

export class RecordingRunner implements ReportJobRunner {
  readonly calls: RunnerCall[] = [];
  /** `${job}@${slot ISO}` of runs that throw. */
  readonly failing = new Set<string>();
  delayMs = 0;
  /** While set, every run waits for it. */
  gate: Promise<void> | null = null;

  async run(job: ReportKindName, slot: Date, options: JobRunOptions): Promise<JobOutcome> {
    const call: RunnerCall = { job, slot: slot.toISOString(), options, startedAt: Date.now() };
    this.calls.push(call);
    if (this.delayMs > 0) await sleep(this.delayMs);
    if (this.gate) await this.gate;
    call.finishedAt = Date.now();
    if (this.failing.has(`${job}@${call.slot}`)) throw new Error(`mail merge broke for ${job} ${call.slot}`);
    return {
      job,
      slot: call.slot,
      period: `period of ${call.slot}`,
      dryRun: options.dryRun,
      skipped: null,
      messages: [{ periodKey: call.slot.slice(0, 10), recipient: 'contract:1', subject: `${job} report`, to: ['it@customer.example'], cc: [], created: !options.dryRun }],
      problems: [],
    };
  }

  /** No 尊享 drafts here: a sweep finds nothing to release (a test that needs one replaces this). */
  async releaseOverdueReviews(): Promise<{ released: number; failed: { id: number; error: unknown }[] }> {
    return { released: 0, failed: [] };
  }

  slots(job: ReportKindName, trigger?: JobRunOptions['trigger']): string[] {
    return this.calls.filter((c) => c.job === job && (trigger === undefined || c.options.trigger === trigger)).map((c) => c.slot);
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

export function recordingLogger(): SchedulerLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: object, message: string) => lines.push({ level, fields: fields as Record<string, unknown>, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export function claimAt(now: Date, overrides: Partial<JobRunClaim> = {}): JobRunClaim {
  return { job: 'yearly', slot: YEARLY_28, trigger: 'schedule', instance: 'instance-a', actor: 'system', dryRun: false, now, leaseUntil: minutesAfter(now, 15), ...overrides };
}

export function outcomeOf(job: ReportKindName, slot: Date, messages = 1): JobOutcome {
  return {
    job,
    slot: slot.toISOString(),
    period: 'contract years ended 2026-11-27',
    dryRun: false,
    skipped: null,
    messages: Array.from({ length: messages }, (_, n) => ({ periodKey: '2026-11-27', recipient: `contract:${n}`, subject: `年度服务报告 · 合同 ${n}`, to: [`it${n}@customer.example`], cc: [`csm${n}@entitle.example`], created: true })),
    problems: [],
  };
}

/** A second, independent connection pool on the same database: what another server instance would open. */
export function openAnotherHandle(url: string): Database {
  return openDatabase(parseDatabaseUrl(url));
}
