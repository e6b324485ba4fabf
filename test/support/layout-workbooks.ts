// The sample's catalog in the layouts other hands type it in (issue 18), built here from the sample's own tables
// (sampleWorkbookTables) rather than shipped as binaries: (a) in English, as an international office keeps it (and
// in English with its tier tables on their side);
// (b) with every tier table turned on its side (服务产品 | <service names>, one row per tier, a 代码 row); (c) with
// the two offerings' tables side by side on one sheet, each under its own title. Each must decide as the sample does.
import { TIERS } from '../../src/catalog/catalog-codes.ts';
import { SERVICE_NAMES, TIER_NAMES } from '../../src/catalog/catalog-names.ts';
import { ASSIGNMENT_SPEC, CALENDAR_SPEC } from '../../src/policy-workbook/calendars/calendar-export.ts';
import { headerIn, type WorkbookLang } from '../../src/policy-workbook/column-words.ts';
import type { TableSpec } from '../../src/policy-workbook/export-words.ts';
import { HOLIDAY_SPEC } from '../../src/policy-workbook/holidays/holiday-export.ts';
import { PRICE_HEADINGS, PRICE_SETTINGS_SPEC, SERVICE_PRICE_SPEC, TIER_PRICE_SPEC } from '../../src/policy-workbook/prices/price-export.ts';
import { CASE_SPEC } from '../../src/policy-workbook/test-cases/case-export.ts';
import { sampleWorkbookTables } from '../../src/policy-workbook/sample-workbook.ts';
import { CODE_WORDS } from '../../src/policy-workbook/service-names.ts';
import { SCOPE_TIER_WORDS } from '../../src/policy-workbook/shared-columns.ts';
import { specialTableHeader } from '../../src/policy-workbook/specials/special-export.ts';
import { tierTableHeader, TIER_TABLE_HEADER } from '../../src/policy-workbook/tiers/tier-export.ts';
import { writeWorkbook, type WorkbookTable } from '../../src/workbook/workbook-writer.ts';
import { buildWorkbook, type CellInput } from './workbook-builder.ts';

const isTierTable = (t: WorkbookTable) => t.header.join('|') === TIER_TABLE_HEADER.join('|');
const isSpecialTable = (t: WorkbookTable) => t.header[0] === '专项服务产品' && t.header.length === 3;

// ---- (a) English -------------------------------------------------------------------------------------------

const SHEETS: Record<string, string> = {
  '金蝶云星空（公有云）': 'Public Cloud',
  '金蝶云星空（On Premise）': 'On Premise',
  价格: 'Prices',
  服务时间: 'Calendars',
  节假日: 'Holidays',
  测试用例: 'Test cases',
};

/** Whole cells as an English office types them; a cell not listed is a name someone typed and stays. */
const WORDS: Record<string, string> = {
  '✓': 'Yes',
  专属坐席: 'Dedicated agent',
  公有云: 'Public Cloud',
  私有云: 'On Premise',
  全部: 'All',
  ...Object.fromEntries(TIERS.map((t) => [TIER_NAMES[t].zh, TIER_NAMES[t].en])),
  '元/年': 'Fixed annual fee',
  许可费比例: 'Share of licence fee',
  人天: 'Per person-day',
  项: 'Per item',
  增值税率: 'VAT rate',
  销售自主折扣上限: 'Sales discount limit',
  折扣上限: 'Maximum discount',
  休: 'Holiday',
  休息: 'Yes',
  周一至周五: 'Mon-Fri',
  '09:00-12:00、13:00-18:00': '09:00-12:00, 13:00-18:00',
  班: 'Working day',
  服务产品不包含: 'Not in tier',
  目录中没有: 'Not offered',
  仅面向私有云: 'On premise only',
  未购买: 'Not purchased',
  额度已用完: 'Quota used up',
  每年1次服务报告: 'One service report a year',
  产品更新升级技术指导: 'Product update and upgrade guidance',
  '提供审计拆分、数据结转工具': 'Audit split and data carry-forward tools',
  提供服务工具: 'Service tools',
  指定客户成功经理: 'A named customer success manager',
  每年1次服务报告及总部专家建议: 'One service report a year with HQ expert advice',
  定制化在线培训课程: 'Tailored online training courses',
};

const SPECS: TableSpec[] = [TIER_PRICE_SPEC, SERVICE_PRICE_SPEC, PRICE_SETTINGS_SPEC, CALENDAR_SPEC, ASSIGNMENT_SPEC, HOLIDAY_SPEC, CASE_SPEC];

const COUNTS: Record<string, number> = { 两: 2, 四: 4 };
const plural = (n: number, unit: string) => `${n} ${unit}${n > 1 ? 's' : ''}`;

/** A Chinese sample cell in English: whole words, then the phrases (windows, coverage, quotas, numbered lists). */
export function englishCell(text: string, { tierCell = false } = {}): string {
  if (tierCell && text === '') return 'No';
  if (Object.hasOwn(WORDS, text)) return WORDS[text]!;
  const name = Object.entries(SERVICE_NAMES).find(([, n]) => n.zh === text.replaceAll('＊', '*').replace('（', '(').replace('）', ')'));
  if (name) return name[1].en;
  let m = /^([\d.]+)(工作日|工作小时)响应$/u.exec(text);
  if (m) return `Response within ${plural(Number(m[1]), m[2] === '工作日' ? 'working day' : 'working hour')}`;
  m = /^(\d)＊(\d+)小时$/u.exec(text);
  if (m) return `${m[1]}x${m[2]}`;
  m = /^代码诊断（限一年(.)次，(\d+)人天\/次，非现场）$/u.exec(text);
  if (m) return `Code diagnosis (${COUNTS[m[1]!]} per year, ${m[2]} person-days each, remote)`;
  if (/^1、/u.test(text)) return text.split('\n').map((line) => line.replace(/^(\d+)、(.*)$/u, (_, n: string, item: string) => `${n}. ${englishCell(item)}`)).join('\n');
  return text;
}

/** The sample typed in English: sheet names, headers, tier names, service names and cells. */
export function englishTables(): WorkbookTable[] {
  return sampleWorkbookTables().map((t) => {
    const sheet = SHEETS[t.sheet] ?? t.sheet;
    if (isTierTable(t)) {
      return {
        ...t,
        sheet,
        title: sheet === 'On Premise' ? 'Kingdee Cloud Galaxy (On Premise) service catalog' : 'Kingdee Cloud Galaxy service catalog',
        header: tierTableHeader('en'),
        rows: t.rows.map(([label, ...cells]) => [englishCell(label!), ...cells.slice(0, 3).map((c) => englishCell(c, { tierCell: true })), cells[3]!]),
      };
    }
    if (isSpecialTable(t)) {
      return { ...t, sheet, title: 'Special services offered', header: specialTableHeader('en'), rows: t.rows.map(([label, , code]) => [englishCell(label!), `What ${code} covers.`, code!]) };
    }
    const spec = SPECS.find((s) => t.title.endsWith(s.title.zh));
    const heading = t.heading === undefined ? {} : { heading: PRICE_HEADINGS.sample.en };
    return { ...t, ...heading, sheet, title: spec?.title.en ?? t.title, header: t.header.map(englishHeader), rows: t.rows.map((r) => r.map((c) => englishCell(c))) };
  });
}

export function englishWorkbook(): Promise<Buffer> {
  return writeWorkbook(englishTables());
}

const HEADERS: Record<string, string> = {
  部署: 'Offering',
  服务产品: 'Tier',
  服务项目: 'Service item',
  计价方式: 'Pricing',
  价格: 'Price',
  专项服务产品: 'Special service',
  计价单位: 'Unit',
  单价: 'Unit price',
  '差旅补贴(元/次)': 'Travel allowance',
  项目: 'Setting',
  值: 'Value',
  日历名称: 'Calendar name',
  工作日: 'Working days',
  工作时间: 'Working hours',
  法定节假日: 'Public holidays',
  日历: 'Calendar',
  日期: 'Date',
  类型: 'Type',
  名称: 'Name',
  时间: 'Time',
  已用次数: 'Used',
  已购买: 'Purchased',
  期望有权: 'Expected entitled',
  期望原因: 'Expected reason',
  期望渠道: 'Expected channel',
  期望响应时限: 'Expected response window',
  期望截止时间: 'Expected respond by',
  期望剩余次数: 'Expected remaining',
};
const englishHeader = (text: string) => HEADERS[text] ?? text;

// ---- (b) turned on its side --------------------------------------------------------------------------------

/** A tier table on its side: 服务产品 | <service names>, a row per tier, then a 代码 row (Tier … Code in English). */
export function transposedTable(t: WorkbookTable, lang: WorkbookLang = 'zh'): WorkbookTable {
  const labels = t.rows.map((r) => r[0]!);
  const tierRows = TIERS.map((tier, i) => [TIER_NAMES[tier][lang], ...t.rows.map((r) => r[i + 1]!)]);
  const codes = [headerIn(CODE_WORDS, lang), ...t.rows.map((r) => r[4]!)];
  return { sheet: t.sheet, title: t.title, header: [headerIn(SCOPE_TIER_WORDS, lang), ...labels], rows: [...tierRows, codes], widths: [14, ...labels.map(() => 22)] };
}

export function transposedWorkbook(): Promise<Buffer> {
  return writeWorkbook(sampleWorkbookTables().map((t) => (isTierTable(t) ? transposedTable(t) : t)));
}

/** Both at once: the English workbook with its tier tables on their side (Tier | Phone support | …, Basic, …, Code). */
export function englishTransposedWorkbook(): Promise<Buffer> {
  return writeWorkbook(englishTables().map((t) => (t.header.join('|') === tierTableHeader('en').join('|') ? transposedTable(t, 'en') : t)));
}

// ---- (c) side by side --------------------------------------------------------------------------------------

const SIDE_BY_SIDE_SHEET = '服务产品目录';
const RIGHT = 6; // column G

/** A table as grid rows: title, header, rows. */
const gridOf = (t: WorkbookTable): CellInput[][] => [[t.title], t.header, ...t.rows];

/** Two tables' grids side by side: `left` from column A, `right` from column G, row by row. */
function beside(left: CellInput[][], right: CellInput[][]): CellInput[][] {
  const rows: CellInput[][] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i] ?? [];
    rows.push([...l, ...Array<CellInput>(RIGHT - l.length).fill(null), ...(right[i] ?? [])]);
  }
  return rows;
}

/**
 * One sheet with the cloud catalog in A–E and the on-premise one from G, each under a title naming its offering
 * (the sheet's name names neither); the special-services tables side by side below them. Everything else as the
 * sample has it.
 */
export function sideBySideWorkbook(): Promise<Buffer> {
  const tables = sampleWorkbookTables();
  const [cloudTiers, cloudSpecial, onPremTiers, onPremSpecial] = tables.filter((t) => isTierTable(t) || isSpecialTable(t)) as [WorkbookTable, WorkbookTable, WorkbookTable, WorkbookTable];
  const titled = (t: WorkbookTable, title: string) => ({ ...t, title });
  const rows = [
    ...beside(gridOf(titled(cloudTiers, '一、金蝶云星空（公有云）服务产品目录')), gridOf(titled(onPremTiers, '一、金蝶云星空（On Premise）服务产品目录'))),
    [],
    ...beside(gridOf(titled(cloudSpecial, '二、专项服务（公有云）')), gridOf(titled(onPremSpecial, '二、专项服务（On Premise）'))),
  ];
  return sideBySideBytes(rows, tables.filter((t) => !isTierTable(t) && !isSpecialTable(t)));
}

/** The side-by-side sheet first, then the sample's other tables written as the sample writes them, read back as grids. */
async function sideBySideBytes(rows: CellInput[][], others: WorkbookTable[]): Promise<Buffer> {
  const bySheet = new Map<string, CellInput[][]>();
  for (const t of others) {
    const grid = bySheet.get(t.sheet) ?? [];
    if (t.heading) grid.push([t.heading], []);
    grid.push(...gridOf(t), []);
    bySheet.set(t.sheet, grid);
  }
  return buildWorkbook([{ name: SIDE_BY_SIDE_SHEET, rows }, ...[...bySheet].map(([name, grid]) => ({ name, rows: grid }))]);
}
