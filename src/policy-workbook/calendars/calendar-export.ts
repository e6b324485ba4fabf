// The 服务时间 sheet's tables written back (工作日历, then 日历适用范围), in the layout the importer reads, headed in
// the language asked for; the sample workbooks use the same layout.
import type { Names } from '../../catalog/catalog-names.ts';
import type { CalendarAssignment, CalendarEntry, Catalog } from '../../catalog/catalog.ts';
import type { WorkbookLang } from '../column-words.ts';
import { tablesBySheet } from '../exported-tables.ts';
import { anyIn, layoutIn, offeringIn, serviceIn, tierIn, type TableSpec } from '../export-words.ts';
import { SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, TIER_NAME_WORDS } from '../shared-columns.ts';
import type { ExportedTable } from '../sheet-kind.ts';
import { ASSIGNMENT_CALENDAR_WORDS } from './calendar-assignment-parser.ts';
import { formatPeriods, formatWeekdays } from './calendar-cells.ts';
import { CALENDAR_NAME_WORDS, OBSERVES_WORDS, WORKDAY_WORDS, WORKING_HOURS_WORDS } from './calendar-table-parser.ts';

/** The sheet the sample (and a catalog that had none) keeps its calendars on. */
export const CALENDAR_SHEETS: Names = { zh: '服务时间', en: 'Calendars' };
export const CALENDAR_SHEET = CALENDAR_SHEETS.zh;
const WIDTHS = [20, 24, 36, 14];
export const CALENDAR_SPEC: TableSpec = {
  title: { zh: '一、工作日历', en: '1. Working calendars' },
  columns: [CALENDAR_NAME_WORDS, WORKDAY_WORDS, WORKING_HOURS_WORDS, OBSERVES_WORDS],
  widths: WIDTHS,
};
export const ASSIGNMENT_SPEC: TableSpec = {
  title: { zh: '二、日历适用范围', en: '2. Where each calendar applies' },
  columns: [SCOPE_OFFERING_WORDS, SCOPE_TIER_WORDS, TIER_NAME_WORDS, ASSIGNMENT_CALENDAR_WORDS],
  widths: WIDTHS,
};
export const CALENDAR_TABLE = layoutIn(CALENDAR_SPEC, 'zh');
export const ASSIGNMENT_TABLE = layoutIn(ASSIGNMENT_SPEC, 'zh');

/** Whether public holidays are kept, as the 法定节假日 column reads it back. */
export const OBSERVES_TEXT: Record<WorkbookLang, { observes: string; works: string }> = {
  zh: { observes: '休息', works: '照常' },
  en: { observes: 'Yes', works: 'No' },
};

const DAY_NAMES_EN = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The weekdays as an English office writes them (Mon-Fri, Sat, Sun); calendar-cells.ts reads them back to the same days. */
export function englishWeekdays(days: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${DAY_NAMES_EN[days[i]!]}-${DAY_NAMES_EN[days[j]!]}` : days.slice(i, j + 1).map((d) => DAY_NAMES_EN[d]).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** The cells the export writes for weekdays and periods, per language. */
const DAYS_TEXT: Record<WorkbookLang, (days: readonly number[]) => string> = { zh: formatWeekdays, en: englishWeekdays };
const PERIODS_SEPARATOR: Record<WorkbookLang, string> = { zh: '、', en: ', ' };

/** One row per group of weekdays with the same periods: one row for a calendar the importer read. */
function calendarRows(entry: CalendarEntry, lang: WorkbookLang): string[][] {
  const groups = new Map<string, number[]>();
  for (const [day, periods] of Object.entries(entry.week).sort(([a], [b]) => Number(a) - Number(b))) {
    const key = formatPeriods(periods ?? []);
    groups.set(key, [...(groups.get(key) ?? []), Number(day)]);
  }
  const observes = OBSERVES_TEXT[lang];
  return [...groups].map(([hours, days]) => [entry.name, DAYS_TEXT[lang](days), hours.replaceAll('、', PERIODS_SEPARATOR[lang]), entry.observesHolidays ? observes.observes : observes.works]);
}

function assignmentRow(a: CalendarAssignment, lang: WorkbookLang): string[] {
  return [
    a.offering ? offeringIn(a.offering, lang) : anyIn(lang),
    a.tier ? tierIn(a.tier, lang) : anyIn(lang),
    a.service ? serviceIn(a.service, lang) : anyIn(lang),
    // The calendar's name is what its owners typed: assignments and definitions meet on it.
    a.calendar,
  ];
}

export function calendarTables(catalog: Catalog, lang: WorkbookLang = 'zh'): ExportedTable[] {
  return [
    ...tablesBySheet(catalog.calendars, layoutIn(CALENDAR_SPEC, lang), (list) => list.flatMap((e) => calendarRows(e, lang))),
    ...tablesBySheet(catalog.calendarAssignments, layoutIn(ASSIGNMENT_SPEC, lang), (list) => list.map((a) => assignmentRow(a, lang))),
  ];
}
