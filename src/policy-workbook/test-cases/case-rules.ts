// The 测试用例 sheet in a rules document: the cases as data beside the rules (they decide nothing themselves), each
// with the cell and workbook it came from. Absent when the workbook has none, so older documents keep their form.
import type { Catalog, TestCase } from '../../catalog/catalog.ts';
import { cellRefOf, type RuleSource, type SourceOf } from '../rules-base.ts';

export type TestCaseRecord = Omit<TestCase, 'source'> & { source: RuleSource };

/** A rules document as the test-case kind sees it. */
export interface TestCasesView {
  testCases?: TestCaseRecord[];
}

export function testCasesSection(catalog: Catalog, src: SourceOf): TestCaseRecord[] | undefined {
  if (catalog.testCases.length === 0) return undefined;
  return catalog.testCases.map((c) => ({ ...c, source: src(c.source) }));
}

export function testCasesFromRules(doc: TestCasesView): TestCase[] {
  return (doc.testCases ?? []).map((c) => ({ ...c, source: cellRefOf(c.source) }));
}
