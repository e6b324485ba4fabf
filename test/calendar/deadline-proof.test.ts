import { describe, expect, it } from 'vitest';
import { addBusinessTime } from '../../src/calendar/business-time.ts';
import { calendarWithOverrides } from '../../src/calendar/calendar-definition.ts';
import { standardCalendar, standardCalendarDefinition } from '../../src/calendar/china-holidays.ts';
import { explainDeadline, type DeadlineProof } from '../../src/calendar/deadline-proof.ts';
import { days, hours, sh } from './calendar-helpers.ts';

const calendar = standardCalendar();
const oneDay = { amount: 1, unit: 'working_day' as const };

const intervalHours = (proof: DeadlineProof) => proof.intervals.reduce((sum, i) => sum + i.hours, 0);
const spans = (proof: DeadlineProof) => proof.intervals.map((i) => `${i.start.slice(5, 16)}–${i.end.slice(11, 16)} ${i.hours}`);

describe('explainDeadline', () => {
  it('proves the Friday-evening example of docs/domain.md', () => {
    const proof = explainDeadline(calendar, sh('2026-03-13 17:00'), oneDay);
    expect(proof.respondBy).toBe('2026-03-16T17:00:00+08:00');
    expect(proof.calendar).toBe('标准工作日');
    expect(spans(proof)).toEqual(['03-13T17:00–18:00 1', '03-16T09:00–12:00 3', '03-16T13:00–17:00 4']);
    expect(proof.holidaysSkipped).toEqual([]);
    expect(proof.makeUpDaysCounted).toEqual([]);
    expect(proof.sentence.zh).toBe('2026年3月13日 17:00 受理，按标准工作日计 1 个工作日（8 工作小时），应于 2026年3月16日 17:00 前响应。');
    expect(proof.sentence.en).toBe(
      'Received 2026-03-13 17:00 (Asia/Shanghai), 1 working day (8 working hours) on the standard working days (标准工作日) calendar; respond by 2026-03-16 17:00.',
    );
    expect(proof.warnings).toEqual([]);
  });

  it('across Spring Festival: skips 春节, counts make-up Saturday 2/14', () => {
    const proof = explainDeadline(calendar, sh('2026-02-14 17:00'), oneDay);
    expect(proof.respondBy).toBe('2026-02-24T17:00:00+08:00');
    expect(spans(proof)).toEqual(['02-14T17:00–18:00 1', '02-24T09:00–12:00 3', '02-24T13:00–17:00 4']);
    expect(proof.holidaysSkipped.map((h) => h.date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(new Set(proof.holidaysSkipped.map((h) => h.name))).toEqual(new Set(['春节']));
    expect(proof.makeUpDaysCounted).toEqual([{ date: '2026-02-14', name: '春节调休上班' }]);
    expect(proof.sentence.zh).toBe(
      '2026年2月14日 17:00 受理，按标准工作日计 1 个工作日（8 工作小时），计入调休上班日 2月14日，跳过春节（2月15日—2月23日），应于 2026年2月24日 17:00 前响应。',
    );
    expect(proof.sentence.en).toBe(
      'Received 2026-02-14 17:00 (Asia/Shanghai), 1 working day (8 working hours) on the standard working days (标准工作日) calendar, ' +
        'counting the make-up working day Feb 14, skipping Spring Festival (Feb 15 – Feb 23); respond by 2026-02-24 17:00.',
    );
  });

  it('across Mid-Autumn and National Day: names both holidays and both make-up days', () => {
    const proof = explainDeadline(calendar, sh('2026-09-18 17:00'), { amount: 10, unit: 'working_day' });
    expect(proof.respondBy).toBe('2026-10-09T17:00:00+08:00');
    const named = (name: string) => proof.holidaysSkipped.filter((h) => h.name === name).map((h) => h.date);
    expect(named('中秋节')).toEqual(['2026-09-25', '2026-09-26', '2026-09-27']);
    expect(named('国庆节')).toHaveLength(7);
    expect(proof.holidaysSkipped).toHaveLength(10);
    expect(proof.makeUpDaysCounted.map((m) => m.date)).toEqual(['2026-09-20']);
    expect(proof.sentence.zh).toContain('跳过中秋节（9月25日—9月27日）、国庆节（10月1日—10月7日）');
    expect(proof.sentence.en).toContain('skipping Mid-autumn Festival (Sep 25 – Sep 27), National Day (Oct 1 – Oct 7)');
    expect(intervalHours(proof)).toBe(80);
  });

  it('says when the clock started later than arrival', () => {
    const proof = explainDeadline(calendar, sh('2026-09-19 10:00'), hours(4));
    expect(proof.receivedAt).toBe('2026-09-19T10:00:00+08:00');
    expect(proof.clockStartsAt).toBe('2026-09-20T09:00:00+08:00');
    expect(proof.sentence.zh).toBe('2026年9月19日 10:00 受理，自 2026年9月20日 09:00 起计时，按标准工作日计 4 个工作小时，计入调休上班日 9月20日，应于 2026年9月20日 14:00 前响应。');
    expect(proof.sentence.en).toContain('the clock starts at 2026-09-20 09:00, 4 working hours');
  });

  it('states a window in working hours as working hours, and 0.5 working day as such', () => {
    expect(explainDeadline(calendar, sh('2026-03-10 17:30'), { amount: 2, unit: 'working_hour' }).sentence.zh).toContain('计 2 个工作小时');
    const half = explainDeadline(calendar, sh('2026-03-10 10:00'), { amount: 0.5, unit: 'working_day' });
    expect(half.sentence.zh).toContain('计 0.5 个工作日（4 工作小时）');
    expect(half.sentence.en).toContain('0.5 working days (4 working hours)');
    expect(half.respondBy).toBe('2026-03-10T15:00:00+08:00');
  });

  it('does not list a holiday that fell on days off anyway', () => {
    // A company holiday on a Saturday skips no working time.
    const withSaturday = calendarWithOverrides(standardCalendarDefinition(), [{ date: '2026-03-14', kind: 'off', name: '厂庆' }]);
    expect(explainDeadline(withSaturday, sh('2026-03-13 17:00'), oneDay).holidaysSkipped).toEqual([]);
  });

  it('lists a holiday the arrival fell in', () => {
    const proof = explainDeadline(calendar, sh('2026-10-03 10:00'), hours(1));
    expect(proof.holidaysSkipped.map((h) => h.date)).toEqual(['2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(proof.respondBy).toBe('2026-10-08T10:00:00+08:00');
  });

  it('carries the missing-data warning into the proof and its sentences', () => {
    const proof = explainDeadline(calendar, sh('2026-12-31 17:30'), { amount: 2, unit: 'working_hour' });
    expect(proof.respondBy).toBe('2027-01-01T10:30:00+08:00');
    expect(proof.warnings.map((w) => w.year)).toEqual([2027]);
    expect(proof.sentence.zh).toContain('2027 年尚无节假日数据');
    expect(proof.sentence.en).toContain('No holiday data for 2027');
  });

  it('zero duration: no intervals, deadline at the next working moment', () => {
    const proof = explainDeadline(calendar, sh('2026-03-15 10:00'), 0);
    expect(proof.intervals).toEqual([]);
    expect(proof.respondBy).toBe('2026-03-16T09:00:00+08:00');
  });

  it.each([
    ['2026-01-30 15:47', days(5)],
    ['2026-02-11 08:13', days(3.5)],
    ['2026-04-30 12:30', days(2)],
    ['2026-06-18 17:59', hours(3)],
    ['2026-09-30 09:00', days(4)],
    ['2025-12-31 11:11', 60_000 * 37],
  ])('agrees with addBusinessTime and counts exactly the duration: %s + %d ms', (start, duration) => {
    const proof = explainDeadline(calendar, sh(start), duration);
    expect(proof.at).toBe(addBusinessTime(calendar, sh(start), duration).at);
    const counted = proof.intervals.reduce((sum, i) => sum + (Date.parse(i.end) - Date.parse(i.start)), 0);
    expect(counted).toBe(duration);
    expect(intervalHours(proof)).toBeCloseTo(duration / 3_600_000, 6);
    expect(proof.intervals.at(-1)?.end).toBe(proof.respondBy);
    for (const i of proof.intervals) expect(i.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
  });
});
