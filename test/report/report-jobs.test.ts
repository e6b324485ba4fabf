// The report jobs against a real database: who is owed what, the figures, the advice, once per period.
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { MANAGERS, reportWorld, type ReportWorld } from '../support/report-setup.ts';

const RUN = { dryRun: false, trigger: 'manual' as const, actor: 'test' };
/** 07:00 in Shanghai on 2026-11-28: the yearly run for contract years ended 2026-11-27. */
const YEARLY_SLOT = new Date('2026-11-27T23:00:00Z');
const sh = (local: string) => `${local}+08:00`;

describeEachDatabase('report jobs', (current) => {
  let w: ReportWorld;
  let premium: number;
  let preferredQuiet: number;
  let noAddress: number;

  beforeEach(async () => {
    w = await reportWorld(current().db);
    premium = await w.contract({
      name: '华东精密<script>alert(1)</script>',
      tier: 'premium',
      startsOn: '2025-11-28',
      endsOn: '2027-11-27',
      contacts: [
        { name: '王工', email: 'it@huadong.example', role: 'contact' },
        { name: '李总', email: 'cio@huadong.example', role: 'contact' },
        { name: '赵经理', email: 'csm@kingdee.example', role: 'csm' },
      ],
    });
    // Two met and one breached emergency fault (2 working hours), one met issue (0.5 working day).
    await w.request(premium, 'emergency_fault', sh('2026-03-02T10:00:00'), sh('2026-03-02T11:00:00'));
    await w.request(premium, 'emergency_fault', sh('2026-03-03T10:00:00'), sh('2026-03-03T15:00:00'));
    await w.request(premium, 'emergency_fault', sh('2026-06-10T09:00:00'), sh('2026-06-10T10:30:00'));
    await w.request(premium, 'issue_feedback', sh('2026-09-01T09:00:00'), sh('2026-09-01T12:00:00'));
    await w.usage.record({ contractId: premium, service: 'code_diagnosis', personDays: 2, onsite: false, at: new Date(sh('2026-05-06T10:00:00')), note: null, override: null, idempotencyKey: null }, { name: 'desk', address: null, mayOverride: false });

    preferredQuiet = await w.contract({ name: '零请求公司', offering: 'cloud', tier: 'preferred', startsOn: '2024-11-28', endsOn: '2026-11-27', contacts: [{ name: '钱经理', email: 'csm2@kingdee.example', role: 'csm' }] });
    noAddress = await w.contract({ name: '无邮箱公司', tier: 'preferred', startsOn: '2025-11-28', endsOn: '2026-11-27', contacts: [{ name: '孙工', email: null, role: 'contact' }] });
    await w.contract({ name: '基础客户', tier: 'basic', startsOn: '2025-11-28', endsOn: '2026-11-27', contacts: [{ name: 'a', email: 'a@basic.example', role: 'contact' }] });
    await w.contract({ name: '六月续约', tier: 'premium', startsOn: '2025-06-01', endsOn: '2027-05-31', contacts: [{ name: 'b', email: 'b@june.example', role: 'contact' }] });
  });

  it('builds the yearly report of a premium year: entitlements, quota, compliance by service, breaches, months and expert advice', async () => {
    const report = await w.reports.yearly(premium, '2026-11-27');
    expect(report.period).toEqual({ start: '2025-11-28', end: '2026-11-27' });
    expect(report.totals).toEqual({ requests: 4, met: 3, breached: 1, open: 0, withoutWindow: 0, metBasisPoints: 7500, medianHoursToRespond: 2.25 });
    const emergency = report.byService.find((s) => s.service === 'emergency_fault');
    expect(emergency).toMatchObject({ name: '紧急故障处理', requests: 3, met: 2, breached: 1, metBasisPoints: 6667, medianHoursToRespond: 1.5 });
    expect(report.breaches).toHaveLength(1);
    // Due 12:00; answered 15:00 with the lunch hour between: 2 working hours late.
    expect(report.breaches[0]).toMatchObject({ service: 'emergency_fault', respondBy: '2026-03-03T04:00:00.000Z', hoursLate: 2 });
    expect(report.quotas).toEqual([{ service: 'code_diagnosis', name: '开发技术支持', allowed: 4, used: 1, remaining: 3, personDaysEach: 2 }]);
    expect(report.entitlements.find((e) => e.service === 'emergency_fault')?.grant).toBe('2工作小时响应');
    expect(report.months.map((m) => m.month)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    const march = report.months.find((m) => m.month === '2026-03')!;
    expect(march).toMatchObject({ requests: 2, met: 1, breached: 1, metWidth: 50, breachedWidth: 50, otherWidth: 0 });
    expect(report.months.find((m) => m.month === '2026-06')).toMatchObject({ requests: 1, metWidth: 50 });
    // 尊享: the rules only propose the advice; it is a draft until an expert approves it (report-reviews.test.ts).
    expect(report.advice.heading).toBe('draft');
    expect(report.cutoff).toBe('2026-11-27T23:00:00.000Z');
    expect(report.advice.lines.map((a) => a.code)).toEqual(['RECOMMEND_PERFORMANCE_TUNING', 'REMIND_CODE_DIAGNOSIS']);
    expect(report.advice.lines[0]!.zh).toContain('3 次紧急故障');
    expect(report.advice.lines[1]!.en).toContain('1 were used and 3 went unused');
  });

  it('the yearly run addresses every contract year that ended yesterday, once, and says which it could not address', async () => {
    const outcome = await w.reports.jobs.run('yearly', YEARLY_SLOT, RUN);
    expect(outcome.skipped).toBeNull();
    expect(outcome.messages.map((m) => m.recipient).sort()).toEqual([`contract:${premium}`, `contract:${preferredQuiet}`].sort());
    expect(outcome.messages.every((m) => m.created && m.periodKey === '2026-11-27')).toBe(true);
    expect(outcome.cutoff).toBe(YEARLY_SLOT.toISOString());
    const toPremium = outcome.messages.find((m) => m.recipient === `contract:${premium}`)!;
    // 尊享 goes to the experts' review queue; 优选 to the outbox.
    expect(toPremium.review).toBe(true);
    expect(outcome.messages.find((m) => m.recipient === `contract:${preferredQuiet}`)?.review).toBeUndefined();
    expect(toPremium.to).toEqual(['it@huadong.example', 'cio@huadong.example']);
    expect(toPremium.cc).toEqual(['csm@kingdee.example']);
    expect(toPremium.subject).toContain('华东精密<script>alert(1)</script>');
    expect(toPremium.subject).toContain('2025-11-28');
    // Without contacts, the customer-success manager is addressed directly.
    expect(outcome.messages.find((m) => m.recipient === `contract:${preferredQuiet}`)).toMatchObject({ to: ['csm2@kingdee.example'], cc: [] });
    expect(outcome.problems).toHaveLength(1);
    expect(outcome.problems[0]!.zh).toContain(`合同 #${noAddress}`);

    const stored = await w.outbox.list({ limit: 10, offset: 0 });
    expect(stored.map((m) => m.recipient)).toEqual([`contract:${preferredQuiet}`]);
    // The review queue and the outbox keep the report's figures; the delivery worker renders them as it sends.
    const [draft] = await w.reports.reviews.list({ limit: 10, offset: 0 });
    expect(draft).toMatchObject({ contractId: premium, periodEnd: '2026-11-27', status: 'pending', recipients: { to: ['it@huadong.example', 'cio@huadong.example'], cc: ['csm@kingdee.example'] } });
    const review = await w.reports.reviews.get(draft!.id);
    expect(review.report).toMatchObject({ kind: 'yearly', contract: { id: premium }, totals: { requests: 4 }, advice: { heading: 'draft' } });
    const row = (await w.outbox.get(stored[0]!.id))!;
    expect(row.html).toBe('');
    expect(JSON.parse(row.reportJson!)).toMatchObject({ kind: 'yearly', contract: { id: preferredQuiet }, advice: { heading: 'suggestions' } });
    const sent = w.reports.render(review.report);
    expect(sent.html).not.toContain('<script>alert(1)');
    expect(sent.html).toContain('&lt;script&gt;');
    expect(sent.text).toContain('<script>alert(1)</script>');

    // Again (a retry, a second instance, a manager's button): nothing new, in the outbox or the queue.
    const again = await w.reports.jobs.run('yearly', YEARLY_SLOT, RUN);
    expect(again.messages.map((m) => m.created)).toEqual([false, false]);
    expect(await w.outbox.counts()).toMatchObject({ pending: 1 });
    expect((await w.reports.reviews.counts()).pending).toBe(1);
  });

  it('lists a 尊享 contract whose customer has no customer-success manager among the run’s problems, and still sends it', async () => {
    const noCsm = await w.contract({ name: '无经理公司', tier: 'premium', startsOn: '2025-11-28', endsOn: '2026-11-27', contacts: [{ name: '吴工', email: 'wu@nocsm.example', role: 'contact' }] });
    const outcome = await w.reports.jobs.run('yearly', YEARLY_SLOT, { ...RUN, dryRun: true });
    const named = outcome.problems.filter((p) => p.code === 'NO_CSM');
    expect(named).toHaveLength(1);
    expect(named[0]!.zh).toContain(`尊享合同 #${noCsm}`);
    expect(named[0]!.en).toContain('no customer-success manager');
    expect(outcome.messages.find((m) => m.recipient === `contract:${noCsm}`)).toMatchObject({ to: ['wu@nocsm.example'], cc: [], review: true });
    // A 优选 customer without one is not a problem: the tier promises no CSM.
    expect(outcome.problems.some((p) => p.code === 'NO_CSM' && p.zh.includes(`#${preferredQuiet}`))).toBe(false);
  });

  it('names a stored contact address that is a list or has a display name as a problem, and sends nothing to it', async () => {
    // Rows saved before the contact rule (see entitle doctor), written around the service.
    const contacts = await current().db('customer_contacts').where({ name: '王工' }).select('id', 'customer_id');
    await current().db('customer_contacts').where({ id: contacts[0]!.id }).update({ email: 'it@huadong.example,attacker@evil.example' });
    await current().db('customer_contacts').where({ name: '李总' }).update({ email: '"CIO" <cio@huadong.example>' });
    const outcome = await w.reports.jobs.run('yearly', YEARLY_SLOT, RUN);
    const toPremium = outcome.messages.find((m) => m.recipient === `contract:${premium}`)!;
    // Both contacts are skipped: the customer-success manager alone is addressed, as for a customer without contacts.
    expect(toPremium).toMatchObject({ to: ['csm@kingdee.example'], cc: [] });
    const named = outcome.problems.filter((p) => p.en.includes('is not one valid address'));
    expect(named.map((p) => p.en)).toEqual([
      expect.stringContaining('contact "王工" has the address "it@huadong.example,attacker@evil.example"'),
      expect.stringContaining('contact "李总" has the address "\\"CIO\\" <cio@huadong.example>"'),
    ]);
    expect(named.every((p) => p.en.includes(`/customers/${contacts[0]!.customer_id}`) && p.zh.includes('entitle doctor'))).toBe(true);
  });

  it('a contract year without requests gets a truthful report', async () => {
    const report = await w.reports.yearly(preferredQuiet, '2026-11-27');
    expect(report.totals).toEqual({ requests: 0, met: 0, breached: 0, open: 0, withoutWindow: 0, metBasisPoints: null, medianHoursToRespond: null });
    expect(report.breaches).toEqual([]);
    expect(report.months.every((m) => m.requests === 0 && m.metWidth === 0)).toBe(true);
    expect(report.advice).toMatchObject({ heading: 'suggestions' });
    expect(report.advice.lines.map((a) => a.code)).toEqual(['REMIND_CODE_DIAGNOSIS']);
    const { html, text } = w.reports.render(report);
    expect(text).toContain('本合同年度未提交服务请求');
    expect(html).toContain('本合同年度未提交服务请求');
    // Nothing was judged: the met rate is "—", never 0% or 100%.
    expect(text).not.toMatch(/(^|[^\d.])(100|0)(\.0+)?%/m);
  });

  it('a dry run renders and counts but stores nothing', async () => {
    const outcome = await w.reports.jobs.run('yearly', YEARLY_SLOT, { ...RUN, dryRun: true });
    expect(outcome.dryRun).toBe(true);
    expect(outcome.lookAhead).toBeUndefined();
    expect(outcome.messages).toHaveLength(2);
    expect(outcome.messages.every((m) => m.created)).toBe(true);
    expect(await w.outbox.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });
    expect(await w.reports.reviews.counts()).toEqual({ pending: 0, overdue: 0, approved: 0, released: 0 });
  });

  it('the monthly report counts the month per offering × tier and lists the worst breaches', async () => {
    w.setNow('2026-04-01T00:00:00Z');
    const outcome = await w.reports.jobs.run('monthly', new Date('2026-04-01T00:00:00Z'), RUN);
    expect(outcome.messages).toEqual([expect.objectContaining({ periodKey: '2026-03', recipient: 'managers', to: MANAGERS, created: true })]);
    const report = await w.reports.monthly('2026-03');
    expect(report.groups).toHaveLength(6);
    expect(report.groups.find((g) => g.offering === 'on_premise' && g.tier === 'premium')).toMatchObject({ requests: 2, met: 1, breached: 1, metBasisPoints: 5000 });
    expect(report.groups.find((g) => g.offering === 'cloud' && g.tier === 'basic')).toMatchObject({ requests: 0, metBasisPoints: null });
    expect(report.worst).toEqual([expect.objectContaining({ customerName: '华东精密<script>alert(1)</script>', hoursLate: 2 })]);
  });

  it('with no managers configured the managers’ reports say so instead of vanishing', async () => {
    const quiet = await reportWorld(current().db, { managers: [] });
    const outcome = await quiet.reports.jobs.run('monthly', new Date('2026-04-01T00:00:00Z'), RUN);
    expect(outcome.skipped?.en).toContain('REPORT_MANAGERS');
    expect(outcome.messages).toEqual([]);
  });

  it('alerts managers once per request at risk, in working time only: none on 春节, some on a make-up Saturday', async () => {
    // Friday 10:00, 2 working hours: due 12:00, at risk from 11:30.
    w.setNow(sh('2026-11-27T10:00:00'));
    const id = await w.request(premium, 'emergency_fault', sh('2026-11-27T10:00:00'));
    w.setNow(sh('2026-11-27T11:00:00'));
    expect((await w.reports.jobs.run('at-risk', new Date(sh('2026-11-27T11:00:00')), RUN)).messages).toEqual([]);
    w.setNow(sh('2026-11-27T11:40:00'));
    const first = await w.reports.jobs.run('at-risk', new Date(sh('2026-11-27T11:40:00')), RUN);
    expect(first.messages).toEqual([expect.objectContaining({ periodKey: `request:${id}`, recipient: 'managers', created: true, to: MANAGERS })]);
    expect(first.messages[0]!.subject).toContain(`#${id}`);
    w.setNow(sh('2026-11-27T11:50:00'));
    const second = await w.reports.jobs.run('at-risk', new Date(sh('2026-11-27T11:50:00')), RUN);
    expect(second.messages.map((m) => m.created)).toEqual([false]);

    // 春节: 2026-02-17 is a holiday; 2026-02-14 (a Saturday) is a make-up working day.
    w.setNow(sh('2026-02-14T09:00:00'));
    const saturday = await w.request(premium, 'emergency_fault', sh('2026-02-14T09:00:00'));
    w.setNow(sh('2026-02-14T10:40:00'));
    const onSaturday = await w.reports.jobs.run('at-risk', new Date(sh('2026-02-14T10:40:00')), RUN);
    expect(onSaturday.skipped).toBeNull();
    expect(onSaturday.messages.map((m) => m.periodKey)).toContain(`request:${saturday}`);
    w.setNow(sh('2026-02-17T10:30:00'));
    const onHoliday = await w.reports.jobs.run('at-risk', new Date(sh('2026-02-17T10:30:00')), RUN);
    expect(onHoliday.skipped?.zh).toContain('非工作时间');
    w.setNow(sh('2026-11-29T10:30:00'));
    const sunday = await w.reports.jobs.run('at-risk', new Date(sh('2026-11-29T10:30:00')), RUN);
    expect(sunday.skipped).not.toBeNull();
  });
});
