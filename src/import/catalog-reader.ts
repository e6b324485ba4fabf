// Finds the catalog tables in a workbook by their content, wherever they stand, and reads them.
import type { Offering } from '../policy/catalog-codes.ts';
import type { Catalog, CatalogTable, TableKind } from '../policy/catalog.ts';
import { normalizeCellText } from './cell-vocabulary.ts';
import { importError, importWarning, type ImportIssue } from './import-issue.ts';
import { SPECIAL_NAME_HEADERS, isSpecialHeader, parseSpecialTable } from './special-table-parser.ts';
import { findColumn } from './table-helpers.ts';
import { TIER_NAME_HEADERS, isTierHeader, parseTierTable } from './tier-table-parser.ts';
import type { GridRow, SheetGrid } from './workbook-grid.ts';

export interface SheetSummary {
  name: string;
  /** What the importer made of the sheet; `ignored` sheets are listed so nobody wonders where they went. */
  role: 'catalog' | 'ignored';
  tables: { kind: TableKind; offering: Offering; headerCell: string; rows: number }[];
}

export interface CatalogReadResult {
  catalog: Catalog;
  sheets: SheetSummary[];
  issues: ImportIssue[];
}

const ON_PREMISE_HINT = /on\s*-?\s*premises?|私有云|本地部署/i;

export function offeringFromText(text: string): Offering {
  return ON_PREMISE_HINT.test(text) ? 'on_premise' : 'cloud';
}

function headerKind(row: GridRow): TableKind | null {
  if (isTierHeader(row)) return 'tiers';
  if (isSpecialHeader(row)) return 'special_services';
  return null;
}

/** Cells that carry their own value (not merge copies) and are not blank. */
function ownCells(row: GridRow) {
  return row.cells.filter((c) => !c.mergedFrom && normalizeCellText(c.text) !== '');
}

/**
 * A title stands alone right above a header, or spans the table (a merge) from its first column:
 * `nameCol` is the name column of the table the row would otherwise belong to, so a row whose only
 * value is merged across the tier columns stays a data row (one that lacks its name).
 */
function isTitleRow(row: GridRow, next: GridRow | undefined, nameCol: number): boolean {
  const own = ownCells(row);
  if (own.length !== 1) return false;
  if (next !== undefined && headerKind(next) !== null) return true;
  return own[0]!.col <= nameCol && row.cells.some((c) => c.mergedFrom === own[0]!.address);
}

/** The column a table's rows are named in (服务项目 or 专项服务产品). */
function nameColumn(header: GridRow, kind: TableKind): number {
  const names = kind === 'tiers' ? TIER_NAME_HEADERS : SPECIAL_NAME_HEADERS;
  return findColumn(header, names) ?? header.cells[0]!.col;
}

function rowText(row: GridRow): string {
  return ownCells(row).map((c) => c.text).join(' ');
}

export function readCatalog(grids: SheetGrid[]): CatalogReadResult {
  const catalog: Catalog = { tables: [], tierServices: [], specialServices: [] };
  const issues: ImportIssue[] = [];
  const sheets: SheetSummary[] = [];
  const seen = { tiers: new Map<string, Located>(), special_services: new Map<string, Located>() };

  for (const grid of grids) {
    const { rows } = grid;
    const headers = rows.flatMap((row, i) => {
      const kind = headerKind(row);
      return kind ? [{ index: i, kind }] : [];
    });
    const summary: SheetSummary = { name: grid.name, role: headers.length ? 'catalog' : 'ignored', tables: [] };
    sheets.push(summary);
    if (headers.length === 0) continue;

    // Rows above the first table's own title describe the whole sheet (a sheet title); the rows between
    // one table's end and the next header belong to that next table only, so one table's title never
    // decides another table's offering.
    const preamble = rows.slice(0, Math.max(0, headers[0]!.index - 1));
    let tableEnd = 0;
    headers.forEach((h, k) => {
      const header = rows[h.index]!;
      const nameCol = nameColumn(header, h.kind);
      const stop = headers[k + 1]?.index ?? rows.length;
      const data: GridRow[] = [];
      for (let i = h.index + 1; i < stop; i++) {
        const row = rows[i]!;
        const previous = rows[i - 1]!;
        if (row.row !== previous.row + 1 || isTitleRow(row, rows[i + 1], nameCol)) break; // a blank row or a title ends the table
        data.push(row);
      }
      const above = rows.slice(tableEnd, h.index);
      tableEnd = h.index + 1 + data.length;
      const titleRow = above.at(-1);
      const title = titleRow ? normalizeCellText(ownCells(titleRow)[0]?.text ?? '') || null : null;
      const sheetText = [grid.name, ...(k === 0 ? [] : preamble.map(rowText))];
      const offering = offeringFromText([...sheetText, ...above.map(rowText)].join(' '));
      const headerCell = header.cells[0]!.address;
      const table: CatalogTable = { sheet: grid.name, kind: h.kind, offering, title, headerCell };
      catalog.tables.push(table);

      const parsed = h.kind === 'tiers' ? parseTierTable(grid.name, offering, header, data) : parseSpecialTable(grid.name, offering, header, data);
      issues.push(...parsed.issues);
      summary.tables.push({ kind: h.kind, offering, headerCell, rows: parsed.entries.length });
      if (h.kind === 'tiers') catalog.tierServices.push(...dropDuplicates(parsed.entries as Catalog['tierServices'], seen.tiers, issues));
      else catalog.specialServices.push(...dropDuplicates(parsed.entries as Catalog['specialServices'], seen.special_services, issues));

      for (let i = h.index + 1 + data.length; i < stop; i++) {
        const row = rows[i]!;
        if (ownCells(row).length >= 2) {
          // An error, not a warning: a row cut off by a stray blank row would otherwise vanish from the policy.
          issues.push(
            importError({
              code: 'ROW_OUTSIDE_TABLE',
              sheet: grid.name,
              cell: row.cells[0]!.address,
              found: ownCells(row).map((c) => normalizeCellText(c.text)).join(' | '),
              expected: '表格中的行之间不留空行;表格下方的备注只占一个单元格',
              expectedEn: 'no blank rows inside a table; notes below a table in a single cell',
              message: `第 ${row.row} 行像是表格数据,但与表格之间隔着空行,不会被导入:请删除空行,或删除这一行。`,
              messageEn: `Row ${row.row} looks like table data but a blank row separates it from the table: remove the blank row, or the row.`,
            }),
          );
        }
      }
    });
  }
  return { catalog, sheets, issues };
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
