// Reports only when owed. Issue 13: a yearly run by hand for 2027-01-01, unticked 试运行, sent a 2026 report 26 days
// before its year ended, and the real run then answered 已发送过. The rule (report-slot.ts) and the jobs, on a real
// database: nothing that stores or sends runs before its cut-off; dry runs may look ahead and say so.
import { describe, expect, it } from 'vitest';
import { createJobRunRepository } from '../../src/jobs/job-run-repository.ts';
import { firstTimeOfDay } from '../../src/jobs/cron-slots.ts';
import { AT_RISK_ALERT } from '../../src/report/kinds/at-risk/at-risk-kind.ts';
import { MONTHLY_REPORT, monthlyCutoff } from '../../src/report/kinds/monthly/monthly-kind.ts';
import { yearEndOfRun } from '../../src/report/kinds/yearly/yearly-job.ts';
import { YEARLY_REPORT, yearlyCutoff } from '../../src/report/kinds/yearly/yearly-kind.ts';
import { assertOwed, cutoffOfRun, manualSlot, SlotError } from '../../src/report/report-slot.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { reportWorld } from '../support/report-setup.ts';

const at = (local: string) => new Date(`${local}+08:00`);
const RUN = { dryRun: false, trigger: 'manual' as const, actor: 'test' };

function refusal(fn: () => unknown): SlotError {
  try {
    fn();
  } catch (err) {
    if (err instanceof SlotError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('when a report is owed', () => {
  // 2026-12-05 06:11 in Shanghai, the moment issue 13 was found from.
  const now = at('2026-12-05T06:11:00');

  it('puts the cut-off at the scheduled slot: 07:00 the day after the year ends, 08:00 on the 1st', () => {
    expect(yearlyCutoff('2026-12-31').toISOString()).toBe(at('2027-01-01T07:00:00').toISOString());
    expect(monthlyCutoff('2026-12').toISOString()).toBe(at('2027-01-01T08:00:00').toISOString());
    expect(monthlyCutoff('2026-02', '06:30:00').toISOString()).toBe(at('2026-03-01T06:30:00').toISOString());
    expect(cutoffOfRun(AT_RISK_ALERT, at('2026-12-04T10:30:00')).toISOString()).toBe(at('2026-12-04T10:30:00').toISOString());
    expect(firstTimeOfDay('0 7 * * *')).toBe('07:00:00');
    expect(firstTimeOfDay('30 18,6 * * *')).toBe('06:30:00');
    expect(firstTimeOfDay('15 0 8 1 * *')).toBe('08:00:15');
  });

  it('a yearly run takes the years that ended the day before its date, never one ending that day or later', () => {
    expect(yearEndOfRun(at('2027-01-01T07:00:00'))).toBe('2026-12-31');
    // A run just after midnight in Shanghai (16:05 UTC the day before) is that Shanghai day's run.
    expect(yearEndOfRun(new Date('2026-12-04T16:05:00Z'))).toBe('2026-12-04');
  });

  it('refuses a run that stores or sends for a date after today, saying what to do', () => {
    const slot = manualSlot(YEARLY_REPORT, '2027-01-01', now);
    const err = refusal(() => assertOwed(YEARLY_REPORT, slot, false, now));
    expect(err.code).toBe('NOT_YET_OWED');
    expect(err.messageZh).toBe('2027-01-01 在今天(2026-12-05,北京时间)之后:报告尚未到期,不能保存或发送。如只想预览,请试运行(页面上勾选“试运行”,命令行加 --dry-run)。');
    expect(err.message).toContain('2027-01-01 is after today (2026-12-05, Beijing time)');
    expect(err.details).toEqual([{ field: 'date', message: 'after today (2026-12-05)' }]);
    // A dry run may look ahead.
    expect(() => assertOwed(YEARLY_REPORT, slot, true, now)).not.toThrow();
  });

  it('refuses today before its slot: the cut-off has not come, so nothing could be fixed at it', () => {
    const err = refusal(() => assertOwed(YEARLY_REPORT, manualSlot(YEARLY_REPORT, '2026-12-05', now), false, now));
    expect(err.messageZh).toContain('报告的截止时间 2026-12-05 07:00(北京时间)尚未到达');
    expect(() => assertOwed(YEARLY_REPORT, manualSlot(YEARLY_REPORT, '2026-12-05', at('2026-12-05T07:00:00')), false, at('2026-12-05T07:00:00'))).not.toThrow();
    expect(() => assertOwed(MONTHLY_REPORT, manualSlot(MONTHLY_REPORT, '2026-12-01', now), false, now)).not.toThrow();
    expect(refusal(() => assertOwed(AT_RISK_ALERT, at('2026-12-05T06:30:00'), false, now)).code).toBe('NOT_YET_OWED');
  });

  it('without a date a run stands for the latest slot that has come: before 07:00, yesterday’s', () => {
    expect(manualSlot(YEARLY_REPORT, undefined, now).toISOString()).toBe(at('2026-12-04T07:00:00').toISOString());
    expect(manualSlot(YEARLY_REPORT, undefined, at('2026-12-05T07:30:00')).toISOString()).toBe(at('2026-12-05T07:00:00').toISOString());
    expect(manualSlot(MONTHLY_REPORT, undefined, now).toISOString()).toBe(at('2026-12-01T08:00:00').toISOString());
    expect(manualSlot(MONTHLY_REPORT, undefined, at('2027-01-01T07:59:00')).toISOString()).toBe(at('2026-12-01T08:00:00').toISOString());
    expect(manualSlot(AT_RISK_ALERT, undefined, now)).toBe(now);
    expect(() => assertOwed(YEARLY_REPORT, manualSlot(YEARLY_REPORT, undefined, now), false, now)).not.toThrow();
  });
});

describeEachDatabase('reports only when owed', (current) => {
  it('the run of issue 13 is refused before anything is stored or recorded; its dry run looks ahead and says so', async () => {
    const w = await reportWorld(current().db);
    w.setNow(at('2026-12-05T06:11:00'));
    const contract = await w.contract({ name: '年底客户', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2027-12-31', contacts: [{ name: '王工', email: 'it@year-end.example', role: 'contact' }] });
    const runs = createJobRunRepository(current().db);
    const before = (await runs.list({ limit: 100, offset: 0 })).length;

    await expect(w.reports.runNow('yearly', '2027-01-01', { dryRun: false, actor: 'manager' }, { jobRuns: runs, instance: 'test' })).rejects.toMatchObject({ code: 'NOT_YET_OWED' });
    // The jobs refuse on their own too, whoever calls them.
    await expect(w.reports.jobs.run('yearly', at('2027-01-01T07:00:00'), RUN)).rejects.toMatchObject({ code: 'NOT_YET_OWED' });
    expect(await w.outbox.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });
    expect((await runs.list({ limit: 100, offset: 0 })).length).toBe(before);

    const dry = await w.reports.runNow('yearly', '2027-01-01', { dryRun: true, actor: 'manager' }, { jobRuns: runs, instance: 'test' });
    expect(dry).toMatchObject({ dryRun: true, lookAhead: true, cutoff: at('2027-01-01T07:00:00').toISOString() });
    expect(dry.messages).toEqual([expect.objectContaining({ recipient: `contract:${contract}`, periodKey: '2026-12-31', created: true })]);
    expect(await w.outbox.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });
    // A dry run is not a run: no record of it either.
    expect((await runs.list({ limit: 100, offset: 0 })).length).toBe(before);

    // On the right day the real run sends the whole year's report, once.
    w.setNow(at('2027-01-01T07:00:01'));
    const real = await w.reports.runNow('yearly', '2027-01-01', { dryRun: false, actor: 'manager' }, { jobRuns: runs, instance: 'test' });
    expect(real.lookAhead).toBeUndefined();
    expect(real.messages).toEqual([expect.objectContaining({ recipient: `contract:${contract}`, created: true })]);
    const report = await w.reports.yearly(contract, '2026-12-31');
    expect(report).toMatchObject({ period: { start: '2026-01-01', end: '2026-12-31' }, cutoff: at('2027-01-01T07:00:00').toISOString() });
  });

  it('a year whose last day is the run’s date is left for the next day’s run', async () => {
    const w = await reportWorld(current().db);
    w.setNow(at('2026-11-28T09:00:00'));
    // One year ends 2026-11-27 (owed on the 28th), one 2026-11-28 (owed on the 29th), a short last year 2026-11-27.
    const owed = await w.contract({ name: '到期客户', tier: 'preferred', startsOn: '2025-11-28', endsOn: '2027-11-27', contacts: [{ name: 'a', email: 'a@owed.example', role: 'contact' }] });
    const tomorrow = await w.contract({ name: '明日客户', tier: 'preferred', startsOn: '2025-11-29', endsOn: '2027-11-28', contacts: [{ name: 'b', email: 'b@tomorrow.example', role: 'contact' }] });
    const short = await w.contract({ name: '提前结束客户', tier: 'preferred', startsOn: '2026-03-01', endsOn: '2026-11-27', contacts: [{ name: 'c', email: 'c@short.example', role: 'contact' }] });
    const outcome = await w.reports.jobs.run('yearly', at('2026-11-28T07:00:00'), RUN);
    expect(outcome.messages.map((m) => m.recipient).sort()).toEqual([`contract:${owed}`, `contract:${short}`].sort());
    expect(outcome.messages.every((m) => m.periodKey === '2026-11-27')).toBe(true);
    expect(outcome.messages.some((m) => m.recipient === `contract:${tomorrow}`)).toBe(false);
    // The year ending today is not owed until tomorrow's slot.
    await expect(w.reports.jobs.run('yearly', at('2026-11-29T07:00:00'), RUN)).rejects.toMatchObject({ code: 'NOT_YET_OWED' });
  });
});
