// What running a workbook's 测试用例 said, as an import summary keeps it and activation reads it. The cases are run
// by src/entitlement (workbook-cases.ts), which holds the decision and sits above this folder; the policy service
// is handed that runner by the composition root and knows only its answer, defined here.
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import type { Names } from '../catalog/catalog-names.ts';
import type { RulesDocument } from '../policy-workbook/rules-document.ts';
import { PolicyError } from './policy-error.ts';

export type CaseField = 'entitled' | 'reason' | 'channel' | 'responseWindow' | 'respondBy' | 'remaining';

/** One expectation of a case against what was decided, both in words, with the cell that states it. */
export interface CaseCheck {
  field: CaseField;
  cell: string;
  expected: Names;
  decided: Names;
  passed: boolean;
}

export interface CaseResult {
  sheet: string;
  /** The case's row, at its 部署 cell. */
  cell: string;
  offering: Offering;
  tier: Tier;
  service: string;
  /** ISO-8601 with +08:00. */
  at: string;
  passed: boolean;
  checks: CaseCheck[];
}

export interface TestCaseResults {
  total: number;
  passed: number;
  failed: number;
  cases: CaseResult[];
}

/** Runs a rules document's cases against its own rules; null when it has none. */
export type WorkbookCaseRunner = (doc: RulesDocument) => Promise<TestCaseResults | null>;

/** `sheet!cell` of each failing case, for a refusal that names them. */
export function failingCells(results: TestCaseResults | undefined | null): string[] {
  return (results?.cases ?? []).filter((c) => !c.passed).map((c) => `${c.sheet}!${c.cell}`);
}

/** The refusal to activate a version whose test cases failed, naming them; null when none failed. */
export function casesFailed(version: number | null, results: TestCaseResults | undefined): PolicyError | null {
  const cells = failingCells(results);
  if (cells.length === 0) return null;
  const shown = cells.slice(0, 10).join('、') + (cells.length > 10 ? ` …(共 ${cells.length} 个)` : '');
  const shownEn = cells.slice(0, 10).join(', ') + (cells.length > 10 ? ` … (${cells.length} in all)` : '');
  const which = version === null ? '该工作簿' : `版本 ${version} `;
  const whichEn = version === null ? 'The workbook' : `Version ${version}`;
  return new PolicyError(
    'TEST_CASES_FAILED',
    `${which}有 ${cells.length} 个测试用例未通过,不能启用:${shown}。请修改工作簿或测试用例后重新导入;草稿仍可查看。`,
    `${whichEn} fails ${cells.length} of its test case(s), so it cannot be activated: ${shownEn}. Fix the workbook or the cases and import it again; the draft can still be reviewed.`,
    { failed: results!.cases.filter((c) => !c.passed) },
  );
}
