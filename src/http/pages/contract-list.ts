// The contracts list: paged, sorted and filtered by the database, and exported as the view it is (every page of
// it, up to the export cap) with names, not codes, in the cells. The query string says everything, so a link to a
// view, a reload or the export button shows the same contracts.
import { isOffering, isTier, OFFERINGS, SPECIAL_SERVICES, TIERS } from '../../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES, serviceName } from '../../catalog/catalog-names.ts';
import { shanghaiDate } from '../../calendar/instants.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import { CONTRACT_SORTS, CONTRACT_STATES, type Contract, type ContractListQuery, type ContractState } from '../../contracts/contract-store.ts';
import { writeDataWorkbook, type DataValue } from '../../workbook/data-workbook-writer.ts';
import { translate, type Lang } from '../i18n.ts';
import { EXPORT_ROW_LIMIT, listHref, pagerOf, readListQuery, type ListQuery, type PagerView } from './list-view.ts';

const FILTERS = ['offering', 'tier', 'state', 'service'] as const;
type Filter = (typeof FILTERS)[number];

export const CONTRACTS_PATH = '/contracts';

const STATE_WORDS: Record<ContractState, string> = { in_force: 'contractInForce', upcoming: 'contractUpcoming', ended: 'contractEnded' };
const SORT_WORDS: Record<(typeof CONTRACT_SORTS)[number], string> = { newest: 'sortNewest', customer: 'sortCustomer', startsOn: 'sortStartsOn', endsOn: 'sortEndsOn' };

/** The list as the query string asks for it; a filter value that names nothing is dropped, not refused. */
export function readContractList(query: unknown): ListQuery<(typeof CONTRACT_SORTS)[number], Filter> {
  // `search` is the older name of the search box: links made before keep working.
  const params = { ...(query as Record<string, unknown>) };
  if (params.q === undefined && params.search !== undefined) params.q = params.search;
  const list = readListQuery(params, { sorts: CONTRACT_SORTS, defaultSort: 'newest', filters: FILTERS });
  const f = list.filters;
  if (f.offering !== undefined && !isOffering(f.offering)) delete f.offering;
  if (f.tier !== undefined && !isTier(f.tier)) delete f.tier;
  if (f.state !== undefined && !(CONTRACT_STATES as readonly string[]).includes(f.state)) delete f.state;
  if (f.service !== undefined && !SPECIAL_SERVICES.some((s) => s.code === f.service)) delete f.service;
  return list;
}

function storeQuery(list: ListQuery<(typeof CONTRACT_SORTS)[number], Filter>, page: { offset: number; limit: number }): ContractListQuery {
  const f = list.filters;
  return {
    search: list.q || undefined,
    offering: f.offering as ContractListQuery['offering'],
    tier: f.tier as ContractListQuery['tier'],
    state: f.state as ContractState | undefined,
    service: f.service,
    sort: list.sort,
    ...page,
  };
}

/** Where a contract stands today, in Asia/Shanghai. */
function stateOf(c: Pick<Contract, 'startsOn' | 'endsOn'>, today: string): ContractState {
  return c.endsOn < today ? 'ended' : c.startsOn > today ? 'upcoming' : 'in_force';
}

/** A contract as a row of the list: names, not codes. */
function rowOf(c: Contract, lang: Lang, today: string) {
  const state = stateOf(c, today);
  return {
    ...c,
    state,
    stateText: translate(STATE_WORDS[state], lang),
    services: c.services.map((s) => ({ ...s, name: serviceName(s.service, lang) })),
  };
}

export interface ContractListView {
  rows: ReturnType<typeof rowOf>[];
  pager: PagerView;
  list: ListQuery;
  sorts: { value: string; text: string; selected: boolean }[];
  offerings: { value: string; selected: boolean }[];
  tiers: { value: string; selected: boolean }[];
  states: { value: string; text: string; selected: boolean }[];
  services: { value: string; text: string; selected: boolean }[];
  exportHref: string;
  clearHref: string | null;
  filtered: boolean;
}

/** One page of the list, with everything its toolbar and pager need. */
export async function contractListView(contracts: ContractService, query: unknown, lang: Lang, now = new Date()): Promise<ContractListView> {
  const list = readContractList(query);
  const { items, total } = await contracts.pageContracts(storeQuery(list, { offset: list.offset, limit: list.pageSize }));
  const today = shanghaiDate(now);
  const f = list.filters;
  const filtered = Object.keys(f).length > 0 || list.q !== '';
  const exportParams = new URLSearchParams(listHref(CONTRACTS_PATH, list, { page: 1 }).split('?')[1]);
  exportParams.set('format', 'xlsx');
  return {
    rows: items.map((c) => rowOf(c, lang, today)),
    pager: pagerOf(CONTRACTS_PATH, list, total),
    list,
    sorts: CONTRACT_SORTS.map((s) => ({ value: s, text: translate(SORT_WORDS[s], lang), selected: s === list.sort })),
    offerings: OFFERINGS.map((o) => ({ value: o, selected: o === f.offering })),
    tiers: TIERS.map((t) => ({ value: t, selected: t === f.tier })),
    states: CONTRACT_STATES.map((s) => ({ value: s, text: translate(STATE_WORDS[s], lang), selected: s === f.state })),
    services: SPECIAL_SERVICES.map((s) => ({ value: s.code, text: serviceName(s.code, lang), selected: s.code === f.service })),
    exportHref: `${CONTRACTS_PATH}?${exportParams.toString()}`,
    clearHref: filtered ? `${CONTRACTS_PATH}?sort=${list.sort}` : null,
    filtered,
  };
}

/** The view as a workbook: every page of it, up to EXPORT_ROW_LIMIT rows, in the page's language. */
export async function contractListWorkbook(contracts: ContractService, query: unknown, lang: Lang, now = new Date()): Promise<Buffer> {
  const list = readContractList(query);
  const items = await contracts.listContracts(storeQuery(list, { offset: 0, limit: EXPORT_ROW_LIMIT }));
  const today = shanghaiDate(now);
  const t = (key: string) => translate(key, lang);
  const rows: DataValue[][] = items.map((c) => [
    c.id,
    c.customerName,
    OFFERING_NAMES[c.offering].short[lang],
    TIER_NAMES[c.tier][lang],
    c.startsOn,
    c.endsOn,
    t(STATE_WORDS[stateOf(c, today)]),
    c.services.map((s) => `${serviceName(s.service, lang)} ${s.personDays > 0 ? translate('personDaysN', lang, { n: s.personDays }) : t('boughtAsItem')}`).join(lang === 'zh' ? ';' : '; '),
  ]);
  const columns = [
    { header: t('contractNo'), width: 10 },
    { header: t('customer'), width: 32 },
    { header: t('offering'), width: 18 },
    { header: t('tier'), width: 14 },
    { header: t('startsOn'), width: 12 },
    { header: t('endsOn'), width: 12 },
    { header: t('contractState'), width: 10 },
    { header: t('specialServices'), width: 48 },
  ];
  return writeDataWorkbook([{ name: t('contracts'), columns, rows }], now);
}
