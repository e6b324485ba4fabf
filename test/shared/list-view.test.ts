// The query string of a list page: read tolerantly, written back the same way by every link and the pager.
import { describe, expect, it } from 'vitest';
import { listHref, pagerOf, readListQuery, wantsWorkbook } from '../../src/http/pages/list-view.ts';
import { likePattern } from '../../src/shared/paging.ts';

const SPEC = { sorts: ['deadline', 'priority'] as const, defaultSort: 'deadline' as const, filters: ['status', 'service'] as const, pageSize: 50 };

describe('a list page’s query', () => {
  it('reads page, sort, search and filters', () => {
    const list = readListQuery({ page: '3', sort: 'priority', q: '  云杉 ', status: 'open', service: '', other: 'x' }, SPEC);
    expect(list).toEqual({ page: 3, pageSize: 50, offset: 100, sort: 'priority', q: '云杉', filters: { status: 'open' } });
  });

  it('falls back to the first page in the default order for anything it cannot read', () => {
    for (const page of ['0', '-1', 'abc', '1e3', '9999999', '']) {
      const list = readListQuery({ page, sort: 'drop table' }, SPEC);
      expect(list.page, page).toBe(page === '0' ? 1 : 1);
      expect(list.sort).toBe('deadline');
    }
    expect(readListQuery(null, SPEC)).toMatchObject({ page: 1, offset: 0, q: '', filters: {} });
    // A repeated parameter counts once, by its first value.
    expect(readListQuery({ status: ['open', 'closed'] }, SPEC).filters).toEqual({ status: 'open' });
  });

  it('caps the page at 10,000 and the text at 200 characters', () => {
    expect(readListQuery({ page: '123456' }, SPEC).page).toBe(10_000);
    expect(readListQuery({ page: '10000' }, SPEC).page).toBe(10_000);
    expect(readListQuery({ q: 'x'.repeat(500) }, SPEC).q).toHaveLength(200);
  });

  it('starts over at page 1 when a filter, the search or the order changes, and keeps the page otherwise', () => {
    const list = readListQuery({ page: '4', status: 'open', q: 'ERP' }, SPEC);
    expect(listHref('/requests', list)).toBe('/requests?status=open&q=ERP&sort=deadline&page=4');
    expect(listHref('/requests', list, { sort: 'priority' })).toBe('/requests?status=open&q=ERP&sort=priority');
    expect(listHref('/requests', list, { filters: { status: null, service: 'phone_support' } })).toBe('/requests?service=phone_support&q=ERP&sort=deadline');
    expect(listHref('/requests', list, { q: '' })).toBe('/requests?status=open&sort=deadline');
    expect(listHref('/requests', list, { page: 2 })).toBe('/requests?status=open&q=ERP&sort=deadline&page=2');
  });
});

describe('the pager', () => {
  const at = (page: number) => readListQuery({ page: String(page) }, SPEC);

  it('says which rows are shown, from the first page to the last', () => {
    expect(pagerOf('/q', at(1), 123)).toMatchObject({ from: 1, to: 50, page: 1, pages: 3, prev: null, many: true });
    expect(pagerOf('/q', at(3), 123)).toMatchObject({ from: 101, to: 123, page: 3, pages: 3, next: null });
    expect(pagerOf('/q', at(1), 0)).toMatchObject({ from: 0, to: 0, pages: 1, many: false, prev: null, next: null });
    expect(pagerOf('/q', at(1), 50)).toMatchObject({ pages: 1, many: false });
    expect(pagerOf('/q', at(1), 51)).toMatchObject({ pages: 2, many: true });
  });

  it('shows the first, the last and two either side of the current page; a page past the end shows the last', () => {
    expect(pagerOf('/q', at(10), 1000).links.map((l) => l.page)).toEqual([1, 8, 9, 10, 11, 12, 20]);
    expect(pagerOf('/q', at(10), 1000).links.find((l) => l.current)?.page).toBe(10);
    expect(pagerOf('/q', at(99), 120)).toMatchObject({ page: 3, from: 101, to: 120 });
  });
});

describe('exports and searches', () => {
  it('knows a workbook was asked for only by format=xlsx', () => {
    expect(wantsWorkbook({ format: 'xlsx' })).toBe(true);
    expect(wantsWorkbook({ format: 'csv' })).toBe(false);
    expect(wantsWorkbook({})).toBe(false);
  });

  it('matches a typed % or _ as itself', () => {
    expect(likePattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
