// The support desk's queue: a tab per work status with its count, filters (response, priority, assignee,
// customer, contract, service), a search over summary and customer, sorting by deadline (default) or by
// priority then deadline, paging — all in the store — and the current view exported as a workbook with names,
// not codes, in the cells. The query string says everything, so a link, a reload or the export shows the same.
import { SERVICE_NAMES, serviceName } from '../../catalog/catalog-names.ts';
import { formatShanghai } from '../../calendar/instants.ts';
import { dayOfDate, dayStartMs } from '../../calendar/shanghai-time.ts';
import { ACTIVE_STATES, PRIORITIES, REQUEST_STATES, isPriority, type RequestState } from '../../requests/request-lifecycle.ts';
import { RESOLUTION_FILTERS, type QueueFilter, type RequestService, type ServiceRequestView } from '../../requests/request-service.ts';
import { writeDataWorkbook, type DataValue } from '../../workbook/data-workbook-writer.ts';
import { translate, type Lang } from '../i18n.ts';
import { LABELS } from '../labels.ts';
import { principalOf, sendAttachment, XLSX_TYPE } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { EXPORT_ROW_LIMIT, listHref, pagerOf, readListQuery, wantsWorkbook, type ListQuery } from './list-view.ts';
import { renderPage } from './page-context.ts';

const QUEUE_PATH = '/requests';
const SORTS = ['deadline', 'priority'] as const;
type Sort = (typeof SORTS)[number];
// due_from: a Shanghai date; only requests whose response deadline falls on or after it (the manager's "breaches this week").
const FILTERS = ['state', 'response', 'resolution', 'priority', 'assignee', 'customer', 'contract', 'service', 'due_from'] as const;
type Filter = (typeof FILTERS)[number];
type Tab = RequestState | 'active' | 'all';
const TABS: readonly Tab[] = ['active', ...REQUEST_STATES, 'all'];
const RESPONSES = ['open', 'at_risk', 'overdue', 'breached', 'met'] as const;
const ID = /^\d{1,9}$/;

/** The queue as the query string asks for it; a value that names nothing is dropped, never an error. */
function readQueue(query: unknown): ListQuery<Sort, Filter> {
  const list = readListQuery(query, { sorts: SORTS, defaultSort: 'deadline', filters: FILTERS });
  const f = list.filters;
  if (f.state !== undefined && !(TABS as readonly string[]).includes(f.state)) delete f.state;
  if (f.response !== undefined && !(RESPONSES as readonly string[]).includes(f.response)) delete f.response;
  if (f.resolution !== undefined && !(RESOLUTION_FILTERS as readonly string[]).includes(f.resolution)) delete f.resolution;
  if (f.priority !== undefined && !isPriority(f.priority)) delete f.priority;
  if (f.customer !== undefined && !ID.test(f.customer)) delete f.customer;
  if (f.contract !== undefined && !ID.test(f.contract)) delete f.contract;
  if (f.due_from !== undefined && dayOfDate(f.due_from) === null) delete f.due_from;
  return list;
}

const tabOf = (list: ListQuery<Sort, Filter>): Tab => (list.filters.state as Tab | undefined) ?? 'active';

function filterOf(list: ListQuery<Sort, Filter>, me: string): Omit<QueueFilter, 'states'> {
  const f = list.filters;
  return {
    status: f.response as QueueFilter['status'],
    resolution: f.resolution as QueueFilter['resolution'],
    priority: f.priority as QueueFilter['priority'],
    assignee: f.assignee === 'none' ? '' : f.assignee === 'me' ? me : f.assignee,
    customerId: f.customer ? Number(f.customer) : undefined,
    contractId: f.contract ? Number(f.contract) : undefined,
    service: f.service,
    search: list.q || undefined,
    respondByFrom: f.due_from === undefined ? undefined : new Date(dayStartMs(dayOfDate(f.due_from)!)).toISOString(),
  };
}

function statesOf(tab: Tab): readonly RequestState[] | undefined {
  return tab === 'all' ? undefined : tab === 'active' ? ACTIVE_STATES : [tab];
}

/** A row as the page and the workbook show it: names, not codes. */
const rowOf = (r: ServiceRequestView, lang: Lang) => ({ ...r, serviceName: serviceName(r.service, lang) });

async function queueView(requests: RequestService, query: unknown, lang: Lang, me: string) {
  const list = readQueue(query);
  const tab = tabOf(list);
  const filter = filterOf(list, me);
  const [found, counts, assignees, customers] = await Promise.all([
    requests.page({ ...filter, states: statesOf(tab) }, { offset: list.offset, limit: list.pageSize, sort: list.sort }),
    requests.countByState(filter),
    requests.assignableUsers(),
    requests.customersWithRequests(),
  ]);
  const f = list.filters;
  const exportParams = new URLSearchParams(listHref(QUEUE_PATH, list, { page: 1 }).split('?')[1]);
  exportParams.set('format', 'xlsx');
  const filtered = Object.keys(f).some((k) => k !== 'state') || list.q !== '';
  return {
    requests: found.items.map((r) => rowOf(r, lang)),
    pager: pagerOf(QUEUE_PATH, list, found.total),
    list,
    filter: f,
    tabs: TABS.map((t) => ({ code: t, count: counts[t], current: t === tab, href: listHref(QUEUE_PATH, list, { filters: { state: t === 'active' ? null : t } }) })),
    tab,
    responses: RESPONSES.map((s) => ({ value: s, selected: s === f.response })),
    resolutions: RESOLUTION_FILTERS.map((s) => ({ value: s, text: translate(s === 'breached' ? 'resolutionBreachedFilter' : 'resolutionAtRiskFilter', lang), selected: s === f.resolution })),
    priorities: PRIORITIES.map((p) => ({ value: p, selected: p === f.priority })),
    assignees: [
      { value: 'me', text: translate('assignedToMe', lang), selected: f.assignee === 'me' },
      { value: 'none', text: translate('unassigned', lang), selected: f.assignee === 'none' },
      ...assignees.map((a) => ({ value: a, text: a, selected: a === f.assignee })),
    ],
    services: Object.keys(SERVICE_NAMES).map((code) => ({ value: code, text: serviceName(code, lang), selected: code === f.service })),
    sorts: SORTS.map((s) => ({ value: s, text: translate(s === 'deadline' ? 'sortDeadline' : 'sortPriority', lang), selected: s === list.sort })),
    customers: customers.map((c) => ({ value: String(c.id), text: c.name, selected: String(c.id) === f.customer })),
    contract: f.contract ? { id: f.contract, clearHref: listHref(QUEUE_PATH, list, { filters: { contract: null } }) } : null,
    dueFrom: f.due_from ? { date: f.due_from, clearHref: listHref(QUEUE_PATH, list, { filters: { due_from: null } }) } : null,
    stateValue: f.state ?? '',
    exportHref: `${QUEUE_PATH}?${exportParams.toString()}`,
    clearHref: filtered ? `${QUEUE_PATH}?${new URLSearchParams({ ...(f.state ? { state: f.state } : {}), sort: list.sort }).toString()}` : null,
  };
}

/** The view as a workbook: every page of it, up to EXPORT_ROW_LIMIT rows, in the page's language. */
async function queueWorkbook(requests: RequestService, query: unknown, lang: Lang, me: string, now: Date): Promise<Buffer> {
  const list = readQueue(query);
  const { items } = await requests.page({ ...filterOf(list, me), states: statesOf(tabOf(list)) }, { offset: 0, limit: EXPORT_ROW_LIMIT, sort: list.sort });
  const t = (key: string) => translate(key, lang);
  const rows: DataValue[][] = items.map((r) => [
    r.id,
    r.customerName,
    serviceName(r.service, lang),
    r.summary,
    LABELS.priority[r.priority][lang],
    LABELS.requestState[r.state][lang],
    r.assignee ?? t('unassigned'),
    formatShanghai(r.openedAt),
    r.respondBy ? formatShanghai(r.respondBy) : t('noDeadline'),
    LABELS.requestStatus[r.status][lang],
    r.workingHoursLeft,
    r.resolvedAt ? formatShanghai(r.resolvedAt) : null,
    r.resolveBy ? formatShanghai(r.resolveBy) : t('resolutionNoTarget'),
    LABELS.resolutionStatus[r.resolutionStatus][lang],
  ]);
  const columns = [
    { header: '#', width: 8 },
    { header: t('customer'), width: 28 },
    { header: t('service'), width: 22 },
    { header: t('requestSummary'), width: 40 },
    { header: t('priority'), width: 10 },
    { header: t('requestState'), width: 12 },
    { header: t('assignee'), width: 16 },
    { header: t('openedAt'), width: 18 },
    { header: t('respondBy'), width: 18 },
    { header: t('responseStatus'), width: 12 },
    { header: t('timeLeft'), width: 12, numFmt: '0.00' },
    { header: t('resolvedAt'), width: 18 },
    { header: t('resolveBy'), width: 18 },
    { header: t('resolutionStatus'), width: 12 },
  ];
  return writeDataWorkbook([{ name: t('requests'), columns, rows }], now);
}

export function requestQueuePages(deps: { requests: RequestService; views: Views; clock?: () => Date }): RouteSpec[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    route({
      method: 'get',
      path: QUEUE_PATH,
      permission: 'request.read',
      kind: 'page',
      summary: 'The queue: a tab per status with counts, filters (response, resolution breached or at risk, priority, assignee, customer, contract, service), search, sorting by deadline or priority, paging; ?format=xlsx exports the view',
      handler: async (req, res) => {
        const lang = req.lang ?? 'zh';
        const me = principalOf(req).name;
        if (wantsWorkbook(req.query)) {
          const now = clock();
          return sendAttachment(res, await queueWorkbook(deps.requests, req.query, lang, me, now), `requests-${now.toISOString().slice(0, 10)}.xlsx`, XLSX_TYPE);
        }
        renderPage(deps.views, req, res, 'requests', 'requests', await queueView(deps.requests, req.query, lang, me));
      },
    }),
  ];
}
