// Checks across all 节假日 rows of a workbook: a date listed twice, make-up days that change nothing,
// and years the rows would claim to know without a single day off.
import { chinaHolidayData } from '../../calendar/china-holidays.ts';
import type { HolidayEntry } from '../../catalog/catalog.ts';
import { importError, importWarning, type ImportIssue } from '../../workbook/import-issue.ts';

const KIND_ZH = { off: '休', work: '班' } as const;
const where = (e: HolidayEntry) => `${e.source.sheet}!${e.source.cell}`;

/** ISO weekday of a 'YYYY-MM-DD' date. */
function isoWeekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
}

/** The rows to import, first occurrence of each date, and what is wrong with the rest. */
export function checkHolidays(rows: readonly HolidayEntry[]): { holidays: HolidayEntry[]; issues: ImportIssue[] } {
  const issues: ImportIssue[] = [];
  const first = new Map<string, HolidayEntry>();
  for (const row of rows) {
    const seen = first.get(row.date);
    if (!seen) {
      first.set(row.date, row);
      continue;
    }
    const base = { sheet: row.source.sheet, cell: row.source.cell, found: `${row.date} ${KIND_ZH[row.kind]} ${row.name}` };
    if (seen.kind !== row.kind) {
      issues.push(
        importError({
          ...base,
          code: 'HOLIDAY_CONFLICT',
          expected: `每个日期只出现一次(已在 ${where(seen)} 标为“${KIND_ZH[seen.kind]}”)`,
          expectedEn: `each date once (already ${seen.kind === 'off' ? 'a day off' : 'a working day'} at ${where(seen)})`,
          message: `${row.date} 既是休息日又是上班日:请删除其中一行。`,
          messageEn: `${row.date} is listed both as a day off and as a working day: remove one of the rows.`,
        }),
      );
      continue;
    }
    issues.push(
      importWarning({
        ...base,
        code: 'DUPLICATE_HOLIDAY',
        expected: `每个日期只出现一次(已在 ${where(seen)})`,
        expectedEn: `each date once (already at ${where(seen)})`,
        message: `${row.date} 重复出现,以 ${where(seen)}(“${seen.name}”)为准,此行已忽略。`,
        messageEn: `${row.date} appears twice; ${where(seen)} ("${seen.name}") wins and this row is ignored.`,
      }),
    );
  }
  const holidays = [...first.values()];
  return { holidays, issues: [...issues, ...makeUpDaysOnWeekdays(holidays), ...yearsWithoutDaysOff(holidays)] };
}

/** A weekday is worked anyway unless it is a public holiday: a 班 row there changes nothing. */
function makeUpDaysOnWeekdays(rows: HolidayEntry[]): ImportIssue[] {
  const shipped = chinaHolidayData().holidays;
  return rows
    .filter((row) => row.kind === 'work' && isoWeekday(row.date) <= 5 && shipped[row.date] === undefined)
    .map((row) =>
      importWarning({
        code: 'MAKE_UP_DAY_ON_WEEKDAY',
        sheet: row.source.sheet,
        cell: row.source.cell,
        found: `${row.date} ${KIND_ZH[row.kind]} ${row.name}`,
        expected: '调休上班日是周六或周日',
        expectedEn: 'a make-up working day on a Saturday or Sunday',
        message: `${row.date} 是工作日,本来就上班:这一行不起作用,请检查日期。`,
        messageEn: `${row.date} is a weekday and worked anyway: the row changes nothing; check the date.`,
      }),
    );
}

/**
 * Any row makes its year one whose holidays are known, so deadlines there carry no missing-data warning.
 * A year the shipped data lacks, listed with make-up days only, would then silently have no holidays at all.
 */
function yearsWithoutDaysOff(rows: HolidayEntry[]): ImportIssue[] {
  const shipped = new Set(chinaHolidayData().years);
  const byYear = new Map<number, HolidayEntry[]>();
  for (const row of rows) {
    const year = Number(row.date.slice(0, 4));
    byYear.set(year, [...(byYear.get(year) ?? []), row]);
  }
  return [...byYear]
    .filter(([year, list]) => !shipped.has(year) && list.every((row) => row.kind === 'work'))
    .map(([year, list]) =>
      importWarning({
        code: 'HOLIDAY_YEAR_WITHOUT_DAYS_OFF',
        sheet: list[0]!.source.sheet,
        cell: list[0]!.source.cell,
        found: `${year}: ${list.length} 个上班日 working day(s)`,
        expected: `${year} 年的全部法定节假日(“休”)与调休上班日(“班”)`,
        expectedEn: `all of ${year}'s public holidays (休) with its make-up working days (班)`,
        message: `${year} 年只列了调休上班日,没有任何休息日:该年将被当作没有法定节假日。请补全该年的节假日。`,
        messageEn: `${year} lists make-up working days but no day off: that year would count as having no public holidays. Add its holidays.`,
      }),
    );
}
