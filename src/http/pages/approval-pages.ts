// The approvals inbox (/approvals): every quote waiting for a manager, the oldest first, a page at a time, with
// its customer, amount, discount and how far that is over sales' own limit, who asks and since when. Each row
// leads to the quote, where the manager approves (an optional note) or rejects (a required reason).
import { formatBasisPoints } from '../../quote/money.ts';
import type { QuoteService } from '../../quote/quote-service.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { pagerOf, readListQuery } from './list-view.ts';
import { renderPage } from './page-context.ts';

export const APPROVALS_PATH = '/approvals';
const ONLY_ORDER = ['oldest'] as const;
const DAY_MS = 86_400_000;

export function approvalPages(deps: { quotes: QuoteService; views: Views; clock?: () => Date }): RouteSpec[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    route({ method: 'get', path: APPROVALS_PATH, permission: 'quote.approve', kind: 'page', summary: 'The approvals inbox: every quote waiting for a manager, the oldest first, paged', handler: async (req, res) => {
      const list = readListQuery(req.query, { sorts: ONLY_ORDER, defaultSort: 'oldest', filters: [] });
      const { items, total } = await deps.quotes.approvalInbox({ offset: list.offset, limit: list.pageSize });
      const now = clock().getTime();
      const me = req.principal?.name;
      renderPage(deps.views, req, res, 'approvals', 'approvalsTitle', {
        quotes: items.map((q) => ({
          ...q,
          discount: formatBasisPoints(q.discountBasisPoints),
          over: q.overLimitBasisPoints === null ? null : formatBasisPoints(q.overLimitBasisPoints),
          limit: q.salesLimitBasisPoints === null ? null : formatBasisPoints(q.salesLimitBasisPoints),
          waitingDays: Math.max(0, Math.floor((now - Date.parse(q.createdAt)) / DAY_MS)),
          // Listed, since it waits, but another manager decides it (the quote's page says so).
          own: q.createdBy === me,
        })),
        pager: pagerOf(APPROVALS_PATH, list, total),
      });
    } }),
  ];
}
