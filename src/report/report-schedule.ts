// The reports on the scheduler: one scheduled job per report kind (its schedule, lease and catch-up as the kind
// declares them) and the sweep that sends the 尊享 drafts nobody reviewed in time.
import type { CatchUp, ScheduledJob, Sweep } from '../jobs/job-types.ts';
import { safeErrorMessage } from '../logger.ts';
import type { ReportJobRunner } from './report-jobs.ts';
import { REPORT_KINDS, reportSchedules, type ReportKindName, type ReportSchedules } from './report-kinds.ts';

const DEFAULT_RELEASE_EVERY_MS = 5 * 60_000;

export interface ReportScheduleOptions {
  /** Each kind's schedule; default: the kinds' own. */
  schedules?: ReportSchedules;
  /** Another catch-up than the kind's own (tests: nothing, or a shorter window). */
  catchUp?: Partial<Record<ReportKindName, CatchUp>>;
  /** How often 尊享 drafts past their review deadline are released. Default 5 minutes. */
  releaseEveryMs?: number;
}

export function reportSchedule(runner: ReportJobRunner, options: ReportScheduleOptions = {}): { jobs: ScheduledJob[]; sweeps: Sweep[] } {
  const schedules = options.schedules ?? reportSchedules();
  const jobs = REPORT_KINDS.map(
    (kind): ScheduledJob => ({
      name: kind.name,
      schedule: schedules[kind.name],
      leaseMs: kind.schedule.leaseMs,
      catchUp: options.catchUp?.[kind.name] ?? kind.schedule.catchUp,
      run: (slot, runOptions) => runner.run(kind.name, slot, runOptions),
    }),
  );
  return { jobs, sweeps: [overdueReviewSweep(runner, options.releaseEveryMs ?? DEFAULT_RELEASE_EVERY_MS)] };
}

/**
 * 尊享 drafts nobody reviewed in time go out as 系统建议: at start (those that fell due while the server was down),
 * then every few minutes. Each draft is taken by one conditional UPDATE, so every instance may sweep at once.
 */
function overdueReviewSweep(runner: ReportJobRunner, everyMs: number): Sweep {
  return {
    name: 'releasing overdue report reviews',
    everyMs,
    async run(now, log) {
      const { released, failed } = await runner.releaseOverdueReviews(now);
      if (released > 0) log.info({ released }, 'released overdue report reviews as system advice');
      for (const f of failed) log.error({ reviewId: f.id, error: safeErrorMessage(f.error), next: `tried again at the next sweep, ${new Date(now.getTime() + everyMs).toISOString()}` }, 'could not release an overdue report review; it is tried again at the next sweep');
    },
  };
}
