// A version's 测试用例 as its page shows them: the results its import recorded (each case passed or failed, and for
// a failed one what it expected against what was decided, at the cell), and the cases a diff added or removed.
import type { TestCaseExpectation } from '../../catalog/catalog.ts';
import type { CaseField, TestCaseResults } from '../../policy/case-results.ts';
import type { TestCaseChange } from '../../policy-workbook/test-cases/case-diff.ts';
import { channelText, countText, markText, reasonText, wallTimeText, windowText } from '../../policy-workbook/test-cases/case-cells.ts';

type Lang = 'zh' | 'en';

const FIELD: Record<CaseField, { zh: string; en: string }> = {
  entitled: { zh: '有权', en: 'Entitled' },
  reason: { zh: '原因', en: 'Reason' },
  channel: { zh: '渠道', en: 'Channel' },
  responseWindow: { zh: '响应时限', en: 'Response window' },
  respondBy: { zh: '截止时间', en: 'Respond by' },
  remaining: { zh: '剩余次数', en: 'Uses left' },
};

export function caseResultsView(results: TestCaseResults | undefined, lang: Lang) {
  if (!results) return null;
  return {
    ...results,
    rows: results.cases.map((c) => ({
      passed: c.passed,
      where: `${c.sheet}!${c.cell}`,
      offering: c.offering,
      tier: c.tier,
      service: c.service,
      at: c.at,
      checks: c.checks.map((k) => ({ field: FIELD[k.field][lang], cell: k.cell, passed: k.passed, expected: k.expected[lang], decided: k.decided[lang] })),
    })),
  };
}

/** An expectation in the workbook's own words (as the 测试用例 sheet says it), field by field. */
function expectationText(e: TestCaseExpectation | null, lang: Lang): string {
  if (!e) return '';
  const parts: string[] = [];
  const say = (field: CaseField, text: string) => parts.push(`${FIELD[field][lang]} ${text}`);
  if (e.entitled !== undefined) say('entitled', markText(e.entitled));
  if (e.reason !== undefined) say('reason', reasonText(e.reason));
  if (e.channel !== undefined) say('channel', channelText(e.channel));
  if (e.responseWindow !== undefined) say('responseWindow', windowText(e.responseWindow));
  if (e.respondBy !== undefined) say('respondBy', e.respondBy === null ? '无' : wallTimeText(e.respondBy));
  if (e.remaining !== undefined) say('remaining', countText(e.remaining));
  return parts.join(' · ');
}

export function caseChangesView(changes: readonly TestCaseChange[] | undefined, lang: Lang) {
  return (changes ?? []).map((c) => ({
    kind: c.kind,
    where: `${c.sheet}!${c.cell}`,
    offering: c.offering,
    tier: c.tier,
    service: c.service,
    at: c.at,
    facts: [c.used === null ? '' : `${lang === 'zh' ? '已用次数' : 'used'} ${c.used}`, c.purchased ? (lang === 'zh' ? '已购买' : 'purchased') : ''].filter(Boolean).join(' · '),
    from: expectationText(c.from, lang),
    to: expectationText(c.to, lang),
  }));
}
