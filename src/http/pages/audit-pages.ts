// The audit log page (admins and managers): newest first, a page at a time, filtered by who acted, the action,
// the kind of target, one target and a date range (Asia/Shanghai days), all in the database; ?format=xlsx exports
// the filtered view. The query string says everything, so a link to "this contract's audit" is just a URL.
import { can } from '../../accounts/roles.ts';
import { isTargetKind, TARGET_KINDS, type TargetKind } from '../../audit/audit-target.ts';
import type { AuditAction, AuditLog, AuditQuery } from '../../audit/audit-log.ts';
import { formatShanghai } from '../../calendar/instants.ts';
import { dayOfDate, dayStartMs } from '../../calendar/shanghai-time.ts';
import { writeDataWorkbook, type DataValue } from '../../workbook/data-workbook-writer.ts';
import { translate, type Lang } from '../i18n.ts';
import { sendAttachment, XLSX_TYPE } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { AUDIT_ACTION_WORDS, TARGET_KIND_WORDS } from '../words/audit-words.ts';
import { rowViews, type LinkOptions } from './audit-view.ts';
import { EXPORT_ROW_LIMIT, listHref, pagerOf, readListQuery, wantsWorkbook, type ListQuery } from './list-view.ts';
import { renderPage } from './page-context.ts';

const AUDIT_PATH = '/audit';
const FILTERS = ['actor', 'action', 'kind', 'target', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];

/** The list as the query string asks for it; a value that names nothing (an unknown action or kind, a bad date) is dropped. */
function readAuditList(query: unknown): ListQuery<'newest', Filter> {
  const list = readListQuery(query, { sorts: ['newest'] as const, defaultSort: 'newest', filters: FILTERS });
  const f = list.filters;
  if (f.action !== undefined && !(f.action in AUDIT_ACTION_WORDS)) delete f.action;
  if (f.kind !== undefined && !isTargetKind(f.kind)) delete f.kind;
  if (f.from !== undefined && dayOfDate(f.from) === null) delete f.from;
  if (f.to !== undefined && dayOfDate(f.to) === null) delete f.to;
  return list;
}

/** The filters as the log's query: days are Asia/Shanghai days, from the first's midnight to the midnight after the last. */
function searchOf(list: ListQuery<'newest', Filter>, page: { offset: number; limit: number }): AuditQuery {
  const f = list.filters;
  const startOf = (date: string | undefined, plus: number) => {
    const day = date ? dayOfDate(date) : null;
    return day === null ? undefined : new Date(dayStartMs(day + plus)).toISOString();
  };
  return {
    actor: f.actor,
    action: f.action as AuditAction | undefined,
    targetKind: f.kind as TargetKind | undefined,
    target: f.target,
    fromAt: startOf(f.from, 0),
    beforeAt: startOf(f.to, 1),
    ...page,
  };
}

async function listView(audit: AuditLog, query: unknown, lang: Lang, links: LinkOptions) {
  const list = readAuditList(query);
  const [{ items, total }, actors] = await Promise.all([audit.search(searchOf(list, { offset: list.offset, limit: list.pageSize })), audit.actors()]);
  const f = list.filters;
  const exportParams = new URLSearchParams(listHref(AUDIT_PATH, list, { page: 1 }).split('?')[1]);
  exportParams.set('format', 'xlsx');
  return {
    entries: await rowViews(audit, items, lang, links),
    pager: pagerOf(AUDIT_PATH, list, total),
    filter: f,
    actors: actors.map((a) => ({ value: a, selected: a === f.actor })),
    actions: Object.entries(AUDIT_ACTION_WORDS).map(([value, words]) => ({ value, text: words[lang], selected: value === f.action })),
    kinds: TARGET_KINDS.map((k) => ({ value: k, text: TARGET_KIND_WORDS[k][lang], selected: k === f.kind })),
    exportHref: `${AUDIT_PATH}?${exportParams.toString()}`,
    clearHref: Object.keys(f).length > 0 ? AUDIT_PATH : null,
  };
}

/** The filtered view as a workbook: every page of it, up to EXPORT_ROW_LIMIT rows, in the page's language. */
async function listWorkbook(audit: AuditLog, query: unknown, lang: Lang, now: Date): Promise<Buffer> {
  const list = readAuditList(query);
  const { items } = await audit.search(searchOf(list, { offset: 0, limit: EXPORT_ROW_LIMIT }));
  const rows = await rowViews(audit, items, lang);
  const t = (key: string) => translate(key, lang);
  const cells: DataValue[][] = rows.map((r) => [formatShanghai(r.at), r.actor, r.via, r.actionName, r.target?.text ?? null, r.address, r.details]);
  const columns = [
    { header: t('at'), width: 18 },
    { header: t('actor'), width: 16 },
    { header: t('auditVia'), width: 14 },
    { header: t('action'), width: 24 },
    { header: t('target'), width: 36 },
    { header: t('address'), width: 20 },
    { header: t('auditDetails'), width: 80 },
  ];
  return writeDataWorkbook([{ name: t('auditSheet'), columns, rows: cells }], now);
}

export function auditPages(deps: { audit: AuditLog; views: Views; clock?: () => Date }): RouteSpec[] {
  const clock = deps.clock ?? (() => new Date());
  return [
    route({
      method: 'get',
      path: AUDIT_PATH,
      permission: 'audit.read',
      kind: 'page',
      summary: 'The audit log: paged, filtered by actor, action, kind of target, target and date range; ?format=xlsx exports the view',
      handler: async (req, res) => {
        const lang = req.lang ?? 'zh';
        if (wantsWorkbook(req.query)) {
          const now = clock();
          return sendAttachment(res, await listWorkbook(deps.audit, req.query, lang, now), `audit-${now.toISOString().slice(0, 10)}.xlsx`, XLSX_TYPE);
        }
        const role = req.principal?.role;
        renderPage(deps.views, req, res, 'audit', 'audit', await listView(deps.audit, req.query, lang, { userPages: role !== undefined && can(role, 'user.manage') }));
      },
    }),
  ];
}
