// Finds the tables of a policy workbook by their header rows, wherever they stand, and hands each to its sheet kind
// (SHEET_KINDS): a table runs from its header to a blank row, a title or the next header. Tables may stand side by
// side (sheet-panes.ts) and, for kinds that allow it, on their side (upright-tables.ts). What a table means is its
// kind's to say; here is only where tables are, their titles, and rows that stand outside every table.
import type { Offering } from '../catalog/catalog-codes.ts';
import { emptyCatalog, type Catalog } from '../catalog/catalog.ts';
import { normalizeCellText } from '../workbook/cell-text.ts';
import type { ImportIssue } from '../workbook/import-issue.ts';
import type { GridRow, SheetGrid } from '../workbook/workbook-grid.ts';
import { isKnownServiceName } from './service-names.ts';
import { hiddenSheetIgnored, rowOutsideTable } from './sheet-issues.ts';
import type { FoundTable, KindReading, SheetKind, SheetView, TableSummary } from './sheet-kind.ts';
import { SHEET_KINDS } from './sheet-kinds.ts';
import { sheetPanes, type SheetPane } from './sheet-panes.ts';
import { uprightTableAt, type UprightTable } from './upright-tables.ts';

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
  /** A table on its side, already turned upright. */
  upright?: UprightTable;
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

/** The header rows of a pane's rows, in order; the rows of a table on its side are its own, not headers. */
function headersOf(rows: readonly GridRow[], view: SheetView): Header[] {
  const headers: Header[] = [];
  for (let index = 0; index < rows.length; index++) {
    const found = headerAt(rows[index]!, view);
    if (found) {
      headers.push({ index, ...found });
      continue;
    }
    for (const kind of SHEET_KINDS) {
      const upright = uprightTableAt(kind, rows, index, view);
      if (!upright) continue;
      headers.push({ index, kind, table: upright.table, upright });
      index = upright.end - 1;
      break;
    }
  }
  return headers;
}

/**
 * The sheet's first row describes the whole sheet, unless it is a table's own title: one table's title never
 * decides another table's offering.
 */
function sheetTitleOf(rows: readonly GridRow[], panes: { rows: GridRow[]; headers: Header[] }[]): string | null {
  const top = rows[0];
  if (!top) return null;
  for (const pane of panes) {
    const first = pane.headers[0];
    if (!first) continue;
    if (pane.rows[first.index]!.row === top.row) return null;
    const title = ownTitleIndex(pane.rows, first.index, 0);
    if (title !== null && pane.rows[title]!.row === top.row) return null;
  }
  return rowText(top);
}

interface PaneTable {
  kind: SheetKind;
  table: FoundTable;
  /** Rows after the table that look like data but belong to no table. */
  outside: ImportIssue[];
}

/** A pane's tables, each from its header to a blank row, a title or the next header. */
function readPane(sheet: string, pane: SheetPane & { headers: Header[] }, sheetTitle: string | null, view: SheetView): PaneTable[] {
  const { rows, headers } = pane;
  // A pane that stops before the sheet's last column has a table beside it to the right.
  const throughColumn = pane.to === Number.MAX_SAFE_INTEGER ? undefined : pane.to;
  let tableEnd = 0;
  return headers.map((h, k) => {
    const header = h.upright?.header ?? rows[h.index]!;
    const stop = headers[k + 1]?.index ?? rows.length;
    let data: GridRow[];
    let end: number;
    if (h.upright) {
      data = h.upright.rows;
      end = h.upright.end;
    } else {
      const nameCol = h.kind.nameColumn?.(header) ?? header.cells[0]!.col;
      data = [];
      for (let i = h.index + 1; i < stop; i++) {
        const row = rows[i]!;
        const previous = rows[i - 1]!;
        if (row.row !== previous.row + 1 || isTitleRow(row, rows[i + 1], nameCol, h.kind, view)) break; // a blank row or a title ends the table
        data.push(row);
      }
      end = h.index + 1 + data.length;
    }
    const titleIndex = ownTitleIndex(rows, h.index, tableEnd);
    tableEnd = end;
    const title = titleIndex === null ? null : rowText(rows[titleIndex]!);
    const table: FoundTable = { sheet, kind: h.table, header, rows: data, title, sheetTitle, sheetRows: view.rows, ...(throughColumn === undefined ? {} : { throughColumn }) };
    return { kind: h.kind, table, outside: rowsOutsideTable(sheet, rows, tableEnd, stop) };
  });
}

/** Reads every table of every visible sheet into the catalog, kind by kind; the kinds' cross-table checks are left to finish. */
export function findTables(grids: SheetGrid[]): CatalogReadResult {
  const catalog: Catalog = emptyCatalog();
  const readings = new Map(SHEET_KINDS.map((kind) => [kind, kind.startReading()]));
  const issues: ImportIssue[] = [];
  const sheets: SheetSummary[] = [];

  for (const grid of grids) {
    const view: SheetView = { name: grid.name, rows: grid.rows };
    const panes = sheetPanes(grid.rows, (rows) => headersOf(rows, view).length > 0).map((pane) => ({ ...pane, headers: headersOf(pane.rows, view) }));
    const all = panes.flatMap((pane) => pane.headers);
    if (grid.hidden) {
      sheets.push({ name: grid.name, role: 'ignored', reason: 'hidden', tables: [] });
      const first = panes.find((pane) => pane.headers.length > 0);
      if (first) issues.push(hiddenSheetIgnored(grid.name, first.rows[first.headers[0]!.index]!.cells[0]!.address, first.headers[0]!.kind.hiddenTables));
      continue;
    }
    if (all.length === 0) {
      sheets.push({ name: grid.name, role: 'ignored', reason: 'no_catalog_table', tables: [] });
      continue;
    }
    const first = SHEET_KINDS.find((kind) => all.some((h) => h.kind === kind))!;
    const summary: SheetSummary = { name: grid.name, role: first.sheetRole, tables: [] };
    sheets.push(summary);
    const sheetTitle = sheetTitleOf(grid.rows, panes);
    for (const pane of panes) {
      for (const found of readPane(grid.name, pane, sheetTitle, view)) {
        const read = readings.get(found.kind)!.read(found.table, catalog);
        issues.push(...read.issues, ...found.outside);
        const list = found.kind.summaryList;
        if (list === 'tables') summary.tables.push(read.summary as TableSummary & { offering: Offering });
        else (summary[list] ??= []).push(read.summary);
      }
    }
  }
  return { catalog, sheets, issues, readings: [...readings.values()] };
}
