// What changes in the 服务时间 and 节假日 sheets when one rules document replaces another: holiday rows
// by date, calendars by name, assignments by offering × tier × service. Moved cells are not changes.
import type { Offering, Tier } from '../../catalog/catalog-codes.ts';
import type { CalendarDefinitionRecord, CalendarParams, HolidayRecord, RulesDocument } from '../rules-document.ts';

export type CalendarChangeKind = 'added' | 'removed' | 'changed';

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

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Keyed maps in document order; removals are listed after everything `after` still has. */
export function diffKeyed<T, C>(before: Map<string, T>, after: Map<string, T>, change: (kind: CalendarChangeKind, was: T | undefined, now: T | undefined) => C | null): C[] {
  const out: C[] = [];
  for (const [key, now] of after) {
    const was = before.get(key);
    const c = was === undefined ? change('added', undefined, now) : change('changed', was, now);
    if (c) out.push(c);
  }
  for (const [key, was] of before) {
    if (after.has(key)) continue;
    const c = change('removed', was, undefined);
    if (c) out.push(c);
  }
  return out;
}

const holidaysOf = (doc: RulesDocument | null) =>
  new Map<string, HolidayRecord>([...(doc?.calendars?.holidays ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1)).map((h) => [h.date, h]));
const definitionsOf = (doc: RulesDocument | null) => new Map<string, CalendarDefinitionRecord>((doc?.calendars?.definitions ?? []).map((d) => [d.name, d]));
const assignmentsOf = (doc: RulesDocument | null) =>
  new Map<string, CalendarParams>(
    (doc?.rules ?? []).flatMap((r) => (r.event.type === 'calendar' ? [[`${r.event.params.offering}|${r.event.params.tier}|${r.event.params.service}`, r.event.params] as const] : [])),
  );

/** null when nothing about calendars changed, so a diff without calendar changes keeps its old shape. */
export function diffCalendars(before: RulesDocument | null, after: RulesDocument): CalendarChanges | null {
  const row = (h: HolidayRecord | undefined) => (h ? { kind: h.kind, name: h.name } : null);
  const holidays = diffKeyed(holidaysOf(before), holidaysOf(after), (kind, was, now) =>
    kind === 'changed' && same(row(was), row(now)) ? null : { kind, date: (now ?? was)!.date, from: row(was), to: row(now) },
  );
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
  return holidays.length + definitions.length + assignments.length === 0 ? null : { holidays, definitions, assignments };
}
