// Checks across the 解决时限 tables once every sheet is read: services the catalog does not have, and two rows for
// one scope (a conflict when they disagree, a warning when they repeat each other).
import type { Catalog, ResolutionTarget } from '../../catalog/catalog.ts';
import { importError, importWarning, pushOnce, type ImportIssue } from '../../workbook/import-issue.ts';
import { catalogServiceLookup, describeScope, unknownScopeService } from '../scope-rows.ts';
import type { PendingTarget } from './resolution-table-parser.ts';

const where = (ref: { sheet: string; cell: string }) => `${ref.sheet}!${ref.cell}`;
const words = (w: ResolutionTarget['window']) => ({
  zh: `${w.amount}个${w.unit === 'working_day' ? '工作日' : '工作小时'}`,
  en: `${w.amount} working ${w.unit === 'working_day' ? 'day' : 'hour'}${w.amount === 1 ? '' : 's'}`,
});

export function checkResolutionTargets(pending: readonly PendingTarget[], catalog: Catalog): { targets: ResolutionTarget[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const serviceOf = catalogServiceLookup(catalog);
  const targets: ResolutionTarget[] = [];
  const byKey = new Map<string, ResolutionTarget>();
  for (const row of pending) {
    const service = row.service === null ? null : serviceOf(row.service.text);
    if (row.service !== null && service === null) {
      pushOnce(issues, unknownScopeService(row.source.sheet, row.service));
      continue;
    }
    const target: ResolutionTarget = { offering: row.offering, tier: row.tier, service, window: row.window, source: row.source };
    const key = `${row.offering}|${row.tier}|${service}`;
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, target);
      targets.push(target);
      continue;
    }
    const scope = describeScope(target);
    const [was, now] = [words(first.window), words(target.window)];
    const base = { sheet: row.source.sheet, cell: row.source.cell, found: `${scope.zh} → ${now.zh}` };
    const conflict = first.window.amount !== target.window.amount || first.window.unit !== target.window.unit;
    issues.push(
      conflict
        ? importError({
            ...base,
            code: 'CONFLICTING_RESOLUTION_TARGET',
            expected: `每个适用范围只写一个解决时限(${where(first.source)} 已写“${was.zh}”)`,
            expectedEn: `one resolution target for each scope (${where(first.source)} already says ${was.en})`,
            message: `${scope.zh} 同时写了“${was.zh}”和“${now.zh}”:请删除其中一行。`,
            messageEn: `${scope.en} is given both ${was.en} and ${now.en}: remove one of the rows.`,
          })
        : importWarning({
            ...base,
            code: 'DUPLICATE_RESOLUTION_TARGET',
            expected: `每个适用范围只出现一次(已在 ${where(first.source)})`,
            expectedEn: `each scope once (already at ${where(first.source)})`,
            message: `${scope.zh} 重复出现,以 ${where(first.source)} 为准,此行已忽略。`,
            messageEn: `${scope.en} appears twice; ${where(first.source)} wins and this row is ignored.`,
          }),
    );
  }
  return { targets, issues };
}
