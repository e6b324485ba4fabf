// The 解决时限 tables written back in the layout the importer reads, headed in the language asked for.
import type { Catalog, ResolutionTarget } from '../../catalog/catalog.ts';
import type { WorkbookLang } from '../column-words.ts';
import { tablesBySheet } from '../exported-tables.ts';
import { anyIn, englishWindow, layoutIn, offeringIn, serviceIn, tierIn, type TableSpec } from '../export-words.ts';
import { SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, TIER_NAME_WORDS } from '../shared-columns.ts';
import type { ExportedTable } from '../sheet-kind.ts';
import { RESOLUTION_WORDS } from './resolution-table-parser.ts';

export const RESOLUTION_SPEC: TableSpec = {
  title: { zh: '解决时限', en: 'Resolution targets' },
  columns: [SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, TIER_NAME_WORDS, RESOLUTION_WORDS],
  widths: [20, 24, 36, 16],
};
export const RESOLUTION_TABLE = layoutIn(RESOLUTION_SPEC, 'zh');

/** A target in words the 解决时限 column reads back: 2个工作日, 2 working days. */
export function targetText(t: Pick<ResolutionTarget, 'window'>, lang: WorkbookLang): string {
  const { amount, unit } = t.window;
  if (lang === 'en') return englishWindow(t.window);
  return `${amount}个${unit === 'working_day' ? '工作日' : '工作小时'}`;
}

export function resolutionTables(catalog: Catalog, lang: WorkbookLang = 'zh'): ExportedTable[] {
  return tablesBySheet(catalog.resolutionTargets, layoutIn(RESOLUTION_SPEC, lang), (list) =>
    list.map((t) => [t.offering ? offeringIn(t.offering, lang) : anyIn(lang), t.tier ? tierIn(t.tier, lang) : anyIn(lang), t.service ? serviceIn(t.service, lang) : anyIn(lang), targetText(t, lang)]),
  );
}
