// The 价格 sheet as a sheet kind: tier fees (部署 | 服务产品 | 计价方式 | 价格), special-service prices
// (专项服务产品 | 部署 | 计价单位 | 单价 | 差旅补贴) and the settings (项目 | 值), recognised by their headers wherever
// they stand, collected over the whole workbook and checked once it is read (service prices name services from any
// sheet); in the rules document the price list stands beside the rules.
import { normalizeCellText } from '../../workbook/cell-text.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import type { RulesView, SheetKind } from '../sheet-kind.ts';
import { checkPrices } from './price-checks.ts';
import { diffPrices, type PriceChanges } from './price-diff.ts';
import { priceTables } from './price-export.ts';
import { emptyPriceTableRows, type PriceTableKind } from './price-rows.ts';
import { pricesFromRules, pricesSection, type PricesView } from './price-rules.ts';
import { SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, SPECIAL_NAME_WORDS } from '../shared-columns.ts';
import { PRICE_UNIT_WORDS, TRAVEL_WORDS, UNIT_PRICE_WORDS, isServicePriceHeader, parseServicePriceTable } from './price-service-parser.ts';
import { SETTING_KEY_WORDS, SETTING_VALUE_WORDS, isPriceSettingsHeader, parsePriceSettingsTable } from './price-settings-parser.ts';
import { PRICING_METHOD_WORDS, TIER_PRICE_WORDS, isTierPriceHeader, parseTierPriceTable } from './price-tier-parser.ts';

const PRICE_SHEET_NAME = /价格|价目|报价|定价|price/iu;

/**
 * Whether a 项目 | 值 table on the sheet holds price settings: the sheet is named for prices or holds
 * another price table. Elsewhere such a table is someone's notes (版本 | 2026) and stays ignored.
 */
function isPriceSheet(name: string, rows: readonly GridRow[]): boolean {
  return PRICE_SHEET_NAME.test(name) || rows.some((row) => isServicePriceHeader(row) || isTierPriceHeader(row));
}

// Asked only for a 项目 | 值 header, and then once per sheet: most sheets are never scanned for it.
const priceSheets = new WeakMap<readonly GridRow[], boolean>();

// An English workbook says it in English: "Price list (sample)", "Sample prices".
const SAMPLE_WORD = /示例|\bsample\b/iu;

/** A title or note anywhere on the sheet, e.g. 价格表(示例), 注:以上为示例价格 or Price list (sample). */
function saysSample(rows: readonly GridRow[]): boolean {
  return rows.some((row) => row.cells.some((c) => SAMPLE_WORD.test(normalizeCellText(c.text))));
}

export const PRICES_KIND: SheetKind = {
  name: 'prices',
  tables: {
    tier_prices: { zh: '服务产品年费', en: 'Tier fees' },
    service_prices: { zh: '专项服务价格', en: 'Special-service prices' },
    price_settings: { zh: '税率与折扣', en: 'VAT and discounts' },
  },
  sheetRole: 'prices',
  summaryList: 'priceTables',
  hiddenTables: { zh: '价格表', en: 'price table' },

  vocabulary: {
    columns: {
      offering: SCOPE_OFFERING_WORDS,
      tier: SCOPE_TIER_WORDS,
      method: PRICING_METHOD_WORDS,
      price: TIER_PRICE_WORDS,
      service: SPECIAL_NAME_WORDS,
      unit: PRICE_UNIT_WORDS,
      unitPrice: UNIT_PRICE_WORDS,
      travel: TRAVEL_WORDS,
      setting: SETTING_KEY_WORDS,
      value: SETTING_VALUE_WORDS,
    },
  },
  orientations: ['rows'],

  tableAt(row, sheet): PriceTableKind | null {
    if (isServicePriceHeader(row)) return 'service_prices';
    if (isTierPriceHeader(row)) return 'tier_prices';
    if (!isPriceSettingsHeader(row)) return null;
    let priceSheet = priceSheets.get(sheet.rows);
    if (priceSheet === undefined) priceSheets.set(sheet.rows, (priceSheet = isPriceSheet(sheet.name, sheet.rows)));
    return priceSheet ? 'price_settings' : null;
  },

  startReading() {
    const into = emptyPriceTableRows();
    const sheetsRead = new Set<readonly GridRow[]>();
    return {
      read({ kind, sheet, header, rows, sheetRows }) {
        if (!sheetsRead.has(sheetRows)) {
          sheetsRead.add(sheetRows);
          if (saysSample(sheetRows)) into.sample = true;
        }
        const headerCell = header.cells[0]!.address;
        into.headers.push({ kind: kind as PriceTableKind, sheet, cell: headerCell });
        if (kind === 'tier_prices') {
          const parsed = parseTierPriceTable(sheet, header, rows);
          into.tiers.push(...parsed.entries);
          return { issues: parsed.issues, summary: { kind, headerCell, rows: parsed.entries.length } };
        }
        if (kind === 'service_prices') {
          const parsed = parseServicePriceTable(sheet, header, rows);
          into.services.push(...parsed.entries);
          return { issues: parsed.issues, summary: { kind, headerCell, rows: parsed.entries.length } };
        }
        const parsed = parsePriceSettingsTable(sheet, header, rows);
        into.settings.push(...parsed.entries);
        return { issues: parsed.issues, summary: { kind, headerCell, rows: parsed.entries.filter((e) => e.basisPoints !== null).length } };
      },
      finish(catalog) {
        const checked = checkPrices(into, catalog);
        catalog.prices = checked.prices;
        return checked.issues;
      },
    };
  },

  build(catalog, into: RulesView & PricesView, src) {
    const prices = pricesSection(catalog, src);
    if (prices) into.prices = prices;
  },

  fromRules(doc: RulesView & PricesView, into) {
    into.prices = pricesFromRules(doc);
  },

  export: priceTables,

  diff(before: (RulesView & PricesView) | null, after: RulesView & PricesView, into: { prices?: PriceChanges }) {
    const prices = diffPrices(before, after);
    if (prices) into.prices = prices;
  },
};
