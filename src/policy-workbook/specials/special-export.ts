// The special-services tables written back in the standard layout (专项服务产品 | 主要服务内容说明 | 代码, or
// Special service | Description | Code), with a ✓ (Yes/No in English) column per offering when a table lists services of more than its
// own offering. Names and descriptions stay as typed.
import { OFFERINGS } from '../../catalog/catalog-codes.ts';
import type { Catalog, CatalogTable, SpecialServiceEntry } from '../../catalog/catalog.ts';
import type { WorkbookTable } from '../../workbook/workbook-writer.ts';
import { rowOf } from '../../workbook/xlsx-refs.ts';
import { entriesOf, titleOf } from '../catalog-tables.ts';
import { headerIn, type WorkbookLang } from '../column-words.ts';
import { CODE_WORDS } from '../service-names.ts';
import { DESCRIPTION_WORDS, OFFERING_COLUMN_WORDS, SPECIAL_NAME_WORDS } from '../shared-columns.ts';
import type { ExportedTable } from '../sheet-kind.ts';

/** The header of a special-services table in a language; with `byOffering`, docs/domain.md's ✓ column per offering. */
export function specialTableHeader(lang: WorkbookLang, byOffering = false): string[] {
  const offerings = byOffering ? OFFERINGS.map((o) => headerIn(OFFERING_COLUMN_WORDS[o], lang)) : [];
  return [headerIn(SPECIAL_NAME_WORDS, lang), headerIn(DESCRIPTION_WORDS, lang), ...offerings, headerIn(CODE_WORDS, lang)];
}
export const SPECIAL_TABLE_HEADER = specialTableHeader('zh');
/** docs/domain.md's layout, for a table whose rows do not all belong to the table's own offering. */
export const SPECIAL_TABLE_BY_OFFERING_HEADER = specialTableHeader('zh', true);
/** What a special-services table is titled when its workbook gave it no title ("Special services" would be a header). */
export const SPECIAL_TABLE_TITLE = { zh: '专项服务', en: 'Special services offered' };
/** What an offering column says for an offering that lists the service, and for one that does not. */
const OFFERED_MARK: Record<WorkbookLang, { yes: string; no: string }> = { zh: { yes: '✓', no: '' }, en: { yes: 'Yes', no: 'No' } };
export const SPECIAL_TABLE_WIDTHS = [30, 80, 22];
const SPECIAL_TABLE_BY_OFFERING_WIDTHS = [30, 80, 12, 12, 22];

function specialTable(catalog: Catalog, table: CatalogTable, lang: WorkbookLang): WorkbookTable {
  const entries = entriesOf(catalog, table, catalog.specialServices);
  const title = titleOf(table, SPECIAL_TABLE_TITLE, lang);
  if (entries.every((e) => e.offering === table.offering)) {
    return { sheet: table.sheet, title, header: specialTableHeader(lang), rows: entries.map((e) => [e.label, e.description, e.service]), widths: SPECIAL_TABLE_WIDTHS };
  }
  // One row per source row, marking every offering that lists it.
  const rows = new Map<string, { entry: SpecialServiceEntry; offerings: Set<string> }>();
  for (const e of entries) {
    const row = rows.get(e.source.cell) ?? { entry: e, offerings: new Set<string>() };
    row.offerings.add(e.offering);
    rows.set(e.source.cell, row);
  }
  return {
    sheet: table.sheet,
    title,
    header: specialTableHeader(lang, true),
    rows: [...rows.values()].map(({ entry: e, offerings }) => [e.label, e.description, ...OFFERINGS.map((o) => (offerings.has(o) ? OFFERED_MARK[lang].yes : OFFERED_MARK[lang].no)), e.service]),
    widths: SPECIAL_TABLE_BY_OFFERING_WIDTHS,
  };
}

export function specialTables(catalog: Catalog, lang: WorkbookLang = 'zh'): ExportedTable[] {
  return catalog.tables
    .filter((table) => table.kind === 'special_services')
    .map((table) => ({ sheet: table.sheet, row: rowOf(table.headerCell), table: specialTable(catalog, table, lang) }));
}
