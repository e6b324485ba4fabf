import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidInstantError, formatShanghai, parseInstant, shanghaiDate, toUtcIso } from '../../src/calendar/instants.ts';

describe('parseInstant', () => {
  it.each([
    ['2026-12-01', '2026-11-30T16:00:00.000Z'],
    ['2026-12-01T09:30+08:00', '2026-12-01T01:30:00.000Z'],
    ['2026-12-01T09:30:15.250Z', '2026-12-01T09:30:15.250Z'],
    [' 2027-02-28 ', '2027-02-27T16:00:00.000Z'],
  ])('reads %s as %s', (input, iso) => {
    expect(parseInstant(input).toISOString()).toBe(iso);
  });

  it.each(['2026-02-30', '2026-13-01', '2026-01-01T24:00Z', '2026-01-01T10:60Z', '2026-01-01T10:00', 'tomorrow', ''])('refuses %j', (input) => {
    expect(() => parseInstant(input)).toThrow(InvalidInstantError);
  });

  it('shows instants in Asia/Shanghai', () => {
    expect(formatShanghai('2026-11-30T16:00:00.000Z')).toBe('2026-12-01 00:00');
  });
});

describe('supported instants', () => {
  it('are those of the years 2000–2099: a typo like 2206 is refused with the reason', () => {
    expect(parseInstant('2099-12-31T23:59:59+00:00').toISOString()).toBe('2099-12-31T23:59:59.000Z');
    expect(() => parseInstant('2206-01-01')).toThrow('must lie in the years 2000–2099');
    expect(() => parseInstant('1999-12-31T23:59:59Z')).toThrow(InvalidInstantError);
  });
});

describe('fast instant and date text', () => {
  it('writes exactly what toISOString writes, for any instant, and the Shanghai date a slow reference gives', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_198_755_200_000, max: 253_402_400_000_000 }), (ms) => {
        const date = new Date(ms);
        expect(toUtcIso(date)).toBe(date.toISOString());
        expect(shanghaiDate(date)).toBe(new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10));
      }),
    );
    for (const iso of ['1970-01-01T00:00:00.000Z', '1969-12-31T23:59:59.999Z', '2026-02-28T16:00:00.000Z', '2028-02-29T15:59:59.999Z', '9999-12-31T23:59:59.999Z']) {
      expect(toUtcIso(new Date(iso))).toBe(iso);
    }
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(() => toUtcIso(new Date(NaN))).toThrow(RangeError);
  });
});
