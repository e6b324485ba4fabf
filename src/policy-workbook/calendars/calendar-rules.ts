// The 服务时间 and 节假日 sheets in a rules document: one `calendar` rule per assignment row, and the
// calendars and holiday rows as data beside the rules.
import { OFFERINGS } from '../../catalog/catalog-codes.ts';
import type { CalendarAssignment, Catalog } from '../../catalog/catalog.ts';
import type { CellRef } from '../../catalog/cell-ref.ts';
import type { CalendarsSection, FactCondition, PolicyRule, RuleSource, RulesDocument } from '../rules-document.ts';

/**
 * Weights rather than a count of keys: service > tier > offering, so no two matching rows of different
 * scope ever tie (a row for cloud × premium and one for cloud × emergency_fault both name two keys).
 */
export function calendarRulePriority(a: Pick<CalendarAssignment, 'offering' | 'tier' | 'service'>): number {
  return 1 + Number(a.offering !== null) + 2 * Number(a.tier !== null) + 4 * Number(a.service !== null);
}

/** One rule per assignment row, in workbook order; rows without any key match every offering. */
export function calendarRules(assignments: readonly CalendarAssignment[], src: (ref: CellRef) => RuleSource): PolicyRule[] {
  return assignments.map((a) => {
    const keys = [
      ['offering', a.offering],
      ['tier', a.tier],
      ['service', a.service],
    ] as const;
    const conditions: FactCondition[] = keys.flatMap(([fact, value]) => (value === null ? [] : [{ fact, operator: 'equal' as const, value }]));
    // json-rules-engine needs at least one condition in `all`.
    if (conditions.length === 0) conditions.push({ fact: 'offering', operator: 'in', value: [...OFFERINGS] });
    return {
      name: `calendar.${a.offering ?? '*'}.${a.tier ?? '*'}.${a.service ?? '*'}`,
      priority: calendarRulePriority(a),
      conditions: { all: conditions },
      event: { type: 'calendar', params: { calendar: a.calendar, offering: a.offering, tier: a.tier, service: a.service, source: src(a.source) } },
    };
  });
}

/** The calendars and holidays of the workbook; undefined when it has no 服务时间 or 节假日 table, so older documents keep their form. */
export function calendarsSection(catalog: Catalog, src: (ref: CellRef) => RuleSource): CalendarsSection | undefined {
  if (catalog.calendars.length === 0 && catalog.holidays.length === 0 && catalog.calendarAssignments.length === 0) return undefined;
  return {
    definitions: catalog.calendars.map((c) => ({ name: c.name, week: c.week, observesHolidays: c.observesHolidays, source: src(c.source) })),
    holidays: catalog.holidays.map((h) => ({ date: h.date, kind: h.kind, name: h.name, source: src(h.source) })),
  };
}

const cellRef = (source: RuleSource): CellRef => ({ sheet: source.sheet, cell: source.cell });

/** The catalog's calendar parts back from a rules document, for export. */
export function calendarsFromRules(doc: RulesDocument): Pick<Catalog, 'calendars' | 'calendarAssignments' | 'holidays'> {
  const calendarAssignments = doc.rules.flatMap((rule) => {
    if (rule.event.type !== 'calendar') return [];
    const { source, ...assignment } = rule.event.params;
    return [{ ...assignment, source: cellRef(source) }];
  });
  return {
    calendars: (doc.calendars?.definitions ?? []).map((c) => ({ ...c, source: cellRef(c.source) })),
    calendarAssignments,
    holidays: (doc.calendars?.holidays ?? []).map((h) => ({ ...h, source: cellRef(h.source) })),
  };
}
