import { describe, expect, it } from 'vitest';
import { dateOfDay, dayOf, dayOfDate, formatEn, formatShanghaiIso, formatZh, isoWeekdayOfDay } from '../../src/calendar/shanghai-time.ts';

describe('Shanghai time helpers', () => {
  it.each([
    ['2026-02-24T09:00:00Z', '2026-02-24T17:00:00+08:00'],
    ['2026-02-23T16:00:00Z', '2026-02-24T00:00:00+08:00'],
    ['2026-12-31T16:30:00Z', '2027-01-01T00:30:00+08:00'],
    ['2026-03-10T02:00:05.250Z', '2026-03-10T10:00:05.250+08:00'],
  ])('formats %s as %s', (utc, expected) => {
    expect(formatShanghaiIso(Date.parse(utc))).toBe(expected);
    expect(Date.parse(expected)).toBe(Date.parse(utc));
  });

  it('writes instants for people in Chinese and English', () => {
    expect(formatZh(Date.parse('2026-02-24T17:00:00+08:00'))).toBe('2026年2月24日 17:00');
    expect(formatZh(Date.parse('2026-02-24T17:00:30+08:00'))).toBe('2026年2月24日 17:00:30');
    expect(formatEn(Date.parse('2026-02-24T09:05:00+08:00'))).toBe('2026-02-24 09:05');
  });

  it('counts days from Shanghai midnight, not UTC midnight', () => {
    const day = dayOf(Date.parse('2026-03-10T00:00:00+08:00'));
    expect(dayOf(Date.parse('2026-03-09T23:59:59.999+08:00'))).toBe(day - 1);
    expect(dateOfDay(day)).toBe('2026-03-10');
    expect(dayOfDate('2026-03-10')).toBe(day);
    expect(isoWeekdayOfDay(day)).toBe(2); // a Tuesday
    expect(isoWeekdayOfDay(dayOfDate('2026-03-15')!)).toBe(7);
  });

  it.each(['2026-02-30', '2026-3-10', '2026-03-10T00:00+08:00', ''])('refuses %j as a date', (date) => {
    expect(dayOfDate(date)).toBeNull();
  });
});
