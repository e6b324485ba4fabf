// The 节假日 rows written back as a table (日期 | 类型 | 名称), in the layout the importer reads, headed in the
// language asked for; the sample workbooks and the holiday pages use the same sheet name and layout.
import type { Names } from '../../catalog/catalog-names.ts';
import type { Catalog, HolidayEntry } from '../../catalog/catalog.ts';
import type { WorkbookLang } from '../column-words.ts';
import { tablesBySheet } from '../exported-tables.ts';
import { layoutIn, type TableSpec } from '../export-words.ts';
import type { ExportedTable } from '../sheet-kind.ts';
import { HOLIDAY_DATE_WORDS, HOLIDAY_KIND_WORDS, HOLIDAY_NAME_WORDS } from './holiday-table-parser.ts';

export const HOLIDAY_SHEETS: Names = { zh: '节假日', en: 'Holidays' };
export const HOLIDAY_SHEET = HOLIDAY_SHEETS.zh;
export const HOLIDAY_SPEC: TableSpec = {
  title: { zh: '法定节假日与调休上班', en: 'Public holidays and make-up working days' },
  columns: [HOLIDAY_DATE_WORDS, HOLIDAY_KIND_WORDS, HOLIDAY_NAME_WORDS],
  widths: [16, 10, 24],
};
export const HOLIDAY_TABLE = layoutIn(HOLIDAY_SPEC, 'zh');

/** What the 类型 column says for a day off and a make-up working day. */
export const HOLIDAY_KIND_TEXT: Record<WorkbookLang, Record<HolidayEntry['kind'], string>> = {
  zh: { off: '休', work: '班' },
  en: { off: 'Holiday', work: 'Working day' },
};

export function holidayTables(catalog: Catalog, lang: WorkbookLang = 'zh'): ExportedTable[] {
  // The day's name is what its owners typed: deadline proofs quote it.
  return tablesBySheet(catalog.holidays, layoutIn(HOLIDAY_SPEC, lang), (list) => list.map((h) => [h.date, HOLIDAY_KIND_TEXT[lang][h.kind], h.name]));
}
