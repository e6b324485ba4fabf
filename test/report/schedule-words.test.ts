// The schedules as the reports page says them: every default the report kinds and the holiday reminder use, in
// both languages, and what the reading does with shapes it does not know.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { REPORT_KINDS } from '../../src/report/report-kinds.ts';
import { scheduleInWords } from '../../src/report/schedule-words.ts';

describe('scheduleInWords', () => {
  it('says each schedule in use in Chinese and English', () => {
    expect(scheduleInWords('0 7 * * *')).toEqual({ zh: '每天 07:00', en: 'Daily at 07:00' });
    expect(scheduleInWords('0 8 1 * *')).toEqual({ zh: '每月 1 日 08:00', en: 'Monthly on day 1 at 08:00' });
    expect(scheduleInWords('0,30 * * * *', { workingTimeOnly: true })).toEqual({ zh: '工作时间每 30 分钟', en: 'Every 30 minutes in working time' });
    expect(scheduleInWords('*/30 * * * *', { workingTimeOnly: true })).toEqual({ zh: '工作时间每 30 分钟', en: 'Every 30 minutes in working time' });
    expect(scheduleInWords('0 9 * * *')).toEqual({ zh: '每天 09:00', en: 'Daily at 09:00' });
  });

  it('reads every default of the report kinds (and the reminder) without falling back to the cron', () => {
    for (const kind of REPORT_KINDS) expect(scheduleInWords(kind.schedule.default, kind.schedule).zh, kind.name).not.toContain('按计划');
    expect(scheduleInWords(loadConfig({}).holidays.reminderSchedule).zh).toBe('每天 09:00');
    const atRisk = REPORT_KINDS.find((k) => k.name === 'at-risk')!;
    expect(scheduleInWords(atRisk.schedule.default, atRisk.schedule).zh).toBe('工作时间每 30 分钟');
  });

  it('reads the neighbouring shapes operators configure', () => {
    expect(scheduleInWords('30 6,18 * * *')).toEqual({ zh: '每天 06:30、18:30', en: 'Daily at 06:30, 18:30' });
    expect(scheduleInWords('0 0 7 * * *')).toEqual({ zh: '每天 07:00', en: 'Daily at 07:00' });
    expect(scheduleInWords('0 8 1,15 * *').zh).toBe('每月 1、15 日 08:00');
    expect(scheduleInWords('0 9 * * 1-5')).toEqual({ zh: '周一至周五 09:00', en: 'Monday to Friday at 09:00' });
    expect(scheduleInWords('0 9 * * 1')).toEqual({ zh: '每周一 09:00', en: 'Every Monday at 09:00' });
    expect(scheduleInWords('*/15 * * * *')).toEqual({ zh: '每 15 分钟', en: 'Every 15 minutes' });
    expect(scheduleInWords('5 * * * *')).toEqual({ zh: '每小时第 5 分', en: 'Hourly at :05' });
  });

  it('says what it cannot read as the expression, never a wrong sentence', () => {
    expect(scheduleInWords('0 7 * 1 *')).toEqual({ zh: '按计划 0 7 * 1 *', en: 'On the schedule 0 7 * 1 *' });
    expect(scheduleInWords('0,20,45 * * * *').zh).toBe('按计划 0,20,45 * * * *');
    expect(scheduleInWords('15 7 * * *', { workingTimeOnly: false }).zh).toBe('每天 07:15');
    expect(scheduleInWords('not cron', { workingTimeOnly: true }).zh).toBe('按计划 not cron(仅工作时间)');
  });
});
