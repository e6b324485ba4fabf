// The 节假日 sheet as a sheet kind: days off (休) and make-up working days (班) that extend and override China's
// shipped holiday data, recognised by their header (日期 | 类型 | 名称) wherever it stands and checked across the
// whole workbook once it is read. In the rules document they stand in the calendars section beside the 服务时间
// sheet's calendars (calendars/), which are built on them.
import type { Catalog, HolidayEntry } from '../../catalog/catalog.ts';
import { calendarsSectionOf, type CalendarsView } from '../calendars/calendar-rules.ts';
import { cellRefOf, type SourceOf } from '../rules-base.ts';
import type { SheetKind } from '../sheet-kind.ts';
import { checkHolidays } from './holiday-checks.ts';
import { diffHolidays } from './holiday-diff.ts';
import { holidayTables } from './holiday-export.ts';
import { HOLIDAY_DATE_WORDS, HOLIDAY_KIND_WORDS, HOLIDAY_NAME_WORDS, isHolidayHeader, parseHolidayTable } from './holiday-table-parser.ts';

export const HOLIDAYS_KIND: SheetKind = {
  name: 'holidays',
  tables: { holidays: { zh: '节假日', en: 'Holidays' } },
  sheetRole: 'holidays',
  summaryList: 'calendarTables',
  hiddenTables: { zh: '节假日或服务时间表', en: 'holiday or calendar table' },

  vocabulary: { columns: { date: HOLIDAY_DATE_WORDS, kind: HOLIDAY_KIND_WORDS, name: HOLIDAY_NAME_WORDS } },
  orientations: ['rows'],

  tableAt: (row, sheet) => (isHolidayHeader(row, sheet.name) ? 'holidays' : null),

  startReading() {
    const holidays: HolidayEntry[] = [];
    return {
      read({ kind, sheet, header, rows }) {
        const parsed = parseHolidayTable(sheet, header, rows);
        holidays.push(...parsed.entries);
        return { issues: parsed.issues, summary: { kind, headerCell: header.cells[0]!.address, rows: parsed.entries.length } };
      },
      finish(catalog) {
        if (holidays.length === 0) return [];
        const checked = checkHolidays(holidays);
        catalog.holidays = checked.holidays;
        return checked.issues;
      },
    };
  },

  build(catalog: Catalog, into: CalendarsView, src: SourceOf) {
    if (catalog.holidays.length === 0) return;
    calendarsSectionOf(into).holidays = catalog.holidays.map((h) => ({ date: h.date, kind: h.kind, name: h.name, source: src(h.source) }));
  },

  fromRules(doc: CalendarsView, into: Catalog) {
    into.holidays = (doc.calendars?.holidays ?? []).map((h) => ({ ...h, source: cellRefOf(h.source) }));
  },

  export: holidayTables,
  diff: diffHolidays,
};
