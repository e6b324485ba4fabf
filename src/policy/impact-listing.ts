// What a policy change means for each contract it touches: the changes of its offering × tier (every service of a
// tier is on all its contracts), the changed special services it holds, and whether its deadlines move with a
// calendar change. Grouped from the diff once per comparison; the contracts come a page at a time from the store.
import type { EntitlementChange } from '../policy-workbook/tiers/tier-diff.ts';
import type { PolicyDiff } from '../policy-workbook/policy-diff.ts';
import type { ImpactScope } from './impact-scope.ts';
import type { TouchedContract } from './touched-contracts-repository.ts';

export interface ImpactedContract extends TouchedContract {
  /** The tier services that change for this contract's offering × tier, in the diff's order. */
  changes: EntitlementChange[];
  /** Changed special services this contract holds. */
  specialServices: { service: string; label: string }[];
  /** A calendar or holiday change reaches this contract's offering × tier: its deadlines move. */
  calendars: boolean;
}

export function describeImpact(diff: PolicyDiff, scope: ImpactScope): (contract: TouchedContract) => ImpactedContract {
  const byPair = new Map<string, EntitlementChange[]>();
  for (const c of diff.entitlements) {
    const key = `${c.offering}|${c.tier}`;
    byPair.set(key, [...(byPair.get(key) ?? []), c]);
  }
  const special = new Map(diff.specialServices.map((s) => [s.service, s.label]));
  const calendarPairs = scope.causes.includes('calendars') ? new Set(scope.tiers.map((p) => `${p.offering}|${p.tier}`)) : new Set<string>();
  return (contract) => {
    const key = `${contract.offering}|${contract.tier}`;
    return {
      ...contract,
      changes: byPair.get(key) ?? [],
      specialServices: contract.heldServices.filter((s) => special.has(s)).map((service) => ({ service, label: special.get(service)! })),
      calendars: calendarPairs.has(key),
    };
  };
}
