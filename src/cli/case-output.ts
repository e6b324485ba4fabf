// How the CLI shows a workbook's 测试用例 results: a line per case, passed or failed, and for a failed one each
// expectation it missed, at its cell, with what was expected against what was decided (Chinese, then English).
import { formatShanghai } from '../calendar/instants.ts';
import type { CaseField, TestCaseResults } from '../policy/case-results.ts';

const FIELD: Record<CaseField, string> = {
  entitled: '有权 entitled',
  reason: '原因 reason',
  channel: '渠道 channel',
  responseWindow: '响应时限 response window',
  respondBy: '截止时间 respond by',
  remaining: '剩余次数 uses left',
};

export function formatCaseResults(results: TestCaseResults): string {
  const lines = [`测试用例 test cases: ${results.total},通过 passed ${results.passed},未通过 failed ${results.failed}`];
  for (const c of results.cases) {
    lines.push(`  ${c.passed ? '✓ 通过 passed' : '✗ 未通过 FAILED'} ${c.sheet}!${c.cell}: ${c.offering} ${c.tier} ${c.service} @ ${formatShanghai(c.at)}`);
    for (const k of c.checks) {
      if (k.passed) continue;
      lines.push(`      ${FIELD[k.field]} @${k.cell}: 期望 expected ${k.expected.zh} / ${k.expected.en};判定 decided ${k.decided.zh} / ${k.decided.en}`);
    }
  }
  return lines.join('\n');
}
