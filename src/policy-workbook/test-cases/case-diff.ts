// What changes in the 测试用例 sheet when one rules document replaces another: cases added and removed, and cases
// asking the same question that now expect something else. A case is known by its question (offering, tier,
// service, time, contract facts), not by the cell it stands in, so moving rows changes nothing.
import type { Offering, Tier } from '../../catalog/catalog-codes.ts';
import type { TestCaseExpectation } from '../../catalog/catalog.ts';
import { diffKeyed, same, type ChangeKind } from '../keyed-diff.ts';
import type { TestCaseRecord, TestCasesView } from './case-rules.ts';

export interface TestCaseChange {
  kind: ChangeKind;
  offering: Offering;
  tier: Tier;
  service: string;
  at: string;
  used: number | null;
  purchased: boolean;
  /** What the case expected before and after; null when it did not exist. */
  from: TestCaseExpectation | null;
  to: TestCaseExpectation | null;
  /** Where the case stands now (where it stood, when removed). */
  sheet: string;
  cell: string;
}

function casesOf(doc: TestCasesView | null): Map<string, TestCaseRecord> {
  const out = new Map<string, TestCaseRecord>();
  for (const c of doc?.testCases ?? []) {
    const question = [c.offering, c.tier, c.service, c.at, c.used, c.purchased].join('|');
    // The same question asked twice is two cases.
    let n = 1;
    while (out.has(`${question}#${n}`)) n++;
    out.set(`${question}#${n}`, c);
  }
  return out;
}

/** Sets nothing when no case changed, so a diff without them keeps its old shape. */
export function diffTestCases(before: TestCasesView | null, after: TestCasesView, into: { testCases?: TestCaseChange[] }): void {
  const changes = diffKeyed(casesOf(before), casesOf(after), (kind, was, now) => {
    if (kind === 'changed' && same(was!.expect, now!.expect)) return null;
    const c = (now ?? was)!;
    return { kind, offering: c.offering, tier: c.tier, service: c.service, at: c.at, used: c.used, purchased: c.purchased, from: was?.expect ?? null, to: now?.expect ?? null, sheet: c.source.sheet, cell: c.source.cell };
  });
  if (changes.length > 0) into.testCases = changes;
}
