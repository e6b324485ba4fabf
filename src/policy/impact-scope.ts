// Which contracts a change of policy touches, as a scope the contract store can count: offering × tier pairs,
// and special services (their holders). Decided here, from the diff and the two documents, so that the count
// is a query rather than a walk over every contract.
//
// What counts, and why:
// - entitlement changes: the contracts of that offering × tier (every service of a tier is on all its contracts);
// - special-service changes: the contracts holding that service;
// - calendar changes move deadlines, which a customer is owed as much as a service: an assignment touches the
//   contracts it applies to (a blank offering or tier is any); a changed calendar touches those of every
//   assignment naming it, before or after, and the standard calendar (the default, where nothing is assigned)
//   touches all; a changed holiday touches all, since the standard calendar keeps China's holidays;
// - a changed 解决时限 row touches the contracts it applies to, as an assignment does: their new requests are judged on it;
// - price changes do not count: stored contracts and issued quotes keep their prices; only new quotes see them.
import { STANDARD_CALENDAR_NAME } from '../calendar/china-holidays.ts';
import { OFFERINGS, TIERS, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import type { PolicyDiff } from '../policy-workbook/policy-diff.ts';
import type { RulesDocument } from '../policy-workbook/rules-document.ts';
import type { CalendarParams } from '../policy-workbook/calendars/calendar-rules.ts';

export type ImpactCause = 'entitlements' | 'special_services' | 'calendars' | 'resolution_targets';

export interface ImpactScope {
  /** Offering × tier pairs whose contracts are all touched, in catalog order. */
  tiers: { offering: Offering; tier: Tier }[];
  /** Special services whose holders are touched (outside those pairs), sorted. */
  services: string[];
  /** The kinds of change that make up the scope; prices never do. */
  causes: ImpactCause[];
}

const ALL_PAIRS = OFFERINGS.flatMap((offering) => TIERS.map((tier) => ({ offering, tier })));

/** Every pair at once: the count is then every contract in force. */
export const isWholeCatalog = (scope: ImpactScope) => scope.tiers.length === ALL_PAIRS.length;

/** A stable text of the scope, the key of a cached count. */
export const scopeKey = (scope: ImpactScope) => `${scope.tiers.map((p) => `${p.offering}|${p.tier}`).join(',')};${scope.services.join(',')}`;

function assignmentsOf(doc: RulesDocument | null): CalendarParams[] {
  return (doc?.rules ?? []).flatMap((r) => (r.event.type === 'calendar' ? [r.event.params] : []));
}

function specialCodes(doc: RulesDocument | null): Set<string> {
  return new Set((doc?.rules ?? []).flatMap((r) => (r.event.type === 'special_service' ? [r.event.params.service] : [])));
}

export function impactScope(diff: PolicyDiff, before: RulesDocument | null, after: RulesDocument): ImpactScope {
  const pairs = new Set<string>();
  const services = new Set<string>();
  const causes = new Set<ImpactCause>();
  const addPair = (offering: Offering | null, tier: Tier | null) => {
    for (const p of ALL_PAIRS) if ((offering ?? p.offering) === p.offering && (tier ?? p.tier) === p.tier) pairs.add(`${p.offering}|${p.tier}`);
  };

  for (const c of diff.entitlements) {
    addPair(c.offering, c.tier);
    causes.add('entitlements');
  }
  for (const c of diff.specialServices) {
    services.add(c.service);
    causes.add('special_services');
  }

  const calendars = diff.calendars;
  if (calendars && (calendars.holidays.length + calendars.definitions.length + calendars.assignments.length) > 0) {
    causes.add('calendars');
    const specials = new Set([...specialCodes(before), ...specialCodes(after)]);
    // An assignment for one special service touches its holders; any other, the contracts of its offering × tier.
    const touch = (a: { offering: Offering | null; tier: Tier | null; service: string | null }) => {
      if (a.service !== null && specials.has(a.service)) services.add(a.service);
      else addPair(a.offering, a.tier);
    };
    for (const a of calendars.assignments) touch(a);
    const changed = new Set(calendars.definitions.map((d) => d.calendar));
    if (calendars.holidays.length > 0 || changed.has(STANDARD_CALENDAR_NAME)) addPair(null, null);
    for (const a of [...assignmentsOf(before), ...assignmentsOf(after)]) if (changed.has(a.calendar)) touch(a);
  }

  for (const t of diff.resolutionTargets ?? []) {
    causes.add('resolution_targets');
    if (t.service !== null && specialCodes(after).has(t.service)) services.add(t.service);
    else addPair(t.offering, t.tier);
  }

  const tiers = ALL_PAIRS.filter((p) => pairs.has(`${p.offering}|${p.tier}`));
  return { tiers, services: tiers.length === ALL_PAIRS.length ? [] : [...services].sort(), causes: [...causes] };
}
