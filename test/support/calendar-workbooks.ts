// Workbooks for the 节假日 and 服务时间 tests: a small valid catalog beside the sheets under test, so only their issues show.
import type { ImportIssue } from '../../src/workbook/import-issue.ts';
import { readPolicyWorkbook, type WorkbookReadout } from '../../src/policy-workbook/read-policy-workbook.ts';
import { buildWorkbook, type SheetSpec } from './workbook-builder.ts';

const HEADER = ['服务项目', '基础服务', '优选服务', '尊享服务', '代码'];

export const CATALOG_SHEETS: SheetSpec[] = [
  {
    name: '公有云',
    rows: [
      HEADER,
      ['7*24问题反馈', '2工作日响应', '1工作日响应', '0.5工作日响应'],
      ['紧急故障处理', '1工作日响应', '4工作小时响应', '2工作小时响应'],
      ['VIP热线', '✓', '✓', '专属坐席', 'vip_hotline'],
    ],
  },
  { name: '私有云', rows: [HEADER, ['软件更新包与升级许可', '✓', '✓', '✓']] },
];

export const HOLIDAY_HEADER = ['日期', '类型', '名称'];
export const CALENDAR_HEADER = ['日历名称', '工作日', '工作时间', '法定节假日'];
export const ASSIGNMENT_HEADER = ['部署', '服务产品', '服务项目', '日历'];

/** The catalog sheets, then `sheets`. */
export async function readWith(...sheets: SheetSpec[]): Promise<WorkbookReadout> {
  return readPolicyWorkbook(await buildWorkbook([...CATALOG_SHEETS, ...sheets]));
}

export const errors = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'error');
export const warnings = (issues: ImportIssue[]) => issues.filter((i) => i.severity === 'warning');
export const where = (issues: ImportIssue[]) => issues.map((i) => [i.severity, i.code, i.sheet, i.cell]);

/** Every issue must say what was expected, in both languages. */
export function worded(issue: ImportIssue): boolean {
  return [issue.expected, issue.expectedEn, issue.message, issue.messageEn].every((t) => /\S/.test(t));
}
