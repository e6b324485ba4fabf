// A policy version made ready to answer in microseconds. json-rules-engine remains the evaluator of
// record: every offering × tier × service is run through it once, when the version is loaded, and the
// events it fires are indexed. Nothing is parsed or evaluated per request.
import { OFFERINGS, TIERS, type Offering, type Tier } from '../catalog/catalog-codes.ts';
import { createPolicyEngine } from './policy-engine.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import { STANDARD_CALENDAR_NAME } from '../calendar/china-holidays.ts';
import { buildPolicyCalendars } from './policy-calendars.ts';
import type { PriceList } from '../catalog/price-list.ts';
import type { RulesDocument } from '../policy-workbook/rules-document.ts';
import type { EntitlementParams } from '../policy-workbook/tiers/tier-rules.ts';
import type { SpecialServiceParams } from '../policy-workbook/specials/special-rules.ts';
import type { CalendarParams } from '../policy-workbook/calendars/calendar-rules.ts';
import type { ResolutionParams } from '../policy-workbook/resolutions/resolution-rules.ts';

export interface CompiledPolicy {
  id: number;
  version: number;
  workbookSha256: string;
  entitlement(offering: Offering, tier: Tier, service: string): EntitlementParams | undefined;
  /** The special service as this offering may sell it; undefined when it may not. */
  special(offering: Offering, service: string): SpecialServiceParams | undefined;
  isSpecial(service: string): boolean;
  /** Tier services of an offering, in catalog order. */
  tierServices(offering: Offering): readonly string[];
  specialServices(): readonly string[];
  knownServices(): readonly string[];
  isKnown(service: string): boolean;
  /** The working calendar response windows of this offering × tier × service are counted on. */
  calendarFor(offering: Offering, tier: Tier, service: string): Calendar;
  calendarNamed(name: string): Calendar | undefined;
  /** The 解决时限 row that applies (the most specific); undefined when the workbook sets none for it. */
  resolutionFor(offering: Offering, tier: Tier, service: string): ResolutionParams | undefined;
  /** The version's price list (its 价格 sheet); null when the workbook had none. */
  prices(): PriceList | null;
}

/** Rows naming more of offering, tier and service are more specific; the most specific one applies. */
const specificity = (p: Pick<CalendarParams, 'offering' | 'tier' | 'service'>) => Number(p.offering !== null) + Number(p.tier !== null) * 2 + Number(p.service !== null) * 4;

const key = (...parts: string[]) => parts.join('|');

export async function compilePolicy(ref: { id: number; version: number }, doc: RulesDocument): Promise<CompiledPolicy> {
  const engine = createPolicyEngine(doc);
  const tierCodes = new Map<Offering, string[]>(OFFERINGS.map((o) => [o, []]));
  const specialCodes: string[] = [];
  for (const rule of doc.rules) {
    if (rule.event.type === 'entitlement') {
      const list = tierCodes.get(rule.event.params.offering)!;
      if (!list.includes(rule.event.params.service)) list.push(rule.event.params.service);
    } else if (rule.event.type === 'special_service' && !specialCodes.includes(rule.event.params.service)) {
      specialCodes.push(rule.event.params.service);
    }
  }
  const allTierCodes = [...new Set([...tierCodes.values()].flat())];

  const entitlements = new Map<string, EntitlementParams>();
  const specials = new Map<string, SpecialServiceParams>();
  const calendarNames = new Map<string, CalendarParams>();
  const resolutions = new Map<string, ResolutionParams>();
  /** The most specific of the matching rows wins, whatever order the engine fires them in. */
  const keepMostSpecific = <P extends Pick<CalendarParams, 'offering' | 'tier' | 'service'>>(into: Map<string, P>, k: string, p: P) => {
    const current = into.get(k);
    if (!current || specificity(p) > specificity(current)) into.set(k, p);
  };
  for (const offering of OFFERINGS) {
    for (const tier of TIERS) {
      for (const service of allTierCodes) {
        for (const event of await engine.run({ offering, tier, service })) {
          const k = key(offering, tier, service);
          if (event.type === 'entitlement') entitlements.set(k, event.params);
          else if (event.type === 'calendar') keepMostSpecific(calendarNames, k, event.params);
          else if (event.type === 'resolution') keepMostSpecific(resolutions, k, event.params);
        }
      }
    }
    for (const service of specialCodes) {
      for (const event of await engine.run({ offering, service })) {
        if (event.type === 'special_service') specials.set(key(offering, service), event.params);
        // A special service has no tier: rows naming a tier do not match it, rows without one do.
        else if (event.type === 'resolution') keepMostSpecific(resolutions, key(offering, '', service), event.params);
      }
    }
  }
  const calendars = buildPolicyCalendars(doc);
  const standard = calendars.byName(STANDARD_CALENDAR_NAME)!;
  const known = [...allTierCodes, ...specialCodes.filter((c) => !allTierCodes.includes(c))];
  // Asked on every check: a set, not a scan of a catalog that may hold thousands of services.
  const knownSet = new Set(known);
  const specialSet = new Set(specialCodes);

  return {
    id: ref.id,
    version: ref.version,
    workbookSha256: doc.workbookSha256,
    entitlement: (offering, tier, service) => entitlements.get(key(offering, tier, service)),
    special: (offering, service) => specials.get(key(offering, service)),
    isSpecial: (service) => specialSet.has(service),
    tierServices: (offering) => tierCodes.get(offering) ?? [],
    specialServices: () => specialCodes,
    knownServices: () => known,
    isKnown: (service) => knownSet.has(service),
    calendarFor: (offering, tier, service) => {
      const assigned = calendarNames.get(key(offering, tier, service));
      return (assigned && calendars.byName(assigned.calendar)) || standard;
    },
    calendarNamed: (name) => calendars.byName(name),
    resolutionFor: (offering, tier, service) => resolutions.get(key(offering, tier, service)) ?? resolutions.get(key(offering, '', service)),
    prices: () => doc.prices ?? null,
  };
}
