// The 节假日 sheet's 类型 cells in English: a day off or a make-up working day, as the Chinese 休 and 班.
import { describe, expect, it } from 'vitest';
import { KIND_EXPECTED, parseHolidayKind } from '../../../src/policy-workbook/holidays/holiday-cells.ts';

describe('parseHolidayKind: English', () => {
  it.each(['Holiday', 'HOLIDAY', 'Public holiday', 'Day off', 'day  off', 'Off', 'Rest day', 'Closed', 'Non-working day'])('%j is a day off', (text) => {
    expect(parseHolidayKind(text)).toBe('off');
  });

  it.each([
    'Working day',
    'WORKING DAY',
    'Workday',
    'Work',
    'Working',
    'Business day',
    'Make-up day',
    'Makeup day',
    'Make-up workday',
    'Makeup workday',
    'Make-up working day',
    'Makeup working day',
    'Adjusted working day',
  ])('%j is a make-up working day', (text) => {
    expect(parseHolidayKind(text)).toBe('work');
  });

  it.each(['Weekend', 'Half day', 'constructor'])('%j is neither', (text) => {
    expect(parseHolidayKind(text)).toBeNull();
  });

  it('the expected text names the English forms in both languages', () => {
    expect(KIND_EXPECTED.zh).toContain('Holiday');
    expect(KIND_EXPECTED.zh).toContain('Make-up day');
    expect(KIND_EXPECTED.en).toContain('Working day');
  });
});
