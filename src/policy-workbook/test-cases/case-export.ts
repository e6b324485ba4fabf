// The 测试用例 tables written back in the layout the importer reads: every column, blank where a case checks nothing,
// each value in the words the importer reads back to the same case.
import { OFFERING_NAMES, TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { Catalog, TestCase } from '../../catalog/catalog.ts';
import { tablesBySheet } from '../exported-tables.ts';
import { OFFERING_COLUMN_HEADERS, serviceText } from '../shared-columns.ts';
import type { ExportedTable } from '../sheet-kind.ts';
import { channelText, countText, markText, reasonText, wallTimeText, windowText } from './case-cells.ts';
import { CASE_COLUMNS } from './case-table-parser.ts';

export const CASE_SHEET = '测试用例';

export const CASE_TABLE = {
  title: '测试用例',
  header: Object.values(CASE_COLUMNS).map((names) => names[0]),
  widths: [10, 12, 20, 18, 10, 8, 10, 16, 12, 14, 18, 12],
};

function caseRow(c: TestCase): string[] {
  const e = c.expect;
  const maybe = <T>(value: T | undefined, text: (v: T) => string) => (value === undefined ? '' : text(value));
  return [
    OFFERING_COLUMN_HEADERS[c.offering][0]!,
    TIER_NAMES[c.tier].zh,
    serviceText(c.service),
    wallTimeText(c.at),
    c.used === null ? '' : String(c.used),
    c.purchased ? '✓' : '',
    maybe(e.entitled, markText),
    maybe(e.reason, reasonText),
    maybe(e.channel, channelText),
    maybe(e.responseWindow, windowText),
    maybe(e.respondBy, (v) => (v === null ? '无' : wallTimeText(v))),
    maybe(e.remaining, countText),
  ];
}

export function caseTables(catalog: Catalog): ExportedTable[] {
  return tablesBySheet(catalog.testCases, CASE_TABLE, (list) => list.map(caseRow));
}

/** A case in words, for diffs and results: 公有云 · 基础服务 · emergency_fault · 2026-03-02 10:00. */
export function describeCase(c: Pick<TestCase, 'offering' | 'tier' | 'service' | 'at'>): { zh: string; en: string } {
  return {
    zh: `${OFFERING_NAMES[c.offering].short.zh} · ${TIER_NAMES[c.tier].zh} · ${serviceText(c.service)} · ${wallTimeText(c.at)}`,
    en: `${c.offering} · ${c.tier} · ${c.service} · ${wallTimeText(c.at)} (Asia/Shanghai)`,
  };
}
