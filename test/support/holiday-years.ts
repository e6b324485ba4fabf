// The years the holiday-readiness check must call missing today, worked out here from the rule as written
// (this year always; next year from 1 November; minus the shipped years and those the policy lists), so that
// tests run on any date say what they expect of the warning, rather than that there is none.
import { chinaHolidayData } from '../../src/calendar/china-holidays.ts';

/** The sample workbook's 节假日 sheet lists this year in full. */
export const SAMPLE_HOLIDAY_YEARS = [2026];

export function expectedMissingYears(now: Date = new Date(), policyYears: readonly number[] = SAMPLE_HOLIDAY_YEARS): number[] {
  const shanghai = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = Number(shanghai.slice(0, 4));
  const checked = shanghai.slice(5) >= '11-01' ? [year, year + 1] : [year];
  const known = new Set([...chinaHolidayData().years, ...policyYears]);
  return checked.filter((y) => !known.has(y));
}

/** The warning codes an upload's summary carries for those years, beside the workbook's own (none: []). */
export function holidayWarningCodes(now: Date = new Date(), policyYears?: readonly number[]): { code: string; found: string }[] {
  return expectedMissingYears(now, policyYears).map((y) => ({ code: 'NO_HOLIDAY_DATA_FOR_YEAR', found: String(y) }));
}
