// What changes for customers when one rules document replaces another, each sheet kind saying what changed in its
// part (SHEET_KINDS): entitlements, special services, then calendars, holidays and prices when they changed.
import type { CalendarChanges } from './calendars/calendar-diff.ts';
import type { PriceChanges } from './prices/price-diff.ts';
import type { ResolutionTargetChange } from './resolutions/resolution-diff.ts';
import type { RulesDocument } from './rules-document.ts';
import { SHEET_KINDS } from './sheet-kinds.ts';
import type { SpecialServiceChange } from './specials/special-diff.ts';
import type { TestCaseChange } from './test-cases/case-diff.ts';
import type { EntitlementChange } from './tiers/tier-diff.ts';

export interface PolicyDiff {
  entitlements: EntitlementChange[];
  specialServices: SpecialServiceChange[];
  /** Changes to the 服务时间 and 节假日 sheets; absent when there are none. */
  calendars?: CalendarChanges;
  /** Changes to the 价格 sheet; absent when there are none. */
  prices?: PriceChanges;
  /** Changes to the 解决时限 tables; absent when there are none. */
  resolutionTargets?: ResolutionTargetChange[];
  /** Cases of the 测试用例 sheet added, removed or expecting something else; absent when there are none. */
  testCases?: TestCaseChange[];
}

/** `before` is null when nothing is active yet: then everything is added. Changes in the order of `after`, removals last. */
export function diffPolicies(before: RulesDocument | null, after: RulesDocument): PolicyDiff {
  const diff = {} as PolicyDiff;
  for (const kind of SHEET_KINDS) kind.diff(before, after, diff);
  return diff;
}

/**
 * A calendar, price or resolution-target change alone is a change: deadlines move with the first and last, quotes
 * with prices. So is a change of test cases alone: it decides nothing for customers, but the owners review it.
 */
export function isEmptyDiff(diff: PolicyDiff): boolean {
  return diff.entitlements.length === 0 && diff.specialServices.length === 0 && diff.calendars === undefined && diff.prices === undefined && diff.resolutionTargets === undefined && diff.testCases === undefined;
}
