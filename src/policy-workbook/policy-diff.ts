// What changes for customers when one rules document replaces another, item by item.
import { diffCalendars, type CalendarChanges } from './calendars/calendar-diff.ts';
import { diffPrices, type PriceChanges } from './prices/price-diff.ts';
import type { EntitlementParams, RulesDocument, SpecialServiceParams } from './rules-document.ts';

export type { CalendarAssignmentChange, CalendarChanges, CalendarDefinitionChange, HolidayChange } from './calendars/calendar-diff.ts';
export type { PriceChanges, PriceSettingChange, SpecialServicePriceChange, TierPriceChange } from './prices/price-diff.ts';

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface EntitlementChange {
  kind: ChangeKind;
  offering: EntitlementParams['offering'];
  tier: EntitlementParams['tier'];
  service: string;
  label: string;
  /** The cell text before and after, as the policy owner wrote it; null when absent. */
  from: string | null;
  to: string | null;
  /** The typed fields that differ (`responseWindow`, `channel`, …). */
  fields: string[];
}

export interface SpecialServiceChange {
  kind: ChangeKind;
  service: string;
  label: string;
  fromOfferings: string[];
  toOfferings: string[];
  fields: string[];
}

export interface PolicyDiff {
  entitlements: EntitlementChange[];
  specialServices: SpecialServiceChange[];
  /** Changes to the 服务时间 and 节假日 sheets; absent when there are none. */
  calendars?: CalendarChanges;
  /** Changes to the 价格 sheet; absent when there are none. */
  prices?: PriceChanges;
}

const ENTITLEMENT_FIELDS = ['included', 'channel', 'responseWindow', 'coverage', 'quota', 'deliverables'] as const;
const SPECIAL_FIELDS = ['offerings', 'deliveredBy', 'listings'] as const;

function entitlementsOf(doc: RulesDocument | null): Map<string, EntitlementParams> {
  const map = new Map<string, EntitlementParams>();
  for (const rule of doc?.rules ?? []) if (rule.event.type === 'entitlement') map.set(rule.name, rule.event.params);
  return map;
}

function specialsOf(doc: RulesDocument | null): Map<string, SpecialServiceParams> {
  const map = new Map<string, SpecialServiceParams>();
  for (const rule of doc?.rules ?? []) if (rule.event.type === 'special_service') map.set(rule.event.params.service, rule.event.params);
  return map;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Listings compared without their source cells: moving a row is not a change for customers. */
const listingsOf = (p: SpecialServiceParams) => p.listings.map(({ offering, label, description }) => ({ offering, label, description }));

/** `before` is null when nothing is active yet: then everything is added. Rules in the order of `after`, removals last. */
export function diffPolicies(before: RulesDocument | null, after: RulesDocument): PolicyDiff {
  const old = entitlementsOf(before);
  const now = entitlementsOf(after);
  const entitlements: EntitlementChange[] = [];
  const describe = (kind: ChangeKind, p: EntitlementParams, from: EntitlementParams | undefined, to: EntitlementParams | undefined, fields: string[]) =>
    entitlements.push({
      kind,
      offering: p.offering,
      tier: p.tier,
      service: p.service,
      label: p.label,
      from: from ? from.text : null,
      to: to ? to.text : null,
      fields,
    });

  for (const [name, p] of now) {
    const was = old.get(name);
    if (!was) {
      if (p.included) describe('added', p, undefined, p, ['included']);
      continue;
    }
    const fields = ENTITLEMENT_FIELDS.filter((f) => !same(was[f], p[f]));
    if (fields.length > 0) describe(was.included && !p.included ? 'removed' : !was.included && p.included ? 'added' : 'changed', p, was, p, fields);
  }
  for (const [name, p] of old) if (!now.has(name) && p.included) describe('removed', p, p, undefined, ['included']);

  const oldSpecial = specialsOf(before);
  const newSpecial = specialsOf(after);
  const specialServices: SpecialServiceChange[] = [];
  for (const [service, p] of newSpecial) {
    const was = oldSpecial.get(service);
    const fields = was
      ? SPECIAL_FIELDS.filter((f) => (f === 'listings' ? !same(listingsOf(was), listingsOf(p)) : !same(was[f], p[f])))
      : ['offerings'];
    if (fields.length === 0) continue;
    specialServices.push({
      kind: was ? 'changed' : 'added',
      service,
      label: p.listings[0]?.label ?? service,
      fromOfferings: was?.offerings ?? [],
      toOfferings: p.offerings,
      fields,
    });
  }
  for (const [service, p] of oldSpecial) {
    if (newSpecial.has(service)) continue;
    specialServices.push({ kind: 'removed', service, label: p.listings[0]?.label ?? service, fromOfferings: p.offerings, toOfferings: [], fields: ['offerings'] });
  }
  const calendars = diffCalendars(before, after);
  const prices = diffPrices(before, after);
  return { entitlements, specialServices, ...(calendars ? { calendars } : {}), ...(prices ? { prices } : {}) };
}

/** A calendar or price change alone is a change: deadlines move with the one, quotes with the other. */
export function isEmptyDiff(diff: PolicyDiff): boolean {
  return diff.entitlements.length === 0 && diff.specialServices.length === 0 && diff.calendars === undefined && diff.prices === undefined;
}

