// Runs a policy workbook's 测试用例 against the rules built from that same workbook, through the decision the desk
// uses (decideAt: the decision, then its deadline on the policy's calendar). It lives here, not in src/policy where
// imports are stored: the decision is this folder's and src/policy sits below it (FLOORS in
// test/architecture/import-graph.test.ts), so the policy service is handed this runner by the composition root.
import type { Names } from '../catalog/catalog-names.ts';
import type { Channel, ResponseWindow, TestCaseExpectation } from '../catalog/catalog.ts';
import { compilePolicy } from '../policy/compiled-policy.ts';
import type { CaseCheck, CaseField, CaseResult, TestCaseResults, WorkbookCaseRunner } from '../policy/case-results.ts';
import type { TestCaseRecord } from '../policy-workbook/test-cases/case-rules.ts';
import { CASE_REASONS } from '../policy-workbook/test-cases/case-cells.ts';
import { formatShanghai } from '../calendar/instants.ts';
import type { Decision } from './decision.ts';
import { decideAt } from './entitlement-service.ts';
import { reason, type ReasonCode } from './reasons.ts';

// Every reason a workbook may expect is one the decision gives: tsc refuses the line otherwise.
const CASE_REASON_CODES: readonly ReasonCode[] = Object.keys(CASE_REASONS) as (keyof typeof CASE_REASONS)[];

const splitWords = (code: ReasonCode): Names => {
  const [zh, en] = reason(code).message.split(' / ');
  return { zh: `${zh}(${code})`, en: `${en} (${code})` };
};

const NONE: Names = { zh: '无', en: 'none' };
const words = (zh: string, en = zh): Names => ({ zh, en });

const entitledWords = (b: boolean): Names => (b ? { zh: '✓ 有权', en: '✓ entitled' } : { zh: '✗ 无权', en: '✗ not entitled' });
const channelWords = (c: Channel | null): Names => (c === null ? NONE : c === 'dedicated' ? { zh: '专属坐席', en: 'dedicated agent' } : { zh: '标准坐席', en: 'standard agent' });
const windowWords = (w: ResponseWindow | null): Names =>
  w === null ? NONE : w.unit === 'working_day' ? { zh: `${w.amount}工作日响应`, en: `${w.amount} working day(s)` } : { zh: `${w.amount}工作小时响应`, en: `${w.amount} working hour(s)` };
const instantWords = (iso: string | null): Names => (iso === null ? NONE : words(formatShanghai(iso), `${formatShanghai(iso)} (Asia/Shanghai)`));
const countWords = (n: number | null): Names => (n === null ? NONE : words(String(n)));

/** Each expectation: whether the decision meets it, and both sides in words. */
function check(field: CaseField, expected: TestCaseExpectation, decision: Decision): Omit<CaseCheck, 'cell'> {
  switch (field) {
    case 'entitled':
      return { field, passed: decision.entitled === expected.entitled, expected: entitledWords(expected.entitled!), decided: entitledWords(decision.entitled) };
    case 'reason': {
      const codes = decision.reasons.map((r) => r.code);
      const decided = codes.length === 0 ? NONE : { zh: codes.map((c) => splitWords(c).zh).join('、'), en: codes.map((c) => splitWords(c).en).join(', ') };
      const code = expected.reason as ReasonCode;
      return { field, passed: codes.includes(code), expected: CASE_REASON_CODES.includes(code) ? splitWords(code) : words(code), decided };
    }
    case 'channel':
      return { field, passed: decision.channel === expected.channel, expected: channelWords(expected.channel!), decided: channelWords(decision.channel) };
    case 'responseWindow': {
      const [e, d] = [expected.responseWindow ?? null, decision.responseWindow];
      return { field, passed: JSON.stringify(e) === JSON.stringify(d), expected: windowWords(e), decided: windowWords(d) };
    }
    case 'respondBy': {
      const [e, d] = [expected.respondBy ?? null, decision.respondBy ?? null];
      const passed = e === null || d === null ? e === d : Date.parse(e) === Date.parse(d);
      return { field, passed, expected: instantWords(e), decided: instantWords(d) };
    }
    case 'remaining': {
      const d = decision.quota?.remaining ?? null;
      return { field, passed: (expected.remaining ?? null) === d, expected: countWords(expected.remaining ?? null), decided: countWords(d) };
    }
  }
}

const FIELDS: readonly CaseField[] = ['entitled', 'reason', 'channel', 'responseWindow', 'respondBy', 'remaining'];

function runCase(policy: Awaited<ReturnType<typeof compilePolicy>>, c: TestCaseRecord): CaseResult {
  // A contract of the case's offering and tier, in force whenever it is asked, with the facts the row states.
  const contract = { offering: c.offering, tier: c.tier, startsOn: null, endsOn: null, purchased: c.purchased ? [c.service] : [] };
  const decision = decideAt(policy, contract, c.service, new Date(c.at), () => c.used ?? 0, { deadline: true });
  const checks = FIELDS.filter((f) => c.expect[f] !== undefined).map((f) => ({ ...check(f, c.expect, decision), cell: c.cells[f] ?? c.source.cell }));
  return { sheet: c.source.sheet, cell: c.source.cell, offering: c.offering, tier: c.tier, service: c.service, at: c.at, passed: checks.every((k) => k.passed), checks };
}

export const runWorkbookCases: WorkbookCaseRunner = async (doc) => {
  const cases = doc.testCases ?? [];
  if (cases.length === 0) return null;
  // The version is not stored yet: it has no number, and the decisions here are never recorded.
  const policy = await compilePolicy({ id: 0, version: 0 }, doc);
  const results = cases.map((c) => runCase(policy, c));
  const passed = results.filter((r) => r.passed).length;
  return { total: results.length, passed, failed: results.length - passed, cases: results } satisfies TestCaseResults;
};
