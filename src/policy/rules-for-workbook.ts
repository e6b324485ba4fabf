// Workbook bytes to the deterministic rules JSON, without storing anything: for rules/ and its staleness test.
import type { ImportIssue } from '../workbook/import-issue.ts';
import { readPolicyWorkbook } from '../policy-workbook/read-policy-workbook.ts';
import { assertRulesLoad } from './policy-engine.ts';
import { buildRulesDocument } from '../policy-workbook/rules-document.ts';
import { stableStringify } from './stable-json.ts';

export type RulesForWorkbook = { ok: true; json: string; ruleCount: number; warnings: number } | { ok: false; issues: ImportIssue[] };

export async function rulesForWorkbook(bytes: Buffer): Promise<RulesForWorkbook> {
  const readout = await readPolicyWorkbook(bytes);
  if (readout.issues.some((i) => i.severity === 'error')) return { ok: false, issues: readout.issues };
  const doc = buildRulesDocument(readout.catalog, readout.sha256);
  assertRulesLoad(doc);
  return { ok: true, json: stableStringify(doc), ruleCount: doc.rules.length, warnings: readout.issues.length };
}
