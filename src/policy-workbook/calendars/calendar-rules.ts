// The 服务时间 sheet in a rules document: one `calendar` rule per assignment row, and the calendars as data beside
// the rules in the `calendars` section, which also holds the 节假日 rows (holidays/): both are read back for export.
import { OFFERINGS, type Offering, type Tier } from '../../catalog/catalog-codes.ts';
import type { CalendarAssignment, CalendarEntry, Catalog, HolidayEntry } from '../../catalog/catalog.ts';
import { scopePriority } from '../scope-rows.ts';
import { cellRefOf, type AnyRule, type FactCondition, type RuleOf, type RuleSource, type SourceOf } from '../rules-base.ts';

/** Which working calendar an offering × tier × service counts its response windows on; null keys match any. */
export interface CalendarParams {
  calendar: string;
  offering: Offering | null;
  tier: Tier | null;
  service: string | null;
  source: RuleSource;
}

export type CalendarRule = RuleOf<'calendar', CalendarParams>;

export const isCalendarRule = (rule: AnyRule): rule is CalendarRule => rule.event.type === 'calendar';

export type CalendarDefinitionRecord = Omit<CalendarEntry, 'source'> & { source: RuleSource };
export type HolidayRecord = Omit<HolidayEntry, 'source'> & { source: RuleSource };

/** The workbook's 服务时间 calendars and 节假日 rows; which calendar applies where is in the `calendar` rules. */
export interface CalendarsSection {
  definitions: CalendarDefinitionRecord[];
  holidays: HolidayRecord[];
}

/** A rules document as the calendar and holiday kinds see it. */
export interface CalendarsView {
  rules: AnyRule[];
  /** Absent when the workbook has no 服务时间 or 节假日 table (and in documents stored before they existed). */
  calendars?: CalendarsSection;
}

/** The section, made when the first of its kinds has something for it: a document without either keeps its form. */
export function calendarsSectionOf(doc: CalendarsView): CalendarsSection {
  return (doc.calendars ??= { definitions: [], holidays: [] });
}

/** Service > tier > offering (scope-rows.ts): no two matching rows of different scope ever tie. */
export const calendarRulePriority = scopePriority;

/** One rule per assignment row, in workbook order; rows without any key match every offering. */
export function calendarRules(assignments: readonly CalendarAssignment[], src: SourceOf): CalendarRule[] {
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

/** The assignment rules and the calendars of the workbook; a workbook without either adds nothing. */
export function buildCalendars(catalog: Catalog, into: CalendarsView, src: SourceOf): void {
  into.rules.push(...calendarRules(catalog.calendarAssignments, src));
  if (catalog.calendars.length === 0 && catalog.calendarAssignments.length === 0) return;
  calendarsSectionOf(into).definitions = catalog.calendars.map((c) => ({ name: c.name, week: c.week, observesHolidays: c.observesHolidays, source: src(c.source) }));
}

/** The catalog's calendars and assignments back from a rules document, for export. */
export function calendarsFromRules(doc: CalendarsView, into: Catalog): void {
  into.calendarAssignments = doc.rules.flatMap((rule) => {
    if (!isCalendarRule(rule)) return [];
    const { source, ...assignment } = rule.event.params;
    return [{ ...assignment, source: cellRefOf(source) }];
  });
  into.calendars = (doc.calendars?.definitions ?? []).map((c) => ({ ...c, source: cellRefOf(c.source) }));
}
