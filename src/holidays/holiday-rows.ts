// Holiday rows an admin adds (typed row by row, or read from the State Council's notice), checked and laid over
// a policy version's 节假日 rows: what each row adds or changes, and what is wrong with them. Pure.
import { chinaHolidayData } from '../calendar/china-holidays.ts';
import { dayOfDate, isoWeekdayOfDay } from '../calendar/shanghai-time.ts';
import { HOLIDAY_SHEET } from '../policy-workbook/holidays/holiday-export.ts';
import type { Catalog, HolidayEntry } from '../catalog/catalog.ts';
import { scheduledYears } from '../policy/policy-calendars.ts';
import { rowOf } from '../workbook/xlsx-refs.ts';
import { nameProblem, nameProblemText } from '../shared/name-text.ts';

export type HolidayKind = 'off' | 'work';

export interface HolidayRowInput {
  /** YYYY-MM-DD. */
  date: string;
  kind: HolidayKind;
  name: string;
}

/** A holiday's name is shown in deadline proofs and on the calendar; the 节假日 sheet's 名称 cell holds it. */
export const HOLIDAY_NAME_MAX = 40;

export type RowStatus = 'added' | 'changed' | 'unchanged';

export interface PlannedRow extends HolidayRowInput {
  status: RowStatus;
  /** The base version's row for the date, when it had one. */
  was: { kind: HolidayKind; name: string } | null;
}

export interface RowProblem {
  severity: 'error' | 'warning';
  code: 'BAD_DATE' | 'BAD_NAME' | 'DATE_CONFLICT' | 'DUPLICATE_DATE' | 'MAKE_UP_DAY_ON_WEEKDAY' | 'YEAR_INCOMPLETE' | 'NO_ROWS';
  /** 1-based position among the rows given; null for a problem of the rows as a whole. */
  row: number | null;
  field: 'date' | 'kind' | 'name' | null;
  message: { zh: string; en: string };
}

export interface HolidayPlan {
  /** One per date, sorted by date; the first row given for a date stands. */
  rows: PlannedRow[];
  problems: RowProblem[];
  /** Years the rows touch, and whether each then has a schedule (shipped, or days off under 3 names). */
  years: { year: number; covered: boolean }[];
  added: number;
  changed: number;
}

const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const KIND_ZH = { off: '休', work: '班' } as const;

/** Checks the rows against each other and against `base` (the version's 节假日 rows), and plans what changes. */
export function planHolidayRows(base: readonly Pick<HolidayEntry, 'date' | 'kind' | 'name'>[], rows: readonly HolidayRowInput[]): HolidayPlan {
  const problems: RowProblem[] = [];
  const byDate = new Map(base.map((h) => [h.date, h]));
  const planned = new Map<string, PlannedRow & { index: number }>();
  const shippedHolidays = chinaHolidayData().holidays;
  if (rows.length === 0) problems.push({ severity: 'error', code: 'NO_ROWS', row: null, field: null, message: { zh: '没有要添加的日期。', en: 'There are no days to add.' } });

  rows.forEach((input, i) => {
    const at = i + 1;
    const name = input.name.trim();
    const day = dayOfDate(input.date);
    if (day === null || !/^20\d\d-/.test(input.date)) {
      problems.push({ severity: 'error', code: 'BAD_DATE', row: at, field: 'date', message: { zh: `第 ${at} 行的日期“${input.date}”不是 2000–2099 年间的日期。`, en: `Row ${at}: "${input.date}" is not a date in 2000–2099.` } });
      return;
    }
    const bad = nameProblem(name, HOLIDAY_NAME_MAX);
    if (bad) {
      const why = nameProblemText(bad, HOLIDAY_NAME_MAX);
      problems.push({ severity: 'error', code: 'BAD_NAME', row: at, field: 'name', message: { zh: `第 ${at} 行(${input.date})的名称${why.zh}。`, en: `Row ${at} (${input.date}): the name ${why.en}.` } });
      return;
    }
    const seen = planned.get(input.date);
    if (seen) {
      const conflict = seen.kind !== input.kind;
      problems.push({
        severity: conflict ? 'error' : 'warning',
        code: conflict ? 'DATE_CONFLICT' : 'DUPLICATE_DATE',
        row: at,
        field: 'date',
        message: conflict
          ? { zh: `${input.date} 在第 ${seen.index} 行是“${KIND_ZH[seen.kind]}”,在第 ${at} 行是“${KIND_ZH[input.kind]}”:请删除其中一行。`, en: `${input.date} is ${seen.kind === 'off' ? 'a day off' : 'a working day'} in row ${seen.index} and ${input.kind === 'off' ? 'a day off' : 'a working day'} in row ${at}: remove one.` }
          : { zh: `${input.date} 重复出现,以第 ${seen.index} 行为准。`, en: `${input.date} appears twice; row ${seen.index} stands.` },
      });
      return;
    }
    const weekday = isoWeekdayOfDay(day);
    if (input.kind === 'work' && weekday <= 5 && shippedHolidays[input.date] === undefined && byDate.get(input.date)?.kind !== 'off') {
      problems.push({
        severity: 'warning',
        code: 'MAKE_UP_DAY_ON_WEEKDAY',
        row: at,
        field: 'date',
        message: { zh: `${input.date} 是${WEEKDAY_ZH[weekday]},本来就上班:这一行不起作用,请检查日期。`, en: `${input.date} is a ${WEEKDAY_EN[weekday]} and worked anyway: the row changes nothing; check the date.` },
      });
    }
    const was = byDate.get(input.date);
    const status: RowStatus = !was ? 'added' : was.kind === input.kind && was.name === name ? 'unchanged' : 'changed';
    planned.set(input.date, { date: input.date, kind: input.kind, name, status, was: was ? { kind: was.kind, name: was.name } : null, index: at });
  });

  const list = [...planned.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)).map(({ index: _index, ...row }) => row);
  const merged = [...base.filter((h) => !planned.has(h.date)), ...list];
  const covered = scheduledYears(merged);
  const shipped = new Set(chinaHolidayData().years);
  const years = [...new Set(list.map((r) => Number(r.date.slice(0, 4))))].sort((a, b) => a - b).map((year) => ({ year, covered: shipped.has(year) || covered.has(year) }));
  for (const { year } of years.filter((y) => !y.covered)) {
    problems.push({
      severity: 'warning',
      code: 'YEAR_INCOMPLETE',
      row: null,
      field: null,
      message: {
        zh: `${year} 年的放假日不足 3 个节日:该年仍按“没有节假日数据”处理,截止时间只按每周工作时间计算。请补全该年的安排。`,
        en: `${year} has days off under fewer than 3 holiday names: it still counts as having no holiday data, and deadlines there use the weekly schedule alone. Add the rest of its schedule.`,
      },
    });
  }
  return { rows: list, problems, years, added: list.filter((r) => r.status === 'added').length, changed: list.filter((r) => r.status === 'changed').length };
}

/**
 * The catalog with the planned rows laid over its 节假日 rows: a changed date keeps its cell, a new one goes
 * after the last holiday row of the sheet holding them (a new 节假日 sheet when there is none), in date order.
 * Written back through the standard export, the workbook then re-imports to the same rules plus these days.
 */
export function catalogWithRows(catalog: Catalog, rows: readonly PlannedRow[]): Catalog {
  const changes = new Map(rows.filter((r) => r.status !== 'unchanged').map((r) => [r.date, r]));
  const holidays = catalog.holidays.map((h) => {
    const row = changes.get(h.date);
    if (!row) return h;
    changes.delete(h.date);
    return { ...h, kind: row.kind, name: row.name };
  });
  const sheet = catalog.holidays.at(-1)?.source.sheet ?? HOLIDAY_SHEET;
  // Row numbers only order the rows within their table on export: past every row the sheet's tables use is safe.
  const used = [...catalog.holidays.map((h) => h.source), ...catalog.calendars.map((c) => c.source), ...catalog.calendarAssignments.map((a) => a.source)]
    .filter((s) => s.sheet === sheet)
    .map((s) => rowOf(s.cell));
  let next = Math.max(2, ...used) + 1;
  for (const row of changes.values()) holidays.push({ date: row.date, kind: row.kind, name: row.name, source: { sheet, cell: `A${next++}` } });
  return { ...catalog, holidays };
}
