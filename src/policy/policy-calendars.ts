// The working calendars of a policy version: the workbook's 服务时间 definitions over China's shipped
// holidays, with its 节假日 rows laid on top, and which calendar each offering × tier × service uses.
// Built once per compiled version; a deadline computed with a version never changes afterwards.
import { createCalendar, withHolidayRows } from '../calendar/calendar-definition.ts';
import { standardCalendar, standardCalendarDefinition, STANDARD_CALENDAR_NAME } from '../calendar/china-holidays.ts';
import type { Calendar, CalendarDefinition, HolidayRow, IsoWeekday } from '../calendar/calendar-types.ts';
import type { CalendarEntry } from '../catalog/catalog.ts';
import type { RulesDocument } from '../policy-workbook/rules-document.ts';

/** A calendar that ignores public holidays has "data" for every year: nothing is missing from it. */
const EVERY_YEAR = Array.from({ length: 400 }, (_, i) => 1900 + i);

/**
 * A year's published schedule names several holidays (元旦, 春节, 清明节 …). A workbook year with fewer
 * names — one company holiday typed in ahead of the State Council's announcement — is not that year's
 * holiday data, and deadlines reaching it still carry the missing-data warning.
 */
export const NAMES_FOR_A_SCHEDULE = 3;

/** The years the rows give a schedule for (days off under NAMES_FOR_A_SCHEDULE names); the readiness check shares it. */
export function scheduledYears(rows: readonly Pick<HolidayRow, 'date' | 'kind' | 'name'>[]): Set<number> {
  const names = new Map<number, Set<string>>();
  for (const row of rows) {
    if (row.kind !== 'off') continue;
    const year = Number(row.date.slice(0, 4));
    if (!names.has(year)) names.set(year, new Set());
    names.get(year)!.add(row.name);
  }
  return new Set([...names].filter(([, n]) => n.size >= NAMES_FOR_A_SCHEDULE).map(([year]) => year));
}

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function definitionOf(entry: Pick<CalendarEntry, 'name' | 'week' | 'observesHolidays'>): CalendarDefinition {
  const week: CalendarDefinition['week'] = {};
  for (const [day, periods] of Object.entries(entry.week)) {
    week[Number(day) as IsoWeekday] = (periods ?? []).map((p) => ({ start: minutesOf(p.start), end: minutesOf(p.end) }));
  }
  const china = standardCalendarDefinition();
  if (!entry.observesHolidays) return { name: entry.name, hoursPerWorkingDay: 8, week, holidays: {}, makeUpDays: {}, yearsWithData: EVERY_YEAR };
  return { ...china, name: entry.name, nameEn: entry.name === STANDARD_CALENDAR_NAME ? china.nameEn : undefined, week };
}

export interface PolicyCalendars {
  /** A calendar by name; the built-in 标准工作日 when the version does not define it. */
  byName(name: string): Calendar | undefined;
  names(): readonly string[];
}

export function buildPolicyCalendars(doc: RulesDocument): PolicyCalendars {
  const section = doc.calendars;
  // Older versions, and workbooks without the sheets, decide with the shipped 标准工作日.
  if (!section) {
    const standard = standardCalendar();
    return { byName: (name) => (name === STANDARD_CALENDAR_NAME ? standard : undefined), names: () => [STANDARD_CALENDAR_NAME] };
  }
  const rows: HolidayRow[] = section.holidays.map((h) => ({ date: h.date, kind: h.kind, name: h.name }));
  const covered = scheduledYears(rows);
  const definitions = new Map<string, Pick<CalendarEntry, 'name' | 'week' | 'observesHolidays'>>();
  definitions.set(STANDARD_CALENDAR_NAME, { name: STANDARD_CALENDAR_NAME, week: {}, observesHolidays: true });
  for (const d of section.definitions) definitions.set(d.name, d);
  const built = new Map<string, Calendar>();
  const build = (name: string): Calendar | undefined => {
    const entry = definitions.get(name);
    if (!entry) return undefined;
    let calendar = built.get(name);
    if (!calendar) {
      const base = entry.name === STANDARD_CALENDAR_NAME && Object.keys(entry.week).length === 0 ? standardCalendarDefinition() : definitionOf(entry);
      calendar = createCalendar(entry.observesHolidays ? { ...withHolidayRows(base, rows), yearsWithData: [...new Set([...base.yearsWithData, ...covered])] } : base);
      built.set(name, calendar);
    }
    return calendar;
  };
  return { byName: build, names: () => [...definitions.keys()] };
}
