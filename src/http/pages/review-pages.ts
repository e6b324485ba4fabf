// The experts' review queue in the browser: 尊享 yearly reports drafted at their cut-off, each with its figures
// (the report itself, framed) and the advice to approve. Managers see the queue; only experts approve.
import type { Request, Response } from 'express';
import { z } from 'zod';
import { REVIEW_STATUSES, type ReviewStatus } from '../../report/reviews/report-review-store.ts';
import { ADVICE_LIMITS, type ReviewView } from '../../report/reviews/report-reviews.ts';
import type { ReportService } from '../../report/report-service.ts';
import { ApproveReviewBody } from '../api/report-api.ts';
import { idParam, principalOf } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { asApiBody } from './form-body.ts';
import { formRefusal, renderPage } from './page-context.ts';
import { ReportViewQuery, sendReport } from './report-pages.ts';

const ListQuery = z.object({ status: z.enum(REVIEW_STATUSES as [string, ...string[]]).optional() });
// A textarea of at most ADVICE_LIMITS.lines lines of ADVICE_LIMITS.chars characters, with room for blank lines.
// The field is required: a browser always sends the textarea (empty means "no particular advice"), a post without it is no review.
const ApproveForm = z.object({ _csrf: z.string().max(200).optional(), lines: z.string().max((ADVICE_LIMITS.chars + 2) * (ADVICE_LIMITS.lines + 8)) });

/** The textarea as the API's lines: one per line, blank lines dropped (a person leaves them between paragraphs). */
export function linesOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function reviewPages(deps: { reports: ReportService; views: Views; reviewDays: number }): RouteSpec[] {
  const { reports, views } = deps;

  function showReview(req: Request, res: Response, review: ReviewView, extra: Record<string, unknown> = {}, status = 200) {
    const drafted = review.report.advice.lines.map((l) => l.zh).join('\n');
    renderPage(views, req, res, 'review', 'reviews', { review, linesText: drafted, limits: ADVICE_LIMITS, ...extra }, status);
  }

  return [
    route({ method: 'get', path: '/reports/reviews', permission: 'review.read', kind: 'page', query: ListQuery, summary: 'The experts’ review queue of 尊享 yearly reports', handler: async (req, res) => {
      const { status } = req.query as z.infer<typeof ListQuery>;
      const [reviews, counts] = await Promise.all([reports.reviews.list({ status: status as ReviewStatus | undefined, limit: 200, offset: 0 }), reports.reviews.counts()]);
      renderPage(views, req, res, 'reviews', 'reviews', { reviews, counts, status: status ?? '', reviewDays: deps.reviewDays });
    } }),
    route({ method: 'get', path: '/reports/reviews/:id', permission: 'review.read', kind: 'page', summary: 'One review: the drafted report’s figures and the advice to approve', handler: async (req, res) => {
      showReview(req, res, await reports.reviews.get(idParam(req)));
    } }),
    route({ method: 'get', path: '/reports/reviews/:id/report', permission: 'review.read', kind: 'page', query: ReportViewQuery, summary: 'The report under review as its e-mail (?download=html|xlsx, ?lang=en)', handler: async (req, res) => {
      const review = await reports.reviews.get(idParam(req));
      await sendReport(req, res, reports, review.report, `service-report-${review.contractId}-${review.periodEnd}-review`);
    } }),
    route({ method: 'post', path: '/reports/reviews/:id/approve', permission: 'review.write', kind: 'page', body: ApproveForm, summary: 'An expert approves the advice: the report is queued with their name under 总部专家建议', handler: async (req, res) => {
      const id = idParam(req);
      const form = req.body as z.infer<typeof ApproveForm>;
      try {
        // POST /api/reports/reviews/:id/approve's body, checked by its schema.
        const body = asApiBody(ApproveReviewBody, { lines: linesOf(form.lines) });
        await reports.reviews.approve(id, body.lines, principalOf(req).name);
        res.redirect(303, `/reports/reviews/${id}`);
      } catch (err) {
        const refusal = formRefusal(err);
        const review = await reports.reviews.get(id);
        showReview(req, res, review, { approveError: refusal, linesText: form.lines }, refusal.status);
      }
    } }),
  ];
}
