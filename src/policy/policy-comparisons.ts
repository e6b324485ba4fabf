// A version compared with the active or the scheduled one (or another), and the contracts the difference touches.
// Stored versions never change, so the comparison of a pair is kept: a policy page viewed again reads no rules and
// diffs nothing (only which version is active or scheduled is asked each time).
import { shanghaiDate } from '../calendar/instants.ts';
import { diffPolicies, type PolicyDiff } from '../policy-workbook/policy-diff.ts';
import type { RulesDocument } from '../policy-workbook/rules-document.ts';
import { describeImpact, type ImpactedContract } from './impact-listing.ts';
import { impactScope, isWholeCatalog, type ImpactScope } from './impact-scope.ts';
import type { PolicyStore } from './policy-store.ts';

/** A version compared with another (null: nothing active), and which contracts the difference touches. */
export interface PolicyComparison {
  against: number | null;
  diff: PolicyDiff;
  scope: ImpactScope;
}

/** Pairs of versions whose diff is kept; a diff of the sample is ~100 KB, and few pairs are ever looked at. */
const KEPT_COMPARISONS = 32;

export function policyComparisons(store: PolicyStore, clock: () => Date, rulesOf: (version: number) => Promise<RulesDocument>) {
  const comparisons = new Map<string, Promise<PolicyComparison>>();

  /**
   * The version a diff compares with: the one in force now, or the next one scheduled (the earliest activation
   * still to come; the one in force when nothing is scheduled).
   */
  async function baseVersion(which: 'active' | 'scheduled'): Promise<number | null> {
    const now = clock().toISOString();
    if (which === 'scheduled') {
      const next = (await store.listActivations()).filter((a) => a.effectiveFrom > now).at(-1);
      if (next) return next.version;
    }
    return (await store.activationAt(now))?.version ?? null;
  }

  /** What activating `version` would change against the version active now, the one scheduled, or another version. */
  async function diff(version: number, against: 'active' | 'scheduled' | number = 'active'): Promise<PolicyComparison> {
    const base = typeof against === 'number' ? against : await baseVersion(against);
    const key = `${version}:${base}`;
    const kept = comparisons.get(key);
    if (kept) {
      // Most recently used last: the oldest pair is the one dropped.
      comparisons.delete(key);
      comparisons.set(key, kept);
      return kept;
    }
    const compared = (async () => {
      const after = await rulesOf(version);
      const before = base === null ? null : await rulesOf(base);
      const changes = diffPolicies(before, after);
      return { against: base, diff: changes, scope: impactScope(changes, before, after) };
    })();
    comparisons.set(key, compared);
    compared.catch(() => comparisons.delete(key));
    if (comparisons.size > KEPT_COMPARISONS) comparisons.delete(comparisons.keys().next().value!);
    return compared;
  }

  /**
   * One page of the contracts in force today that activating `version` would change, each with what changes for it.
   * The comparison is the kept one; the page is read by the store's index-backed query (the count is the contract
   * service's impactOf, over the same scope).
   */
  async function touchedContracts(version: number, against: 'active' | 'scheduled', offset: number, limit: number): Promise<{ comparison: PolicyComparison; today: string; contracts: ImpactedContract[] }> {
    const comparison = await diff(version, against);
    const { scope } = comparison;
    const today = shanghaiDate(clock());
    const page = await store.touchedContracts({ tiers: scope.tiers, services: scope.services, everyContract: isWholeCatalog(scope) }, today, offset, limit);
    return { comparison, today, contracts: page.map(describeImpact(comparison.diff, scope)) };
  }

  return { diff, touchedContracts };
}
