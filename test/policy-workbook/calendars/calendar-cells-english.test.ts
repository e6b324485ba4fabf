// The 服务时间 sheet's cells as an international office types them: weekdays, working hours and public holidays in
// English read as the Chinese words do, and the expected texts name the English forms.
import { describe, expect, it } from 'vitest';
import {
  HOURS_EXPECTED,
  OBSERVES_EXPECTED,
  WEEKDAYS_EXPECTED,
  parseObservesHolidays,
  parseWeekdays,
  parseWorkingHours,
} from '../../../src/policy-workbook/calendars/calendar-cells.ts';

const WEEK = [1, 2, 3, 4, 5, 6, 7];
const WORKWEEK = [1, 2, 3, 4, 5];

describe('parseWeekdays: English', () => {
  it.each([
    ['Mon-Fri', WORKWEEK],
    ['Mon–Fri', WORKWEEK],
    ['Mon - Fri', WORKWEEK],
    ['MON-FRI', WORKWEEK],
    ['Monday to Friday', WORKWEEK],
    ['Monday through Friday', WORKWEEK],
    ['Mon thru Fri', WORKWEEK],
    ['Monday until Friday', WORKWEEK],
    ['Mon till Sun', WEEK],
    ['Mon~Sun', WEEK],
    ['Monday-Sunday', WEEK],
    ['Every day', WEEK],
    ['Everyday', WEEK],
    ['Daily', WEEK],
    ['All week', WEEK],
    ['7 days a week', WEEK],
    ['Seven days a week', WEEK],
    ['Weekdays', WORKWEEK],
    ['Week days', WORKWEEK],
    ['Working days', WORKWEEK],
    ['Workdays', WORKWEEK],
    ['Business days', WORKWEEK],
    ['Weekends', [6, 7]],
    ['Weekend', [6, 7]],
    ['Sat & Sun', [6, 7]],
    ['Sat and Sun', [6, 7]],
    ['Saturday, Sunday', [6, 7]],
    ['Mon, Wed, Fri', [1, 3, 5]],
    ['Monday, Wednesday and Friday', [1, 3, 5]],
    ['Mondays', [1]],
    ['Tue', [2]],
    ['Tues', [2]],
    ['Tuesday', [2]],
    ['Wed', [3]],
    ['Wednesday', [3]],
    ['Thu', [4]],
    ['Thur', [4]],
    ['Thurs', [4]],
    ['Thursday', [4]],
    ['Fri', [5]],
    ['Friday', [5]],
    ['Sat', [6]],
    ['Saturday', [6]],
    ['Sun', [7]],
    ['Sunday', [7]],
    ['Fri, Mon-Wed', [1, 2, 3, 5]],
    // Mixed: a Chinese range and an English day in one cell.
    ['周一至周五, Sat', [1, 2, 3, 4, 5, 6]],
  ])('reads %j', (text, days) => expect(parseWeekdays(text)).toEqual(days));

  it.each(['Fri-Mon', 'Funday', 'Mon-', 'Monday to', 'Mondayish', 'Weekly', 'constructor'])('refuses %j', (text) => expect(parseWeekdays(text)).toBeNull());

  it('the expected text names the English forms in both languages', () => {
    expect(WEEKDAYS_EXPECTED.zh).toContain('Mon-Fri');
    expect(WEEKDAYS_EXPECTED.en).toContain('Monday to Friday');
  });
});

describe('parseWorkingHours: English', () => {
  const day = { ok: true, periods: [{ start: '00:00', end: '24:00' }] };
  it.each(['All day', 'ALL DAY', '24 hours', '24h', '24 hrs', 'Around the clock', 'Round the clock'])('%j is the whole day', (text) => {
    expect(parseWorkingHours(text)).toEqual(day);
  });

  it.each([
    ['09:00-18:00', [['09:00', '18:00']]],
    ['09:00 to 18:00', [['09:00', '18:00']]],
    ['9:00 until 18:00', [['09:00', '18:00']]],
    ['9am-6pm', [['09:00', '18:00']]],
    ['9 am - 6 pm', [['09:00', '18:00']]],
    ['9:30am to 6:30pm', [['09:30', '18:30']]],
    ['9 a.m. to 12 p.m., 1 p.m. to 6 p.m.', [['09:00', '12:00'], ['13:00', '18:00']]],
    ['12am-8AM', [['00:00', '08:00']]],
    ['09:00-12:00, 13:00-18:00', [['09:00', '12:00'], ['13:00', '18:00']]],
  ])('%j → %j', (text, periods) => {
    expect(parseWorkingHours(text)).toEqual({ ok: true, periods: periods.map(([start, end]) => ({ start, end })) });
  });

  it.each(['Office hours', '9am', '6pm-9am'])('%j is refused', (text) => {
    expect(parseWorkingHours(text).ok).toBe(false);
  });

  it('the expected text names the English forms in both languages', () => {
    expect(HOURS_EXPECTED.zh).toContain('All day');
    expect(HOURS_EXPECTED.en).toContain('9am-6pm');
  });
});

describe('parseObservesHolidays: English', () => {
  it.each(['Yes', 'YES', 'Y', 'True', 'Observed', 'Off', 'Day off', 'Days off', 'Holidays off', 'Closed', 'Rest'])('%j: holidays are days off', (text) => {
    expect(parseObservesHolidays(text)).toBe(true);
  });

  it.each(['No', 'NO', 'N', 'False', 'Not observed', 'As usual', 'Business as usual', 'Open', 'Working', 'Work'])('%j: holidays are worked', (text) => {
    expect(parseObservesHolidays(text)).toBe(false);
  });

  it.each(['Maybe', 'constructor'])('%j is neither', (text) => {
    expect(parseObservesHolidays(text)).toBeNull();
  });

  it('the expected text names the English forms in both languages', () => {
    expect(OBSERVES_EXPECTED.zh).toContain('Yes');
    expect(OBSERVES_EXPECTED.en).toContain('No');
  });
});
