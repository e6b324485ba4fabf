// 总部专家建议 from an expert, on a real database: a 尊享 year is drafted at its slot with the rules' findings,
// an expert edits and approves (the report is queued once, under their name), a draft nobody reviewed in time
// goes out as 系统建议; every decision is taken once, also with two instances (two connection pools) at once.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { standardCalendar } from '../../src/calendar/china-holidays.ts';
import type { Database } from '../../src/db/database.ts';
import { ADVICE_LIMITS, checkedAdvice, reviewDueAt } from '../../src/report/reviews/report-reviews.ts';
import type { ReportService } from '../../src/report/report-service.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { reportServiceFor, reportWorld, type ReportWorld } from '../support/report-setup.ts';
import { openAnotherHandle } from './outbox-fixtures.ts';

const at = (local: string) => new Date(`${local}+08:00`);
const RUN = { dryRun: false, trigger: 'manual' as const, actor: 'test' };
/** 07:00 on Saturday 2026-11-28: the yearly slot for years ended on the 27th. */
const SLOT = at('2026-11-28T07:00:00');
/** Three working days of 标准工作日 from the slot: Monday, Tuesday, Wednesday to 18:00. */
const DUE = at('2026-12-02T18:00:00');
const HOSTILE = '<img src=x onerror=alert(1)> 建议 {{x}}';

describe('the review deadline and the expert’s lines', () => {
  it('waits N working days on 标准工作日, across weekends and holidays', () => {
    expect(reviewDueAt(standardCalendar(), SLOT, 3).toISOString()).toBe(DUE.toISOString());
    // Cut off on Tuesday 2026-09-29: the 29th and 30th count, then 国庆 (1–7 October) does not; Thursday the 8th is
    // the third working day: due at its close, not on Friday 2 October as the weekly schedule alone would say.
    expect(reviewDueAt(standardCalendar(), at('2026-09-29T07:00:00'), 3).toISOString()).toBe(at('2026-10-08T18:00:00').toISOString());
    expect(reviewDueAt(standardCalendar(), SLOT, 0).toISOString()).toBe(at('2026-11-30T09:00:00').toISOString());
  });

  it('keeps a drafted line as drafted, takes others in the expert’s words, refuses what is no line of advice', () => {
    const drafted = [{ code: 'REMIND_CODE_DIAGNOSIS', service: 'code_diagnosis', zh: '代码诊断尚余 3 次。', en: 'Three code diagnoses are left.' }];
    expect(checkedAdvice(['  代码诊断尚余 3 次。 ', '请安排一次巡检。'], drafted)).toEqual([drafted[0], { code: 'expert', service: null, zh: '请安排一次巡检。', en: '请安排一次巡检。' }]);
    expect(checkedAdvice([], drafted)).toEqual([]);
    const refused = (lines: string[]) => {
      try {
        checkedAdvice(lines, drafted);
      } catch (err) {
        return (err as { details: { field: string; message: string }[] }).details;
      }
      throw new Error('accepted');
    };
    expect(refused(['a', ' '])).toEqual([{ field: 'lines.1', message: 'empty' }]);
    expect(refused(['x'.repeat(ADVICE_LIMITS.chars + 1)])).toEqual([{ field: 'lines.0', message: `longer than ${ADVICE_LIMITS.chars} characters` }]);
    expect(refused(['第一行\n第二行'])[0]!.field).toBe('lines.0');
    expect(refused(['\u202e反向文字'])[0]!.message).toContain('control characters');
    expect(refused(Array.from({ length: ADVICE_LIMITS.lines + 1 }, (_, i) => `建议 ${i}`))).toEqual([{ field: 'lines', message: `at most ${ADVICE_LIMITS.lines} lines` }]);
    expect(checkedAdvice(['x'.repeat(ADVICE_LIMITS.chars)], drafted)).toHaveLength(1);
  });
});

describeEachDatabase('the experts’ review of 尊享 reports', (current) => {
  let w: ReportWorld;
  let premium: number;
  let other: Database;

  beforeAll(() => {
    other = openAnotherHandle(current().url);
  });
  afterAll(async () => {
    await other.destroy();
  });

  beforeEach(async () => {
    w = await reportWorld(current().db);
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
    await w.request(premium, 'emergency_fault', at('2026-03-02T10:00:00').toISOString(), at('2026-03-02T11:00:00').toISOString());
    await w.request(premium, 'emergency_fault', at('2026-03-03T10:00:00').toISOString(), at('2026-03-03T15:00:00').toISOString());
    await w.request(premium, 'emergency_fault', at('2026-06-10T09:00:00').toISOString(), at('2026-06-10T10:30:00').toISOString());
    w.setNow(at('2026-11-28T07:00:05'));
    await w.reports.jobs.run('yearly', SLOT, RUN);
  });

  /** A second server instance on the same database: its own pool, cache and report service. */
  function secondInstance(now: Date): ReportService {
    return reportServiceFor(other, { clock: () => now });
  }

  async function theReview() {
    const [entry] = await w.reports.reviews.list({ limit: 10, offset: 0 });
    return w.reports.reviews.get(entry!.id);
  }

  it('drafts the year at its slot with the rules’ lines, due three working days later, and sends nothing yet', async () => {
    const review = await theReview();
    expect(review).toMatchObject({ contractId: premium, periodEnd: '2026-11-27', status: 'pending', cutoff: SLOT.toISOString(), dueAt: DUE.toISOString(), overdue: false, reviewer: null, outboxId: null });
    expect(review.report.advice.heading).toBe('draft');
    expect(review.report.advice.lines.map((l) => l.code)).toContain('RECOMMEND_PERFORMANCE_TUNING');
    expect(await w.outbox.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });
    // A manager looking at the year meanwhile sees the draft, headed as one.
    const shown = w.reports.render(await w.reports.yearly(premium, '2026-11-27'));
    expect(shown.text).toMatch(/^建议草稿\(待总部专家审核\)\n-{10,}$/m);
  });

  it('an expert edits a line, adds one, removes one and approves: queued once, under their name', async () => {
    const review = await theReview();
    const [first] = review.report.advice.lines;
    w.setNow(at('2026-11-30T10:00:00'));
    const approved = await w.reports.reviews.approve(review.id, [`${first!.zh}(已与客户确认)`, HOSTILE], 'zhang.expert');
    expect(approved).toMatchObject({ status: 'approved', reviewer: 'zhang.expert', decidedAt: at('2026-11-30T10:00:00').toISOString() });
    expect(approved.advice!.map((l) => l.code)).toEqual(['expert', 'expert']);
    expect(approved.outboxId).not.toBeNull();

    const row = (await w.outbox.get(approved.outboxId!))!;
    expect(row).toMatchObject({ job: 'yearly', periodKey: '2026-11-27', recipient: `contract:${premium}`, revision: 1, recipients: { to: ['it@huadong.example'], cc: ['csm@kingdee.example'] } });
    const sent = w.reports.renderStored(row.reportJson!);
    expect(sent.text).toMatch(/^总部专家建议\n-{10,}$/m);
    expect(sent.text).toContain('(已与客户确认)');
    expect(sent.text).toContain('审核专家:zhang.expert(2026-11-30 10:00)');
    // Plain text: escaped in the HTML, as written in the text part.
    expect(sent.html).not.toContain('<img src=x');
    expect(sent.html).toContain('&lt;img src&#x3D;x onerror&#x3D;alert(1)&gt; 建议 {{x}}');
    expect(sent.text).toContain(HOSTILE);
    const [audit] = await current().db('audit_log').where({ action: 'report.review_approve' });
    expect(audit).toMatchObject({ actor: 'zhang.expert', target: `contract:${premium}:2026-11-27` });
    expect(JSON.parse(audit.details_json)).toMatchObject({ reviewId: review.id, lines: 2, edited: 2, outboxId: approved.outboxId });

    // A second approval, or the release once due, changes nothing.
    await expect(w.reports.reviews.approve(review.id, ['别的建议'], 'li.expert')).rejects.toMatchObject({ code: 'REVIEW_DECIDED', messageZh: expect.stringContaining('已由 zhang.expert') });
    expect(await w.reports.jobs.releaseOverdueReviews!(at('2026-12-03T09:00:00'))).toEqual({ released: 0, failed: [] });
    expect(await w.outbox.counts()).toMatchObject({ pending: 1 });
    // The year's report is now shown as it went out.
    expect((await w.reports.yearly(premium, '2026-11-27')).advice).toMatchObject({ heading: 'expert', reviewer: { name: 'zhang.expert' } });
  });

  it('refuses lines that are no advice, storing nothing', async () => {
    const review = await theReview();
    await expect(w.reports.reviews.approve(review.id, ['第一行\n第二行'], 'zhang.expert')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await w.reports.reviews.get(review.id)).status).toBe('pending');
    expect(await w.outbox.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });
    await expect(w.reports.reviews.get(987654)).rejects.toMatchObject({ code: 'REVIEW_NOT_FOUND' });
  });

  it('a draft nobody reviewed goes out once its deadline passes, headed 系统建议, and shows as overdue until then', async () => {
    const review = await theReview();
    expect(await w.reports.jobs.releaseOverdueReviews!(at('2026-12-02T17:59:00'))).toEqual({ released: 0, failed: [] });
    w.setNow(at('2026-12-02T18:00:00'));
    expect((await w.reports.reviews.get(review.id)).overdue).toBe(true);
    expect(await w.reports.reviews.counts()).toEqual({ pending: 1, overdue: 1, approved: 0, released: 0 });

    expect(await w.reports.jobs.releaseOverdueReviews!(at('2026-12-02T18:00:00'))).toEqual({ released: 1, failed: [] });
    const released = await w.reports.reviews.get(review.id);
    expect(released).toMatchObject({ status: 'released', reviewer: null, overdue: false });
    expect(released.report.advice).toMatchObject({ heading: 'system', lines: review.report.advice.lines });
    const row = (await w.outbox.get(released.outboxId!))!;
    const sent = w.reports.renderStored(row.reportJson!);
    expect(sent.text).toMatch(/^系统建议\n-{10,}$/m);
    expect(sent.text).not.toMatch(/^总部专家建议\n-{10,}$/m);
    expect(sent.text).toContain('未经总部专家审核');
    expect(await w.reports.reviews.recentlyReleased()).toEqual([expect.objectContaining({ id: review.id, status: 'released' })]);
    await expect(w.reports.reviews.approve(review.id, ['太迟了'], 'zhang.expert')).rejects.toMatchObject({ code: 'REVIEW_DECIDED', messageZh: expect.stringContaining('按系统建议发出') });
    expect(await current().db('audit_log').where({ action: 'report.review_release', actor: 'system' })).toHaveLength(1);
  });

  it('two instances releasing at once, and an expert approving meanwhile: one decision, one message', async () => {
    const review = await theReview();
    const now = at('2026-12-03T09:00:00');
    w.setNow(now);
    const b = secondInstance(now);
    const results = await Promise.allSettled([
      w.reports.jobs.releaseOverdueReviews!(now),
      b.jobs.releaseOverdueReviews!(now),
      w.reports.jobs.releaseOverdueReviews!(now),
      b.reviews.approve(review.id, ['在截止后批准'], 'zhang.expert'),
    ]);
    const released = results.slice(0, 3).map((r) => (r.status === 'fulfilled' ? (r.value as { released: number }).released : 0));
    for (const r of results.slice(0, 3)) expect(r.status).toBe('fulfilled');
    const approved = results[3]!.status === 'fulfilled' ? 1 : 0;
    expect(released.reduce((a, n) => a + n, 0) + approved).toBe(1);
    if (results[3]!.status === 'rejected') expect(results[3]!.reason).toMatchObject({ code: 'REVIEW_DECIDED' });
    const rows = await current().db('outbox').where({ job: 'yearly', recipient: `contract:${premium}` });
    expect(rows).toHaveLength(1);
    expect(await current().db('audit_log').whereIn('action', ['report.review_release', 'report.review_approve'])).toHaveLength(1);
    expect((await w.reports.reviews.get(review.id)).outboxId).toBe(Number(rows[0].id));
  });

  it('a decision a crash left unqueued is queued by the next sweep, once, with its audit entry', async () => {
    const review = await theReview();
    w.setNow(at('2026-11-30T10:00:00'));
    const approved = await w.reports.reviews.approve(review.id, ['一条建议'], 'zhang.expert');
    // What a crash between the decision and the outbox would leave: the decision, without its message or entry.
    await current().db('report_reviews').where({ id: review.id }).update({ outbox_id: null });
    await current().db('outbox').where({ id: approved.outboxId! }).del();
    await current().db('audit_log').where({ action: 'report.review_approve' }).del();

    const sweeps = await Promise.all([w.reports.jobs.releaseOverdueReviews!(at('2026-11-30T10:05:00')), secondInstance(at('2026-11-30T10:05:00')).jobs.releaseOverdueReviews!(at('2026-11-30T10:05:00'))]);
    expect(sweeps.map((r) => r.failed)).toEqual([[], []]);
    const rows = await current().db('outbox').where({ recipient: `contract:${premium}` });
    expect(rows).toHaveLength(1);
    expect(w.reports.renderStored(rows[0].report_json).text).toContain('审核专家:zhang.expert');
    expect((await w.reports.reviews.get(review.id)).outboxId).toBe(Number(rows[0].id));
    const audit = await current().db('audit_log').where({ action: 'report.review_approve' });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: 'zhang.expert', at: at('2026-11-30T10:00:00').toISOString() });
  });

  it('the yearly run again (a retry, another instance) drafts nothing more; a year queued before reviews existed is not drafted', async () => {
    const again = await secondInstance(at('2026-11-28T09:00:00')).jobs.run('yearly', SLOT, RUN);
    expect(again.messages).toEqual([expect.objectContaining({ recipient: `contract:${premium}`, created: false, review: true })]);
    expect(await w.reports.reviews.counts()).toMatchObject({ pending: 1 });

    // A 尊享 report queued by an earlier version (before reviews): its year is not drafted again.
    const earlier = await w.contract({ name: '早先客户', tier: 'premium', startsOn: '2025-11-28', endsOn: '2026-11-27', contacts: [{ name: 'a', email: 'a@earlier.example', role: 'contact' }, { name: 'b', email: 'b@kingdee.example', role: 'csm' }] });
    await w.outbox.enqueue({ job: 'yearly', periodKey: '2026-11-27', recipient: `contract:${earlier}`, subject: '早先的报告', html: '<p>早先</p>', text: '早先', recipients: { to: ['a@earlier.example'], cc: [] } }, SLOT);
    const third = await w.reports.jobs.run('yearly', SLOT, RUN);
    expect(third.messages.find((m) => m.recipient === `contract:${earlier}`)).toMatchObject({ created: false, review: true });
    expect(await w.reports.reviews.ofYear(earlier, '2026-11-27')).toBeNull();
  });
}, { file: true });
