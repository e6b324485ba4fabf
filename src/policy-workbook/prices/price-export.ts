// The price list of a catalog written back as 价格 tables, in the layout the importer reads; the sample
// workbook uses the same layout.
import type { Catalog } from '../../catalog/catalog.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import { TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { PriceList, SpecialServicePrice, TierPrice } from '../../catalog/price-list.ts';
import { rowOf } from '../rules-document.ts';
import { ANY, serviceText } from '../calendars/calendar-export.ts';
import { SETTING_NAMES, formatBasisPoints, formatFen } from './price-cells.ts';
import { OFFERING_COLUMN_HEADERS } from '../specials/special-table-parser.ts';
import type { WorkbookTable } from '../../workbook/workbook-writer.ts';

export const PRICE_SHEET = '价格';
/** 示例 anywhere on a sheet of prices marks them as samples. */
export const PRICE_HEADING = { sample: '价格表(示例)', real: '价格表' };
// One set of widths for every price table: a sheet's columns are shared by the tables on it.
const WIDTHS = [30, 16, 12, 14, 18];
export const TIER_PRICE_TABLE = { title: '一、服务产品年费', header: ['部署', '服务产品', '计价方式', '价格'], widths: WIDTHS };
export const SERVICE_PRICE_TABLE = { title: '二、专项服务价格', header: ['专项服务产品', '部署', '计价单位', '单价', '差旅补贴(元/次)'], widths: WIDTHS };
export const PRICE_SETTINGS_TABLE = { title: '三、税率与折扣', header: ['项目', '值'], widths: WIDTHS };
export const METHOD_TEXT = { fixed: '元/年', licence_share: '许可费比例' } as const;
export const UNIT_TEXT = { person_day: '人天', item: '项' } as const;

const offeringText = (offering: TierPrice['offering'] | null) => (offering ? OFFERING_COLUMN_HEADERS[offering][0]! : ANY);
const priceText = (p: TierPrice) => (p.method === 'fixed' ? formatFen(p.annualFen) : formatBasisPoints(p.basisPoints));

/** One row per source row: a row that priced both offerings alike (部署 全部) is written back as one. */
function tierRows(prices: readonly TierPrice[]): string[][] {
  const bySource = new Map<string, TierPrice[]>();
  for (const p of prices) bySource.set(p.source.cell, [...(bySource.get(p.source.cell) ?? []), p]);
  return [...bySource.values()].flatMap((group) => {
    const [first] = group as [TierPrice];
    const row = (p: TierPrice, offering: TierPrice['offering'] | null) => [offeringText(offering), TIER_NAMES[p.tier].zh, METHOD_TEXT[p.method], priceText(p)];
    const both = group.length > 1 && group.every((p) => p.tier === first.tier && p.method === first.method && priceText(p) === priceText(first));
    return both ? [row(first, null)] : group.map((p) => row(p, p.offering));
  });
}

const serviceRow = (p: SpecialServicePrice) => [
  serviceText(p.service),
  offeringText(p.offering),
  UNIT_TEXT[p.unit],
  formatFen(p.unitFen),
  p.travelPerTripFen === null ? '' : formatFen(p.travelPerTripFen),
];

function settingRows(prices: PriceList): string[][] {
  return [
    [SETTING_NAMES.vat.zh, formatBasisPoints(prices.vatBasisPoints)],
    [SETTING_NAMES.sales_discount_limit.zh, formatBasisPoints(prices.discount.salesLimitBasisPoints)],
    [SETTING_NAMES.discount_maximum.zh, formatBasisPoints(prices.discount.maximumBasisPoints)],
  ];
}

interface Placed {
  sheet: string;
  firstRow: number;
  table: WorkbookTable;
}

/** Entries grouped by the sheet they came from: a table per sheet, rows in the order they stood. */
function placed<E extends { source: CellRef }>(entries: readonly E[], spec: typeof TIER_PRICE_TABLE, rows: (entries: E[]) => string[][]): Placed[] {
  const bySheet = new Map<string, E[]>();
  for (const e of entries) bySheet.set(e.source.sheet, [...(bySheet.get(e.source.sheet) ?? []), e]);
  return [...bySheet].map(([sheet, list]) => {
    const sorted = [...list].sort((a, b) => rowOf(a.source.cell) - rowOf(b.source.cell));
    return { sheet, firstRow: rowOf(sorted[0]!.source.cell), table: { sheet, title: spec.title, header: spec.header, rows: rows(sorted), widths: spec.widths } };
  });
}

/** The 价格 tables of a catalog, on each sheet in the order their rows stood; none without a price list. */
export function priceTables(catalog: Catalog): WorkbookTable[] {
  const prices = catalog.prices;
  if (!prices) return [];
  const settings = [prices.vatSource, prices.discount.source].filter((s) => s.sheet === prices.vatSource.sheet);
  const all = [
    ...placed(prices.tiers, TIER_PRICE_TABLE, tierRows),
    ...placed(prices.specialServices, SERVICE_PRICE_TABLE, (list) => list.map(serviceRow)),
    {
      sheet: prices.vatSource.sheet,
      firstRow: Math.min(...settings.map((s) => rowOf(s.cell))),
      table: { sheet: prices.vatSource.sheet, title: PRICE_SETTINGS_TABLE.title, header: PRICE_SETTINGS_TABLE.header, rows: settingRows(prices), widths: PRICE_SETTINGS_TABLE.widths },
    },
  ];
  const sheets = [...new Set(all.map((p) => p.sheet))];
  const tables = all.sort((a, b) => sheets.indexOf(a.sheet) - sheets.indexOf(b.sheet) || a.firstRow - b.firstRow).map((p) => p.table);
  // The heading carries 示例 to the re-imported sheet; it goes on the first table of its sheet.
  tables[0] = { ...tables[0]!, heading: prices.sample ? PRICE_HEADING.sample : PRICE_HEADING.real };
  return tables;
}
