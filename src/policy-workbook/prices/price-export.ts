// The price list of a catalog written back as 价格 tables, in the layout the importer reads; the sample
// workbook uses the same layout.
import type { Catalog } from '../../catalog/catalog.ts';
import { TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { PriceList, SpecialServicePrice, TierPrice } from '../../catalog/price-list.ts';
import { rowOf } from '../../workbook/xlsx-refs.ts';
import { tablesBySheet } from '../exported-tables.ts';
import type { ExportedTable } from '../sheet-kind.ts';
import { ANY, serviceText, OFFERING_COLUMN_HEADERS } from '../shared-columns.ts';
import { SETTING_NAMES, formatBasisPoints, formatFen } from './price-cells.ts';

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

/** The 价格 tables of a catalog; none without a price list. The heading (示例 or not) goes on the first of them. */
export function priceTables(catalog: Catalog): ExportedTable[] {
  const prices = catalog.prices;
  if (!prices) return [];
  const settings = [prices.vatSource, prices.discount.source].filter((s) => s.sheet === prices.vatSource.sheet);
  const tables: ExportedTable[] = [
    ...tablesBySheet(prices.tiers, TIER_PRICE_TABLE, tierRows),
    ...tablesBySheet(prices.specialServices, SERVICE_PRICE_TABLE, (list) => list.map(serviceRow)),
    { sheet: prices.vatSource.sheet, row: Math.min(...settings.map((s) => rowOf(s.cell))), table: { sheet: prices.vatSource.sheet, ...PRICE_SETTINGS_TABLE, rows: settingRows(prices) } },
  ];
  // The heading carries 示例 to the re-imported sheet: on the table written first, at the top of its sheet's price tables.
  const sheets = [...new Set(tables.map((t) => t.sheet))];
  const first = tables.reduce((a, b) => (sheets.indexOf(b.sheet) < sheets.indexOf(a.sheet) || (b.sheet === a.sheet && b.row < a.row) ? b : a));
  first.table = { ...first.table, heading: prices.sample ? PRICE_HEADING.sample : PRICE_HEADING.real };
  return tables;
}
