// What the tier and special-services tables share, being the catalog's own tables: a table found in the workbook
// becomes a CatalogTable (its offering from the sheet name, its own title or the sheet's title), a service listed
// twice for an offering keeps its first row, and written back each table keeps a title that names its offering
// and its rows in the order they stood.
import { OFFERING_NAMES, type Names } from '../catalog/catalog-names.ts';
import type { WorkbookLang } from './column-words.ts';
import type { Offering } from '../catalog/catalog-codes.ts';
import type { Catalog, CatalogTable, TableKind } from '../catalog/catalog.ts';
import type { CellRef } from '../catalog/cell-ref.ts';
import { normalizeCellText } from '../workbook/cell-text.ts';
import { importWarning, type ImportIssue } from '../workbook/import-issue.ts';
import { columnLetter, columnNumber, rowOf } from '../workbook/xlsx-refs.ts';
import { offeringFromText, offeringHint, tableOffering } from './offering-hints.ts';
import type { FoundTable } from './sheet-kind.ts';

/** The catalog table a found table is: its offering decided, its title normalised; listed in the catalog. */
export function catalogTableOf(kind: TableKind, table: FoundTable, catalog: Catalog): CatalogTable {
  const offering = tableOffering(table.sheet, table.title, table.sheetTitle);
  const entry: CatalogTable = { sheet: table.sheet, kind, offering, title: table.title === null ? null : normalizeCellText(table.title), headerCell: table.header.cells[0]!.address };
  if (table.throughColumn !== undefined) entry.throughColumn = columnLetter(table.throughColumn);
  catalog.tables.push(entry);
  return entry;
}

/** A service a catalog table lists for an offering, where it first stands. */
export interface ListedService {
  offering: Offering;
  service: string;
  label: string;
  source: { sheet: string; cell: string };
}

/** Keeps the first occurrence of each offering × service; `seen` carries over between tables of a sheet and across sheets. */
export function dropDuplicates<E extends ListedService>(entries: E[], seen: Map<string, ListedService>, issues: ImportIssue[]): E[] {
  const kept: E[] = [];
  for (const entry of entries) {
    const key = `${entry.offering}|${entry.service}`;
    const first = seen.get(key);
    if (first) {
      issues.push(
        importWarning({
          code: 'DUPLICATE_SERVICE',
          sheet: entry.source.sheet,
          cell: entry.source.cell,
          found: entry.label,
          expected: `每个服务项目只出现一次(已在 ${first.source.sheet}!${first.source.cell} 出现)`,
          expectedEn: `each item once (already at ${first.source.sheet}!${first.source.cell})`,
          message: `“${entry.label}”重复出现,以 ${first.source.sheet}!${first.source.cell} 为准,此行已忽略。`,
          messageEn: `"${entry.service}" appears twice; ${first.source.sheet}!${first.source.cell} wins and this row is ignored.`,
        }),
      );
    } else {
      seen.set(key, entry);
      kept.push(entry);
    }
  }
  return kept;
}

/** Entries of one sheet in the order of their rows; entries of different sheets keep their order. */
export const bySourceRow = <T extends { source: CellRef }>(a: T, b: T) => (a.source.sheet === b.source.sheet ? rowOf(a.source.cell) - rowOf(b.source.cell) : 0);

const columnOf = (address: string) => columnNumber(/^[A-Z]+/u.exec(address)![0]);

/**
 * The table a source cell stands in: of the sheet's tables whose header is at or above it (a table on its side
 * names its items in its header row) and whose columns hold it, the one whose header is lowest, then rightmost.
 */
function tableOf(catalog: Catalog, source: CellRef): CatalogTable | undefined {
  const row = rowOf(source.cell);
  const col = columnOf(source.cell);
  let best: CatalogTable | undefined;
  for (const t of catalog.tables) {
    if (t.sheet !== source.sheet || rowOf(t.headerCell) > row || columnOf(t.headerCell) > col) continue;
    if (t.throughColumn !== undefined && col > columnNumber(t.throughColumn)) continue;
    if (!best || rowOf(t.headerCell) > rowOf(best.headerCell) || (rowOf(t.headerCell) === rowOf(best.headerCell) && columnOf(t.headerCell) > columnOf(best.headerCell))) best = t;
  }
  return best;
}

function inTable(catalog: Catalog, table: CatalogTable, source: CellRef): boolean {
  return tableOf(catalog, source) === table;
}

/** A table's entries in the order of their rows, whatever order the catalog lists them in. */
export function entriesOf<E extends { source: CellRef }>(catalog: Catalog, table: CatalogTable, entries: E[]): E[] {
  return entries.filter((e) => inTable(catalog, table, e.source)).sort((a, b) => rowOf(a.source.cell) - rowOf(b.source.cell));
}

/**
 * The offering must survive the round trip even when only a title further up the sheet named it. The
 * exported title stands directly above its header, so on re-import the sheet name and then this title decide;
 * a title the export adds names the offering's product in the workbook's language.
 */
export function titleOf(table: CatalogTable, fallback: Names, lang: WorkbookLang): string {
  const title = table.title ?? fallback[lang];
  if ((offeringHint(table.sheet) ?? offeringFromText(title)) === table.offering) return title;
  const product = OFFERING_NAMES[table.offering].product[lang];
  const named = `${product} ${title}`;
  // A title naming the other offering too would name both and decide nothing: drop it rather than the offering.
  return offeringFromText(named) === table.offering ? named : product;
}
