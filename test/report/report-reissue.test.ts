// A mistake can be corrected, not only prevented: a contract year's report issued again as its next revision
// (更正版 in the subject), built as of its cut-off, the reason audited; exactly once per revision.
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { reportWorld, type ReportWorld } from '../support/report-setup.ts';

const at = (local: string) => new Date(`${local}+08:00`);
const MANAGER = { name: 'manager.user', address: '10.0.0.7' };
const RUN = { dryRun: false, trigger: 'manual' as const, actor: 'test' };

describeEachDatabase('issuing a yearly report again, corrected', (current) => {
  let w: ReportWorld;
  let contract: number;

  beforeEach(async () => {
    w = await reportWorld(current().db);
    contract = await w.contract({ name: '年底客户', tier: 'preferred', startsOn: '2026-01-01', endsOn: '2027-12-31', contacts: [{ name: '王工', email: 'it@year-end.example', role: 'contact' }, { name: '赵经理', email: 'csm@kingdee.example', role: 'csm' }] });
    w.setNow(at('2026-12-04T10:00:00'));
    await w.request(contract, 'emergency_fault', at('2026-12-04T10:00:00').toISOString());
  });

  /** What issue 13 found: the 2026 report queued on 2026-12-05 by a run for 2027-01-01, before runs were refused. */
  async function prematureReport(): Promise<void> {
    const early = await w.reports.jobs.run('yearly', at('2027-01-01T07:00:00'), { ...RUN, dryRun: true });
    expect(early.lookAhead).toBe(true);
    const [message] = early.messages;
    // As the old code stored it: its figures as of the moment it was made.
    const report = { ...(await w.reports.yearly(contract, '2026-12-31')), cutoff: undefined, generatedAt: at('2026-12-05T06:11:00').toISOString() };
    await w.outbox.enqueue({ job: 'yearly', periodKey: '2026-12-31', recipient: `contract:${contract}`, subject: message!.subject, html: '', text: '', reportJson: JSON.stringify(report), recipients: { to: message!.to, cc: message!.cc } }, at('2026-12-05T06:11:00'));
  }

  it('corrects the report that went out 26 days early: revision 2, 更正版, the full year, the reason audited', async () => {
    await prematureReport();
    // On the right day the run answers that the year's report went out already: that is what a correction is for.
    w.setNow(at('2027-01-01T09:00:00'));
    expect((await w.reports.jobs.run('yearly', at('2027-01-01T07:00:00'), RUN)).messages).toEqual([expect.objectContaining({ created: false })]);
    // The premature report shows as what it was: figures as of 2026-12-05 06:11.
    const premature = await w.reports.yearly(contract, '2026-12-31');
    expect(premature.cutoff).toBe(at('2026-12-05T06:11:00').toISOString());
    expect(w.reports.render(premature).text).toContain('数据截至 2026-12-05 06:11');

    const outcome = await w.reports.reissue(contract, '2026-12-31', { reason: '2026-12-05 误按 2027-01-01 运行,提前发出', revision: 2 }, MANAGER);
    expect(outcome).toMatchObject({ revision: 2, to: ['it@year-end.example'], cc: ['csm@kingdee.example'] });
    expect(outcome.subject).toBe('【金蝶云星空】【更正版】年底客户 年度服务报告(2026-01-01 至 2026-12-31)第 2 版');
    const row = (await w.outbox.get(outcome.outboxId))!;
    expect(row).toMatchObject({ job: 'yearly', periodKey: '2026-12-31', revision: 2, status: 'pending' });
    const sent = w.reports.renderStored(row.reportJson!);
    expect(sent.text).toContain('更正版(第 2 版):本报告取代此前就同一合同年度发出的报告。');
    expect(sent.text).toContain('数据截至 2027-01-01 07:00(北京时间)');
    // The request of 4 December, unanswered all year: late to the year's real cut-off now.
    const corrected = await w.reports.yearly(contract, '2026-12-31');
    expect(corrected).toMatchObject({ revision: 2, cutoff: at('2027-01-01T07:00:00').toISOString(), totals: { requests: 1, breached: 1 } });

    const [audit] = await current().db('audit_log').where({ action: 'report.reissue' });
    expect(audit).toMatchObject({ actor: 'manager.user', address: '10.0.0.7', target: `contract:${contract}:2026-12-31` });
    expect(JSON.parse(audit.details_json)).toEqual({ revision: 2, previousRevision: 1, reason: '2026-12-05 误按 2027-01-01 运行,提前发出', outboxId: outcome.outboxId });
    // Revision 1 stays in the outbox as the record of what went out.
    expect(await current().db('outbox').where({ recipient: `contract:${contract}` }).orderBy('revision').pluck('revision')).toEqual([1, 2]);
  });

  it('exactly once per revision: a second click, or two managers at once, make one revision', async () => {
    w.setNow(at('2027-01-01T07:00:05'));
    await w.reports.jobs.run('yearly', at('2027-01-01T07:00:00'), RUN);
    const both = await Promise.allSettled([
      w.reports.reissue(contract, '2026-12-31', { reason: '联系人更换', revision: 2 }, MANAGER),
      w.reports.reissue(contract, '2026-12-31', { reason: '联系人更换', revision: 2 }, { name: 'other.manager', address: null }),
    ]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'REISSUE_CONFLICT' });
    expect(await current().db('outbox').where({ recipient: `contract:${contract}` }).pluck('revision')).toEqual(expect.arrayContaining([1, 2]));
    expect(await current().db('audit_log').where({ action: 'report.reissue' })).toHaveLength(1);
    // Without the revision it means to create, a later correction is the next one.
    expect((await w.reports.reissue(contract, '2026-12-31', { reason: '再次更正' }, MANAGER)).revision).toBe(3);
    // The outbox itself holds the key per revision.
    const third = (await current().db('outbox').where({ recipient: `contract:${contract}`, revision: 3 }).first()) as { subject: string };
    expect(await w.outbox.enqueueRevision({ job: 'yearly', periodKey: '2026-12-31', recipient: `contract:${contract}`, revision: 3, subject: third.subject, html: '', text: 'x', recipients: { to: ['it@year-end.example'], cc: [] } }, { actor: 'x', action: 'report.reissue', target: null, details: null, address: null }, new Date())).toBeNull();
  });

  it('refuses what cannot be corrected, saying why', async () => {
    w.setNow(at('2026-12-05T09:00:00'));
    await expect(w.reports.reissue(contract, '2026-12-31', { reason: '提前' }, MANAGER)).rejects.toMatchObject({ code: 'NOT_YET_OWED' });
    w.setNow(at('2027-01-02T09:00:00'));
    await expect(w.reports.reissue(contract, '2026-12-31', { reason: '未发出' }, MANAGER)).rejects.toMatchObject({ code: 'NOT_ISSUED', messageZh: expect.stringContaining('请运行 2027-01-01 的年度服务报告任务') });
    await expect(w.reports.reissue(contract, '2026-12-31', { reason: '   ' }, MANAGER)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'reason', message: 'required' }] });
    await expect(w.reports.reissue(contract, '2026-12-30', { reason: '日期不对' }, MANAGER)).rejects.toMatchObject({ code: 'NOT_A_YEAR_END' });

    const premium = await w.contract({ name: '尊享客户', tier: 'premium', startsOn: '2026-01-01', endsOn: '2027-12-31', contacts: [{ name: 'a', email: 'a@premium.example', role: 'contact' }, { name: 'b', email: 'b@kingdee.example', role: 'csm' }] });
    await w.reports.jobs.run('yearly', at('2027-01-01T07:00:00'), RUN);
    await expect(w.reports.reissue(premium, '2026-12-31', { reason: '审核中' }, MANAGER)).rejects.toMatchObject({ code: 'REVIEW_PENDING' });
    expect(await current().db('audit_log').where({ action: 'report.reissue' })).toHaveLength(0);
  });

  it('a 尊享 correction keeps the expert’s approved advice, under their name', async () => {
    const premium = await w.contract({ name: '尊享客户', tier: 'premium', startsOn: '2026-01-01', endsOn: '2027-12-31', contacts: [{ name: 'a', email: 'a@premium.example', role: 'contact' }, { name: 'b', email: 'b@kingdee.example', role: 'csm' }] });
    w.setNow(at('2027-01-01T07:00:05'));
    await w.reports.jobs.run('yearly', at('2027-01-01T07:00:00'), RUN);
    const review = (await w.reports.reviews.ofYear(premium, '2026-12-31'))!;
    await w.reports.reviews.approve(review.id, ['请在一季度安排系统巡检。'], 'zhang.expert');
    const outcome = await w.reports.reissue(premium, '2026-12-31', { reason: '客户名称更正' }, MANAGER);
    const text = w.reports.renderStored((await w.outbox.get(outcome.outboxId))!.reportJson!).text;
    expect(text).toMatch(/^总部专家建议\n-{10,}$/m);
    expect(text).toContain('请在一季度安排系统巡检。');
    expect(text).toContain('审核专家:zhang.expert');
  });
});
