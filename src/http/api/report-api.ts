// /api/reports: the same reports, runs, corrections and expert reviews as the managers' and experts' pages, as JSON.
import { z } from 'zod';
import type { JobRunStore } from '../../jobs/job-run-store.ts';
import { REVIEW_STATUSES } from '../../report/reviews/report-review-store.ts';
import { ADVICE_LIMITS } from '../../report/reviews/report-reviews.ts';
import type { ReportService } from '../../report/report-service.ts';
import { REPORT_KIND_NAMES, type ReportKindName } from '../../report/report-kinds.ts';
import { actorOf, contractIdOf, idParam, principalOf } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';

export const RunReportBody = z.object({
  job: z.enum(REPORT_KIND_NAMES as [string, ...string[]], `请选择报告任务:${REPORT_KIND_NAMES.join(' | ')} / choose a report job: ${REPORT_KIND_NAMES.join(' | ')}`),
  date: z
    .string()
    .max(40)
    .optional()
    .describe('run as on this day (YYYY-MM-DD, Asia/Shanghai; at-risk: an ISO-8601 instant); default: the latest slot that has come. A run that stores or sends is refused (422 NOT_YET_OWED) for a date after today or before its cut-off; a dry run may look ahead'),
  dryRun: z.boolean().default(false).describe('render and list the messages; store and send nothing'),
});

export const ReissueBody = z.object({
  reason: z.string().max(500).describe('why the report is issued again; kept in the audit log (report.reissue)'),
  revision: z.number().int().min(2).optional().describe('the revision this call means to create (the newest + 1); a second click finds it taken: 409 REISSUE_CONFLICT'),
});

export const ApproveReviewBody = z.object({
  lines: z
    .array(z.string().max(ADVICE_LIMITS.chars))
    .max(ADVICE_LIMITS.lines)
    .describe(`the advice as it goes out, one plain-text line each (none: no particular advice); at most ${ADVICE_LIMITS.lines} lines of ${ADVICE_LIMITS.chars} characters`),
});

const RunsQuery = z.object({ job: z.enum(REPORT_KIND_NAMES as [string, ...string[]]).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });
const ReviewsQuery = z.object({ status: z.enum(REVIEW_STATUSES as [string, ...string[]]).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) });

export function reportApiRoutes(deps: { reports: ReportService; jobRuns: JobRunStore; instance: string }): RouteSpec[] {
  const { reports } = deps;
  return [
    route({ method: 'post', path: '/api/reports/run', permission: 'report.run', kind: 'api', body: RunReportBody, summary: 'Run a report job now: the messages it queued (or, dry, would queue) and the contracts it could not address', handler: async (req, res) => {
      const body = req.body as z.infer<typeof RunReportBody>;
      const job = body.job as ReportKindName;
      res.json(await reports.runNow(job, body.date, { dryRun: body.dryRun, actor: principalOf(req).name }, { jobRuns: deps.jobRuns, instance: deps.instance }));
    } }),
    route({ method: 'get', path: '/api/reports/runs', permission: 'report.read', kind: 'api', query: RunsQuery, summary: 'Report runs, the latest first, with their outcomes', handler: async (req, res) => {
      const q = req.query as unknown as z.infer<typeof RunsQuery>;
      res.json({ runs: await deps.jobRuns.list({ job: q.job, limit: q.limit, offset: q.offset }) });
    } }),
    route({ method: 'get', path: '/api/reports/monthly/:month', permission: 'report.read', kind: 'api', summary: 'The monthly compliance report (YYYY-MM): as sent, else as of its cut-off', handler: async (req, res) => {
      res.json(await reports.monthly(String(req.params.month)));
    } }),
    route({ method: 'get', path: '/api/reports/yearly/:contractId/:yearEnd', permission: 'report.read', kind: 'api', summary: 'The service report of the contract year ending on yearEnd: as sent (its newest revision), else as of its cut-off', handler: async (req, res) => {
      res.json(await reports.yearly(contractIdOf(req.params.contractId), String(req.params.yearEnd)));
    } }),
    route({ method: 'post', path: '/api/reports/yearly/:contractId/:yearEnd/reissue', permission: 'report.run', kind: 'api', body: ReissueBody, successStatus: 201, summary: 'Issue a contract year’s report again, corrected (更正版): the next revision, built as of its cut-off; the reason is audited', handler: async (req, res) => {
      const body = req.body as z.infer<typeof ReissueBody>;
      const outcome = await reports.reissue(contractIdOf(req.params.contractId), String(req.params.yearEnd), body, actorOf(req));
      res.status(201).json(outcome);
    } }),
    route({ method: 'get', path: '/api/reports/reviews', permission: 'review.read', kind: 'api', query: ReviewsQuery, summary: '尊享 yearly reports in the experts’ review queue: pending (soonest due first), approved, released unreviewed', handler: async (req, res) => {
      const q = req.query as unknown as z.infer<typeof ReviewsQuery>;
      const [list, counts] = await Promise.all([reports.reviews.list({ status: q.status as (typeof REVIEW_STATUSES)[number] | undefined, limit: q.limit, offset: q.offset }), reports.reviews.counts()]);
      res.json({ reviews: list, counts });
    } }),
    route({ method: 'get', path: '/api/reports/reviews/:id', permission: 'review.read', kind: 'api', summary: 'One review: the drafted report (its figures) and what became of it', handler: async (req, res) => {
      res.json(await reports.reviews.get(idParam(req)));
    } }),
    route({ method: 'post', path: '/api/reports/reviews/:id/approve', permission: 'review.write', kind: 'api', body: ApproveReviewBody, summary: 'An expert approves the advice lines (edited, added or removed): the report is queued with their name under 总部专家建议', handler: async (req, res) => {
      const body = req.body as z.infer<typeof ApproveReviewBody>;
      res.json(await reports.reviews.approve(idParam(req), body.lines, principalOf(req).name));
    } }),
  ];
}
