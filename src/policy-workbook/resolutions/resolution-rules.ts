// The 解决时限 tables in a rules document: one `resolution` rule per row, the most specific matching row applying
// (as calendar rules do). A workbook without the table adds no rule, so older documents keep their form.
import { OFFERINGS, type Offering, type Tier } from '../../catalog/catalog-codes.ts';
import type { Catalog, ResponseWindow } from '../../catalog/catalog.ts';
import { cellRefOf, type AnyRule, type FactCondition, type RuleOf, type RuleSource, type SourceOf } from '../rules-base.ts';
import { scopePriority } from '../scope-rows.ts';

export interface ResolutionParams {
  window: ResponseWindow;
  offering: Offering | null;
  tier: Tier | null;
  service: string | null;
  source: RuleSource;
}

export type ResolutionRule = RuleOf<'resolution', ResolutionParams>;

export const isResolutionRule = (rule: AnyRule): rule is ResolutionRule => rule.event.type === 'resolution';

export function buildResolutions(catalog: Catalog, into: { rules: AnyRule[] }, src: SourceOf): void {
  into.rules.push(
    ...catalog.resolutionTargets.map((t): ResolutionRule => {
      const keys = [
        ['offering', t.offering],
        ['tier', t.tier],
        ['service', t.service],
      ] as const;
      const conditions: FactCondition[] = keys.flatMap(([fact, value]) => (value === null ? [] : [{ fact, operator: 'equal' as const, value }]));
      // json-rules-engine needs at least one condition in `all`.
      if (conditions.length === 0) conditions.push({ fact: 'offering', operator: 'in', value: [...OFFERINGS] });
      return {
        name: `resolution.${t.offering ?? '*'}.${t.tier ?? '*'}.${t.service ?? '*'}`,
        priority: scopePriority(t),
        conditions: { all: conditions },
        event: { type: 'resolution', params: { window: t.window, offering: t.offering, tier: t.tier, service: t.service, source: src(t.source) } },
      };
    }),
  );
}

export function resolutionsFromRules(doc: { rules: AnyRule[] }, into: Catalog): void {
  into.resolutionTargets = doc.rules.flatMap((rule) => {
    if (!isResolutionRule(rule)) return [];
    const { source, ...target } = rule.event.params;
    return [{ ...target, source: cellRefOf(source) }];
  });
}
