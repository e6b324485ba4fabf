// How far the business-time searches look before judging a calendar to have no working time
// (SEARCH_HORIZON_YEARS: the start's year and the ten after it), and what each refusal says.
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, holidayDataWarnings, isWorkingTime, nextWorkingMoment, SEARCH_HORIZON_YEARS } from '../../src/calendar/business-time.ts';
import { createCalendar } from '../../src/calendar/calendar-definition.ts';
import { NoWorkingTimeError, type Calendar } from '../../src/calendar/calendar-types.ts';
import { standardCalendar } from '../../src/calendar/china-holidays.ts';
import { formatShanghaiIso } from '../../src/calendar/shanghai-time.ts';
import { hours, sh } from './calendar-helpers.ts';

/** Mondays 09:00–17:00, with every day a holiday from 2026 up to the end of `lastClosedYear`. */
function closedUntil(lastClosedYear: number): Calendar {
  const holidays: Record<string, string> = {};
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(lastClosedYear + 1, 0, 1); t += 86_400_000) holidays[new Date(t).toISOString().slice(0, 10)] = '停业';
  return createCalendar({ name: 'closed', week: { 1: [{ start: 9 * 60, end: 17 * 60 }] }, holidays, makeUpDays: {}, yearsWithData: [2026] });
}

describe('the search horizon', () => {
  it('is ten years', () => {
    expect(SEARCH_HORIZON_YEARS).toBe(10);
  });

  it('finds working time in the tenth year after the start’s year (2036 from 2026)', () => {
    const calendar = closedUntil(2035);
    // 2036-01-07 is the first Monday of 2036.
    expect(formatShanghaiIso(nextWorkingMoment(calendar, sh('2026-03-10 10:00')))).toBe(formatShanghaiIso(sh('2036-01-07 09:00')));
    expect(formatShanghaiIso(addBusinessTime(calendar, sh('2026-03-10 10:00'), hours(1)).at)).toBe(formatShanghaiIso(sh('2036-01-07 10:00')));
  });

  it('gives up when the first working time is eleven years after the start’s year (2037 from 2026)', () => {
    const calendar = closedUntil(2036);
    expect(() => nextWorkingMoment(calendar, sh('2026-03-10 10:00'))).toThrow(NoWorkingTimeError);
    expect(() => addBusinessTime(calendar, sh('2026-03-10 10:00'), hours(1))).toThrow(NoWorkingTimeError);
    expect(() => addBusinessTime(calendar, sh('2026-03-10 10:00'), hours(1))).toThrow('calendar "closed" has no working time within 10 years after 2026-03-10T02:00:00.000Z');
  });
});

describe('refusing an instant or a duration that is not one', () => {
  const calendar = standardCalendar();
  it.each([
    ['isWorkingTime', () => isWorkingTime(calendar, Number.NaN), 'ms must be a finite number of epoch milliseconds, not NaN'],
    ['nextWorkingMoment', () => nextWorkingMoment(calendar, Number.POSITIVE_INFINITY), 'ms must be a finite number of epoch milliseconds, not Infinity'],
    ['addBusinessTime start', () => addBusinessTime(calendar, Number.NaN, 1), 'startMs must be a finite number of epoch milliseconds, not NaN'],
    ['addBusinessTime duration', () => addBusinessTime(calendar, 0, -1), 'durationMs must be a finite number ≥ 0, not -1'],
    ['businessTimeBetween from', () => businessTimeBetween(calendar, Number.NaN, 0), 'fromMs must be a finite number of epoch milliseconds, not NaN'],
    ['businessTimeBetween to', () => businessTimeBetween(calendar, 0, Number.NaN), 'toMs must be a finite number of epoch milliseconds, not NaN'],
    ['holidayDataWarnings from', () => holidayDataWarnings(calendar, Number.NaN, 0), 'fromMs must be a finite number of epoch milliseconds, not NaN'],
    ['holidayDataWarnings to', () => holidayDataWarnings(calendar, 0, Number.NaN), 'toMs must be a finite number of epoch milliseconds, not NaN'],
  ])('%s', (_what, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
