// Reads the 价格 sheet's settings (项目 | 值): 增值税率, 销售自主折扣上限 and 折扣上限, one row each.
import type { CellRef } from '../../catalog/cell-ref.ts';
import { checkHeaderColumns } from '../header-columns.ts';
import { type ImportIssue, pushOnce } from '../../workbook/import-issue.ts';
import { PRICE_SETTING_WORDS, RATE_EXPECTED, SETTING_NAMES, parsePriceSetting, type PriceSetting } from './price-cells.ts';
import { missingValue, readRate, unknownWord } from './price-issues.ts';
import { columnCell, findColumn, type ColumnCell } from '../../workbook/grid-columns.ts';
import type { GridRow } from '../../workbook/workbook-grid.ts';
import { columnWords } from '../column-words.ts';

export const SETTING_KEY_WORDS = columnWords(['项目', '设置项', '参数'], ['Setting', 'Parameter']);
export const SETTING_VALUE_WORDS = columnWords(['值', '数值', '取值', '设定值'], ['Value']);
export const SETTING_KEY_HEADERS = SETTING_KEY_WORDS.all;
export const SETTING_VALUE_HEADERS = SETTING_VALUE_WORDS.all;

/** 项目 | 值 says nothing about prices by itself: the caller accepts it only on a sheet of prices. */
export function isPriceSettingsHeader(row: GridRow): boolean {
  return findColumn(row, SETTING_KEY_HEADERS) !== null && findColumn(row, SETTING_VALUE_HEADERS) !== null;
}

export interface PendingSetting {
  setting: PriceSetting;
  /** null when the value is blank or unreadable (reported): the row is there, so the setting is not missing. */
  basisPoints: number | null;
  found: string;
  source: CellRef;
}

const SETTINGS_EXPECTED = {
  zh: (Object.keys(PRICE_SETTING_WORDS) as PriceSetting[]).map((s) => `“${SETTING_NAMES[s].zh}”`).join('、'),
  en: (Object.keys(PRICE_SETTING_WORDS) as PriceSetting[]).map((s) => `${SETTING_NAMES[s].zh} (${SETTING_NAMES[s].en})`).join(', '),
};
const KEY = { zh: '项目', en: 'setting' };
// 九折 means 10% off, so a discount of 90% may well be someone writing 9折: say which is meant.
const DISCOUNT_HINT = { zh: '折扣指优惠的比例,如 10% 即按原价九折', en: 'a discount is the share taken off, e.g. 10% means paying 90%' };

export function parsePriceSettingsTable(sheet: string, header: GridRow, rows: GridRow[]): { entries: PendingSetting[]; issues: ImportIssue[] } {
  const issues = checkHeaderColumns(sheet, header, [SETTING_KEY_HEADERS, SETTING_VALUE_HEADERS]);
  const keyCol = findColumn(header, SETTING_KEY_HEADERS)!;
  const valueCol = findColumn(header, SETTING_VALUE_HEADERS)!;
  const entries: PendingSetting[] = [];
  for (const row of rows) {
    const [key, value] = [columnCell(row, keyCol), columnCell(row, valueCol)] as [ColumnCell, ColumnCell];
    if (key.unreadable || value.unreadable || (!key.text && !value.text)) continue;
    const setting = parsePriceSetting(key.text);
    if (setting === null) {
      pushOnce(issues, unknownWord('UNKNOWN_PRICE_SETTING', sheet, key, row.row, KEY, SETTINGS_EXPECTED));
      continue;
    }
    const name = SETTING_NAMES[setting];
    const read = value.text ? readRate(sheet, value, name, setting === 'vat' ? undefined : DISCOUNT_HINT) : { issue: missingValue(sheet, value, row.row, { zh: `${name.zh}的值`, en: `value for ${name.en}` }, RATE_EXPECTED) };
    if ('issue' in read) pushOnce(issues, read.issue);
    entries.push({ setting, basisPoints: 'issue' in read ? null : read.basisPoints, found: `${key.text} | ${value.text}`, source: { sheet, cell: value.address } });
  }
  return { entries, issues };
}
