// The tables of the 价格 sheet, recognised by their headers wherever they stand, collected over the whole
// workbook and checked once it is read: service prices name services from any sheet.
import type { Catalog } from '../../catalog/catalog.ts';
import { normalizeCellText } from '../../workbook/cell-text.ts';
import type { ImportIssue } from '../../workbook/import-issue.ts';
import { checkPrices } from './price-checks.ts';
import { isServicePriceHeader, parseServicePriceTable, type PendingServicePrice } from './price-service-parser.ts';
import { isPriceSettingsHeader, parsePriceSettingsTable, type PendingSetting } from './price-settings-parser.ts';
import { isTierPriceHeader, parseTierPriceTable, type PendingTierPrice } from './price-tier-parser.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';

export type PriceTableKind = 'tier_prices' | 'service_prices' | 'price_settings';

const PRICE_SHEET_NAME = /价格|价目|报价|定价|price/iu;

/**
 * Whether a 项目 | 值 table on the sheet holds price settings: the sheet is named for prices or holds
 * another price table. Elsewhere such a table is someone's notes (版本 | 2026) and stays ignored.
 */
export function isPriceSheet(name: string, rows: readonly GridRow[]): boolean {
  return PRICE_SHEET_NAME.test(name) || rows.some((row) => isServicePriceHeader(row) || isTierPriceHeader(row));
}

/**
 * The service-price table first: its 专项服务产品 column would otherwise make it a special-services table.
 * `priceSheet` is asked only for a 项目 | 值 header, so most sheets are never scanned for it.
 */
export function priceTableKind(row: GridRow, priceSheet: () => boolean): PriceTableKind | null {
  if (isServicePriceHeader(row)) return 'service_prices';
  if (isTierPriceHeader(row)) return 'tier_prices';
  return isPriceSettingsHeader(row) && priceSheet() ? 'price_settings' : null;
}

export interface PriceTableRows {
  tiers: PendingTierPrice[];
  services: PendingServicePrice[];
  settings: PendingSetting[];
  /** Every price table read, in workbook order: what is missing is reported at its header. */
  headers: { kind: PriceTableKind; sheet: string; cell: string }[];
  /** Some sheet holding a price table says 示例: the prices are samples. */
  sample: boolean;
}

export function emptyPriceTableRows(): PriceTableRows {
  return { tiers: [], services: [], settings: [], headers: [], sample: false };
}

/** A title or note anywhere on the sheet, e.g. 价格表(示例) or 注:以上为示例价格. */
export function saysSample(rows: readonly GridRow[]): boolean {
  return rows.some((row) => row.cells.some((c) => normalizeCellText(c.text).includes('示例')));
}

/** Reads one table into `into`; returns its issues and how many rows it imported. */
export function readPriceTable(kind: PriceTableKind, sheet: string, header: GridRow, rows: GridRow[], into: PriceTableRows): { issues: ImportIssue[]; rows: number } {
  into.headers.push({ kind, sheet, cell: header.cells[0]!.address });
  if (kind === 'tier_prices') {
    const parsed = parseTierPriceTable(sheet, header, rows);
    into.tiers.push(...parsed.entries);
    return { issues: parsed.issues, rows: parsed.entries.length };
  }
  if (kind === 'service_prices') {
    const parsed = parseServicePriceTable(sheet, header, rows);
    into.services.push(...parsed.entries);
    return { issues: parsed.issues, rows: parsed.entries.length };
  }
  const parsed = parsePriceSettingsTable(sheet, header, rows);
  into.settings.push(...parsed.entries);
  return { issues: parsed.issues, rows: parsed.entries.filter((e) => e.basisPoints !== null).length };
}

/** Checks the collected rows against each other and the catalog, and puts the price list into the catalog. */
export function finishPriceTables(rows: PriceTableRows, catalog: Catalog): ImportIssue[] {
  const checked = checkPrices(rows, catalog);
  catalog.prices = checked.prices;
  return checked.issues;
}
