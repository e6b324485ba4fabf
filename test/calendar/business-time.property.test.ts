import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessTime, businessTimeBetween, isWorkingTime, nextWorkingMoment } from '../../src/calendar/business-time.ts';
import type { Calendar } from '../../src/calendar/calendar-types.ts';
import { standardCalendar } from '../../src/calendar/china-holidays.ts';
import { days, sh } from './calendar-helpers.ts';

const calendar = standardCalendar();

/** Instants across 2025–2026, to the millisecond. */
const instant = fc.integer({ min: sh('2025-01-01 00:00'), max: sh('2027-01-01 00:00') - 1 });
/** 1 minute to 5 working days: whole minutes mostly, any millisecond count sometimes. */
const duration = fc.oneof(
  fc.integer({ min: 1, max: 5 * 8 * 60 }).map((m) => m * 60_000),
  fc.integer({ min: 1, max: days(5) }),
);

/**
 * A deliberately naive deadline: walk day by day through the calendar's own data with plain Date
 * arithmetic, none of the year tables. Slow, obviously right, and independent of the code under test.
 */
function referenceAdd(cal: Calendar, start: number, durationMs: number): number {
  let remaining = durationMs;
  const shanghai = new Date(start + 8 * 3_600_000);
  let midnight = Date.UTC(shanghai.getUTCFullYear(), shanghai.getUTCMonth(), shanghai.getUTCDate()) - 8 * 3_600_000;
  for (let i = 0; i < 3660; i++, midnight += 86_400_000) {
    const date = new Date(midnight + 8 * 3_600_000).toISOString().slice(0, 10);
    const weekday = ((new Date(midnight + 8 * 3_600_000).getUTCDay() + 6) % 7) + 1;
    const makeUp = cal.makeUpDays.get(date);
    const periods = cal.holidays.has(date) ? [] : (cal.week[makeUp ? makeUp.worksLike : weekday] ?? []);
    for (const p of periods) {
      const end = midnight + p.end * 60_000;
      if (end <= start) continue;
      const from = Math.max(midnight + p.start * 60_000, start);
      if (remaining <= end - from) return from + remaining;
      remaining -= end - from;
    }
  }
  throw new Error('reference search ran out');
}

describe('business time properties (fast-check, 2025–2026, 1 minute to 5 working days)', () => {
  it('agrees with a naive day-by-day walk', () => {
    fc.assert(
      fc.property(instant, duration, (t, d) => {
        expect(addBusinessTime(calendar, t, d).at).toBe(referenceAdd(calendar, t, d));
      }),
    );
  });

  it('elapsed(t, add(t, d)) = d', () => {
    fc.assert(
      fc.property(instant, duration, (t, d) => {
        expect(businessTimeBetween(calendar, t, addBusinessTime(calendar, t, d).at)).toBe(d);
      }),
    );
  });

  it('add is monotonic in the duration (strictly, for positive durations)', () => {
    fc.assert(
      fc.property(instant, duration, duration, (t, a, b) => {
        const [d1, d2] = a <= b ? [a, b] : [b, a];
        const at1 = addBusinessTime(calendar, t, d1).at;
        const at2 = addBusinessTime(calendar, t, d2).at;
        if (d1 < d2) expect(at1).toBeLessThan(at2);
        else expect(at1).toBe(at2);
        expect(addBusinessTime(calendar, t, 0).at).toBeLessThanOrEqual(at1);
      }),
    );
  });

  it('add is monotonic in the start', () => {
    fc.assert(
      fc.property(instant, instant, duration, (a, b, d) => {
        const [t1, t2] = a <= b ? [a, b] : [b, a];
        expect(addBusinessTime(calendar, t1, d).at).toBeLessThanOrEqual(addBusinessTime(calendar, t2, d).at);
      }),
    );
  });

  it('a deadline is never in non-working time, except exactly at the end of a working period', () => {
    fc.assert(
      fc.property(instant, duration, (t, d) => {
        const at = addBusinessTime(calendar, t, d).at;
        const endOfPeriod = !isWorkingTime(calendar, at) && isWorkingTime(calendar, at - 1);
        expect(isWorkingTime(calendar, at) || endOfPeriod).toBe(true);
        // Stronger: the last millisecond counted was working time, so a deadline is never a period's start.
        expect(isWorkingTime(calendar, at - 1)).toBe(true);
      }),
    );
  });

  it('elapsed is additive', () => {
    fc.assert(
      fc.property(instant, instant, instant, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        expect(businessTimeBetween(calendar, a, c)).toBe(businessTimeBetween(calendar, a, b) + businessTimeBetween(calendar, b, c));
      }),
    );
  });

  it('adding in two steps is adding once', () => {
    fc.assert(
      fc.property(instant, duration, duration, (t, d1, d2) => {
        const once = addBusinessTime(calendar, t, d1 + d2).at;
        const twice = addBusinessTime(calendar, addBusinessTime(calendar, t, d1).at, d2).at;
        expect(twice).toBe(once);
      }),
    );
  });

  it('the next working moment is working time, not before t, with no working time in between', () => {
    fc.assert(
      fc.property(instant, (t) => {
        const next = nextWorkingMoment(calendar, t);
        expect(next).toBeGreaterThanOrEqual(t);
        expect(isWorkingTime(calendar, next)).toBe(true);
        expect(businessTimeBetween(calendar, t, next)).toBe(0);
        expect(isWorkingTime(calendar, t)).toBe(next === t);
      }),
    );
  });
});
