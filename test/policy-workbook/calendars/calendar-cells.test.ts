// The spellings of the 节假日 and 服务时间 sheets: dates, 休/班, weekdays, working hours, holiday rule.
import { describe, expect, it } from 'vitest';
import { formatPeriods, formatWeekdays, parseObservesHolidays, parseWeekdays, parseWorkingHours } from '../../../src/policy-workbook/calendars/calendar-cells.ts';
import { isAnyText } from '../../../src/policy-workbook/shared-columns.ts';
import { parseHolidayDate, parseHolidayKind } from '../../../src/policy-workbook/holidays/holiday-cells.ts';

describe('parseHolidayDate', () => {
  it.each([
    ['2026-02-14', '2026-02-14'],
    ['2026/2/14', '2026-02-14'],
    ['2026.2.4', '2026-02-04'],
    ['2026年2月14日', '2026-02-14'],
    ['2026年10月1号', '2026-10-01'],
    ['２０２６－０２－１４', '2026-02-14'],
    [' 2026 - 2 - 14 ', '2026-02-14'],
    ['2028-02-29', '2028-02-29'],
  ])('reads %j as %s', (text, date) => expect(parseHolidayDate(text)).toBe(date));

  it.each(['', '2026-02-30', '2027-02-29', '2026-13-01', '26-2-14', '2月14日', '46067', '1899-12-30', '2026-02-14 春节', '明天'])('refuses %j', (text) => {
    expect(parseHolidayDate(text)).toBeNull();
  });
});

describe('parseHolidayKind', () => {
  it.each(['休', '休息', '放假', ' 休 ', 'off'])('reads %j as a day off', (text) => expect(parseHolidayKind(text)).toBe('off'));
  it.each(['班', '上班', '调休上班', '补班', 'WORK'])('reads %j as a working day', (text) => expect(parseHolidayKind(text)).toBe('work'));
  it.each(['', '节日', '休/班', '是'])('refuses %j', (text) => expect(parseHolidayKind(text)).toBeNull());
});

describe('parseWeekdays', () => {
  it.each([
    ['周一至周五', [1, 2, 3, 4, 5]],
    ['周一到周五', [1, 2, 3, 4, 5]],
    ['周一~周五', [1, 2, 3, 4, 5]],
    ['周一 - 周五', [1, 2, 3, 4, 5]],
    ['周一至五', [1, 2, 3, 4, 5]],
    ['周一至周日', [1, 2, 3, 4, 5, 6, 7]],
    ['周一至周天', [1, 2, 3, 4, 5, 6, 7]],
    ['每天', [1, 2, 3, 4, 5, 6, 7]],
    ['星期一至星期六', [1, 2, 3, 4, 5, 6]],
    ['周一、周三、周五', [1, 3, 5]],
    ['周一,周三;周五', [1, 3, 5]],
    ['周六日', [6, 7]],
    ['周六、日', [6, 7]],
    ['周一、三、五', [1, 3, 5]],
    ['周末', [6, 7]],
    ['周五、周一至周三', [1, 2, 3, 5]],
    ['礼拜天', [7]],
  ])('reads %j', (text, days) => expect(parseWeekdays(text)).toEqual(days));

  it.each(['', '周五至周一', '周八', '工作日9点', 'Mon-Funday', 'Fri-Mon', '周一至', '三、五'])('refuses %j', (text) => expect(parseWeekdays(text)).toBeNull());

  it.each([[[1, 2, 3, 4, 5]], [[1, 2, 3, 4, 5, 6, 7]], [[1, 3, 5]], [[6, 7]], [[1, 2, 4, 5, 6]], [[7]]])('writes %j so that it reads back', (days) => {
    expect(parseWeekdays(formatWeekdays(days))).toEqual(days);
  });

  it('writes ranges the way people do', () => {
    expect(formatWeekdays([1, 2, 3, 4, 5])).toBe('周一至周五');
    expect(formatWeekdays([1, 3, 5])).toBe('周一、周三、周五');
    expect(formatWeekdays([6, 7])).toBe('周六、周日');
  });
});

describe('parseWorkingHours', () => {
  const standard = [
    { start: '09:00', end: '12:00' },
    { start: '13:00', end: '18:00' },
  ];
  it.each([
    ['09:00-12:00、13:00-18:00', standard],
    ['9:00–12:00, 13:00–18:00', standard],
    ['13:00—18:00;9:00~12:00', standard],
    ['09：00至12：00，13：00到18：00', standard],
    ['09:00-12:00\n13:00-18:00', standard],
    ['9-12、13-18', standard],
    ['08:00-20:00', [{ start: '08:00', end: '20:00' }]],
    ['00:00-24:00', [{ start: '00:00', end: '24:00' }]],
    ['全天', [{ start: '00:00', end: '24:00' }]],
    ['09:00-12:00、12:00-18:00', [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '18:00' }]],
  ])('reads %j', (text, periods) => expect(parseWorkingHours(text)).toEqual({ ok: true, periods }));

  it.each([
    ['', 'unreadable'],
    ['上午九点到下午六点', 'unreadable'],
    ['09:60-12:00', 'unreadable'],
    ['24:00-24:00', 'unreadable'],
    ['09:00-24:30', 'unreadable'],
    ['18:00-09:00', 'reversed'],
    ['09:00-09:00', 'reversed'],
    ['09:00-13:00、12:00-18:00', 'overlapping'],
  ])('refuses %j as %s', (text, problem) => expect(parseWorkingHours(text)).toMatchObject({ ok: false, problem }));

  it('writes periods that read back', () => {
    expect(formatPeriods(standard)).toBe('09:00-12:00、13:00-18:00');
    expect(parseWorkingHours(formatPeriods(standard))).toEqual({ ok: true, periods: standard });
  });
});

describe('parseObservesHolidays and isAnyText', () => {
  it.each([['休息', true], ['休', true], ['是', true], ['', true], ['照常', false], ['上班', false], ['否', false], ['不休', false], ['看情况', null]])('reads %j as %s', (text, observes) => {
    expect(parseObservesHolidays(text)).toBe(observes);
  });

  it.each([['', true], ['全部', true], ['所有', true], [' 全部 ', true], ['ALL', true], ['公有云', false], ['-', false]])('%j means any: %s', (text, any) => {
    expect(isAnyText(text)).toBe(any);
  });
});
