// The query string of a list page (page, sort, search, filters) read once, tolerantly: a link edited by hand
// or left over from an older version shows the first page in the default order rather than an error. The
// pager and every sort, tab and filter link are written from the same reading, so they keep one another.
export interface ListSpec<S extends string, F extends string> {
  sorts: readonly S[];
  defaultSort: S;
  filters: readonly F[];
  /** Rows per page; 50 unless the page says otherwise. */
  pageSize?: number;
}

export interface ListQuery<S extends string = string, F extends string = string> {
  /** From 1. */
  page: number;
  pageSize: number;
  offset: number;
  sort: S;
  /** The search text, trimmed; '' for none. */
  q: string;
  /** Only the filters that were given a non-blank value. */
  filters: Partial<Record<F, string>>;
}

/** No list page goes deeper than this: 10,000 pages of 50 is more than any desk reads; exports are separate. */
const MAX_PAGE = 10_000;
const MAX_TEXT = 200;

const single = (value: unknown): string => {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first.trim().slice(0, MAX_TEXT) : '';
};

export function readListQuery<S extends string, F extends string>(query: unknown, spec: ListSpec<S, F>): ListQuery<S, F> {
  const params = query && typeof query === 'object' ? (query as Record<string, unknown>) : {};
  const pageSize = spec.pageSize ?? 50;
  const asked = single(params.page);
  const page = /^\d{1,6}$/.test(asked) ? Math.min(Math.max(Number(asked), 1), MAX_PAGE) : 1;
  const sortText = single(params.sort);
  const sort = (spec.sorts as readonly string[]).includes(sortText) ? (sortText as S) : spec.defaultSort;
  const filters: Partial<Record<F, string>> = {};
  for (const name of spec.filters) {
    const value = single(params[name]);
    if (value !== '') filters[name] = value;
  }
  return { page, pageSize, offset: (page - 1) * pageSize, sort, q: single(params.q), filters };
}

export interface ListChanges {
  page?: number;
  sort?: string;
  q?: string;
  /** A filter set to '' or null is dropped from the link. */
  filters?: Record<string, string | null>;
}

/** The list's own URL with some of its state changed; a change of filter, search or sort starts at page 1. */
export function listHref(basePath: string, list: ListQuery, changes: ListChanges = {}): string {
  const params = new URLSearchParams();
  const filters: Record<string, string | null | undefined> = { ...list.filters, ...changes.filters };
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const q = changes.q ?? list.q;
  if (q) params.set('q', q);
  params.set('sort', changes.sort ?? list.sort);
  const restart = changes.filters !== undefined || changes.q !== undefined || changes.sort !== undefined;
  const page = changes.page ?? (restart ? 1 : list.page);
  if (page > 1) params.set('page', String(page));
  return `${basePath}?${params.toString()}`;
}

export interface PagerView {
  total: number;
  /** 1-based positions of the first and last row shown; 0 and 0 for an empty list. */
  from: number;
  to: number;
  page: number;
  pages: number;
  prev: string | null;
  next: string | null;
  links: { page: number; href: string; current: boolean }[];
  /** More than one page: the pager's links are worth showing. */
  many: boolean;
}

/** The pager under a list: a window of page links around the current one, with the first and the last. */
export function pagerOf(basePath: string, list: ListQuery, total: number): PagerView {
  const pages = Math.max(1, Math.ceil(total / list.pageSize));
  const page = Math.min(list.page, pages);
  const shown = new Set([1, pages, page - 2, page - 1, page, page + 1, page + 2].filter((p) => p >= 1 && p <= pages));
  const links = [...shown].sort((a, b) => a - b).map((p) => ({ page: p, href: listHref(basePath, list, { page: p }), current: p === page }));
  return {
    total,
    from: total === 0 ? 0 : (page - 1) * list.pageSize + 1,
    to: Math.min(page * list.pageSize, total),
    page,
    pages,
    prev: page > 1 ? listHref(basePath, list, { page: page - 1 }) : null,
    next: page < pages ? listHref(basePath, list, { page: page + 1 }) : null,
    links,
    many: pages > 1,
  };
}

/** A list export's row cap: the current view, every page of it, up to this many rows. */
export const EXPORT_ROW_LIMIT = 10_000;

/** Whether the list was asked for as a workbook (`format=xlsx`), not as a page. */
export function wantsWorkbook(query: unknown): boolean {
  return single((query as Record<string, unknown> | null)?.format) === 'xlsx';
}
