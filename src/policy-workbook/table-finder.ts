// Finds the catalog tables (and the 服务时间, 节假日 and 价格 tables) in a workbook by their content, wherever they stand, and reads them.
import type { Offering } from '../catalog/catalog-codes.ts';
import { emptyCatalog, type Catalog, type CatalogTable, type TableKind } from '../catalog/catalog.ts';
import { calendarTableKind, emptyCalendarTableRows, finishCalendarTables, readCalendarTable, type CalendarTableKind } from './calendars/calendar-tables.ts';
import { normalizeCellText } from './cell-vocabulary.ts';
import { importWarning, type ImportIssue } from '../workbook/import-issue.ts';
import { emptyPriceTableRows, finishPriceTables, isPriceSheet, priceTableKind, readPriceTable, saysSample, type PriceTableKind } from './prices/price-tables.ts';
import { hiddenSheetIgnored, rowOutsideTable } from './sheet-issues.ts';
import { SPECIAL_NAME_HEADERS, isSpecialHeader, parseSpecialTable } from './specials/special-table-parser.ts';
import { tableOffering } from './offering-hints.ts';
import { findColumn } from '../workbook/grid-columns.ts';
import { isKnownServiceName } from './service-names.ts';
import { TIER_NAME_HEADERS, isTierHeader, parseTierTable } from './tiers/tier-table-parser.ts';
import type { GridRow, SheetGrid } from '../workbook/workbook-grid.ts';

export interface SheetSummary {
  name: string;
  /**
   * What the importer made of the sheet; `ignored` sheets are listed so nobody wonders where they went.
   * A sheet with a catalog table is a catalog sheet even when it also holds calendar, holiday or price
   * tables; one with price tables beside calendar or holiday tables is named for the latter.
   */
  role: 'catalog' | 'calendars' | 'holidays' | 'prices' | 'ignored';
  /** Why an ignored sheet was ignored. */
  reason?: 'hidden' | 'no_catalog_table';
  tables: { kind: TableKind; offering: Offering; headerCell: string; rows: number }[];
  /** The 服务时间 and 节假日 tables of the sheet; absent when it has none. */
  calendarTables?: { kind: CalendarTableKind; headerCell: string; rows: number }[];
  /** The 价格 tables of the sheet; absent when it has none. */
  priceTables?: { kind: PriceTableKind; headerCell: string; rows: number }[];
}

export interface CatalogReadResult {
  catalog: Catalog;
  sheets: SheetSummary[];
  issues: ImportIssue[];
  /** Rows found in tier tables, imported or not: none at all means the workbook grants nothing. */
  tierRows: number;
}

export { offeringFromText, offeringHint } from './offering-hints.ts';

type HeaderKind = TableKind | CalendarTableKind | PriceTableKind;

/** `priceSheet`: whether a 项目 | 值 header is a price-settings table on this sheet (price-tables.ts). */
function headerKind(row: GridRow, sheet: string, priceSheet: () => boolean): HeaderKind | null {
  // A price header first: 专项服务产品 | 计价单位 | 单价 would otherwise be a special-services table.
  const price = priceTableKind(row, priceSheet);
  if (price) return price;
  if (isTierHeader(row)) return 'tiers';
  if (isSpecialHeader(row)) return 'special_services';
  return calendarTableKind(row, sheet);
}

const isCatalogKind = (kind: HeaderKind): kind is TableKind => kind === 'tiers' || kind === 'special_services';
const PRICE_KINDS: readonly HeaderKind[] = ['tier_prices', 'service_prices', 'price_settings'];
const isPriceKind = (kind: HeaderKind): kind is PriceTableKind => PRICE_KINDS.includes(kind);

/** Cells that carry their own value (not merge copies) and are not blank. */
function ownCells(row: GridRow) {
  return row.cells.filter((c) => !c.mergedFrom && normalizeCellText(c.text) !== '');
}

/**
 * A title stands alone right above a header, or spans the table (a merge) from its first column:
 * `nameCol` is the name column of the table the row would otherwise belong to, so a row whose only
 * value is merged across the tier columns stays a data row (one that lacks its name).
 */
function isTitleRow(row: GridRow, next: GridRow | undefined, nameCol: number, kind: HeaderKind, kindOf: (row: GridRow) => HeaderKind | null): boolean {
  const own = ownCells(row);
  if (own.length !== 1) return false;
  // A lone known name is an item with every other cell blank, not a heading.
  if (isKnownServiceName(own[0]!.text, isCatalogKind(kind) ? kind : undefined)) return false;
  if (next !== undefined && kindOf(next) !== null) return true;
  return own[0]!.col <= nameCol && row.cells.some((c) => c.mergedFrom === own[0]!.address);
}

/**
 * The table's own title: the row directly above its header (no blank row between), on its own and not
 * a service name. Rows further up are notes or belong to the sheet; `floor` is where the previous table ended.
 */
function ownTitleIndex(rows: GridRow[], headerIndex: number, floor: number): number | null {
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

/** The column a table's rows are named in (服务项目 or 专项服务产品; the first column of a calendar table). */
function nameColumn(header: GridRow, kind: HeaderKind): number {
  const names = kind === 'tiers' ? TIER_NAME_HEADERS : kind === 'special_services' ? SPECIAL_NAME_HEADERS : [];
  return findColumn(header, names) ?? header.cells[0]!.col;
}

function roleOf(kinds: HeaderKind[]): SheetSummary['role'] {
  if (kinds.some(isCatalogKind)) return 'catalog';
  if (kinds.every(isPriceKind)) return 'prices';
  const calendarKinds = kinds.filter((k) => !isPriceKind(k));
  return calendarKinds.every((k) => k === 'holidays') ? 'holidays' : 'calendars';
}

function rowText(row: GridRow): string {
  return ownCells(row).map((c) => c.text).join(' ');
}

export function readCatalog(grids: SheetGrid[]): CatalogReadResult {
  const catalog: Catalog = emptyCatalog();
  const calendarRows = emptyCalendarTableRows();
  const priceRows = emptyPriceTableRows();
  const issues: ImportIssue[] = [];
  const sheets: SheetSummary[] = [];
  const seen = { tiers: new Map<string, Located>(), special_services: new Map<string, Located>() };
  let tierRows = 0;

  for (const grid of grids) {
    const { rows } = grid;
    let priceSheet: boolean | undefined;
    const kindOf = (row: GridRow) => headerKind(row, grid.name, () => (priceSheet ??= isPriceSheet(grid.name, rows)));
    const headers = rows.flatMap((row, i) => {
      const kind = kindOf(row);
      return kind ? [{ index: i, kind }] : [];
    });
    if (grid.hidden) {
      sheets.push({ name: grid.name, role: 'ignored', reason: 'hidden', tables: [] });
      const first = headers[0];
      if (first) issues.push(hiddenSheetIgnored(grid.name, rows[first.index]!.cells[0]!.address, isCatalogKind(first.kind) ? 'catalog' : isPriceKind(first.kind) ? 'prices' : 'calendars'));
      continue;
    }
    if (headers.length === 0) {
      sheets.push({ name: grid.name, role: 'ignored', reason: 'no_catalog_table', tables: [] });
      continue;
    }
    const summary: SheetSummary = { name: grid.name, role: roleOf(headers.map((h) => h.kind)), tables: [] };
    sheets.push(summary);
    if (headers.some((h) => isPriceKind(h.kind)) && saysSample(rows)) priceRows.sample = true;

    // The sheet's first row describes the whole sheet, unless it is the first table's own title: one
    // table's title never decides another table's offering.
    const sheetTitle = headers[0]!.index > 0 && ownTitleIndex(rows, headers[0]!.index, 0) !== 0 ? rowText(rows[0]!) : null;
    let tableEnd = 0;
    headers.forEach((h, k) => {
      const header = rows[h.index]!;
      const nameCol = nameColumn(header, h.kind);
      const stop = headers[k + 1]?.index ?? rows.length;
      const data: GridRow[] = [];
      for (let i = h.index + 1; i < stop; i++) {
        const row = rows[i]!;
        const previous = rows[i - 1]!;
        if (row.row !== previous.row + 1 || isTitleRow(row, rows[i + 1], nameCol, h.kind, kindOf)) break; // a blank row or a title ends the table
        data.push(row);
      }
      const titleIndex = ownTitleIndex(rows, h.index, tableEnd);
      tableEnd = h.index + 1 + data.length;
      if (isPriceKind(h.kind)) {
        const read = readPriceTable(h.kind, grid.name, header, data, priceRows);
        issues.push(...read.issues);
        (summary.priceTables ??= []).push({ kind: h.kind, headerCell: header.cells[0]!.address, rows: read.rows });
        issues.push(...rowsOutsideTable(grid.name, rows, tableEnd, stop));
        return;
      }
      if (!isCatalogKind(h.kind)) {
        const read = readCalendarTable(h.kind, grid.name, header, data, calendarRows);
        issues.push(...read.issues);
        (summary.calendarTables ??= []).push({ kind: h.kind, headerCell: header.cells[0]!.address, rows: read.rows });
        issues.push(...rowsOutsideTable(grid.name, rows, tableEnd, stop));
        return;
      }
      const titleRow = titleIndex === null ? undefined : rows[titleIndex];
      const title = titleRow ? normalizeCellText(rowText(titleRow)) : null;
      const offering = tableOffering(grid.name, titleRow ? rowText(titleRow) : null, sheetTitle);
      const headerCell = header.cells[0]!.address;
      const table: CatalogTable = { sheet: grid.name, kind: h.kind, offering, title, headerCell };
      catalog.tables.push(table);

      let sources: { source: { cell: string } }[];
      if (h.kind === 'tiers') {
        tierRows += data.length;
        const parsed = parseTierTable(grid.name, offering, header, data);
        issues.push(...parsed.issues);
        sources = parsed.entries;
        catalog.tierServices.push(...dropDuplicates(parsed.entries, seen.tiers, issues));
      } else {
        const parsed = parseSpecialTable(grid.name, offering, header, data);
        issues.push(...parsed.issues);
        sources = parsed.entries;
        catalog.specialServices.push(...dropDuplicates(parsed.entries, seen.special_services, issues));
      }
      // A row listed under both offerings is still one row.
      summary.tables.push({ kind: h.kind, offering, headerCell, rows: new Set(sources.map((e) => e.source.cell)).size });

      issues.push(...rowsOutsideTable(grid.name, rows, tableEnd, stop));
    });
  }
  issues.push(...finishCalendarTables(calendarRows, catalog), ...finishPriceTables(priceRows, catalog));
  return { catalog, sheets, issues, tierRows };
}

function rowsOutsideTable(sheet: string, rows: GridRow[], from: number, to: number): ImportIssue[] {
  return rows.slice(from, to).filter(looksLikeData).map((row) => rowOutsideTable(sheet, row, ownCells(row).map((c) => normalizeCellText(c.text)).join(' | ')));
}

interface Located {
  offering: Offering;
  service: string;
  label: string;
  source: { sheet: string; cell: string };
}

/** Keeps the first occurrence of each offering × service; `seen` carries over between tables of a sheet and across sheets. */
function dropDuplicates<E extends Located>(entries: E[], seen: Map<string, Located>, issues: ImportIssue[]): E[] {
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
