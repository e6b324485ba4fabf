// 测试用例 tables as a sheet kind: what the workbook must decide, written down by its owners (offering × tier ×
// service at an instant, with contract facts, and the expected answer), recognised by their header wherever they
// stand and checked once the workbook is read. In the rules document the cases stand beside the rules; they are
// run against the rules at import (src/entitlement/workbook-cases.ts), and a failing case blocks activation.
import type { RulesView, SheetKind } from '../sheet-kind.ts';
import { checkTestCases } from './case-checks.ts';
import { diffTestCases, type TestCaseChange } from './case-diff.ts';
import { caseTables } from './case-export.ts';
import { testCasesFromRules, testCasesSection, type TestCasesView } from './case-rules.ts';
import { CASE_COLUMN_WORDS, isCaseHeader, parseCaseTable, type PendingCase } from './case-table-parser.ts';

export const TEST_CASES_KIND: SheetKind = {
  name: 'test-cases',
  tables: { test_cases: { zh: '测试用例', en: 'Test cases' } },
  sheetRole: 'test_cases',
  summaryList: 'caseTables',
  hiddenTables: { zh: '测试用例表', en: 'test-case table' },

  vocabulary: { columns: CASE_COLUMN_WORDS },
  orientations: ['rows'],

  tableAt: (row) => (isCaseHeader(row) ? 'test_cases' : null),

  startReading() {
    const pending: PendingCase[] = [];
    return {
      read({ sheet, header, rows, kind }) {
        const parsed = parseCaseTable(sheet, header, rows);
        pending.push(...parsed.entries);
        return { issues: parsed.issues, summary: { kind, headerCell: header.cells[0]!.address, rows: parsed.entries.length } };
      },
      finish(catalog) {
        if (pending.length === 0) return [];
        const checked = checkTestCases(pending, catalog);
        catalog.testCases = checked.cases;
        return checked.issues;
      },
    };
  },

  build(catalog, into: RulesView & TestCasesView, src) {
    const cases = testCasesSection(catalog, src);
    if (cases) into.testCases = cases;
  },

  fromRules(doc: RulesView & TestCasesView, into) {
    into.testCases = testCasesFromRules(doc);
  },

  export: caseTables,

  diff(before: (RulesView & TestCasesView) | null, after: RulesView & TestCasesView, into: { testCases?: TestCaseChange[] }) {
    diffTestCases(before, after, into);
  },
};
