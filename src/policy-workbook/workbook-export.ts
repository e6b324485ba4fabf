// A catalog written back to a workbook in the standard layout, each sheet kind writing its own tables
// (SHEET_KINDS): re-importing the workbook gives the same rules. A table goes back on the sheet it came from;
// the sheets stand in the order the catalog's tables name them, then as the kinds' tables first name the
// others, and on each sheet the tables stand in the order they stood.
import type { Catalog } from '../catalog/catalog.ts';
import type { WorkbookLang } from './column-words.ts';
import { writeWorkbook } from '../workbook/workbook-writer.ts';
import { SHEET_KINDS } from './sheet-kinds.ts';

/** `lang` heads the tables; what people typed into cells stays as typed, since the rules quote it as proof. */
export async function writeCatalogWorkbook(catalog: Catalog, lang: WorkbookLang = 'zh'): Promise<Buffer> {
  const tables = SHEET_KINDS.flatMap((kind) => kind.export(catalog, lang));
  const sheets = [...new Set([...catalog.tables.map((t) => t.sheet), ...tables.map((t) => t.sheet)])];
  const rank = new Map(sheets.map((sheet, i) => [sheet, i]));
  tables.sort((a, b) => rank.get(a.sheet)! - rank.get(b.sheet)! || a.row - b.row);
  return writeWorkbook(tables.map((t) => t.table));
}
