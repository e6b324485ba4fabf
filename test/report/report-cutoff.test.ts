// Figures fixed at a cut-off: a report shown, downloaded (HTML, xlsx) or sent at its cut-off and ten days later
// says the same, although meanwhile the request that was unanswered got its answer, new requests came in and
// quota was used. Issue 13: one request read 70 working hours late at the 07:00 run and 270 when viewed later.
import ExcelJS from 'exceljs';
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { reportWorld, type ReportWorld } from '../support/report-setup.ts';

const sh = (local: string) => `${local}+08:00`;
const TEN_DAYS = 10 * 86_400_000;
const RUN = { dryRun: false, trigger: 'manual' as const, actor: 'test' };

/** Every sheet's name and every cell's value: what a manager reads in Excel (the zip's timestamps aside). */
async function cellsOf(bytes: Buffer): Promise<unknown[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => ({ name: ws.name, rows: ws.getSheetValues().map((row) => (Array.isArray(row) ? row.map((v) => (v instanceof Date ? v.toISOString() : v)) : row)) }));
}

describeEachDatabase('report figures fixed at the cut-off', (current) => {
  let w: ReportWorld;
  let preferred: number;
  let late: number;

  beforeEach(async () => {
    w = await reportWorld(current().db);
    // A 优选 year ending Friday 2026-11-27: its report is owed at 07:00 on Saturday the 28th.
    preferred = await w.contract({ name: '华东精密', tier: 'preferred', startsOn: '2025-11-28', endsOn: '2027-11-27', contacts: [{ name: '王工', email: 'it@huadong.example', role: 'contact' }] });
    w.setNow(sh('2026-11-26T10:00:00'));
    // Thursday 10:00, four working hours (紧急故障处理 of 优选): due 15:00 and still unanswered at the cut-off.
    late = await w.request(preferred, 'emergency_fault', sh('2026-11-26T10:00:00'));
    await w.request(preferred, 'emergency_fault', sh('2026-03-03T10:00:00'), sh('2026-03-03T11:00:00'));
    await w.usage.record({ contractId: preferred, service: 'code_diagnosis', personDays: 2, onsite: false, at: new Date(sh('2026-05-06T10:00:00')), note: null, override: null, idempotencyKey: null }, { name: 'desk', address: null, mayOverride: false });
  });

  /** What a manager gets: the report (JSON), its e-mail (HTML and text, both languages) and its workbook. */
  async function look(contractId: number, yearEnd: string) {
    const report = await w.reports.yearly(contractId, yearEnd);
    const zh = w.reports.render(report, 'zh');
    const en = w.reports.render(report, 'en');
    return { report, zh, en, xlsx: await cellsOf(await w.reports.workbook(report)) };
  }

  /** Ten days on: the late request is answered, a new one opened and answered, quota used in the new year. */
  async function tenDaysLater(cutoff: Date): Promise<void> {
    w.setNow(new Date(cutoff.getTime() + TEN_DAYS));
    await w.requests.respond(late, new Date(cutoff.getTime() + TEN_DAYS - 3_600_000), 'desk');
    await w.request(preferred, 'issue_feedback', sh('2026-12-07T09:00:00'), sh('2026-12-07T10:00:00'));
    await w.usage.record({ contractId: preferred, service: 'code_diagnosis', personDays: 2, onsite: false, at: new Date(sh('2026-12-07T10:00:00')), note: null, override: null, idempotencyKey: null }, { name: 'desk', address: null, mayOverride: false });
  }

  it('a year’s report reads the same at its cut-off and ten days later: HTML, text and xlsx', async () => {
    const cutoff = new Date(sh('2026-11-28T07:00:00'));
    w.setNow(cutoff);
    const atCutoff = await look(preferred, '2026-11-27');
    expect(atCutoff.report.cutoff).toBe(cutoff.toISOString());
    expect(atCutoff.report.provisional).toBeUndefined();
    // Unanswered at the cut-off: late from Thursday 15:00 to Saturday 07:00 = 3 h (Thu 15–18) + 8 h (Fri) = 11 working hours.
    expect(atCutoff.report.breaches).toEqual([expect.objectContaining({ requestId: late, respondedAt: null, hoursLate: 11 })]);
    expect(atCutoff.report.quotas[0]).toMatchObject({ used: 1, remaining: 1 });
    expect(atCutoff.zh.text).toContain('数据截至 2026-11-28 07:00(北京时间)');
    expect(atCutoff.en.text).toContain('Figures as of 2026-11-28 07:00 (Beijing time)');

    await tenDaysLater(cutoff);
    const later = await look(preferred, '2026-11-27');
    expect(later.report).toEqual(atCutoff.report);
    expect(later.zh).toEqual(atCutoff.zh);
    expect(later.en).toEqual(atCutoff.en);
    expect(later.xlsx).toEqual(atCutoff.xlsx);
    // The request as it is now, for contrast: answered, after ten days of business time.
    expect((await w.requests.get(late)).respondedAt).not.toBeNull();
  });

  it('a report that went out is shown and re-sent as it went out, whatever happened since', async () => {
    const cutoff = new Date(sh('2026-11-28T07:00:00'));
    w.setNow(new Date(sh('2026-11-28T07:00:05')));
    await w.reports.jobs.run('yearly', cutoff, RUN);
    const [row] = await w.outbox.list({ job: 'yearly', limit: 5, offset: 0 });
    const stored = (await w.outbox.get(row!.id))!;
    const sentThen = w.reports.renderStored(stored.reportJson!);
    const shownThen = await look(preferred, '2026-11-27');

    await tenDaysLater(cutoff);
    expect(w.reports.renderStored(stored.reportJson!)).toEqual(sentThen);
    const shownLater = await look(preferred, '2026-11-27');
    expect(shownLater).toEqual(shownThen);
    expect(shownLater.zh.html).toBe(sentThen.html);
  });

  it('the monthly report’s worst breaches and requests at risk are those of its cut-off', async () => {
    // Monday 2026-11-30 14:45, four working hours: 3.25 h on Monday, due Tuesday 09:45; at 08:00 on Tuesday 0.75 h
    // of 4 are left, under a quarter: at risk at the cut-off.
    w.setNow(sh('2026-11-30T14:45:00'));
    const atRisk = await w.request(preferred, 'emergency_fault', sh('2026-11-30T14:45:00'));
    const cutoff = new Date(sh('2026-12-01T08:00:00'));
    w.setNow(cutoff);
    const first = await w.reports.monthly('2026-11');
    expect(first.cutoff).toBe(cutoff.toISOString());
    // The late one of Thursday the 26th, to Tuesday 08:00: 3 h (Thu) + 8 h (Fri) + 8 h (Mon) = 19 working hours.
    expect(first.worst).toEqual([expect.objectContaining({ requestId: late, respondedAt: null, hoursLate: 19 })]);
    expect(first.atRisk).toEqual([expect.objectContaining({ requestId: atRisk, workingHoursLeft: 0.75, windowHours: 4 })]);
    expect(first.totals).toMatchObject({ requests: 2, breached: 1, open: 1 });
    const html = w.reports.render(first).html;
    const xlsx = await cellsOf(await w.reports.workbook(first));

    await tenDaysLater(cutoff);
    await w.requests.respond(atRisk, new Date(cutoff.getTime() + TEN_DAYS - 60_000), 'desk');
    const later = await w.reports.monthly('2026-11');
    expect(later).toEqual(first);
    expect(w.reports.render(later).html).toBe(html);
    expect(await cellsOf(await w.reports.workbook(later))).toEqual(xlsx);
  });

  it('a year or month still running is shown as of now and says it is provisional', async () => {
    w.setNow(sh('2026-12-05T10:00:00'));
    const current = await w.reports.yearly(preferred, '2027-11-27');
    expect(current).toMatchObject({ provisional: true, cutoff: new Date(sh('2026-12-05T10:00:00')).toISOString(), period: { start: '2026-11-28', end: '2027-11-27' } });
    expect(w.reports.render(current).text).toContain('期间尚未结束:数据截至 2026-12-05 10:00(北京时间),仅供参考');
    const month = await w.reports.monthly('2026-12');
    expect(month).toMatchObject({ provisional: true });
    expect(w.reports.render(month, 'en').text).toContain('The period is not over: figures as of 2026-12-05 10:00 (Beijing time)');
  });
});
