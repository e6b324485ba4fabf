// A catalog written back to a workbook in the standard layout; the sample workbook uses the same layout.
import { OFFERING_NAMES, TIER_NAMES, TIERS } from '../policy/catalog-codes.ts';
import type { Catalog, CatalogTable, CellRef, TierGrant } from '../policy/catalog.ts';
import { rowOf } from '../policy/rules-document.ts';
import { offeringFromText } from './catalog-reader.ts';
import { writeWorkbook, type WorkbookTable } from './workbook-writer.ts';

export const TIER_TABLE_HEADER = ['服务项目', ...TIERS.map((t) => TIER_NAMES[t].zh), '代码'];
export const SPECIAL_TABLE_HEADER = ['专项服务产品', '主要服务内容说明', '代码'];
export const TIER_TABLE_WIDTHS = [30, 34, 34, 34, 20];
export const SPECIAL_TABLE_WIDTHS = [30, 80, 22];

/** Numbered deliverables go one per line, as a person would type them in a cell. */
function cellText(grant: TierGrant): string {
  if (grant.deliverables.length > 1 && !grant.quota) return grant.deliverables.map((d, i) => `${i + 1}、${d}`).join('\n');
  return grant.text;
}

/** Rows between a table's header and the next table's header on the same sheet belong to it. */
function inTable(catalog: Catalog, table: CatalogTable, source: CellRef): boolean {
  if (source.sheet !== table.sheet) return false;
  const start = rowOf(table.headerCell);
  const next = catalog.tables.filter((t) => t.sheet === table.sheet && rowOf(t.headerCell) > start).map((t) => rowOf(t.headerCell));
  const row = rowOf(source.cell);
  return row > start && row < Math.min(Infinity, ...next);
}

/** The offering must survive the round trip even when only a title further up the sheet named it. */
function titleOf(table: CatalogTable, fallback: string): string {
  const title = table.title ?? fallback;
  if (offeringFromText(`${table.sheet} ${title}`) === table.offering) return title;
  return `${OFFERING_NAMES[table.offering].zh} ${title}`;
}

export function catalogTables(catalog: Catalog): WorkbookTable[] {
  return catalog.tables.map((table) => {
    if (table.kind === 'tiers') {
      const entries = catalog.tierServices.filter((e) => inTable(catalog, table, e.source));
      return {
        sheet: table.sheet,
        title: titleOf(table, '服务产品目录'),
        header: TIER_TABLE_HEADER,
        rows: entries.map((e) => [e.label, ...TIERS.map((t) => cellText(e.grants[t])), e.service]),
        mergeWhenEqual: [2, 1 + TIERS.length],
        widths: TIER_TABLE_WIDTHS,
      };
    }
    const entries = catalog.specialServices.filter((e) => inTable(catalog, table, e.source));
    return {
      sheet: table.sheet,
      title: titleOf(table, '专项服务'),
      header: SPECIAL_TABLE_HEADER,
      rows: entries.map((e) => [e.label, e.description, e.service]),
      widths: SPECIAL_TABLE_WIDTHS,
    };
  });
}

export function writeCatalogWorkbook(catalog: Catalog): Promise<Buffer> {
  return writeWorkbook(catalogTables(catalog));
}
