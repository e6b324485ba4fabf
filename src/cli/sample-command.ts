// Regenerates a sample workbook and the reviewed rules JSON beside it, so both stay reproducible: the Chinese sample
// (the default) or, with --lang en, the English one as an international office types it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { writeSampleWorkbook } from '../policy-workbook/sample-workbook.ts';
import { writeEnglishSampleWorkbook } from '../policy-workbook/sample-workbook-en.ts';
import type { WorkbookLang } from '../policy-workbook/column-words.ts';
import { formatIssue } from './cli-output.ts';
import { rulesForWorkbook } from '../policy/rules-for-workbook.ts';
import { runWorkbookCases } from '../entitlement/workbook-cases.ts';
import type { RulesDocument } from '../policy-workbook/rules-document.ts';
import { formatCaseResults } from './case-output.ts';

/** Where each sample goes unless told; the English sample's rules are the Chinese one's in other words, so none by default. */
export const SAMPLE_PATHS: Record<WorkbookLang, { out: string; rules: string | null }> = {
  zh: { out: 'imports/sample-policy.xlsx', rules: 'rules/sample-policy.rules.json' },
  en: { out: 'imports/sample-policy-en.xlsx', rules: null },
};

export async function runSampleCommand(opts: { out?: string; rules?: string; lang?: WorkbookLang }): Promise<void> {
  const lang = opts.lang ?? 'zh';
  const out = opts.out ?? SAMPLE_PATHS[lang].out;
  const rules = opts.rules ?? SAMPLE_PATHS[lang].rules;
  const bytes = await (lang === 'en' ? writeEnglishSampleWorkbook() : writeSampleWorkbook());
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
  await fs.mkdir(path.dirname(out), { recursive: true });
  await fs.writeFile(out, bytes);
  if (rules !== null) {
    await fs.mkdir(path.dirname(rules), { recursive: true });
    await fs.writeFile(rules, result.json);
  }
  const also = rules === null ? '' : ` and ${rules}`;
  console.log(`写入 wrote ${out} (${bytes.length} bytes)${also} (${result.ruleCount} rules, ${result.warnings} warnings, ${cases?.passed ?? 0} test cases passed)`);
}
