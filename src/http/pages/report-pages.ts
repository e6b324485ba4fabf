// Reports for managers in the browser: the runs (scheduled, caught up, by hand) with what each did, a button to
// run a job now (or dry), and every report viewable as its e-mail and downloadable as HTML or xlsx.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { JOB_RUN_ORDERS, JOB_RUN_STATUSES, type JobRun, type JobRunStatus, type JobRunStore } from '../../jobs/job-run-store.ts';
import type { JobOutcome } from '../../jobs/job-types.ts';
import { shanghaiDate } from '../../calendar/instants.ts';
import { previousMonth, type MonthlyReport } from '../../report/kinds/monthly/monthly-report.ts';
import type { YearlyReport } from '../../report/kinds/yearly/yearly-report.ts';
import type { ReportService } from '../../report/report-service.ts';
import { REPORT_KIND_NAMES, reportKind, type ReportKindName } from '../../report/report-kinds.ts';
import { scheduleInWords } from '../../report/schedule-words.ts';
import { can } from '../../accounts/roles.ts';
import { HttpError } from '../http-error.ts';
import { LABELS } from '../labels.ts';
import { actorOf, contractIdOf, idParam, principalOf, sendAttachment, XLSX_TYPE } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { ReissueBody, RunReportBody } from '../api/report-api.ts';
import { asApiBody, integerField, textField } from './form-body.ts';
import { pagerOf, readListQuery } from './list-view.ts';
import { pageProblems } from './form-problems.ts';
import { formRefusal, renderPage } from './page-context.ts';

export interface ReportPagesDeps {
  reports: ReportService;
  jobRuns: JobRunStore;
  /** The managers this server was configured with and whether it runs the schedules, shown on the page. */
  reportSettings: { managers: string[]; schedulerEnabled: boolean };
  instance: string;
  views: Views;
}

const text = (max: number) => z.string().max(max).optional();
const RunBody = z.object({ _csrf: text(200), job: text(20), date: text(40), time: text(10), dryRun: text(10) });
export const ReportViewQuery = z.object({ lang: z.enum(['zh', 'en']).optional(), download: z.enum(['html', 'xlsx']).optional() });
const LookupQuery = z.object({ contractId: text(12), month: text(7), page: text(12), job: text(40), status: text(20), sort: text(20) });

/** Runs a page of the list shows; the list is paged and filtered (by job and outcome) by the database. */
const RUNS_PER_PAGE = 20;

/** The runs list as the query string asks for it: a job or an outcome that names nothing is dropped. */
function readRunList(query: unknown) {
  const list = readListQuery(query, { sorts: JOB_RUN_ORDERS, defaultSort: 'newest', filters: ['job', 'status'] as const, pageSize: RUNS_PER_PAGE });
  if (list.filters.job !== undefined && !Object.hasOwn(LABELS.reportJob, list.filters.job)) delete list.filters.job;
  if (list.filters.status !== undefined && !(JOB_RUN_STATUSES as readonly string[]).includes(list.filters.status)) delete list.filters.status;
  return list;
}
const ReissueForm = z.object({ _csrf: text(200), reason: text(2000), revision: text(12) });

/** The twelve months before this one, newest first: the monthly reports a manager is likely to want. */
function recentMonths(now: Date): string[] {
  const months = [previousMonth(shanghaiDate(now))];
  while (months.length < 12) months.push(previousMonth(`${months[months.length - 1]}-01`));
  return months;
}

/** A catch-up run that sent nothing and asked nothing of anyone: a first start has dozens of them. */
const isQuiet = (run: JobRun) => run.trigger === 'catch-up' && run.status === 'done' && !!run.outcome && run.outcome.messages.length === 0 && run.outcome.problems.length === 0;

/**
 * The page's runs as rows: neighbouring quiet catch-up runs of one job fold into one line (补跑 34 次,均无邮件), so
 * what did something stays in view. Folded within the page the database gave, so the pager's counts stay true.
 */
export function runRows(runs: JobRun[]) {
  type Quiet = { job: string; count: number; firstId: number; lastId: number; fromSlot: string; toSlot: string };
  const rows: Array<{ run: JobRun } | { quiet: Quiet }> = [];
  for (const run of runs) {
    const last = rows.at(-1);
    if (isQuiet(run) && last && 'quiet' in last && last.quiet.job === run.job) {
      const q = last.quiet;
      q.count += 1;
      q.firstId = Math.min(q.firstId, run.id);
      q.lastId = Math.max(q.lastId, run.id);
      if (run.slot < q.fromSlot) q.fromSlot = run.slot;
      if (run.slot > q.toSlot) q.toSlot = run.slot;
    } else if (isQuiet(run)) {
      rows.push({ quiet: { job: run.job, count: 1, firstId: run.id, lastId: run.id, fromSlot: run.slot, toSlot: run.slot } });
    } else rows.push({ run });
  }
  // A single quiet run is shown as itself.
  return rows.map((row) => ('quiet' in row && row.quiet.count === 1 ? { run: runs.find((r) => r.id === row.quiet.firstId)! } : row));
}

/** The date picked (type=date) and, for an instant, the time (type=time) as the API's `date`: Beijing time. */
function runDateOf(date: string, time: string): string {
  return date !== '' && time !== '' ? `${date}T${time}+08:00` : date;
}

/** A run's outcome for the page: its period (stored as "中文 / English") in the page's language. */
function outcomeView(outcome: JobOutcome | null) {
  if (!outcome) return null;
  const [zh, en] = outcome.period.split(' / ');
  return { ...outcome, periodText: { zh, en: en ?? zh } };
}


/**
 * Sends a report as the browser page it is (its e-mail HTML), or as a download; in the language the link asks
 * for, else the one the site is shown in.
 */
export async function sendReport(req: Request, res: Response, reports: ReportService, report: YearlyReport | MonthlyReport, basename: string): Promise<void> {
  const query = req.query as z.infer<typeof ReportViewQuery>;
  const lang = query.lang ?? req.lang ?? 'zh';
  if (query.download === 'xlsx') return sendAttachment(res, await reports.workbook(report, lang), `${basename}.xlsx`, XLSX_TYPE);
  const { html } = reports.render(report, lang);
  if (query.download === 'html') return sendAttachment(res, html, `${basename}.html`, 'text/html; charset=utf-8');
  res.type('html').send(html);
}

export function reportPages(deps: ReportPagesDeps): RouteSpec[] {
  const { reports, views } = deps;

  async function showIndex(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const runList = readRunList(req.query);
    const filter = { job: runList.filters.job, status: runList.filters.status as JobRunStatus | undefined };
    const [runs, runTotal] = await Promise.all([deps.jobRuns.list({ ...filter, order: runList.sort, limit: runList.pageSize, offset: runList.offset }), deps.jobRuns.count(filter)]);
    const runFilters = {
      jobs: Object.keys(LABELS.reportJob).map((value) => ({ value, selected: value === filter.job })),
      statuses: JOB_RUN_STATUSES.map((value) => ({ value, selected: value === filter.status })),
      orders: JOB_RUN_ORDERS.map((value) => ({ value, selected: value === runList.sort })),
      filtered: filter.job !== undefined || filter.status !== undefined,
      pager: pagerOf('/reports', runList, runTotal),
    };
    // What the experts' queue holds, and the reports that went out unreviewed: managers answer for those.
    const reviewing = req.principal && can(req.principal.role, 'review.read') ? { counts: await reports.reviews.counts(), released: await reports.reviews.recentlyReleased(10) } : null;
    // Every kind with the schedule this server runs it on (REPORT_<KIND>_CRON, else the kind's own).
    const schedules = REPORT_KIND_NAMES.map((job) => ({ job, words: scheduleInWords(reports.schedules[job], reportKind(job).schedule) }));
    const settings = { ...deps.reportSettings, schedules };
    renderPage(views, req, res, 'reports', 'reports', { runs: runRows(runs), runFilters, jobs: REPORT_KIND_NAMES, months: recentMonths(new Date()), settings, form: { dryRun: true }, reviewing, ...extra }, status);
  }

  /** The lookup of a contract's years, with what each year's report became; refusals are shown beside the form. */
  async function yearLookupOf(contractId: number) {
    const years = await reports.contractYears(contractId);
    return { contractId, years: years.map((y) => ({ ...y, nextRevision: y.revision + 1, reissuable: y.owed && y.revision > 0 })) };
  }

  return [
    route({ method: 'get', path: '/reports', permission: 'report.read', kind: 'page', query: LookupQuery, summary: 'Report runs, the run button, and links to the monthly and yearly reports', handler: async (req, res) => {
      const q = req.query as z.infer<typeof LookupQuery>;
      // The lookup form's answers are plain redirects to the report itself.
      if (q.month) return res.redirect(303, `/reports/monthly/${encodeURIComponent(q.month)}`);
      if (q.contractId) {
        try {
          const id = contractIdOf(q.contractId);
          return await showIndex(req, res, { lookupInput: q.contractId, yearLookup: await yearLookupOf(id) });
        } catch (err) {
          const refusal = formRefusal(err);
          return showIndex(req, res, { lookupInput: q.contractId, lookupError: refusal }, refusal.status);
        }
      }
      await showIndex(req, res);
    } }),
    // The run's answer is a page at /reports/run: its language link (?lang=en) and a reload in the address bar
    // come here, and go back to the reports.
    route({ method: 'get', path: '/reports/run', permission: 'report.read', kind: 'page', summary: 'Back to the reports (the language link of a run’s answer)', handler: (_req, res) => {
      res.redirect(303, '/reports');
    } }),
    route({ method: 'post', path: '/reports/run', permission: 'report.run', kind: 'page', body: RunBody, summary: 'Run a report job now (or dry: render without sending)', handler: async (req, res) => {
      const body = req.body as z.infer<typeof RunBody>;
      const form = { job: body.job ?? '', date: body.date ?? '', time: body.time ?? '', dryRun: body.dryRun === 'on', errors: {} as Record<string, string> };
      try {
        // POST /api/reports/run's body, checked by its schema.
        const run = asApiBody(RunReportBody, { job: form.job, date: textField(runDateOf(form.date.trim(), form.time.trim())), dryRun: form.dryRun });
        // The same call as the API's and the CLI's: a run not yet owed is refused there, before anything is recorded.
        const outcome = await reports.runNow(run.job as ReportKindName, run.date, { dryRun: run.dryRun, actor: principalOf(req).name }, { jobRuns: deps.jobRuns, instance: deps.instance });
        await showIndex(req, res, { outcome: outcomeView(outcome), form });
      } catch (err) {
        const refusal = formRefusal(err);
        // Beside each field, in the page's language only (the API's details carry both).
        form.errors = pageProblems(refusal, req.lang ?? 'zh').byField;
        await showIndex(req, res, { runError: refusal, form }, refusal.status);
      }
    } }),
    route({ method: 'post', path: '/reports/yearly/:contractId/:yearEnd/reissue', permission: 'report.run', kind: 'page', body: ReissueForm, summary: 'Issue a contract year’s report again, corrected (更正版), with the reason', handler: async (req, res) => {
      const contractId = contractIdOf(req.params.contractId);
      const yearEnd = String(req.params.yearEnd);
      const form = req.body as z.infer<typeof ReissueForm>;
      const lookup = async () => ({ lookupInput: String(contractId), yearLookup: await yearLookupOf(contractId) });
      try {
        // POST /api/reports/yearly/:contractId/:yearEnd/reissue's body, checked by its schema.
        const body = asApiBody(ReissueBody, { reason: form.reason ?? '', revision: integerField(form.revision) });
        const reissued = await reports.reissue(contractId, yearEnd, body, actorOf(req));
        await showIndex(req, res, { ...(await lookup()), reissued });
      } catch (err) {
        const refusal = formRefusal(err);
        await showIndex(req, res, { ...(await lookup()), reissueError: refusal, reissueYear: yearEnd, reissueReason: form.reason ?? '' }, refusal.status);
      }
    } }),
    route({ method: 'get', path: '/reports/runs/:id', permission: 'report.read', kind: 'page', summary: 'One report run: what it covered and every message it queued', handler: async (req, res) => {
      const run = await deps.jobRuns.get(idParam(req));
      if (!run) throw new HttpError(404, 'RUN_NOT_FOUND', '没有这次运行记录', 'There is no such run');
      renderPage(views, req, res, 'report-run', 'reportRun', { run, outcome: outcomeView(run.outcome) });
    } }),
    route({ method: 'get', path: '/reports/monthly/:month', permission: 'report.read', kind: 'page', query: ReportViewQuery, summary: 'The monthly compliance report, as sent or as of its cut-off (?download=html|xlsx, ?lang=en)', handler: async (req, res) => {
      const month = String(req.params.month);
      await sendReport(req, res, reports, await reports.monthly(month), `compliance-${month}`);
    } }),
    route({ method: 'get', path: '/reports/yearly/:contractId/:yearEnd', permission: 'report.read', kind: 'page', query: ReportViewQuery, summary: 'A contract year’s service report, as sent (newest revision) or as of its cut-off (?download=html|xlsx, ?lang=en)', handler: async (req, res) => {
      const contractId = contractIdOf(req.params.contractId);
      const yearEnd = String(req.params.yearEnd);
      await sendReport(req, res, reports, await reports.yearly(contractId, yearEnd), `service-report-${contractId}-${yearEnd}`);
    } }),
  ];
}
