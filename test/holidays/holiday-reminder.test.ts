// The policy owners' reminder: at most one e-mail a day through the outbox while a year lacks holiday data, run by
// the report scheduler (its current slot caught up at start, one instance per slot), and nothing when all is known.
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createAuditLog } from '../../src/audit/audit-log.ts';
import { createHolidayReminder, createReminderRenderer, holidayReminderJob, OWNERS_RECIPIENT } from '../../src/holidays/holiday-reminder.ts';
import { createHolidayService, type HolidayService } from '../../src/holidays/holiday-service.ts';
import { createJobRunRepository } from '../../src/jobs/job-run-repository.ts';
import { startJobScheduler, type JobScheduler } from '../../src/jobs/job-scheduler.ts';
import { reportSchedule } from '../../src/report/report-schedule.ts';
import { createPolicyRepository } from '../../src/policy/policy-repository.ts';
import { createPolicyService, type PolicyService } from '../../src/policy/policy-service.ts';
import { createOutboxRepository } from '../../src/report/outbox/outbox-repository.ts';
import type { OutboxStore } from '../../src/report/outbox/outbox-store.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { manualClock, sampleWorkbook } from '../support/fixtures.ts';
import { TABLES } from '../support/http-app.ts';
import { INVENTED_2027_NOTICE } from '../support/holiday-notices.ts';
import { parseHolidayNotice } from '../../src/holidays/notice-parser.ts';
import { DEFAULT_SCHEDULES, NO_CATCH_UP, RecordingRunner, recordingLogger } from '../jobs/job-fixtures.ts';

const at = (local: string) => new Date(`${local}+08:00`);
const OWNERS = ['policy.owner@example.com', 'second.owner@example.com'];
const render = createReminderRenderer(path.resolve('templates'));

describeEachDatabase('holiday reminder', (current) => {
  const clock = manualClock(at('2026-11-02T09:00:00').toISOString());
  let policies: PolicyService;
  let holidays: HolidayService;
  let outbox: OutboxStore;
  const started: JobScheduler[] = [];

  const reminder = (owners: readonly string[] = OWNERS) => createHolidayReminder({ readiness: (when) => holidays.readiness(when), outbox, owners, render, clock: clock.now });
  const rows = async () => (await current().db('outbox').where({ job: 'holidays' }).orderBy('id')) as Array<{ period_key: string; recipient: string; subject: string; text_body?: string }>;

  beforeEach(async () => {
    for (const t of TABLES) await current().db(t).del();
    clock.set(at('2026-10-20T09:00:00').toISOString());
    const audit = createAuditLog(current().db, clock.now);
    policies = createPolicyService(createPolicyRepository(current().db), clock.now, audit);
    holidays = createHolidayService({ policies, audit, clock: clock.now });
    outbox = createOutboxRepository(current().db);
    await policies.importWorkbook({ bytes: sampleWorkbook(), filename: 'sample-policy.xlsx', actor: 'test', activate: true });
  });
  afterEach(async () => {
    for (const s of started.splice(0)) await s.stop();
  });

  it('sends nothing while the holidays are known, then one e-mail a day to the owners, however often it runs', async () => {
    const job = reminder();
    const quiet = await job.run(at('2026-10-31T09:00:00'), 'schedule');
    expect(quiet).toMatchObject({ job: 'holidays', period: '2026-10-31', messages: [], skipped: { en: 'The holidays are known (2026)' } });

    const first = await job.run(at('2026-11-02T09:00:00'), 'schedule');
    expect(first.messages).toEqual([
      { periodKey: '2026-11-02', recipient: OWNERS_RECIPIENT, subject: '【提醒】2027 年的节假日尚未录入 / Reminder: the holidays of 2027 have not been entered', to: OWNERS, cc: [], created: true },
    ]);
    const again = await job.run(at('2026-11-02T15:00:00'), 'catch-up');
    expect(again.messages[0]!.created).toBe(false);
    await job.run(at('2026-11-03T09:00:00'), 'schedule');
    expect((await rows()).map((r) => r.period_key)).toEqual(['2026-11-02', '2026-11-03']);

    const stored = (await outbox.list({ job: 'holidays', limit: 10, offset: 0 }))[0]!;
    const message = (await outbox.get(stored.id))!;
    expect(message.text).toContain('2027 年的法定节假日与调休上班日尚未录入');
    expect(message.text).toContain('/policies/holidays?year=2027');
    expect(message.text).toContain('The public holidays and make-up working days of 2027 have not been entered');
    expect(message.text).toContain('2026: 已有(系统内置数据、策略版本 v1)');
    expect(message.html).toContain('<h1 style="margin:0 0 12px 0;font-size:20px;line-height:28px;color:#9a6700;">2027 年的节假日尚未录入</h1>');
    expect(message.html).not.toMatch(/<script|<img|https?:\/\//);
  });

  it('stops once a version with next year’s schedule is active or scheduled', async () => {
    clock.set(at('2026-11-02T09:00:00').toISOString());
    const rows2027 = parseHolidayNotice(INVENTED_2027_NOTICE).days.map((d) => ({ date: d.date, kind: d.kind, name: d.name }));
    const draft = await holidays.saveDraft({ rows: rows2027, actor: 'admin', source: 'notice' });
    await policies.activate(draft.outcome.version.version, 'admin', at('2026-12-01T00:00:00'));
    const outcome = await reminder().run(at('2026-11-02T09:00:00'), 'schedule');
    expect(outcome).toMatchObject({ messages: [], skipped: { en: 'The holidays are known (2026, 2027)' } });
  });

  it('says when nobody is configured to receive it', async () => {
    const outcome = await reminder([]).run(at('2026-11-02T09:00:00'), 'schedule');
    expect(outcome).toMatchObject({ messages: [], skipped: { en: '2027 has no holiday data, but HOLIDAY_OWNERS is not set: no reminder was sent' } });
    expect(await rows()).toEqual([]);
  });

  it('runs on the report scheduler: its current slot is caught up at start, once, whichever instance gets it', async () => {
    clock.set(at('2026-11-02T10:15:00').toISOString());
    const job = reminder();
    const deps = (instance: string) => ({
      // Only the current slots: the report jobs have nothing to catch up in this test.
      jobs: [...reportSchedule(new RecordingRunner(), { schedules: DEFAULT_SCHEDULES, catchUp: NO_CATCH_UP }).jobs, holidayReminderJob(job, '0 9 * * *')],
      runs: createJobRunRepository(current().db),
      instance,
      logger: recordingLogger(),
      clock: clock.now,
    });
    for (const instance of ['instance-a', 'instance-b']) {
      const s = await startJobScheduler(deps(instance));
      started.push(s);
      await s.caughtUp;
    }
    expect((await rows()).map((r) => [r.period_key, r.recipient])).toEqual([['2026-11-02', OWNERS_RECIPIENT]]);
    const runs = (await current().db('job_runs').where({ job: 'holidays' })) as Array<{ run_key: string; status: string; trigger: string }>;
    expect(runs.map((r) => [r.run_key, r.status, r.trigger])).toEqual([['report:holidays:2026-11-02T01:00:00.000Z', 'done', 'catch-up']]);
  });
});
