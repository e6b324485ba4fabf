// Checks on the 测试用例 rows once every sheet is read: each names a service of this workbook's catalog (by name or
// code), since a case about a service the workbook does not have would test nothing.
import type { Catalog, TestCase } from '../../catalog/catalog.ts';
import { pushOnce, type ImportIssue } from '../../workbook/import-issue.ts';
import { catalogServiceLookup, unknownScopeService } from '../scope-rows.ts';
import type { PendingCase } from './case-table-parser.ts';

export function checkTestCases(pending: readonly PendingCase[], catalog: Catalog): { cases: TestCase[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const serviceOf = catalogServiceLookup(catalog);
  const cases: TestCase[] = [];
  for (const row of pending) {
    const service = serviceOf(row.service.text);
    if (service === null) {
      pushOnce(issues, unknownScopeService(row.source.sheet, row.service));
      continue;
    }
    cases.push({ offering: row.offering, tier: row.tier, service, at: row.at, used: row.used, purchased: row.purchased, expect: row.expect, cells: row.cells, source: row.source });
  }
  return { cases, issues };
}
