// What changes in the 服务时间 sheet when one rules document replaces another: calendars by name, assignments by
// offering × tier × service. Moved cells are not changes. The changes of the 节假日 rows (holidays/) stand in the
// same CalendarChanges, since deadlines move with either.
import type { Offering, Tier } from '../../catalog/catalog-codes.ts';
import { diffKeyed, same, type ChangeKind } from '../keyed-diff.ts';
import { isCalendarRule, type CalendarDefinitionRecord, type CalendarParams, type CalendarsView } from './calendar-rules.ts';

export type CalendarChangeKind = ChangeKind;

export interface HolidayChange {
  kind: CalendarChangeKind;
  date: string;
  /** The row before and after; null when absent. */
  from: { kind: 'off' | 'work'; name: string } | null;
  to: { kind: 'off' | 'work'; name: string } | null;
}

export interface CalendarDefinitionChange {
  kind: CalendarChangeKind;
  calendar: string;
  /** What differs: `week` (days or hours), `observesHolidays`; both for an added or removed calendar. */
  fields: ('week' | 'observesHolidays')[];
}

export interface CalendarAssignmentChange {
  kind: CalendarChangeKind;
  offering: Offering | null;
  tier: Tier | null;
  service: string | null;
  /** The calendar named before and after; null when no row named one (标准工作日 then applies). */
  from: string | null;
  to: string | null;
}

export interface CalendarChanges {
  holidays: HolidayChange[];
  definitions: CalendarDefinitionChange[];
  assignments: CalendarAssignmentChange[];
}

/** The calendar changes of a diff, made when the first of its kinds has a change: a diff without any keeps its form. */
export function calendarChangesOf(into: { calendars?: CalendarChanges }): CalendarChanges {
  return (into.calendars ??= { holidays: [], definitions: [], assignments: [] });
}

const definitionsOf = (doc: CalendarsView | null) => new Map<string, CalendarDefinitionRecord>((doc?.calendars?.definitions ?? []).map((d) => [d.name, d]));
const assignmentsOf = (doc: CalendarsView | null) =>
  new Map<string, CalendarParams>((doc?.rules ?? []).flatMap((r) => (isCalendarRule(r) ? [[`${r.event.params.offering}|${r.event.params.tier}|${r.event.params.service}`, r.event.params] as const] : [])));

/** Sets nothing when no calendar or assignment changed, so a diff without calendar changes keeps its old shape. */
export function diffCalendars(before: CalendarsView | null, after: CalendarsView, into: { calendars?: CalendarChanges }): void {
  const definitions = diffKeyed(definitionsOf(before), definitionsOf(after), (kind, was, now) => {
    const fields = (['week', 'observesHolidays'] as const).filter((f) => kind !== 'changed' || !same(was![f], now![f]));
    return fields.length === 0 ? null : { kind, calendar: (now ?? was)!.name, fields };
  });
  const assignments = diffKeyed(assignmentsOf(before), assignmentsOf(after), (kind, was, now) => {
    const p = (now ?? was)!;
    return kind === 'changed' && was!.calendar === now!.calendar
      ? null
      : { kind, offering: p.offering, tier: p.tier, service: p.service, from: was?.calendar ?? null, to: now?.calendar ?? null };
  });
  if (definitions.length + assignments.length === 0) return;
  const changes = calendarChangesOf(into);
  changes.definitions = definitions;
  changes.assignments = assignments;
}
