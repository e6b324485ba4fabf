import { describe, expect, it } from 'vitest';
import { InvalidInstantError, formatShanghai, parseInstant } from '../../src/policy/effective-date.ts';

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
