// Workbooks for the 价格 tests: a small valid catalog with special services beside the price sheet under
// test, so only its issues show.
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { CATALOG_SHEETS } from './calendar-workbooks.ts';
import { buildWorkbook, type CellInput, type SheetSpec } from './workbook-builder.ts';

export { errors, warnings, where, worded } from './calendar-workbooks.ts';

/** 数据库迁移 on premise only; 数据修复, 现场支持 and the workbook's own 安全加固 on both. */
export const SPECIAL_SHEET: SheetSpec = {
  name: '专项服务',
  rows: [
    ['专项服务产品', '主要服务内容说明', '公有云', '私有云', '代码'],
    ['数据库迁移', '针对私有云客户', null, '✓'],
    ['数据修复', '数据修复服务', '✓', '✓'],
    ['现场支持（机构提供）', '赴客户现场', '✓', '✓'],
    ['安全加固', '安全加固', '✓', '✓', 'security_hardening'],
  ],
};

export const TIER_PRICE_HEADER = ['部署', '服务产品', '计价方式', '价格'];
export const SERVICE_PRICE_HEADER = ['专项服务产品', '部署', '计价单位', '单价', '差旅补贴(元/次)'];
export const SETTINGS_HEADER = ['项目', '值'];

export const TIER_ROWS: CellInput[][] = [
  ['公有云', '基础服务', '元/年', '¥18,000'],
  ['公有云', '优选服务', '元/年', '¥38,000'],
  ['公有云', '尊享服务', '元/年', '¥88,000'],
  ['私有云', '基础', '许可费比例', '12%'],
  ['私有云', '优选', '许可费比例', '18%'],
  ['私有云', '尊享', '许可费比例', '25%'],
];
export const SERVICE_ROWS: CellInput[][] = [
  ['数据库迁移', '私有云', '人天', '¥4,000'],
  ['数据修复', '全部', '人天', '¥3,000'],
  ['现场支持（机构提供）', null, '人天', '¥2,500', '¥800'],
  ['security_hardening', null, '项', '¥20,000'],
];
export const SETTING_ROWS: CellInput[][] = [
  ['增值税率', '6%'],
  ['销售自主折扣上限', '10%'],
  ['折扣上限', '30%'],
];

/** A 价格 sheet of the three tables, one blank row between them; `edit` changes the rows before they are laid out. */
export function priceSheet(edit: (t: { tiers: CellInput[][]; services: CellInput[][]; settings: CellInput[][] }) => void = () => {}, name = '价格'): SheetSpec {
  const t = { tiers: TIER_ROWS.map((r) => [...r]), services: SERVICE_ROWS.map((r) => [...r]), settings: SETTING_ROWS.map((r) => [...r]) };
  edit(t);
  return { name, rows: [TIER_PRICE_HEADER, ...t.tiers, [], SERVICE_PRICE_HEADER, ...t.services, [], SETTINGS_HEADER, ...t.settings] };
}

/** Row numbers of the laid-out tables, for cell addresses in expectations. */
export const ROW = { tiers: 2, services: 2 + TIER_ROWS.length + 2, settings: 2 + TIER_ROWS.length + 2 + SERVICE_ROWS.length + 2 };

/** The catalog sheets, the special services, then `sheets`. */
export async function readWithPrices(...sheets: SheetSpec[]): Promise<WorkbookReadout> {
  return readPolicyWorkbook(await buildWorkbook([...CATALOG_SHEETS, SPECIAL_SHEET, ...sheets]));
}
