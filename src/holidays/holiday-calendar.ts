// A year's days off and make-up working days as a policy version sees them (the shipped table with the version's
// 节假日 rows laid over it, as its 标准工作日 counts them): month grids from Monday to Sunday, and the days grouped
// by holiday. Pure; the page renders it without any script.
import { chinaHolidayData } from '../calendar/china-holidays.ts';
import { addDays, dayOfDate, isoWeekdayOfDay } from '../calendar/shanghai-time.ts';
import type { HolidayKind } from './holiday-rows.ts';

export type DaySource = 'shipped' | 'workbook';

export interface HolidayDay {
  date: string;
  kind: HolidayKind;
  name: string;
  source: DaySource;
}

export interface DayCell {
  day: number;
  date: string;
  /** off/work: a listed day; weekend/weekday: the weekly schedule. */
  kind: 'off' | 'work' | 'weekend' | 'weekday';
  name: string | null;
  source: DaySource | null;
}

export interface MonthGrid {
  month: number;
  /** Weeks from Monday; null pads the days of the neighbouring months. */
  weeks: (DayCell | null)[][];
}

export interface HolidayGroup {
  name: string;
  nameEn: string | null;
  /** Runs of consecutive days off. */
  off: { from: string; to: string; days: number }[];
  work: string[];
  days: number;
  source: DaySource | 'both';
}

export interface HolidayYear {
  year: number;
  days: HolidayDay[];
  groups: HolidayGroup[];
  months: MonthGrid[];
}

/** English for a holiday name, also for one line naming two (国庆节、中秋节 → National Day / Mid-autumn Festival). */
export function holidayNameEn(name: string): string | null {
  const names = chinaHolidayData().namesEn;
  const parts = name.split('、').map((n) => names[n.replace(/调休上班$/, '')] ?? null);
  if (parts.some((p) => p === null)) return null;
  const en = parts.join(' / ');
  return name.endsWith('调休上班') ? `${en} (make-up working day)` : en;
}

/** The holiday a make-up day belongs to, by its name: 春节调休上班 → 春节. */
function holidayOfWorkDay(name: string): string {
  return name.replace(/(?:调休上班|调休|补班|上班)$/u, '') || name;
}

export function holidayDaysOf(year: number, rows: readonly { date: string; kind: HolidayKind; name: string }[]): HolidayDay[] {
  const china = chinaHolidayData();
  const prefix = `${year}-`;
  const days = new Map<string, HolidayDay>();
  for (const [date, name] of Object.entries(china.holidays)) if (date.startsWith(prefix)) days.set(date, { date, kind: 'off', name, source: 'shipped' });
  for (const [date, m] of Object.entries(china.makeUpDays)) if (date.startsWith(prefix)) days.set(date, { date, kind: 'work', name: m.name, source: 'shipped' });
  // As withHolidayRows lays them: a row replaces whatever the date was.
  for (const row of rows) if (row.date.startsWith(prefix)) days.set(row.date, { date: row.date, kind: row.kind, name: row.name, source: 'workbook' });
  return [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function groupsOf(days: readonly HolidayDay[]): HolidayGroup[] {
  const groups = new Map<string, HolidayGroup & { sources: Set<DaySource> }>();
  const groupFor = (name: string) => {
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { name, nameEn: holidayNameEn(name), off: [], work: [], days: 0, source: 'shipped', sources: new Set() }));
    return g;
  };
  for (const d of days.filter((x) => x.kind === 'off')) {
    const g = groupFor(d.name);
    const run = g.off.at(-1);
    if (run && addDays(run.to, 1) === d.date) {
      run.to = d.date;
      run.days += 1;
    } else g.off.push({ from: d.date, to: d.date, days: 1 });
    g.days += 1;
    g.sources.add(d.source);
  }
  for (const d of days.filter((x) => x.kind === 'work')) {
    const g = groupFor(holidayOfWorkDay(d.name));
    g.work.push(d.date);
    g.sources.add(d.source);
  }
  const first = (g: HolidayGroup) => g.off[0]?.from ?? g.work[0] ?? '';
  return [...groups.values()]
    .map(({ sources, ...g }) => ({ ...g, source: sources.size > 1 ? ('both' as const) : [...sources][0]! }))
    .sort((a, b) => (first(a) < first(b) ? -1 : 1));
}

function monthsOf(year: number, days: readonly HolidayDay[]): MonthGrid[] {
  const byDate = new Map(days.map((d) => [d.date, d]));
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const first = `${year}-${String(month).padStart(2, '0')}-01`;
    const length = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const cells: (DayCell | null)[] = Array.from({ length: isoWeekdayOfDay(dayOfDate(first)!) - 1 }, () => null);
    for (let day = 1; day <= length; day++) {
      const date = addDays(first, day - 1);
      const listed = byDate.get(date);
      const weekend = isoWeekdayOfDay(dayOfDate(date)!) >= 6;
      cells.push({ day, date, kind: listed?.kind ?? (weekend ? 'weekend' : 'weekday'), name: listed?.name ?? null, source: listed?.source ?? null });
    }
    while (cells.length % 7 !== 0) cells.push(null);
    const weeks: (DayCell | null)[][] = [];
    for (let w = 0; w < cells.length; w += 7) weeks.push(cells.slice(w, w + 7));
    return { month, weeks };
  });
}

export function holidayYear(year: number, rows: readonly { date: string; kind: HolidayKind; name: string }[]): HolidayYear {
  const days = holidayDaysOf(year, rows);
  return { year, days, groups: groupsOf(days), months: monthsOf(year, days) };
}
