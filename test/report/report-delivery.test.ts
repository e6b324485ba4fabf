// The whole way: the scheduler runs a report job, the outbox holds it, the delivery worker sends it to a real
// SMTP server on loopback; with refusals, two instances on one database, and a restart after a missed 07:00.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createJobRunRepository } from '../../src/jobs/job-run-repository.ts';
import { missedWithinDays, missedWithinMonths } from '../../src/jobs/cron-slots.ts';
import { startJobScheduler, type JobScheduler } from '../../src/jobs/job-scheduler.ts';
import { reportSchedule } from '../../src/report/report-schedule.ts';
import { createLogger } from '../../src/logger.ts';
import { createMailTransport } from '../../src/report/outbox/mail-transport.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { createOutboxRepository } from '../../src/report/outbox/outbox-repository.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { reportServiceFor, reportWorld, type ReportWorld } from '../support/report-setup.ts';
import { FROM, openAnotherHandle } from './outbox-fixtures.ts';
import { addresses, startSmtpSink, type SmtpSink } from './smtp-sink.ts';

const SCHEDULES = { yearly: '0 7 * * *', monthly: '0 8 1 * *', 'at-risk': '0,30 * * * *' };
const sh = (local: string) => new Date(`${local}+08:00`);
const quiet = createLogger('silent');

/** The schedulers release overdue drafts in the background once caught up: wait (within the test's time) until done. */
async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('the condition did not come true within 5 s');
}

describeEachDatabase(
  'report e-mails end to end',
  (current) => {
    let w: ReportWorld;
    let sink: SmtpSink;
    let premium: number;
    let quietContract: number;
    const closers: Array<() => void | Promise<void>> = [];

    /** A delivery worker as main.ts makes one: it renders the reports the outbox holds as JSON. */
    function worker(db: Database, id: string, render: ((json: string) => { html: string; text: string }) | null = (json) => w.reports.renderStored(json)) {
      const transport = createMailTransport({ smtpUrl: sink.url, from: FROM, outboxDir: '/nonexistent/outbox' });
      closers.push(() => transport.close());
      return createDeliveryWorker({ store: createOutboxRepository(db), transport, workerId: id, render: render ?? undefined });
    }

    /** A server instance's report side: its own pool, policy cache, report service and scheduler. */
    async function instance(db: Database, name: string, now: Date): Promise<JobScheduler> {
      const reports = reportServiceFor(db, { clock: () => now });
      const { jobs, sweeps } = reportSchedule(reports.jobs, { schedules: SCHEDULES, catchUp: { yearly: missedWithinDays(2), monthly: missedWithinMonths(1) } });
      const scheduler = await startJobScheduler({ jobs, sweeps, runs: createJobRunRepository(db), instance: name, logger: quiet, clock: () => now });
      closers.push(() => scheduler.stop());
      return scheduler;
    }

    /** A headquarters expert approves the 尊享 draft with one line of their own: the report is then queued. */
    async function approvePremium(): Promise<void> {
      const [review] = await w.reports.reviews.list({ status: 'pending', limit: 10, offset: 0 });
      expect(review).toMatchObject({ contractId: premium, periodEnd: '2026-11-27' });
      await w.reports.reviews.approve(review!.id, ['建议在年度规划中安排一次紧急故障演练。'], 'zhang.expert');
    }

    beforeEach(async () => {
      w = await reportWorld(current().db);
      sink = await startSmtpSink();
      closers.push(() => sink.close());
      premium = await w.contract({
        name: '华东精密',
        tier: 'premium',
        startsOn: '2025-11-28',
        endsOn: '2027-11-27',
        contacts: [
          { name: '王工', email: 'it@huadong.example', role: 'contact' },
          { name: '赵经理', email: 'csm@kingdee.example', role: 'csm' },
        ],
      });
      await w.request(premium, 'emergency_fault', '2026-03-02T10:00:00+08:00', '2026-03-02T11:00:00+08:00');
      await w.request(premium, 'emergency_fault', '2026-03-03T10:00:00+08:00', '2026-03-03T15:00:00+08:00');
      quietContract = await w.contract({ name: '零请求公司', offering: 'cloud', tier: 'preferred', startsOn: '2025-11-28', endsOn: '2026-11-27', contacts: [{ name: '钱工', email: 'ops@quiet.example', role: 'contact' }] });
    });
    afterEach(async () => {
      for (const close of closers.splice(0).reverse()) await close();
    });

    // The world's clock reads 09:00 in Shanghai: that is when the messages were queued, so sends come after it.
    it('the yearly report arrives with its subject, recipients and figures in the HTML and the text', async () => {
      await w.reports.jobs.run('yearly', sh('2026-11-28T07:00:00'), { dryRun: false, trigger: 'manual', actor: 'test' });
      // The 尊享 report waits for its expert; the 优选 one goes at once.
      expect(await worker(current().db, 'a').deliverDue(sh('2026-11-28T09:01:00'))).toMatchObject({ sent: 1, failed: 0 });
      await approvePremium();
      expect(await worker(current().db, 'a').deliverDue(sh('2026-11-28T09:02:00'))).toMatchObject({ sent: 1, failed: 0 });

      const mail = sink.received.find((m) => addresses(m.parsed.to).includes('it@huadong.example'))!;
      expect(mail.parsed.subject).toBe('【金蝶云星空】华东精密 年度服务报告(2025-11-28 至 2026-11-27)');
      expect(addresses(mail.parsed.cc)).toEqual(['csm@kingdee.example']);
      // 2 requests: one met in 1 h, one answered 2 working hours late (median 2.5 h to respond).
      expect(mail.parsed.html).toMatch(/>\s*50%\s*</);
      expect(mail.parsed.text).toMatch(/50%/);
      for (const part of [mail.parsed.html as string, mail.parsed.text!]) {
        expect(part).toMatch(/(^|[^\d.])2\.5([^\d]|$)/m);
        expect(part).toContain('紧急故障处理');
        expect(part).toMatch(/>总部专家建议<\/h2>|^总部专家建议\n-{10,}$/m);
        expect(part).toContain('建议在年度规划中安排一次紧急故障演练。');
        expect(part).toContain('审核专家:zhang.expert');
        expect(part).toContain('数据截至 2026-11-28 07:00(北京时间)');
      }
      const quietMail = sink.received.find((m) => addresses(m.parsed.to).includes('ops@quiet.example'))!;
      expect(quietMail.parsed.text).toContain('本合同年度未提交服务请求');
      expect(quietMail.parsed.html).toContain('本合同年度未提交服务请求');
      // 优选: the rules' findings as 服务建议, never passed off as an expert's.
      expect(quietMail.parsed.text).toMatch(/^服务建议\n-{10,}$/m);
      expect(quietMail.parsed.text).not.toContain('总部专家建议');
    });

    it('a worker without a report renderer leaves the report pending and says why', async () => {
      await w.reports.jobs.run('yearly', sh('2026-11-28T07:00:00'), { dryRun: false, trigger: 'manual', actor: 'test' });
      await approvePremium();
      expect(await worker(current().db, 'plain', null).deliverDue(sh('2026-11-28T09:01:00'))).toMatchObject({ sent: 0, failed: 2 });
      expect(sink.received).toHaveLength(0);
      const pending = await w.outbox.list({ state: 'pending', limit: 10, offset: 0 });
      expect(pending.map((m) => m.lastError)).toEqual([expect.stringContaining('no report renderer'), expect.stringContaining('no report renderer')]);
    });

    it('an SMTP server that refuses and then accepts gets each report exactly once', async () => {
      await w.reports.jobs.run('yearly', sh('2026-11-28T07:00:00'), { dryRun: false, trigger: 'manual', actor: 'test' });
      await approvePremium();
      sink.mode = 'refuse-data';
      const send = worker(current().db, 'a');
      expect(await send.deliverDue(sh('2026-11-28T09:01:00'))).toMatchObject({ sent: 0, failed: 2 });
      const failing = await w.outbox.list({ state: 'pending', limit: 10, offset: 0 });
      expect(failing.every((m) => m.lastError?.includes('451'))).toBe(true);
      sink.mode = 'accept';
      expect(await send.deliverDue(sh('2026-11-28T09:30:00'))).toMatchObject({ sent: 2, failed: 0 });
      expect(await send.deliverDue(sh('2026-11-28T11:30:00'))).toMatchObject({ attempted: 0 });
      expect(sink.received).toHaveLength(2);
      // The run again (a retry, the manager's button): nothing new goes out.
      await w.reports.jobs.run('yearly', sh('2026-11-28T07:00:00'), { dryRun: false, trigger: 'manual', actor: 'test' });
      expect(await send.deliverDue(sh('2026-11-28T12:00:00'))).toMatchObject({ attempted: 0 });
      expect(sink.received).toHaveLength(2);
    });

    it('two instances starting together after a missed 07:00 run the job once and send each report once', async () => {
      const other = openAnotherHandle(current().url);
      closers.push(() => other.destroy());
      const now = sh('2026-11-28T09:00:00');
      const [a, b] = await Promise.all([instance(current().db, 'instance-a', now), instance(other, 'instance-b', now)]);
      await Promise.all([a.caughtUp, b.caughtUp]);

      const runs = await createJobRunRepository(current().db).list({ job: 'yearly', limit: 10, offset: 0 });
      const slot0728 = runs.filter((r) => r.slot === sh('2026-11-28T07:00:00').toISOString());
      expect(slot0728).toHaveLength(1);
      expect(slot0728[0]).toMatchObject({ status: 'done', trigger: 'catch-up' });
      expect(slot0728[0]!.outcome?.messages.map((m) => m.recipient).sort()).toEqual([`contract:${premium}`, `contract:${quietContract}`].sort());

      expect(slot0728[0]!.outcome?.messages.find((m) => m.recipient === `contract:${premium}`)).toMatchObject({ review: true, created: true });

      await Promise.all([worker(current().db, 'a').deliverDue(sh('2026-11-28T09:01:00')), worker(other, 'b').deliverDue(sh('2026-11-28T09:01:00'))]);
      // The monthly report for October was caught up too (to the managers); the 优选 report arrived once; the 尊享
      // one waits for its expert.
      const yearlySubjects = () => sink.received.map((m) => m.parsed.subject).filter((s) => s?.includes('年度服务报告'));
      expect(yearlySubjects()).toEqual(['【金蝶云星空】零请求公司 年度服务报告(2025-11-28 至 2026-11-27)']);
      const [review] = await w.reports.reviews.list({ limit: 10, offset: 0 });
      // Saturday 07:00 + 3 working days of 标准工作日: Monday, Tuesday, Wednesday to 18:00.
      expect(review).toMatchObject({ contractId: premium, status: 'pending', dueAt: sh('2026-12-02T18:00:00').toISOString() });

      // Nobody reviewed it. Both instances start again after the deadline and sweep at once: it goes out once, as 系统建议.
      const later = sh('2026-12-03T09:00:00');
      const [c, d] = await Promise.all([instance(current().db, 'instance-c', later), instance(other, 'instance-d', later)]);
      await Promise.all([c.caughtUp, d.caughtUp]);
      // Released, queued, and its audit entry written (the last step of the release).
      await waitFor(async () => (await current().db('audit_log').where({ action: 'report.review_release' })).length > 0);
      expect(await w.reports.reviews.counts()).toMatchObject({ pending: 0, released: 1 });
      expect(await createOutboxRepository(current().db).list({ job: 'yearly', limit: 10, offset: 0 })).toHaveLength(2);
      expect(await current().db('audit_log').where({ action: 'report.review_release' })).toHaveLength(1);
      await Promise.all([worker(current().db, 'a').deliverDue(sh('2026-12-03T09:01:00')), worker(other, 'b').deliverDue(sh('2026-12-03T09:01:00'))]);
      expect(yearlySubjects().sort()).toEqual(['【金蝶云星空】华东精密 年度服务报告(2025-11-28 至 2026-11-27)', '【金蝶云星空】零请求公司 年度服务报告(2025-11-28 至 2026-11-27)'].sort());
      const premiumMail = sink.received.find((m) => addresses(m.parsed.to).includes('it@huadong.example'))!;
      // The heading (a line above a rule) is 系统建议; 总部专家建议 appears only as the tier's entitlement line.
      expect(premiumMail.parsed.text).toMatch(/^系统建议\n-{10,}$/m);
      expect(premiumMail.parsed.text).not.toMatch(/^总部专家建议\n-{10,}$/m);
      expect(premiumMail.parsed.html).toContain('>系统建议</h2>');
      expect(premiumMail.parsed.html).not.toContain('>总部专家建议</h2>');
      expect(premiumMail.parsed.text).toContain('未经总部专家审核');
      expect((await w.reports.reviews.get(review!.id)).status).toBe('released');
    });

    it('a restart after a missed 07:00 catches the run up', async () => {
      // Up at 06:00 (the 07:00 run not yet due), then down until 09:00.
      const before = await instance(current().db, 'first-life', sh('2026-11-28T06:00:00'));
      await before.caughtUp;
      await before.stop();
      expect(await w.outbox.list({ job: 'yearly', limit: 10, offset: 0 })).toEqual([]);

      const after = await instance(current().db, 'second-life', sh('2026-11-28T09:00:00'));
      await after.caughtUp;
      const queued = await w.outbox.list({ job: 'yearly', limit: 10, offset: 0 });
      expect(queued.map((m) => m.recipient)).toEqual([`contract:${quietContract}`]);
      expect(queued.every((m) => m.periodKey === '2026-11-27')).toBe(true);
      expect(await w.reports.reviews.list({ limit: 10, offset: 0 })).toEqual([expect.objectContaining({ contractId: premium, periodEnd: '2026-11-27', status: 'pending' })]);
    });
  },
  { file: true },
);
