// The 测试用例 tables written back in the layout the importer reads, headed in the language asked for: every column,
// blank where a case checks nothing, each value in the words the importer reads back to the same case.
import { OFFERING_NAMES, TIER_NAMES, type Names } from '../../catalog/catalog-names.ts';
import type { Catalog, Channel, TestCase } from '../../catalog/catalog.ts';
import type { WorkbookLang } from '../column-words.ts';
import { tablesBySheet } from '../exported-tables.ts';
import { englishWindow, layoutIn, offeringIn, serviceIn, tierIn, type TableSpec } from '../export-words.ts';
import { serviceText } from '../shared-columns.ts';
import type { ExportedTable } from '../sheet-kind.ts';
import { CASE_REASONS_EN, channelText, countText, markText, reasonText, wallTimeText, windowText, type CaseReason } from './case-cells.ts';
import { CASE_COLUMN_WORDS } from './case-table-parser.ts';

export const CASE_SHEETS: Names = { zh: '测试用例', en: 'Test cases' };
export const CASE_SHEET = CASE_SHEETS.zh;

export const CASE_SPEC: TableSpec = {
  title: { zh: '测试用例', en: 'Test cases' },
  columns: Object.values(CASE_COLUMN_WORDS),
  widths: [10, 12, 20, 18, 10, 8, 10, 16, 12, 14, 18, 12],
};
export const CASE_TABLE = layoutIn(CASE_SPEC, 'zh');

const CHANNEL_EN: Record<Channel, string> = { standard: 'Standard agent', dedicated: 'Dedicated agent' };

/** 无 in the language: the case expects no channel, window, deadline or quota. */
const NONE_TEXT: Record<WorkbookLang, string> = { zh: '无', en: 'none' };

function caseRow(c: TestCase, lang: WorkbookLang): string[] {
  const e = c.expect;
  const maybe = <T>(value: T | undefined, text: (v: T) => string) => (value === undefined ? '' : text(value));
  const none = (text: string) => (lang === 'zh' || text !== NONE_TEXT.zh ? text : NONE_TEXT[lang]);
  return [
    offeringIn(c.offering, lang),
    tierIn(c.tier, lang),
    serviceIn(c.service, lang),
    wallTimeText(c.at),
    c.used === null ? '' : String(c.used),
    c.purchased ? markText(true) : '',
    maybe(e.entitled, markText),
    maybe(e.reason, (v) => (lang === 'en' ? (CASE_REASONS_EN[v as CaseReason]?.[0] ?? v) : reasonText(v))),
    maybe(e.channel, (v) => (v === null ? NONE_TEXT[lang] : lang === 'en' ? CHANNEL_EN[v] : channelText(v))),
    maybe(e.responseWindow, (v) => (lang === 'en' ? (v === null ? NONE_TEXT.en : `Response within ${englishWindow(v)}`) : windowText(v))),
    maybe(e.respondBy, (v) => (v === null ? NONE_TEXT[lang] : wallTimeText(v))),
    maybe(e.remaining, (v) => none(countText(v))),
  ];
}

export function caseTables(catalog: Catalog, lang: WorkbookLang = 'zh'): ExportedTable[] {
  return tablesBySheet(catalog.testCases, layoutIn(CASE_SPEC, lang), (list) => list.map((c) => caseRow(c, lang)));
}

/** A case in words, for diffs and results: 公有云 · 基础服务 · emergency_fault · 2026-03-02 10:00. */
export function describeCase(c: Pick<TestCase, 'offering' | 'tier' | 'service' | 'at'>): { zh: string; en: string } {
  return {
    zh: `${OFFERING_NAMES[c.offering].short.zh} · ${TIER_NAMES[c.tier].zh} · ${serviceText(c.service)} · ${wallTimeText(c.at)}`,
    en: `${c.offering} · ${c.tier} · ${c.service} · ${wallTimeText(c.at)} (Asia/Shanghai)`,
  };
}
