// What changes in the 节假日 rows when one rules document replaces another: rows by date, a row's kind or name.
// They stand in the diff's calendar changes beside the 服务时间 sheet's (calendars/), since deadlines move with either.
import { calendarChangesOf, type CalendarChanges } from '../calendars/calendar-diff.ts';
import type { CalendarsView, HolidayRecord } from '../calendars/calendar-rules.ts';
import { diffKeyed, same } from '../keyed-diff.ts';

const holidaysOf = (doc: CalendarsView | null) =>
  new Map<string, HolidayRecord>([...(doc?.calendars?.holidays ?? [])].sort((a, b) => (a.date < b.date ? -1 : 1)).map((h) => [h.date, h]));

/** Sets nothing when no holiday row changed. */
export function diffHolidays(before: CalendarsView | null, after: CalendarsView, into: { calendars?: CalendarChanges }): void {
  const row = (h: HolidayRecord | undefined) => (h ? { kind: h.kind, name: h.name } : null);
  const holidays = diffKeyed(holidaysOf(before), holidaysOf(after), (kind, was, now) =>
    kind === 'changed' && same(row(was), row(now)) ? null : { kind, date: (now ?? was)!.date, from: row(was), to: row(now) },
  );
  if (holidays.length > 0) calendarChangesOf(into).holidays = holidays;
}
