// Reads one table of special-service prices (专项服务产品 | 部署 | 计价单位 | 单价 | 差旅补贴(元/次)) from the
// 价格 sheet. Service names are resolved once the whole workbook is read (price-checks.ts): the catalog
// may introduce services of its own on any sheet.
import type { Offering } from '../../catalog/catalog-codes.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import type { SpecialServicePrice } from '../../catalog/price-list.ts';
import { offeringOf, isAnyText, DESCRIPTION_HEADERS, OFFERING_COLUMN_HEADERS, SPECIAL_NAME_HEADERS } from '../shared-columns.ts';
import { checkHeaderColumns, missingColumn } from '../header-columns.ts';
import { importError, type ImportIssue, pushOnce } from '../../workbook/import-issue.ts';
import { MONEY_EXPECTED, UNIT_EXPECTED, parsePriceUnit } from './price-cells.ts';
import { missingValue, readMoney, unknownWord } from './price-issues.ts';
import { PRICE_OFFERING_HEADERS } from './price-tier-parser.ts';
import { columnCell, findColumn, type ColumnCell } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { columnWords } from '../column-words.ts';

export const PRICE_UNIT_WORDS = columnWords(['计价单位', '单位'], ['Unit', 'Pricing unit']);
export const UNIT_PRICE_WORDS = columnWords(['单价', '价格', '单价(元)'], ['Unit price', 'Price', 'Unit price (CNY)']);
export const TRAVEL_WORDS = columnWords(['差旅补贴(元/次)', '差旅补贴', '差旅费(元/次)', '差旅费'], ['Travel allowance (CNY per trip)', 'Travel allowance', 'Travel per trip', 'Travel']);
export const PRICE_UNIT_HEADERS = PRICE_UNIT_WORDS.all;
export const UNIT_PRICE_HEADERS = UNIT_PRICE_WORDS.all;
export const TRAVEL_HEADERS = TRAVEL_WORDS.all;
const COLUMNS = [SPECIAL_NAME_HEADERS, PRICE_OFFERING_HEADERS, PRICE_UNIT_HEADERS, UNIT_PRICE_HEADERS, TRAVEL_HEADERS];
const TABLE = { zh: '专项服务价格', en: 'special-service price' };

/**
 * 专项服务产品 with 计价单位, or with 单价 in a table that is not the catalog's: a special-services table
 * (with its 主要服务内容说明 or ✓ columns) that also shows a price stays what it was. Checked before the
 * special-services table, which 专项服务产品 alone names.
 */
export function isServicePriceHeader(row: GridRow): boolean {
  if (findColumn(row, SPECIAL_NAME_HEADERS) === null) return false;
  if (findColumn(row, PRICE_UNIT_HEADERS) !== null) return true;
  const catalogColumns = [DESCRIPTION_HEADERS, ...Object.values(OFFERING_COLUMN_HEADERS)];
  return findColumn(row, UNIT_PRICE_HEADERS) !== null && catalogColumns.every((names) => findColumn(row, names) === null);
}

/** A priced row whose service is still the text typed. */
export interface PendingServicePrice extends Omit<SpecialServicePrice, 'service' | 'travelPerTripFen'> {
  service: ColumnCell;
  /** The allowance and its cell, which is where a service other than onsite_support is told it may not have one. */
  travel: { fen: number; cell: string } | null;
  found: string;
  source: CellRef;
}

const OFFERING_EXPECTED = { zh: '公有云或私有云,或“全部”(两种部署同价,留空同此)', en: 'cloud (公有云) or on premise (私有云), or 全部 for both (also when blank)' };
const WHAT = {
  offering: { zh: '部署形态', en: 'offering' },
  unit: { zh: '计价单位', en: 'pricing unit' },
  price: { zh: '单价', en: 'unit price' },
  travel: { zh: '差旅补贴', en: 'travel allowance' },
};

export function parseServicePriceTable(sheet: string, header: GridRow, rows: GridRow[]): { entries: PendingServicePrice[]; issues: ImportIssue[] } {
  const issues = checkHeaderColumns(sheet, header, COLUMNS);
  const [nameCol, offeringCol, unitCol, priceCol, travelCol] = COLUMNS.map((names) => findColumn(header, names));
  const missing = [unitCol === null ? PRICE_UNIT_HEADERS : null, priceCol === null ? UNIT_PRICE_HEADERS : null].filter((n) => n !== null);
  if (missing.length > 0) return { entries: [], issues: [...issues, ...missing.map((names) => missingColumn(sheet, header, names, TABLE))] };

  const entries: PendingServicePrice[] = [];
  for (const row of rows) {
    const cells = [nameCol, offeringCol, unitCol, priceCol, travelCol].map((col) => columnCell(row, col ?? null));
    const [name, offeringCell, unitCell, priceCell, travelCell] = cells as [ColumnCell, ColumnCell, ColumnCell, ColumnCell, ColumnCell];
    if (cells.some((c) => c.unreadable) || cells.every((c) => !c.text)) continue;
    if (!name.text) {
      issues.push(
        importError({
          code: 'MISSING_SERVICE_NAME',
          sheet,
          cell: name.address,
          expected: '专项服务产品的名称或代码,如“数据库迁移”或 db_migration',
          expectedEn: 'the name or code of a special service, e.g. 数据库迁移 or db_migration',
          message: `第 ${row.row} 行填写了价格,但没有专项服务产品。`,
          messageEn: `Row ${row.row} gives a price but no special service.`,
        }),
      );
      continue;
    }
    const any = isAnyText(offeringCell.text);
    const offering: Offering | null = any ? null : offeringOf(offeringCell.text);
    const unit = parsePriceUnit(unitCell.text);
    if (!any && offering === null) pushOnce(issues, unknownWord('UNKNOWN_OFFERING', sheet, offeringCell, row.row, WHAT.offering, OFFERING_EXPECTED));
    if (unit === null) pushOnce(issues, unknownWord('UNKNOWN_PRICE_UNIT', sheet, unitCell, row.row, WHAT.unit, UNIT_EXPECTED));
    const price = priceCell.text ? readMoney(sheet, priceCell, WHAT.price) : { issue: missingValue(sheet, priceCell, row.row, WHAT.price, MONEY_EXPECTED) };
    const travel = travelCell.text ? readMoney(sheet, travelCell, WHAT.travel) : null;
    for (const read of [price, travel]) if (read && 'issue' in read) pushOnce(issues, read.issue);
    if ('issue' in price || (travel && 'issue' in travel) || unit === null || (!any && offering === null)) continue;
    entries.push({
      service: name,
      offering,
      unit,
      unitFen: price.fen,
      travel: travel ? { fen: travel.fen, cell: travelCell.reportAt } : null,
      found: [name.text, offeringCell.text || '全部', unitCell.text, priceCell.text, travelCell.text].filter(Boolean).join(' | '),
      source: { sheet, cell: priceCell.address },
    });
  }
  return { entries, issues };
}
