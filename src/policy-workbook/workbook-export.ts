// A catalog written back to a workbook in the standard layout; the sample workbook uses the same layout.
import { OFFERINGS, TIERS, type ServiceKind } from '../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../catalog/catalog-names.ts';
import type { Catalog, CatalogTable, TierGrant } from '../catalog/catalog.ts';
import type { CellRef } from '../catalog/cell-ref.ts';
import { rowOf } from './rules-document.ts';
import { calendarTables } from './calendars/calendar-export.ts';
import { priceTables } from './prices/price-export.ts';
import { offeringFromText, offeringHint } from './table-finder.ts';
import { normalizeCellText, parseTierCell } from './cell-vocabulary.ts';
import { writeWorkbook, type WorkbookTable } from '../workbook/workbook-writer.ts';

export const TIER_TABLE_HEADER = ['服务项目', ...TIERS.map((t) => TIER_NAMES[t].zh), '代码'];
export const SPECIAL_TABLE_HEADER = ['专项服务产品', '主要服务内容说明', '代码'];
/** DOMAIN.md's layout, for a table whose rows do not all belong to the table's own offering. */
export const SPECIAL_TABLE_BY_OFFERING_HEADER = ['专项服务产品', '主要服务内容说明', '公有云', '私有云', '代码'];
export const TIER_TABLE_WIDTHS = [30, 34, 34, 34, 20];
export const SPECIAL_TABLE_WIDTHS = [30, 80, 22];
const SPECIAL_TABLE_BY_OFFERING_WIDTHS = [30, 80, 12, 12, 22];

/** The deliverables a cell's text reads as, or null when it does not read at all. */
function deliverablesOf(text: string, kind: ServiceKind): string[] | null {
  const parsed = parseTierCell(text, kind);
  if (!parsed.ok) return null;
  const { meaning } = parsed;
  return meaning.kind === 'deliverables' ? meaning.items : meaning.kind === 'quota' ? [meaning.item] : [];
}

/**
 * `text` lost the cell's line breaks, which may have been what separated its items ("• a⏎• b"):
 * put a line break back after each item but the last.
 */
function brokenAtItems(grant: TierGrant): string {
  let out = '';
  let from = 0;
  grant.deliverables.forEach((item, i) => {
    const at = grant.text.indexOf(item, from);
    if (at < 0 || i === grant.deliverables.length - 1) return;
    out += `${grant.text.slice(from, at + item.length)}\n`;
    from = at + item.length;
  });
  return out + grant.text.slice(from);
}

/**
 * What to write in a tier cell so that re-importing it gives the same grant: the same normalised
 * text and the same deliverables. Numbered deliverables go one per line, as a person would type them.
 */
function cellText(grant: TierGrant, kind: ServiceKind): string {
  const candidates = [grant.text, brokenAtItems(grant)];
  if (grant.deliverables.length > 1 && !grant.quota) candidates.unshift(grant.deliverables.map((d, i) => `${i + 1}、${d}`).join('\n'));
  const wanted = JSON.stringify(grant.deliverables);
  return (
    candidates.find((c) => normalizeCellText(c) === grant.text && JSON.stringify(deliverablesOf(c, kind)) === wanted) ?? grant.text
  );
}

/** Rows between a table's header and the next table's header on the same sheet belong to it. */
function inTable(catalog: Catalog, table: CatalogTable, source: CellRef): boolean {
  if (source.sheet !== table.sheet) return false;
  const start = rowOf(table.headerCell);
  const next = catalog.tables.filter((t) => t.sheet === table.sheet && rowOf(t.headerCell) > start).map((t) => rowOf(t.headerCell));
  const row = rowOf(source.cell);
  return row > start && row < Math.min(Infinity, ...next);
}

/**
 * The offering must survive the round trip even when only a title further up the sheet named it. The
 * exported title stands directly above its header, so on re-import the sheet name and then this title decide.
 */
function titleOf(table: CatalogTable, fallback: string): string {
  const title = table.title ?? fallback;
  if ((offeringHint(table.sheet) ?? offeringFromText(title)) === table.offering) return title;
  const named = `${OFFERING_NAMES[table.offering].product.zh} ${title}`;
  // A title naming the other offering too would name both and decide nothing: drop it rather than the offering.
  return offeringFromText(named) === table.offering ? named : OFFERING_NAMES[table.offering].product.zh;
}

/** A table's entries in the order of their rows, whatever order the catalog lists them in. */
function entriesOf<E extends { source: CellRef }>(catalog: Catalog, table: CatalogTable, entries: E[]): E[] {
  return entries.filter((e) => inTable(catalog, table, e.source)).sort((a, b) => rowOf(a.source.cell) - rowOf(b.source.cell));
}

export function catalogTables(catalog: Catalog): WorkbookTable[] {
  return catalog.tables.map((table) => {
    if (table.kind === 'tiers') {
      const entries = entriesOf(catalog, table, catalog.tierServices);
      return {
        sheet: table.sheet,
        title: titleOf(table, '服务产品目录'),
        header: TIER_TABLE_HEADER,
        rows: entries.map((e) => [e.label, ...TIERS.map((t) => cellText(e.grants[t], e.kind)), e.service]),
        mergeWhenEqual: [2, 1 + TIERS.length],
        widths: TIER_TABLE_WIDTHS,
      };
    }
    const entries = entriesOf(catalog, table, catalog.specialServices);
    const title = titleOf(table, '专项服务');
    if (entries.every((e) => e.offering === table.offering)) {
      return { sheet: table.sheet, title, header: SPECIAL_TABLE_HEADER, rows: entries.map((e) => [e.label, e.description, e.service]), widths: SPECIAL_TABLE_WIDTHS };
    }
    // One row per source row, marking every offering that lists it.
    const rows = new Map<string, { entry: (typeof entries)[number]; offerings: Set<string> }>();
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
  });
}

/** The catalog tables, then the 服务时间, 节假日 and 价格 tables: re-importing the workbook gives the same rules. */
export function writeCatalogWorkbook(catalog: Catalog): Promise<Buffer> {
  return writeWorkbook([...catalogTables(catalog), ...calendarTables(catalog), ...priceTables(catalog)]);
}
