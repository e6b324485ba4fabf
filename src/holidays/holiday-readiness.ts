// Whether the holidays are known for the years deadlines are about to reach. The State Council publishes next
// year's schedule in the autumn; from a lead date (1 November by default) next year must have holiday data, and
// the current year always must. A year has data when the shipped table lists it, or when a policy version that
// is active or scheduled lists days off under at least three holiday names for it: the rule the deadline code
// uses (src/policy/policy-calendars.ts), so that this warns exactly when deadlines would say NO_HOLIDAY_DATA.
import { HOLIDAY_SHEET } from '../policy-workbook/holidays/holiday-export.ts';
import { importWarning, type ImportIssue } from '../workbook/import-issue.ts';
import type { PolicyStatus } from '../policy/policy-views.ts';

export interface MonthDay {
  month: number;
  day: number;
}

export const DEFAULT_LEAD_DATE: MonthDay = { month: 11, day: 1 };

export type CoverageSource = { kind: 'shipped' } | { kind: 'policy'; version: number; status: PolicyStatus };

export interface YearReadiness {
  year: number;
  /** Why the year is checked: it is this year, or the lead date has passed and it is next year. */
  reason: 'current' | 'next';
  sources: CoverageSource[];
  covered: boolean;
}

export interface HolidayReadiness {
  /** The Shanghai date it was judged on. */
  today: string;
  /** MM-DD. */
  leadDate: string;
  years: YearReadiness[];
  /** Years checked and without data; empty when ready. */
  missing: number[];
}

export interface VersionCoverage {
  version: number;
  status: PolicyStatus;
  /** Years the version's 节假日 rows give a schedule for. */
  years: ReadonlySet<number>;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function formatMonthDay(md: MonthDay): string {
  return `${pad(md.month)}-${pad(md.day)}`;
}

/** `11-01` → { month: 11, day: 1 }, or null; 02-29 is refused, as most years have none. */
export function parseMonthDay(text: string): MonthDay | null {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  if (!m) return null;
  const [month, day] = [Number(m[1]), Number(m[2])];
  const d = new Date(Date.UTC(2027, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day ? { month, day } : null;
}

/** The years to check on `today` (YYYY-MM-DD, Shanghai): this year, and next year from the lead date on. */
export function yearsToCheck(today: string, lead: MonthDay): { year: number; reason: 'current' | 'next' }[] {
  const year = Number(today.slice(0, 4));
  const years: { year: number; reason: 'current' | 'next' }[] = [{ year, reason: 'current' }];
  if (today.slice(5) >= formatMonthDay(lead)) years.push({ year: year + 1, reason: 'next' });
  return years;
}

export function holidayReadiness(input: { today: string; lead: MonthDay; shippedYears: ReadonlySet<number>; versions: readonly VersionCoverage[] }): HolidayReadiness {
  const years = yearsToCheck(input.today, input.lead).map(({ year, reason }) => {
    const sources: CoverageSource[] = [];
    if (input.shippedYears.has(year)) sources.push({ kind: 'shipped' });
    for (const v of input.versions) if (v.years.has(year)) sources.push({ kind: 'policy', version: v.version, status: v.status });
    return { year, reason, sources, covered: sources.length > 0 };
  });
  return { today: input.today, leadDate: formatMonthDay(input.lead), years, missing: years.filter((y) => !y.covered).map((y) => y.year) };
}

/**
 * Days from `today` (YYYY-MM-DD, Shanghai) until the holiday data runs out: to the end of the last year of the unbroken
 * run of covered years that starts with this one (today counts as a day). 0 when this year has no data.
 */
export function holidayDaysLeft(today: string, covered: ReadonlySet<number>): number {
  const thisYear = Number(today.slice(0, 4));
  if (!covered.has(thisYear)) return 0;
  let last = thisYear;
  while (covered.has(last + 1)) last += 1;
  const start = Date.UTC(thisYear, Number(today.slice(5, 7)) - 1, Number(today.slice(8, 10)));
  return Math.round((Date.UTC(last + 1, 0, 1) - start) / 86_400_000);
}

const list = (years: readonly number[], sep: string) => years.map(String).join(sep);

/** What the banner, the policy pages, /readyz and the e-mail say when years are missing. */
export function readinessMessage(readiness: HolidayReadiness): { zh: string; en: string } | null {
  const { missing, today } = readiness;
  if (missing.length === 0) return null;
  const started = missing.filter((y) => `${y}-01-01` <= today);
  const zhYears = list(missing, '、');
  const enYears = list(missing, ' and ');
  const from = started.length > 0 ? { zh: '现在', en: 'Already now' } : { zh: `从 ${missing[0]}-01-01 起`, en: `From ${missing[0]}-01-01` };
  return {
    zh: `${zhYears} 年的法定节假日与调休上班日尚未录入:生效及已排期的策略版本和系统内置数据都没有 ${zhYears} 年的安排。${from.zh},这些年份的响应截止时间只按每周工作时间计算(不跳过春节等假期,调休上班日也不计入),并带有“没有节假日数据”的警告。请在“节假日”页面粘贴国务院办公厅的通知,生成新的策略草稿并启用。`,
    en: `The public holidays and make-up working days of ${enYears} have not been entered: neither the active or scheduled policy versions nor the shipped data have them. ${from.en}, response deadlines in ${enYears} are counted on the weekly schedule alone (Spring Festival and the other holidays are not skipped, make-up working days are not worked) and carry a no-holiday-data warning. Paste the State Council's notice on the Holidays page to make a new policy draft, then activate it.`,
  };
}

/**
 * The warning an upload (and a version's page) carries when that version, activated, would leave a year to be
 * checked without holiday data: judged on the version alone with the shipped data, not on what else is active.
 */
export function versionReadinessWarnings(readiness: HolidayReadiness): ImportIssue[] {
  return readiness.missing.map((year) =>
    importWarning({
      code: 'NO_HOLIDAY_DATA_FOR_YEAR',
      sheet: HOLIDAY_SHEET,
      found: `${year}`,
      expected: `${year} 年的法定节假日与调休上班日(至少 3 个节日的放假日)`,
      expectedEn: `the public holidays and make-up working days of ${year} (days off under at least 3 holiday names)`,
      message: `本版本的“节假日”表与系统内置数据都没有 ${year} 年的节假日:启用后,${year} 年的响应截止时间只按每周工作时间计算。请在“节假日”页面粘贴国务院办公厅的通知,或在工作簿的“节假日”表中补充。`,
      messageEn: `Neither this version's 节假日 sheet nor the shipped data has the holidays of ${year}: once it is active, deadlines in ${year} use the weekly schedule alone. Paste the State Council's notice on the Holidays page, or add them to the workbook's 节假日 sheet.`,
    }),
  );
}
