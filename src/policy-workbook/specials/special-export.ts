// The special-services tables written back in the standard layout (专项服务产品 | 主要服务内容说明 | 代码), with a ✓
// column per offering when a table lists services of more than its own offering.
import { OFFERINGS } from '../../catalog/catalog-codes.ts';
import type { Catalog, CatalogTable, SpecialServiceEntry } from '../../catalog/catalog.ts';
import type { WorkbookTable } from '../../workbook/workbook-writer.ts';
import { rowOf } from '../../workbook/xlsx-refs.ts';
import { entriesOf, titleOf } from '../catalog-tables.ts';
import type { ExportedTable } from '../sheet-kind.ts';

export const SPECIAL_TABLE_HEADER = ['专项服务产品', '主要服务内容说明', '代码'];
/** docs/domain.md's layout, for a table whose rows do not all belong to the table's own offering. */
export const SPECIAL_TABLE_BY_OFFERING_HEADER = ['专项服务产品', '主要服务内容说明', '公有云', '私有云', '代码'];
export const SPECIAL_TABLE_WIDTHS = [30, 80, 22];
const SPECIAL_TABLE_BY_OFFERING_WIDTHS = [30, 80, 12, 12, 22];

function specialTable(catalog: Catalog, table: CatalogTable): WorkbookTable {
  const entries = entriesOf(catalog, table, catalog.specialServices);
  const title = titleOf(table, '专项服务');
  if (entries.every((e) => e.offering === table.offering)) {
    return { sheet: table.sheet, title, header: SPECIAL_TABLE_HEADER, rows: entries.map((e) => [e.label, e.description, e.service]), widths: SPECIAL_TABLE_WIDTHS };
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
    header: SPECIAL_TABLE_BY_OFFERING_HEADER,
    rows: [...rows.values()].map(({ entry: e, offerings }) => [e.label, e.description, ...OFFERINGS.map((o) => (offerings.has(o) ? '✓' : '')), e.service]),
    widths: SPECIAL_TABLE_BY_OFFERING_WIDTHS,
  };
}

export function specialTables(catalog: Catalog): ExportedTable[] {
  return catalog.tables.filter((table) => table.kind === 'special_services').map((table) => ({ sheet: table.sheet, row: rowOf(table.headerCell), table: specialTable(catalog, table) }));
}
