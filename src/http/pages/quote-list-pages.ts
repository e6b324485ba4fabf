// The quotes list: paged, sorted and filtered (status, customer, date range, sales user) by the database, and
// exported as the view it is (every page of it, up to the export cap) with names, not codes, in the cells. The
// query string says everything, so a link, a reload or the export button shows the same quotes.
import { OFFERING_NAMES, TIER_NAMES } from '../../catalog/catalog-names.ts';
import { dayOfDate } from '../../calendar/shanghai-time.ts';
import { formatShanghai } from '../../calendar/instants.ts';
import type { QuoteService } from '../../quote/quote-service.ts';
import { QUOTE_SORTS, type QuoteListItem, type QuoteSort, type QuoteStatus } from '../../quote/quote-store.ts';
import { writeDataWorkbook, type DataValue } from '../../workbook/data-workbook-writer.ts';
import { translate, type Lang } from '../i18n.ts';
import { LABELS } from '../labels.ts';
import { sendAttachment, XLSX_TYPE } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { EXPORT_ROW_LIMIT, listHref, pagerOf, readListQuery, wantsWorkbook, type ListQuery } from './list-view.ts';
import { renderPage } from './page-context.ts';

const QUOTES_PATH = '/quotes';
const FILTERS = ['status', 'customer', 'from', 'to', 'sales'] as const;
type Filter = (typeof FILTERS)[number];
const STATUSES: readonly QuoteStatus[] = ['issued', 'pending_approval', 'rejected'];
const SORT_WORDS: Record<QuoteSort, string> = { newest: 'quoteSortNewest', oldest: 'quoteSortOldest', total_desc: 'quoteSortTotalDesc', total_asc: 'quoteSortTotalAsc', customer: 'quoteSortCustomer' };

/** The list as the query string asks for it; a value that names nothing (a bad date, an unknown status) is dropped. */
function readQuoteList(query: unknown): ListQuery<QuoteSort, Filter> {
  const params = { ...(query as Record<string, unknown>) };
  const list = readListQuery(params, { sorts: QUOTE_SORTS, defaultSort: 'newest', filters: FILTERS });
  const f = list.filters;
  if (f.status !== undefined && !(STATUSES as readonly string[]).includes(f.status)) delete f.status;
  if (f.from !== undefined && dayOfDate(f.from) === null) delete f.from;
  if (f.to !== undefined && dayOfDate(f.to) === null) delete f.to;
  return list;
}

function searchOf(list: ListQuery<QuoteSort, Filter>, page: { offset: number; limit: number }) {
  const f = list.filters;
  return { status: f.status as QuoteStatus | undefined, customer: f.customer, fromDate: f.from, toDate: f.to, createdBy: f.sales, sort: list.sort, ...page };
}

const statusName = (status: QuoteStatus, lang: Lang) => LABELS.quoteStatus[status][lang];

async function listView(quotes: QuoteService, query: unknown, lang: Lang) {
  const list = readQuoteList(query);
  const [{ items, total }, authors] = await Promise.all([quotes.search(searchOf(list, { offset: list.offset, limit: list.pageSize })), quotes.authors()]);
  const f = list.filters;
  const filtered = Object.keys(f).length > 0;
  const exportParams = new URLSearchParams(listHref(QUOTES_PATH, list, { page: 1 }).split('?')[1]);
  exportParams.set('format', 'xlsx');
  return {
    quotes: items,
    pager: pagerOf(QUOTES_PATH, list, total),
    list,
    filter: f,
    statuses: STATUSES.map((s) => ({ value: s, selected: s === f.status })),
    authors: authors.map((a) => ({ value: a, selected: a === f.sales })),
    sorts: QUOTE_SORTS.map((s) => ({ value: s, text: translate(SORT_WORDS[s], lang), selected: s === list.sort })),
    exportHref: `${QUOTES_PATH}?${exportParams.toString()}`,
    clearHref: filtered ? `${QUOTES_PATH}?sort=${list.sort}` : null,
  };
}

/** The view as a workbook: every page of it, up to EXPORT_ROW_LIMIT rows, in the page's language. */
async function listWorkbook(quotes: QuoteService, query: unknown, lang: Lang, now: Date): Promise<Buffer> {
  const list = readQuoteList(query);
  const { items } = await quotes.search(searchOf(list, { offset: 0, limit: EXPORT_ROW_LIMIT }));
  const t = (key: string) => translate(key, lang);
  const rows: DataValue[][] = items.map((q: QuoteListItem) => [
    q.number,
    q.customerName,
    OFFERING_NAMES[q.offering].short[lang],
    TIER_NAMES[q.tier][lang],
    q.termYears,
    q.totalFen / 100,
    statusName(q.status, lang),
    q.createdBy,
    formatShanghai(q.createdAt),
    q.validUntil,
  ]);
  const columns = [
    { header: t('quoteNumber'), width: 22 },
    { header: t('customer'), width: 32 },
    { header: t('offering'), width: 10 },
    { header: t('tier'), width: 10 },
    { header: t('termYears'), width: 10 },
    { header: t('totalWithTaxYuan'), width: 16, numFmt: '#,##0.00' },
    { header: t('status'), width: 12 },
    { header: t('salesUser'), width: 16 },
    { header: t('quoteMadeAt'), width: 20 },
    { header: t('validUntil'), width: 12 },
  ];
  return writeDataWorkbook([{ name: t('quotes'), columns, rows }], now);
}

export function quoteListPages(deps: { quotes: QuoteService; views: Views; clock?: () => Date }): RouteSpec[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    route({ method: 'get', path: QUOTES_PATH, permission: 'quote.read', kind: 'page', summary: 'Quotes: paged, sorted and filtered by status, customer, date range and sales user; ?format=xlsx exports the view', handler: async (req, res) => {
      const lang = req.lang ?? 'zh';
      if (wantsWorkbook(req.query)) {
        const now = clock();
        return sendAttachment(res, await listWorkbook(deps.quotes, req.query, lang, now), `quotes-${now.toISOString().slice(0, 10)}.xlsx`, XLSX_TYPE);
      }
      renderPage(deps.views, req, res, 'quotes', 'quotes', await listView(deps.quotes, req.query, lang));
    } }),
  ];
}
