// The price list of a catalog written back as 价格 tables, in the layout the importer reads, headed in the language
// asked for; the sample workbooks use the same layout.
import type { Names } from '../../catalog/catalog-names.ts';
import type { Catalog } from '../../catalog/catalog.ts';
import type { PriceList, SpecialServicePrice, TierPrice } from '../../catalog/price-list.ts';
import { rowOf } from '../../workbook/xlsx-refs.ts';
import type { WorkbookLang } from '../column-words.ts';
import { tablesBySheet } from '../exported-tables.ts';
import { anyIn, layoutIn, offeringIn, serviceIn, tierIn, type TableSpec } from '../export-words.ts';
import { SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, SPECIAL_NAME_WORDS } from '../shared-columns.ts';
import type { ExportedTable } from '../sheet-kind.ts';
import { SETTING_NAMES, formatBasisPoints, formatFen, type PriceSetting } from './price-cells.ts';
import { PRICE_UNIT_WORDS, TRAVEL_WORDS, UNIT_PRICE_WORDS } from './price-service-parser.ts';
import { SETTING_KEY_WORDS, SETTING_VALUE_WORDS } from './price-settings-parser.ts';
import { PRICING_METHOD_WORDS, TIER_PRICE_WORDS } from './price-tier-parser.ts';

export const PRICE_SHEETS: Names = { zh: '价格', en: 'Prices' };
export const PRICE_SHEET = PRICE_SHEETS.zh;
/** 示例 (or "sample") anywhere on a sheet of prices marks them as samples. */
export const PRICE_HEADINGS: { sample: Names; real: Names } = {
  sample: { zh: '价格表(示例)', en: 'Price list (sample)' },
  real: { zh: '价格表', en: 'Price list' },
};
export const PRICE_HEADING = { sample: PRICE_HEADINGS.sample.zh, real: PRICE_HEADINGS.real.zh };
// One set of widths for every price table: a sheet's columns are shared by the tables on it.
const WIDTHS = [30, 16, 12, 14, 18];
export const TIER_PRICE_SPEC: TableSpec = {
  title: { zh: '一、服务产品年费', en: '1. Annual fee per tier' },
  columns: [SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, PRICING_METHOD_WORDS, TIER_PRICE_WORDS],
  widths: WIDTHS,
};
export const SERVICE_PRICE_SPEC: TableSpec = {
  title: { zh: '二、专项服务价格', en: '2. Special-service prices' },
  columns: [SPECIAL_NAME_WORDS, SCOPE_OFFERING_WORDS, PRICE_UNIT_WORDS, UNIT_PRICE_WORDS, TRAVEL_WORDS],
  widths: WIDTHS,
};
export const PRICE_SETTINGS_SPEC: TableSpec = {
  title: { zh: '三、税率与折扣', en: '3. VAT and discounts' },
  columns: [SETTING_KEY_WORDS, SETTING_VALUE_WORDS],
  widths: WIDTHS,
};
export const TIER_PRICE_TABLE = layoutIn(TIER_PRICE_SPEC, 'zh');
export const SERVICE_PRICE_TABLE = layoutIn(SERVICE_PRICE_SPEC, 'zh');
export const PRICE_SETTINGS_TABLE = layoutIn(PRICE_SETTINGS_SPEC, 'zh');

/** The settings' English names as the 项目 column reads them (price-cells.ts). */
const SETTING_EN: Record<PriceSetting, string> = { vat: 'VAT rate', sales_discount_limit: 'Sales discount limit', discount_maximum: 'Maximum discount' };

/** The cell words of the price tables, as the importer reads them back (price-cells.ts). */
export const PRICE_WORDS: Record<WorkbookLang, { method: Record<TierPrice['method'], string>; unit: Record<SpecialServicePrice['unit'], string>; setting: (s: PriceSetting) => string }> = {
  zh: { method: { fixed: '元/年', licence_share: '许可费比例' }, unit: { person_day: '人天', item: '项' }, setting: (s) => SETTING_NAMES[s].zh },
  en: { method: { fixed: 'Fixed annual fee', licence_share: 'Share of licence fee' }, unit: { person_day: 'Per person-day', item: 'Per item' }, setting: (s) => SETTING_EN[s] },
};

const offeringText = (offering: TierPrice['offering'] | null, lang: WorkbookLang) => (offering ? offeringIn(offering, lang) : anyIn(lang));
const priceText = (p: TierPrice) => (p.method === 'fixed' ? formatFen(p.annualFen) : formatBasisPoints(p.basisPoints));

/** One row per source row: a row that priced both offerings alike (部署 全部) is written back as one. */
function tierRows(prices: readonly TierPrice[], lang: WorkbookLang): string[][] {
  const bySource = new Map<string, TierPrice[]>();
  for (const p of prices) bySource.set(p.source.cell, [...(bySource.get(p.source.cell) ?? []), p]);
  return [...bySource.values()].flatMap((group) => {
    const [first] = group as [TierPrice];
    const row = (p: TierPrice, offering: TierPrice['offering'] | null) => [offeringText(offering, lang), tierIn(p.tier, lang), PRICE_WORDS[lang].method[p.method], priceText(p)];
    const both = group.length > 1 && group.every((p) => p.tier === first.tier && p.method === first.method && priceText(p) === priceText(first));
    return both ? [row(first, null)] : group.map((p) => row(p, p.offering));
  });
}

const serviceRow = (p: SpecialServicePrice, lang: WorkbookLang) => [
  serviceIn(p.service, lang),
  offeringText(p.offering, lang),
  PRICE_WORDS[lang].unit[p.unit],
  formatFen(p.unitFen),
  p.travelPerTripFen === null ? '' : formatFen(p.travelPerTripFen),
];

function settingRows(prices: PriceList, lang: WorkbookLang): string[][] {
  const name = PRICE_WORDS[lang].setting;
  return [
    [name('vat'), formatBasisPoints(prices.vatBasisPoints)],
    [name('sales_discount_limit'), formatBasisPoints(prices.discount.salesLimitBasisPoints)],
    [name('discount_maximum'), formatBasisPoints(prices.discount.maximumBasisPoints)],
  ];
}

/** The 价格 tables of a catalog; none without a price list. The heading (示例 or not) goes on the first of them. */
export function priceTables(catalog: Catalog, lang: WorkbookLang = 'zh'): ExportedTable[] {
  const prices = catalog.prices;
  if (!prices) return [];
  const settings = [prices.vatSource, prices.discount.source].filter((s) => s.sheet === prices.vatSource.sheet);
  const sheet = prices.vatSource.sheet;
  const tables: ExportedTable[] = [
    ...tablesBySheet(prices.tiers, layoutIn(TIER_PRICE_SPEC, lang), (list) => tierRows(list, lang)),
    ...tablesBySheet(prices.specialServices, layoutIn(SERVICE_PRICE_SPEC, lang), (list) => list.map((p) => serviceRow(p, lang))),
    { sheet, row: Math.min(...settings.map((s) => rowOf(s.cell))), table: { sheet, ...layoutIn(PRICE_SETTINGS_SPEC, lang), rows: settingRows(prices, lang) } },
  ];
  // The heading carries 示例 to the re-imported sheet: on the table written first, at the top of its sheet's price tables.
  const sheets = [...new Set(tables.map((t) => t.sheet))];
  const first = tables.reduce((a, b) => (sheets.indexOf(b.sheet) < sheets.indexOf(a.sheet) || (b.sheet === a.sheet && b.row < a.row) ? b : a));
  first.table = { ...first.table, heading: (prices.sample ? PRICE_HEADINGS.sample : PRICE_HEADINGS.real)[lang] };
  return tables;
}
