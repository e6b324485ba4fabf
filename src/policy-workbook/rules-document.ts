// The versioned artefact: a catalog turned into json-rules-engine rules, with where each came from.
import { OFFERINGS, TIERS, type DeliveredBy, type Offering, type ServiceKind, type Tier } from '../catalog/catalog-codes.ts';
import { calendarRules, calendarsFromRules, calendarsSection } from './calendars/calendar-rules.ts';
import type { CalendarEntry, Catalog, CatalogTable, HolidayEntry, TierGrant } from '../catalog/catalog.ts';
import type { CellRef } from '../catalog/cell-ref.ts';
import { pricesFromRules, pricesSection, type PricesSection } from './prices/price-rules.ts';

export type { PricesSection, SpecialServicePriceRecord, TierPriceRecord } from './prices/price-rules.ts';

export const RULES_FORMAT = 'entitle.rules/v1';

export interface RuleSource extends CellRef {
  workbookSha256: string;
}

export interface FactCondition {
  fact: 'offering' | 'tier' | 'service';
  operator: 'equal' | 'in';
  value: string | string[];
}

export interface EntitlementParams extends Omit<TierGrant, 'source'> {
  offering: Offering;
  tier: Tier;
  service: string;
  label: string;
  kind: ServiceKind;
  source: RuleSource;
}

export interface SpecialListing {
  offering: Offering;
  label: string;
  description: string;
  source: RuleSource;
}

export interface SpecialServiceParams {
  service: string;
  deliveredBy: DeliveredBy;
  /** Offerings whose catalog lists it; a service listed on premise only cannot be sold to cloud customers. */
  offerings: Offering[];
  onPremiseOnly: boolean;
  listings: SpecialListing[];
  source: RuleSource;
}

/** Which working calendar an offering × tier × service counts its response windows on; null keys match any. */
export interface CalendarParams {
  calendar: string;
  offering: Offering | null;
  tier: Tier | null;
  service: string | null;
  source: RuleSource;
}

export type PolicyRule =
  | { name: string; priority: number; conditions: { all: FactCondition[] }; event: { type: 'entitlement'; params: EntitlementParams } }
  | { name: string; priority: number; conditions: { all: FactCondition[] }; event: { type: 'special_service'; params: SpecialServiceParams } }
  | { name: string; priority: number; conditions: { all: FactCondition[] }; event: { type: 'calendar'; params: CalendarParams } };

export type CalendarDefinitionRecord = Omit<CalendarEntry, 'source'> & { source: RuleSource };
export type HolidayRecord = Omit<HolidayEntry, 'source'> & { source: RuleSource };

/** The workbook's 服务时间 calendars and 节假日 rows; which calendar applies where is in the `calendar` rules. */
export interface CalendarsSection {
  definitions: CalendarDefinitionRecord[];
  holidays: HolidayRecord[];
}

export interface RulesDocument {
  format: typeof RULES_FORMAT;
  workbookSha256: string;
  tables: CatalogTable[];
  rules: PolicyRule[];
  /** Absent when the workbook has no 服务时间 or 节假日 table (and in documents stored before they existed). */
  calendars?: CalendarsSection;
  /** The 价格 sheet; absent when the workbook has none (and in documents stored before it existed). */
  prices?: PricesSection;
}

// Conditions are immutable values; sharing one object per fact and value keeps large policies light.
const conditionCache = new Map<string, FactCondition>();
function equal(fact: FactCondition['fact'], value: string): FactCondition {
  const key = `${fact}\u0000${value}`;
  let condition = conditionCache.get(key);
  if (!condition) {
    if (conditionCache.size > 50_000) conditionCache.clear();
    conditionCache.set(key, (condition = { fact, operator: 'equal', value }));
  }
  return condition;
}

/**
 * One rule per offering × tier × service, then one availability rule per special service, then one rule
 * per calendar assignment, in a stable order.
 */
export function buildRulesDocument(catalog: Catalog, workbookSha256: string): RulesDocument {
  const src = (ref: CellRef): RuleSource => ({ sheet: ref.sheet, cell: ref.cell, workbookSha256 });
  const rules: PolicyRule[] = [];

  for (const offering of OFFERINGS) {
    for (const entry of catalog.tierServices) {
      if (entry.offering !== offering) continue;
      const serviceCondition = equal('service', entry.service);
      for (const tier of TIERS) {
        const g = entry.grants[tier];
        rules.push({
          name: `${offering}.${tier}.${entry.service}`,
          priority: 10,
          conditions: { all: [equal('offering', offering), equal('tier', tier), serviceCondition] },
          event: {
            type: 'entitlement',
            params: {
              offering,
              tier,
              service: entry.service,
              label: entry.label,
              kind: entry.kind,
              included: g.included,
              channel: g.channel,
              responseWindow: g.responseWindow,
              coverage: g.coverage,
              quota: g.quota,
              deliverables: g.deliverables,
              text: g.text,
              source: src(g.source),
            },
          },
        });
      }
    }
  }

  const bySpecial = new Map<string, Catalog['specialServices']>();
  for (const entry of catalog.specialServices) {
    const list = bySpecial.get(entry.service);
    if (list) list.push(entry);
    else bySpecial.set(entry.service, [entry]);
  }
  for (const [service, entries] of bySpecial) {
    const listings = OFFERINGS.flatMap((offering) =>
      entries
        .filter((e) => e.offering === offering)
        .map((e) => ({ offering, label: e.label, description: e.description, source: src(e.source) })),
    );
    const offerings = listings.map((l) => l.offering);
    const first = entries[0]!;
    const conditions: FactCondition[] = [equal('service', service)];
    if (offerings.length < OFFERINGS.length) {
      conditions.push(offerings.length === 1 ? equal('offering', offerings[0]!) : { fact: 'offering', operator: 'in', value: offerings });
    }
    rules.push({
      name: `special.${service}`,
      priority: 5,
      conditions: { all: conditions },
      event: {
        type: 'special_service',
        params: {
          service,
          deliveredBy: first.deliveredBy,
          offerings,
          onPremiseOnly: offerings.length === 1 && offerings[0] === 'on_premise',
          listings,
          source: listings[0]!.source,
        },
      },
    });
  }

  rules.push(...calendarRules(catalog.calendarAssignments, src));
  const calendars = calendarsSection(catalog, src);
  const prices = pricesSection(catalog, src);
  return { format: RULES_FORMAT, workbookSha256, tables: catalog.tables, rules, ...(calendars ? { calendars } : {}), ...(prices ? { prices } : {}) };
}

/** The catalog a rules document was built from, for export back to a workbook. */
export function catalogFromRules(doc: RulesDocument): Catalog {
  const tierServices = new Map<string, Catalog['tierServices'][number]>();
  const specialServices: Catalog['specialServices'] = [];
  for (const rule of doc.rules) {
    if (rule.event.type === 'entitlement') {
      const p = rule.event.params;
      const key = `${p.offering}|${p.service}`;
      const { offering, tier, service, label, kind, source, ...grant } = p;
      const entry = tierServices.get(key) ?? {
        offering,
        service,
        label,
        kind,
        grants: {} as Record<Tier, TierGrant>,
        source: { sheet: source.sheet, cell: source.cell },
      };
      entry.grants[tier] = { ...grant, source: { sheet: source.sheet, cell: source.cell } };
      tierServices.set(key, entry);
    } else if (rule.event.type === 'special_service') {
      const p = rule.event.params;
      for (const l of p.listings) {
        specialServices.push({
          offering: l.offering,
          service: p.service,
          label: l.label,
          description: l.description,
          deliveredBy: p.deliveredBy,
          source: { sheet: l.source.sheet, cell: l.source.cell },
        });
      }
    }
  }
  const bySource = <T extends { source: CellRef }>(a: T, b: T) =>
    a.source.sheet === b.source.sheet ? rowOf(a.source.cell) - rowOf(b.source.cell) : 0;
  return {
    tables: doc.tables,
    tierServices: [...tierServices.values()].sort(bySource),
    specialServices: specialServices.sort(bySource),
    ...calendarsFromRules(doc),
    prices: pricesFromRules(doc),
  };
}

export function rowOf(address: string): number {
  return Number(/\d+$/.exec(address)?.[0] ?? 0);
}
