// Regenerates the sample workbook and the reviewed rules JSON beside it, so both stay reproducible.
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeSampleWorkbook } from '../policy-workbook/sample-workbook.ts';
import { formatIssue } from './cli-output.ts';
import { rulesForWorkbook } from '../policy/rules-for-workbook.ts';
import { runWorkbookCases } from '../entitlement/workbook-cases.ts';
import type { RulesDocument } from '../policy-workbook/rules-document.ts';
import { formatCaseResults } from './case-output.ts';

export async function runSampleCommand(opts: { out: string; rules: string }): Promise<void> {
  const bytes = await writeSampleWorkbook();
  const result = await rulesForWorkbook(bytes);
  if (!result.ok) {
    console.error(result.issues.map(formatIssue).join('\n'));
    throw new Error('the generated sample workbook does not import cleanly');
  }
  // The sample's own 测试用例 must pass, or it could not be activated.
  const cases = await runWorkbookCases(JSON.parse(result.json) as RulesDocument);
  if (cases && cases.failed > 0) {
    console.error(formatCaseResults(cases));
    throw new Error('the generated sample workbook fails its own test cases');
  }
  await fs.mkdir(path.dirname(opts.out), { recursive: true });
  await fs.mkdir(path.dirname(opts.rules), { recursive: true });
  await fs.writeFile(opts.out, bytes);
  await fs.writeFile(opts.rules, result.json);
  console.log(`写入 wrote ${opts.out} (${bytes.length} bytes) and ${opts.rules} (${result.ruleCount} rules, ${result.warnings} warnings, ${cases?.passed ?? 0} test cases passed)`);
}
