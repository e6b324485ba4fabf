// What changes for customers in the tier tables when one rules document replaces another: each offering × tier ×
// service's grant, compared by what it grants and not where it stands.
import { same, type ChangeKind } from '../keyed-diff.ts';
import type { AnyRule } from '../rules-base.ts';
import { isEntitlementRule, type EntitlementParams } from './tier-rules.ts';

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

const ENTITLEMENT_FIELDS = ['included', 'channel', 'responseWindow', 'coverage', 'quota', 'deliverables'] as const;

function entitlementsOf(doc: { rules: readonly AnyRule[] } | null): Map<string, EntitlementParams> {
  const map = new Map<string, EntitlementParams>();
  for (const rule of doc?.rules ?? []) if (isEntitlementRule(rule)) map.set(rule.name, rule.event.params);
  return map;
}

/** `before` is null when nothing is active yet: then everything granted is added. Rules in the order of `after`, removals last. */
export function diffEntitlements(before: { rules: readonly AnyRule[] } | null, after: { rules: readonly AnyRule[] }): EntitlementChange[] {
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
  return entitlements;
}
