// Checks across the 服务时间 tables of a workbook, once every sheet is read: calendar names defined twice,
// assignments naming unknown calendars or services, rows that contradict each other, calendars nobody uses.
import { STANDARD_CALENDAR_NAME } from '../../calendar/china-holidays.ts';
import type { Catalog, CalendarAssignment, CalendarEntry } from '../../catalog/catalog.ts';
import type { PendingAssignment } from './calendar-assignment-parser.ts';
import type { CalendarRow } from './calendar-table-parser.ts';
import { matchKey } from '../../workbook/cell-text.ts';
import { importError, type ImportIssue, importWarning, pushOnce } from '../../workbook/import-issue.ts';
import { catalogServiceLookup, describeScope, unknownScopeService } from '../scope-rows.ts';

const where = (ref: { sheet: string; cell: string }) => `${ref.sheet}!${ref.cell}`;

/** The first row of each name; rows with errors count, so a name defined twice is reported even while one row is bad. */
function uniqueCalendars(calendars: readonly CalendarRow[], issues: ImportIssue[]): Map<string, CalendarRow> {
  const byKey = new Map<string, CalendarRow>();
  for (const entry of calendars) {
    const first = byKey.get(matchKey(entry.name));
    if (!first) {
      byKey.set(matchKey(entry.name), entry);
      continue;
    }
    issues.push(
      importError({
        code: 'DUPLICATE_CALENDAR',
        sheet: entry.source.sheet,
        cell: entry.source.cell,
        found: entry.name,
        expected: `每个日历名称只定义一次(已在 ${where(first.source)})`,
        expectedEn: `each calendar defined once (already at ${where(first.source)})`,
        message: `日历“${entry.name}”重复定义:请删除一行,或改用另一个名称。`,
        messageEn: `The calendar "${entry.name}" is defined twice: remove a row or rename it.`,
      }),
    );
  }
  return byKey;
}

export interface CalendarSheets {
  calendars: CalendarEntry[];
  calendarAssignments: CalendarAssignment[];
  issues: ImportIssue[];
}

export function checkCalendars(calendars: readonly CalendarRow[], pending: readonly PendingAssignment[], catalog: Catalog): CalendarSheets {
  const issues: ImportIssue[] = [];
  const defined = uniqueCalendars(calendars, issues);
  const valid = [...defined.values()].flatMap((row) => (row.entry ? [row.entry] : []));
  const names = new Map([[matchKey(STANDARD_CALENDAR_NAME), STANDARD_CALENDAR_NAME], ...[...defined].map(([k, e]) => [k, e.name] as [string, string])]);
  const serviceOf = catalogServiceLookup(catalog);
  const known = [STANDARD_CALENDAR_NAME, ...[...defined.values()].map((e) => e.name).filter((n) => n !== STANDARD_CALENDAR_NAME)];

  const assignments: CalendarAssignment[] = [];
  const byKey = new Map<string, CalendarAssignment>();
  const used = new Set<string>();
  for (const row of pending) {
    const service = row.service === null ? null : serviceOf(row.service.text);
    const calendar = names.get(matchKey(row.calendar.text)) ?? null;
    if (row.service !== null && service === null) {
      pushOnce(issues, unknownScopeService(row.source.sheet, row.service));
    }
    if (calendar === null) {
      pushOnce(
        issues,
        importError({
          code: 'UNKNOWN_CALENDAR',
          sheet: row.source.sheet,
          cell: row.calendar.reportAt,
          found: row.calendar.text,
          expected: `已定义的日历:${known.join('、')}`,
          expectedEn: `a defined calendar: ${known.join(', ')}`,
          message: `日历“${row.calendar.text}”没有定义:请在日历表中定义它,或改用已有的日历。`,
          messageEn: `The calendar "${row.calendar.text}" is not defined: define it in the calendar table, or use an existing one.`,
        }),
      );
    }
    if ((row.service !== null && service === null) || calendar === null) continue;
    used.add(calendar);
    const assignment: CalendarAssignment = { offering: row.offering, tier: row.tier, service, calendar, source: row.source };
    const key = `${row.offering}|${row.tier}|${service}`;
    const first = byKey.get(key);
    if (!first) {
      byKey.set(key, assignment);
      assignments.push(assignment);
      continue;
    }
    const scope = describeScope(assignment);
    const base = { sheet: row.source.sheet, cell: row.source.cell, found: `${scope.zh} → ${calendar}` };
    if (first.calendar !== calendar) {
      issues.push(
        importError({
          ...base,
          code: 'CONFLICTING_CALENDAR',
          expected: `每个适用范围只指定一个日历(${where(first.source)} 已指定“${first.calendar}”)`,
          expectedEn: `one calendar for each scope (${where(first.source)} already says ${first.calendar})`,
          message: `${scope.zh} 同时指定了“${first.calendar}”和“${calendar}”:请删除其中一行。`,
          messageEn: `${scope.en} is given both ${first.calendar} and ${calendar}: remove one of the rows.`,
        }),
      );
    } else {
      issues.push(
        importWarning({
          ...base,
          code: 'DUPLICATE_ASSIGNMENT',
          expected: `每个适用范围只出现一次(已在 ${where(first.source)})`,
          expectedEn: `each scope once (already at ${where(first.source)})`,
          message: `${scope.zh} 重复出现,以 ${where(first.source)} 为准,此行已忽略。`,
          messageEn: `${scope.en} appears twice; ${where(first.source)} wins and this row is ignored.`,
        }),
      );
    }
  }

  for (const entry of valid) {
    if (entry.name === STANDARD_CALENDAR_NAME || used.has(entry.name)) continue;
    issues.push(
      importWarning({
        code: 'UNUSED_CALENDAR',
        sheet: entry.source.sheet,
        cell: entry.source.cell,
        found: entry.name,
        expected: '在“部署 | 服务产品 | 服务项目 | 日历”表中指定适用范围',
        expectedEn: 'a row of the 部署 | 服务产品 | 服务项目 | 日历 table that uses it',
        message: `日历“${entry.name}”没有被任何服务使用:没有指定日历的服务按“${STANDARD_CALENDAR_NAME}”计算。`,
        messageEn: `No service uses the calendar "${entry.name}"; services without a calendar count on ${STANDARD_CALENDAR_NAME}.`,
      }),
    );
  }
  return { calendars: valid, calendarAssignments: assignments, issues };
}
