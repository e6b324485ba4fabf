// The scheduler on real node-cron tasks and a real database, with the report kinds' jobs as src/report declares
// them: catch-up after downtime, two instances sharing the work, retries of failed runs, ticks on a per-second
// schedule, and a clean stop.
import { getTasks } from 'node-cron';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createJobRunRepository } from '../../src/jobs/job-run-repository.ts';
import type { JobRunStore } from '../../src/jobs/job-run-store.ts';
import { validateSchedule } from '../../src/jobs/cron-slots.ts';
import { runJobNow, startJobScheduler, type JobScheduler, type JobSchedulerDeps } from '../../src/jobs/job-scheduler.ts';
import type { SchedulerLog } from '../../src/jobs/job-types.ts';
import { createRunCoordinator } from '../../src/jobs/run-coordinator.ts';
import type { ReportJobRunner } from '../../src/report/report-jobs.ts';
import { REPORT_KIND_NAMES, type ReportSchedules } from '../../src/report/report-kinds.ts';
import { reportSchedule } from '../../src/report/report-schedule.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { DEFAULT_SCHEDULES, NINE_AM, NO_CATCH_UP, openAnotherHandle, outcomeOf, recordingLogger, RecordingRunner, sleep, until, YEARLY_26, YEARLY_27, YEARLY_28 } from './job-fixtures.ts';

/** 1 October and 1 November 2026, 08:00 in Shanghai: the monthly slots within two months of NINE_AM. */
const MONTHLY_SLOTS = ['2026-10-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z'];

describeEachDatabase(
  'report scheduler',
  (current) => {
    let other: Database;
    let runner: RecordingRunner;
    const started: JobScheduler[] = [];

    beforeAll(() => {
      other = openAnotherHandle(current().url);
    });
    afterAll(async () => {
      await other.destroy();
    });
    beforeEach(async () => {
      await current().db('job_runs').del();
      runner = new RecordingRunner();
    });
    afterEach(async () => {
      for (const s of started.splice(0)) await s.stop();
    });

    interface TestOptions {
      runner?: ReportJobRunner;
      schedules?: ReportSchedules;
      /** Nothing of the yearly and monthly jobs to catch up (at-risk still runs its current slot). */
      noCatchUp?: boolean;
      releaseEveryMs?: number;
      instance?: string;
      logger?: SchedulerLog;
      /** undefined: the real clock. */
      clock?: (() => Date) | undefined;
      retryEveryMs?: number;
    }

    /** The report kinds' jobs on the recording runner, as main.ts schedules them, at 09:00 on 2026-11-28 unless told. */
    function deps(o: TestOptions = {}, db: Database = current().db): JobSchedulerDeps {
      const { jobs, sweeps } = reportSchedule(o.runner ?? runner, { schedules: o.schedules ?? DEFAULT_SCHEDULES, catchUp: o.noCatchUp ? NO_CATCH_UP : undefined, releaseEveryMs: o.releaseEveryMs });
      const clock = 'clock' in o ? o.clock : () => NINE_AM;
      return { jobs, sweeps, runs: createJobRunRepository(db), instance: o.instance ?? 'instance-a', logger: o.logger ?? recordingLogger(), clock, retryEveryMs: o.retryEveryMs };
    }

    const jobOf = (d: JobSchedulerDeps, name: string) => d.jobs.find((j) => j.name === name)!;

    async function start(d: JobSchedulerDeps): Promise<JobScheduler> {
      const s = await startJobScheduler(d);
      started.push(s);
      return s;
    }

    async function recordDone(runs: JobRunStore, slot: Date): Promise<void> {
      const key = `report:yearly:${slot.toISOString()}`;
      await runs.claim(key, { job: 'yearly', slot, trigger: 'schedule', instance: 'earlier', actor: 'system', dryRun: false, now: slot, leaseUntil: slot });
      await runs.finish(key, 'earlier', outcomeOf('yearly', slot), slot);
    }

    async function statuses(): Promise<Record<string, string>> {
      const rows = (await current().db('job_runs').select('run_key', 'status')) as Array<{ run_key: string; status: string }>;
      return Object.fromEntries(rows.map((r) => [r.run_key, r.status]));
    }

    it('catches up the yearly slots missed since the last one done, oldest first, each once', async () => {
      const d = deps();
      await recordDone(d.runs, YEARLY_26);
      const scheduler = await start(d);
      await scheduler.caughtUp;

      expect(runner.slots('yearly', 'catch-up')).toEqual([YEARLY_27.toISOString(), YEARLY_28.toISOString()]);
      // No monthly run yet: the whole two-month lookback. At-risk: the current half hour, 09:00.
      expect(runner.slots('monthly', 'catch-up')).toEqual(MONTHLY_SLOTS);
      expect(runner.slots('at-risk', 'catch-up')).toEqual([NINE_AM.toISOString()]);
      for (const call of runner.calls) expect(call.options).toEqual({ dryRun: false, trigger: 'catch-up', actor: 'system' });
      expect((await d.runs.latest('yearly'))?.toISOString()).toBe(YEARLY_28.toISOString());
      const lines = (d.logger as ReturnType<typeof recordingLogger>).lines.filter((l) => l.message === 'report run done');
      expect(lines).toHaveLength(5);
      expect(lines[0]!.fields).toMatchObject({ job: expect.any(String), trigger: 'catch-up', messages: 1, created: 1, skipped: null });

      // A restart twenty minutes later has nothing left to catch up (the next at-risk slot, 09:30, is not due yet).
      await scheduler.stop();
      const again = await start(deps({ clock: () => new Date(NINE_AM.getTime() + 20 * 60_000) }));
      await again.caughtUp;
      expect(runner.calls.filter((c) => c.options.trigger === 'catch-up')).toHaveLength(5);
    });

    it('two instances started together run each missed slot once in total', async () => {
      runner.delayMs = 30;
      const a = deps({ instance: 'instance-a' });
      const b = deps({ instance: 'instance-b' }, other);
      await recordDone(a.runs, YEARLY_26);

      const [sa, sb] = await Promise.all([start(a), start(b)]);
      await Promise.all([sa.caughtUp, sb.caughtUp]);

      expect(runner.slots('yearly', 'catch-up').sort()).toEqual([YEARLY_27.toISOString(), YEARLY_28.toISOString()]);
      expect(runner.slots('monthly', 'catch-up').sort()).toEqual(MONTHLY_SLOTS);
      expect(runner.slots('at-risk', 'catch-up')).toEqual([NINE_AM.toISOString()]);
      const rows = (await current().db('job_runs').select('status', 'instance')) as Array<{ status: string; instance: string }>;
      expect(rows.filter((r) => r.status === 'done')).toHaveLength(6);
    });

    it('retries a failed run at the next start, even when a later slot was done since', async () => {
      runner.failing.add(`yearly@${YEARLY_27.toISOString()}`);
      const d = deps();
      await recordDone(d.runs, YEARLY_26);
      const first = await start(d);
      await first.caughtUp;
      await first.stop();
      expect(runner.slots('yearly')).toEqual([YEARLY_27.toISOString(), YEARLY_28.toISOString()]);
      const failed = (await d.runs.list({ job: 'yearly', limit: 10, offset: 0 })).find((r) => r.slot === YEARLY_27.toISOString());
      expect(failed).toMatchObject({ status: 'failed', error: `mail merge broke for yearly ${YEARLY_27.toISOString()}` });
      const errorLine = (d.logger as ReturnType<typeof recordingLogger>).lines.find((l) => l.level === 'error');
      // What happens next is said: a yearly report is owed, so the run is retried, and by when.
      expect(errorLine).toMatchObject({ message: 'report run failed', fields: { job: 'yearly', slot: YEARLY_27.toISOString(), error: expect.stringContaining('mail merge broke'), next: expect.stringMatching(/^retry by \d{4}-\d{2}-\d{2}T.* and at the next start$/) } });

      runner.failing.clear();
      const second = await start(deps({ instance: 'instance-b' }));
      await second.caughtUp;
      expect(runner.slots('yearly')).toEqual([YEARLY_27.toISOString(), YEARLY_28.toISOString(), YEARLY_27.toISOString()]);
      expect(await d.runs.get(failed!.id)).toMatchObject({ status: 'done', instance: 'instance-b', error: null });
    });

    it('retries a failed run while the server keeps running', async () => {
      runner.failing.add(`yearly@${YEARLY_27.toISOString()}`);
      const d = deps({ retryEveryMs: 100 });
      await recordDone(d.runs, YEARLY_26);
      const s = await start(d);
      await s.caughtUp;
      const failed = (await d.runs.list({ job: 'yearly', limit: 10, offset: 0 })).find((r) => r.slot === YEARLY_27.toISOString());
      expect(failed).toMatchObject({ status: 'failed' });
      // Still failing: retried, still recorded as failed, never marked done. (Waited for, not slept on: on a busy
      // machine a retry every 100 ms may take longer than that to come round.)
      const tries = () => runner.slots('yearly').filter((slot) => slot === YEARLY_27.toISOString()).length;
      await until(async () => tries() > 1 && (await d.runs.get(failed!.id))?.status === 'failed');
      expect(await d.runs.get(failed!.id)).not.toMatchObject({ status: 'done' });
      runner.failing.clear();
      await until(async () => (await d.runs.get(failed!.id))?.status === 'done');
      expect(await d.runs.get(failed!.id)).toMatchObject({ status: 'done', error: null });
      const runsOf28 = runner.slots('yearly').filter((slot) => slot === YEARLY_28.toISOString());
      expect(runsOf28).toHaveLength(1);
    });

    it('fires real ticks on two instances and runs every slot exactly once', async () => {
      const schedules = { ...DEFAULT_SCHEDULES, 'at-risk': '* * * * * *' };
      const common = { schedules, clock: undefined, noCatchUp: true };
      runner.delayMs = 50;
      const logs = [recordingLogger(), recordingLogger()];
      await Promise.all([start(deps({ ...common, instance: 'instance-a', logger: logs[0] })), start(deps({ ...common, instance: 'instance-b', logger: logs[1] }, other))]);
      await sleep(2_500);
      for (const s of started.splice(0)) await s.stop();

      const ticks = runner.slots('at-risk', 'schedule');
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      const slots = runner.slots('at-risk');
      expect(new Set(slots).size).toBe(slots.length);
      const runs = await statuses();
      expect(Object.keys(runs).sort()).toEqual(slots.map((s) => `report:at-risk:${s}`).sort());
      expect(Object.values(runs).every((s) => s === 'done')).toBe(true);
      // Nothing went wrong on the way: no coordinator error, no overlap, no lost lease.
      expect(logs.flatMap((l) => l.lines).filter((l) => l.level !== 'info')).toEqual([]);
    });

    it('stop() waits for the run in progress and starts no other', async () => {
      let release = () => {};
      runner.gate = new Promise((resolve) => (release = resolve));
      const scheduler = await start(deps({ schedules: { ...DEFAULT_SCHEDULES, 'at-risk': '* * * * * *' }, clock: undefined, noCatchUp: true }));
      // The catch-up's run of the current second is held, and so is the first tick's (catch-up is not a node-cron
      // execution, so overlap prevention does not hold the tick back).
      const deadline = Date.now() + 3_000;
      while (!runner.calls.some((c) => c.options.trigger === 'schedule') && Date.now() < deadline) await sleep(10);
      expect(runner.calls.map((c) => c.options.trigger)).toEqual(['catch-up', 'schedule']);

      let stopped = false;
      const stopping = scheduler.stop().then(() => (stopped = true));
      await sleep(300);
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(runner.calls.every((c) => c.finishedAt !== undefined)).toBe(true);
      expect(await statuses()).toEqual(Object.fromEntries(runner.calls.map((c) => [`report:at-risk:${c.slot}`, 'done'])));
      // Ticks came and went while the runs were held; none ran, and none runs after stop().
      await sleep(1_100);
      expect(runner.calls).toHaveLength(2);
    });

    it('refuses an invalid cron expression, naming the job and the expression, and schedules nothing', async () => {
      const before = getTasks().size;
      await expect(start(deps({ schedules: { ...DEFAULT_SCHEDULES, monthly: '0 8 32 * *' } }))).rejects.toThrow(/monthly report's schedule "0 8 32 \* \*" is not a valid cron expression/);
      expect(getTasks().size).toBe(before);
      expect(() => validateSchedule('at-risk', 'every half hour')).toThrow(/at-risk.*"every half hour"/);
      expect(() => validateSchedule('yearly', '0 7 * * *')).not.toThrow();
    });

    it('runs a job by hand whatever the scheduler did, and records it, dry or not', async () => {
      const d = deps();
      await recordDone(d.runs, YEARLY_28);
      const dry = await runJobNow(d, jobOf(d, 'yearly'), YEARLY_28, { dryRun: true, actor: 'wang.li' });
      expect(dry).toMatchObject({ job: 'yearly', dryRun: true, messages: [{ created: false }] });
      await runJobNow(d, jobOf(d, 'yearly'), YEARLY_28, { dryRun: false, actor: 'wang.li' });
      runner.failing.add(`monthly@${MONTHLY_SLOTS[1]}`);
      await expect(runJobNow(d, jobOf(d, 'monthly'), new Date(MONTHLY_SLOTS[1]!), { dryRun: false, actor: 'wang.li' })).rejects.toThrow(/mail merge broke/);

      expect(runner.calls.map((c) => c.options)).toEqual([
        { dryRun: true, trigger: 'manual', actor: 'wang.li' },
        { dryRun: false, trigger: 'manual', actor: 'wang.li' },
        { dryRun: false, trigger: 'manual', actor: 'wang.li' },
      ]);
      const manual = (await d.runs.list({ limit: 10, offset: 0 })).filter((r) => r.trigger === 'manual');
      expect(manual.map((r) => [r.job, r.status, r.dryRun, r.actor])).toEqual([
        ['monthly', 'failed', false, 'wang.li'],
        ['yearly', 'done', false, 'wang.li'],
        ['yearly', 'done', true, 'wang.li'],
      ]);
      expect(manual[2]!.runKey).toMatch(/^yearly:manual:2026-11-28T01:00:00\.000Z:[0-9a-f]{12}$/);
      expect(manual[2]!.outcome).toEqual(dry);
      // Runs by hand leave the schedule's sequence alone.
      expect(await d.runs.latest('monthly')).toBeNull();
    });

    it('sweeps for overdue 尊享 drafts once caught up and then every releaseEveryMs, logs what it could not release, and stops with the scheduler', async () => {
      const sweeps: Date[] = [];
      const releasing = Object.assign(runner, {
        async releaseOverdueReviews(now: Date) {
          sweeps.push(now);
          // The first sweep releases two; the second meets one that keeps failing (it is retried, and said).
          return sweeps.length === 1 ? { released: 2, failed: [] } : { released: 0, failed: [{ id: 7, error: new Error('insert into outbox failed: select * from secret') }] };
        },
      });
      const logger = recordingLogger();
      const scheduler = await start(deps({ runner: releasing, logger, releaseEveryMs: 40 }));
      await scheduler.caughtUp;
      const deadline = Date.now() + 10_000;
      while (sweeps.length < 3 && Date.now() < deadline) await sleep(20);
      expect(sweeps.length).toBeGreaterThanOrEqual(3);
      expect(sweeps.every((at) => at.getTime() === NINE_AM.getTime())).toBe(true);
      expect(logger.lines.find((l) => l.message === 'released overdue report reviews as system advice')?.fields).toMatchObject({ released: 2 });
      const failure = logger.lines.find((l) => l.message.startsWith('could not release an overdue report review'));
      expect(failure?.level).toBe('error');
      expect(failure?.fields).toMatchObject({ reviewId: 7 });
      await scheduler.stop();
      const after = sweeps.length;
      await sleep(150);
      expect(sweeps.length).toBe(after);
    });

    it('the coordinator refuses a key that is not a report slot, so node-cron skips it', async () => {
      const coordinator = createRunCoordinator({ runs: createJobRunRepository(current().db), instance: 'instance-a', jobs: REPORT_KIND_NAMES, clock: () => NINE_AM });
      await expect(coordinator.shouldRun('report:weekly:2026-11-28T01:00:00.000Z', 60_000)).rejects.toThrow(/Not a report slot key/);
      expect(await coordinator.shouldRun(`report:yearly:${YEARLY_28.toISOString()}`, 60_000)).toBe(true);
      expect(await coordinator.shouldRun(`report:yearly:${YEARLY_28.toISOString()}`, 60_000)).toBe(false);
      expect((await statuses())[`report:yearly:${YEARLY_28.toISOString()}`]).toBe('running');
    });
  },
  { file: true },
);
