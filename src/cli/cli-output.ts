// How the CLI shows import results to a person at a terminal.
import type { ImportIssue } from '../workbook/import-issue.ts';
import { formatShanghai } from '../calendar/instants.ts';
import type { ImportSummary, PolicyVersionView } from '../policy/policy-service.ts';
import { formatCaseResults } from './case-output.ts';

export function formatIssue(issue: ImportIssue): string {
  const where = [issue.sheet, issue.cell].filter(Boolean).join('!') || '(文件 file)';
  const lines = [`  ${issue.severity === 'error' ? '✗ 错误' : '! 警告'} [${issue.code}] ${where}: ${issue.message} / ${issue.messageEn}`];
  if (issue.found !== undefined) lines.push(`      实际 found:    ${JSON.stringify(issue.found)}`);
  lines.push(`      应为 expected: ${issue.expected} / ${issue.expectedEn}`);
  return lines.join('\n');
}

export function formatSummary(summary: ImportSummary): string {
  const lines = [`工作簿 workbook sha256 ${summary.workbookSha256}`, '工作表 sheets:'];
  for (const sheet of summary.sheets) {
    if (sheet.role === 'ignored') {
      lines.push(`  - ${sheet.name}: 已忽略,不是服务产品目录 (ignored: not a catalog sheet)`);
      continue;
    }
    const PRICE_KINDS: Record<string, string> = { tier_prices: '服务产品年费 tier fees', service_prices: '专项服务价格 service prices', price_settings: '税率与折扣 VAT and discounts' };
    const CALENDAR_KINDS: Record<string, string> = { calendars: '工作日历 calendars', calendar_assignments: '日历适用范围 calendar assignments', holidays: '节假日 holidays' };
    const tables = [
      ...sheet.tables.map((t) => `${t.kind === 'tiers' ? '服务产品目录 tiers' : '专项服务 special'} ${t.offering} @${t.headerCell}: ${t.rows} 项`),
      ...(sheet.calendarTables ?? []).map((t) => `${CALENDAR_KINDS[t.kind]} @${t.headerCell}: ${t.rows} 行`),
      ...(sheet.priceTables ?? []).map((t) => `${PRICE_KINDS[t.kind]} @${t.headerCell}: ${t.rows} 行`),
      ...(sheet.caseTables ?? []).map((t) => `测试用例 test cases @${t.headerCell}: ${t.rows} 行`),
    ];
    lines.push(`  - ${sheet.name}: ${tables.join('; ')}`);
  }
  lines.push(
    `服务项目 tier items: ${summary.tierServices}, 专项服务 special services: ${summary.specialServices}, 规则 rules: ${summary.rules}, 单元格 cells: ${summary.cells}`,
  );
  if (summary.testCases) lines.push(formatCaseResults(summary.testCases));
  const warnings = summary.warnings.filter((w) => w.severity === 'warning');
  lines.push(`警告 warnings: ${warnings.length}`);
  lines.push(...warnings.map(formatIssue));
  return lines.join('\n');
}

export function formatVersions(versions: PolicyVersionView[]): string {
  if (versions.length === 0) return '尚无策略版本 (no policy versions yet)';
  const header = ['版本', '状态 status', '生效 effective (Asia/Shanghai)', '规则', '导入人', '导入时间 imported', '文件 file'];
  const rows = versions.map((v) => [
    String(v.version),
    v.status,
    v.effectiveFrom ? formatShanghai(v.effectiveFrom) : '-',
    String(v.ruleCount),
    v.createdBy,
    formatShanghai(v.createdAt),
    v.filename,
  ]);
  return [header, ...rows].map((r) => r.join('\t')).join('\n');
}
