// Reads one table of tier fees (部署 | 服务产品 | 计价方式 | 价格) from the 价格 sheet: what each offering ×
// tier costs a year, as a fixed fee (元/年) or as a share of the software licence amount (许可费比例).
import { OFFERINGS, TIERS, type Offering, type Tier } from '../../catalog/catalog-codes.ts';
import { OFFERING_NAMES, TIER_NAMES } from '../../catalog/catalog-names.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import type { TierPrice } from '../../catalog/price-list.ts';
import { SCOPE_OFFERING_HEADERS, SCOPE_TIER_HEADERS, offeringOf, tierOf, isAnyText } from '../shared-columns.ts';
import { checkHeaderColumns, missingColumn } from '../header-columns.ts';
import { type ImportIssue, pushOnce } from '../../workbook/import-issue.ts';
import { MONEY_EXPECTED, METHOD_EXPECTED, RATE_EXPECTED, parsePricingMethod } from './price-cells.ts';
import { missingValue, readMoney, readRate, unknownWord } from './price-issues.ts';
import { columnCell, findColumn, type ColumnCell } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { columnWords } from '../column-words.ts';

export const PRICE_OFFERING_HEADERS = SCOPE_OFFERING_HEADERS;
export const PRICE_TIER_HEADERS = SCOPE_TIER_HEADERS;
export const PRICING_METHOD_WORDS = columnWords(['计价方式', '计费方式', '定价方式'], ['Pricing', 'Pricing method', 'Billing']);
export const TIER_PRICE_WORDS = columnWords(['价格', '年费', '标准价格'], ['Price', 'Annual fee', 'List price']);
export const PRICING_METHOD_HEADERS = PRICING_METHOD_WORDS.all;
export const TIER_PRICE_HEADERS = TIER_PRICE_WORDS.all;
const COLUMNS = [PRICE_OFFERING_HEADERS, PRICE_TIER_HEADERS, PRICING_METHOD_HEADERS, TIER_PRICE_HEADERS];
const TABLE = { zh: '服务产品价格', en: 'tier-price' };

/**
 * 服务产品 with 计价方式, or with both 部署 and 价格. A sheet of prices people kept for themselves
 * (服务产品 | 价格(元/年)) is not this table and stays ignored.
 */
export function isTierPriceHeader(row: GridRow): boolean {
  if (findColumn(row, PRICE_TIER_HEADERS) === null) return false;
  return findColumn(row, PRICING_METHOD_HEADERS) !== null || (findColumn(row, PRICE_OFFERING_HEADERS) !== null && findColumn(row, TIER_PRICE_HEADERS) !== null);
}

/** A row's price for the offerings it names: blank or 全部 in 部署 prices both. */
export interface PendingTierPrice {
  offerings: Offering[];
  tier: Tier;
  price: Pick<Extract<TierPrice, { method: 'fixed' }>, 'method' | 'annualFen'> | Pick<Extract<TierPrice, { method: 'licence_share' }>, 'method' | 'basisPoints'>;
  /** The row as typed, for messages about duplicates. */
  found: string;
  source: CellRef;
}

const OFFERING_EXPECTED = {
  zh: `${OFFERINGS.map((o) => OFFERING_NAMES[o].product.zh).join('或')},或“全部”(两种部署同价,留空同此)`,
  en: 'cloud (公有云) or on premise (私有云), or 全部 for both (also when blank)',
};
const TIER_EXPECTED = { zh: TIERS.map((t) => `“${TIER_NAMES[t].zh}”`).join('、'), en: TIERS.map((t) => `${TIER_NAMES[t].zh} (${TIER_NAMES[t].en})`).join(', ') };

const WHAT = {
  offering: { zh: '部署形态', en: 'offering' },
  tier: { zh: '服务产品', en: 'tier' },
  method: { zh: '计价方式', en: 'pricing method' },
  price: { zh: '价格', en: 'price' },
};
const HINTS = {
  fixed: { zh: '计价方式为“元/年”时价格是金额;按软件许可费的百分比计价时,计价方式应为“许可费比例”', en: 'with 元/年 the price is an amount; a share of the licence amount needs the method 许可费比例' },
  licence_share: { zh: '计价方式为“许可费比例”时价格是百分比;固定年费的计价方式应为“元/年”', en: 'with 许可费比例 the price is a percentage; a fixed fee needs the method 元/年' },
};

function priceOf(sheet: string, method: 'fixed' | 'licence_share', cell: ColumnCell): { price: PendingTierPrice['price'] } | { issue: ImportIssue } {
  if (method === 'fixed') {
    const read = readMoney(sheet, cell, WHAT.price, HINTS.fixed);
    return 'issue' in read ? read : { price: { method, annualFen: read.fen } };
  }
  const read = readRate(sheet, cell, WHAT.price, HINTS.licence_share);
  return 'issue' in read ? read : { price: { method, basisPoints: read.basisPoints } };
}

export function parseTierPriceTable(sheet: string, header: GridRow, rows: GridRow[]): { entries: PendingTierPrice[]; issues: ImportIssue[] } {
  const issues = checkHeaderColumns(sheet, header, COLUMNS);
  const [offeringCol, tierCol, methodCol, priceCol] = COLUMNS.map((names) => findColumn(header, names));
  const missing = [methodCol === null ? PRICING_METHOD_HEADERS : null, priceCol === null ? TIER_PRICE_HEADERS : null].filter((n) => n !== null);
  if (missing.length > 0) return { entries: [], issues: [...issues, ...missing.map((names) => missingColumn(sheet, header, names, TABLE))] };

  const entries: PendingTierPrice[] = [];
  for (const row of rows) {
    const cells = [offeringCol, tierCol, methodCol, priceCol].map((col) => columnCell(row, col ?? null));
    const [offeringCell, tierCell, methodCell, priceCell] = cells as [ColumnCell, ColumnCell, ColumnCell, ColumnCell];
    if (cells.some((c) => c.unreadable) || cells.every((c) => !c.text)) continue;
    const any = isAnyText(offeringCell.text);
    const offering = any ? null : offeringOf(offeringCell.text);
    const tier = tierOf(tierCell.text);
    const method = parsePricingMethod(methodCell.text);
    if (!any && offering === null) pushOnce(issues, unknownWord('UNKNOWN_OFFERING', sheet, offeringCell, row.row, WHAT.offering, OFFERING_EXPECTED));
    if (tier === null) pushOnce(issues, unknownWord('UNKNOWN_TIER', sheet, tierCell, row.row, WHAT.tier, TIER_EXPECTED));
    if (method === null) pushOnce(issues, unknownWord('UNKNOWN_PRICING_METHOD', sheet, methodCell, row.row, WHAT.method, METHOD_EXPECTED));
    if (!priceCell.text) {
      issues.push(missingValue(sheet, priceCell, row.row, WHAT.price, method === 'licence_share' ? RATE_EXPECTED : MONEY_EXPECTED));
      continue;
    }
    if (method === null) continue;
    const read = priceOf(sheet, method, priceCell);
    if ('issue' in read) {
      pushOnce(issues, read.issue);
      continue;
    }
    if (tier === null || (!any && offering === null)) continue;
    const found = [offeringCell.text || '全部', tierCell.text, methodCell.text, priceCell.text].join(' | ');
    entries.push({ offerings: offering ? [offering] : [...OFFERINGS], tier, price: read.price, found, source: { sheet, cell: priceCell.address } });
  }
  return { entries, issues };
}
