// Finds the tables of a policy workbook by their header rows, wherever they stand, and hands each to its sheet kind
// (SHEET_KINDS): a table runs from its header to a blank row, a title or the next header. What a table means is
// its kind's to say; here is only where tables are, their titles, and rows that stand outside every table.
import type { Offering } from '../catalog/catalog-codes.ts';
import { emptyCatalog, type Catalog } from '../catalog/catalog.ts';
import { normalizeCellText } from '../workbook/cell-text.ts';
import type { ImportIssue } from '../workbook/import-issue.ts';
import type { GridRow, SheetGrid } from '../workbook/workbook-grid.ts';
import { isKnownServiceName } from './service-names.ts';
import { hiddenSheetIgnored, rowOutsideTable } from './sheet-issues.ts';
import type { KindReading, SheetKind, SheetView, TableSummary } from './sheet-kind.ts';
import { SHEET_KINDS } from './sheet-kinds.ts';

export interface SheetSummary {
  name: string;
  /**
   * What the importer made of the sheet (catalog, calendars, holidays, prices), named for the first kind in
   * SHEET_KINDS with a table on it (a sheet with a catalog table is a catalog sheet even when it also holds
   * calendar, holiday or price tables); `ignored` sheets are listed so nobody wonders where they went.
   */
  role: string;
  /** Why an ignored sheet was ignored. */
  reason?: 'hidden' | 'no_catalog_table';
  /** The catalog's tier and special-services tables, each with its offering. */
  tables: (TableSummary & { offering: Offering })[];
  /** The 服务时间 and 节假日 tables of the sheet; absent when it has none. */
  calendarTables?: TableSummary[];
  /** The 价格 tables of the sheet; absent when it has none. */
  priceTables?: TableSummary[];
  /** The 测试用例 tables of the sheet; absent when it has none. */
  caseTables?: TableSummary[];
}

export interface CatalogReadResult {
  catalog: Catalog;
  sheets: SheetSummary[];
  issues: ImportIssue[];
  /** Each kind's reading, to be finished once every sheet is read (read-policy-workbook.ts). */
  readings: KindReading[];
}

interface Header {
  index: number;
  kind: SheetKind;
  table: string;
}

/** Cells that carry their own value (not merge copies) and are not blank. */
function ownCells(row: GridRow) {
  return row.cells.filter((c) => !c.mergedFrom && normalizeCellText(c.text) !== '');
}

function rowText(row: GridRow): string {
  return ownCells(row).map((c) => c.text).join(' ');
}

function headerAt(row: GridRow, sheet: SheetView): Omit<Header, 'index'> | null {
  for (const kind of SHEET_KINDS) {
    const table = kind.tableAt(row, sheet);
    if (table !== null) return { kind, table };
  }
  return null;
}

/**
 * A title stands alone right above a header, or spans the table (a merge) from its first column:
 * `nameCol` is the name column of the table the row would otherwise belong to, so a row whose only
 * value is merged across the tier columns stays a data row (one that lacks its name).
 */
function isTitleRow(row: GridRow, next: GridRow | undefined, nameCol: number, kind: SheetKind, sheet: SheetView): boolean {
  const own = ownCells(row);
  if (own.length !== 1) return false;
  // A lone known name is an item with every other cell blank, not a heading.
  if ((kind.namesItem ?? isKnownServiceName)(own[0]!.text)) return false;
  if (next !== undefined && headerAt(next, sheet) !== null) return true;
  return own[0]!.col <= nameCol && row.cells.some((c) => c.mergedFrom === own[0]!.address);
}

/**
 * The table's own title: the row directly above its header (no blank row between), on its own and not
 * a service name. Rows further up are notes or belong to the sheet; `floor` is where the previous table ended.
 */
function ownTitleIndex(rows: readonly GridRow[], headerIndex: number, floor: number): number | null {
  const i = headerIndex - 1;
  const row = rows[i];
  if (i < floor || row === undefined || row.row !== rows[headerIndex]!.row - 1) return null;
  const own = ownCells(row);
  return own.length === 1 && !isKnownServiceName(own[0]!.text) ? i : null;
}

/** A row that is neither in a table nor a note: a note is one cell of text that names no service. */
function looksLikeData(row: GridRow): boolean {
  const own = ownCells(row);
  return own.length >= 2 || (own.length === 1 && isKnownServiceName(own[0]!.text));
}

function rowsOutsideTable(sheet: string, rows: readonly GridRow[], from: number, to: number): ImportIssue[] {
  return rows.slice(from, to).filter(looksLikeData).map((row) => rowOutsideTable(sheet, row, ownCells(row).map((c) => normalizeCellText(c.text)).join(' | ')));
}

/** Reads every table of every visible sheet into the catalog, kind by kind; the kinds' cross-table checks are left to finish. */
export function findTables(grids: SheetGrid[]): CatalogReadResult {
  const catalog: Catalog = emptyCatalog();
  const readings = new Map(SHEET_KINDS.map((kind) => [kind, kind.startReading()]));
  const issues: ImportIssue[] = [];
  const sheets: SheetSummary[] = [];

  for (const grid of grids) {
    const { rows } = grid;
    const view: SheetView = { name: grid.name, rows };
    const headers = rows.flatMap((row, index) => {
      const found = headerAt(row, view);
      return found ? [{ index, ...found }] : [];
    });
    if (grid.hidden) {
      sheets.push({ name: grid.name, role: 'ignored', reason: 'hidden', tables: [] });
      const first = headers[0];
      if (first) issues.push(hiddenSheetIgnored(grid.name, rows[first.index]!.cells[0]!.address, first.kind.hiddenTables));
      continue;
    }
    if (headers.length === 0) {
      sheets.push({ name: grid.name, role: 'ignored', reason: 'no_catalog_table', tables: [] });
      continue;
    }
    const first = SHEET_KINDS.find((kind) => headers.some((h) => h.kind === kind))!;
    const summary: SheetSummary = { name: grid.name, role: first.sheetRole, tables: [] };
    sheets.push(summary);

    // The sheet's first row describes the whole sheet, unless it is the first table's own title: one
    // table's title never decides another table's offering.
    const sheetTitle = headers[0]!.index > 0 && ownTitleIndex(rows, headers[0]!.index, 0) !== 0 ? rowText(rows[0]!) : null;
    let tableEnd = 0;
    headers.forEach((h, k) => {
      const header = rows[h.index]!;
      const nameCol = h.kind.nameColumn?.(header) ?? header.cells[0]!.col;
      const stop = headers[k + 1]?.index ?? rows.length;
      const data: GridRow[] = [];
      for (let i = h.index + 1; i < stop; i++) {
        const row = rows[i]!;
        const previous = rows[i - 1]!;
        if (row.row !== previous.row + 1 || isTitleRow(row, rows[i + 1], nameCol, h.kind, view)) break; // a blank row or a title ends the table
        data.push(row);
      }
      const titleIndex = ownTitleIndex(rows, h.index, tableEnd);
      tableEnd = h.index + 1 + data.length;
      const title = titleIndex === null ? null : rowText(rows[titleIndex]!);
      const read = readings.get(h.kind)!.read({ sheet: grid.name, kind: h.table, header, rows: data, title, sheetTitle, sheetRows: rows }, catalog);
      issues.push(...read.issues);
      const list = h.kind.summaryList;
      if (list === 'tables') summary.tables.push(read.summary as TableSummary & { offering: Offering });
      else (summary[list] ??= []).push(read.summary);
      issues.push(...rowsOutsideTable(grid.name, rows, tableEnd, stop));
    });
  }
  return { catalog, sheets, issues, readings: [...readings.values()] };
}
