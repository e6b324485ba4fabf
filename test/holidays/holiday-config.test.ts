// The holiday settings: HOLIDAY_LEAD_DATE, HOLIDAY_OWNERS and HOLIDAY_REMINDER_CRON, and what a bad value says.
import { expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env, '/srv');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
}

it('defaults to 1 November, no owners and 09:00 in Shanghai', () => {
  expect(loadConfig({}, '/srv').holidays).toEqual({ leadDate: { month: 11, day: 1 }, owners: [], reminderSchedule: '0 9 * * *' });
});

it('takes a day of the year, a list of plain addresses and a cron expression', () => {
  const config = loadConfig({ HOLIDAY_LEAD_DATE: '10-15', HOLIDAY_OWNERS: 'owner@example.com, second.owner@example.com', HOLIDAY_REMINDER_CRON: '30 8 * * 1-5' }, '/srv');
  expect(config.holidays).toEqual({ leadDate: { month: 10, day: 15 }, owners: ['owner@example.com', 'second.owner@example.com'], reminderSchedule: '30 8 * * 1-5' });
  expect(loadConfig({ HOLIDAY_LEAD_DATE: '9-1' }, '/srv').holidays.leadDate).toEqual({ month: 9, day: 1 });
});

it('refuses a day some years lack, a day no year has, display names and a bad schedule, naming the variable', () => {
  for (const bad of ['02-29', '13-01', '11-31', 'November', '1101']) {
    expect(problemsOf({ HOLIDAY_LEAD_DATE: bad }), bad).toEqual([`环境变量 HOLIDAY_LEAD_DATE 的值 "${bad}" 无效 / invalid HOLIDAY_LEAD_DATE: expected a day of the year as MM-DD, e.g. 11-01 (not 02-29)`]);
  }
  expect(problemsOf({ HOLIDAY_OWNERS: '"Owner" <owner@example.com>' })[0]).toContain('invalid HOLIDAY_OWNERS: expected e-mail addresses such as owner@example.com');
  expect(problemsOf({ HOLIDAY_REMINDER_CRON: 'every morning' })[0]).toContain('invalid HOLIDAY_REMINDER_CRON');
});
