// /api/reports: the same reports and runs as the managers' pages, as JSON.
import { z } from 'zod';
import type { JobRunStore } from '../../jobs/job-run-store.ts';
import { runJobNow } from '../../jobs/report-scheduler.ts';
import type { ReportService } from '../../report/report-service.ts';
import { manualSlot } from '../../report/report-slot.ts';
import { REPORT_JOBS } from '../../report/report-types.ts';
import { contractIdOf, principalOf } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';

export const RunReportBody = z.object({
  job: z.enum(REPORT_JOBS as [string, ...string[]], `请选择报告任务:${REPORT_JOBS.join(' | ')} / choose a report job: ${REPORT_JOBS.join(' | ')}`),
  date: z.string().max(40).optional().describe('run as on this day (YYYY-MM-DD, Asia/Shanghai; at-risk: an ISO-8601 instant); default now'),
  dryRun: z.boolean().default(false).describe('render and list the messages; store and send nothing'),
});
const RunsQuery = z.object({ job: z.enum(REPORT_JOBS as [string, ...string[]]).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });

export function reportApiRoutes(deps: { reports: ReportService; jobRuns: JobRunStore; instance: string }): RouteSpec[] {
  const { reports } = deps;
  return [
    route({ method: 'post', path: '/api/reports/run', permission: 'report.run', kind: 'api', body: RunReportBody, summary: 'Run a report job now: the messages it queued (or, dry, would queue) and the contracts it could not address', handler: async (req, res) => {
      const body = req.body as z.infer<typeof RunReportBody>;
      const job = body.job as (typeof REPORT_JOBS)[number];
      const outcome = await runJobNow({ runner: reports.jobs, runs: deps.jobRuns, instance: deps.instance }, job, manualSlot(job, body.date, new Date()), { dryRun: body.dryRun, actor: principalOf(req).name });
      res.json(outcome);
    } }),
    route({ method: 'get', path: '/api/reports/runs', permission: 'report.read', kind: 'api', query: RunsQuery, summary: 'Report runs, the latest first, with their outcomes', handler: async (req, res) => {
      const q = req.query as unknown as z.infer<typeof RunsQuery>;
      res.json({ runs: await deps.jobRuns.list({ job: q.job as (typeof REPORT_JOBS)[number] | undefined, limit: q.limit, offset: q.offset }) });
    } }),
    route({ method: 'get', path: '/api/reports/monthly/:month', permission: 'report.read', kind: 'api', summary: 'The monthly compliance report (YYYY-MM) as of now', handler: async (req, res) => {
      res.json(await reports.monthly(String(req.params.month)));
    } }),
    route({ method: 'get', path: '/api/reports/yearly/:contractId/:yearEnd', permission: 'report.read', kind: 'api', summary: 'The service report of the contract year ending on yearEnd, as of now', handler: async (req, res) => {
      res.json(await reports.yearly(contractIdOf(req.params.contractId), String(req.params.yearEnd)));
    } }),
  ];
}
