// A resolution target from the policy's 解决时限 table, judged on a real database: fixed at intake on the request's
// calendar, paused while the request waits for the customer and while it stood resolved before a reopen, met or
// breached when resolved, and breached requests found by the queue's filter. Mon 2026-03-02 is a working day on
// 标准工作日 (09:00–12:00, 13:00–18:00).
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { DESK_USER as desk, resolutionDesk, type ResolutionDesk } from '../support/resolution-desk.ts';

const at = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => at(local).toISOString();

describeEachDatabase('resolution targets on service requests', (current) => {
  let d: ResolutionDesk;
  let w: ResolutionDesk['w'];
  let premium: number;
  let basic: number;
  beforeEach(async () => {
    d = await resolutionDesk(current().db);
    ({ w, premium, basic } = d);
  });
  const open = (contractId?: number) => d.open(contractId);
  const to = (local: string) => d.to(local);

  it('fixes resolve-by at intake, one working day on, and judges it in time, at risk, then met', async () => {
    const decision = await w.requests.preview({ contractId: premium, service: 'issue_feedback', openedAt: d.now(), summary: 'x' });
    expect(decision.resolution).toMatchObject({ window: { amount: 1, unit: 'working_day' }, resolveBy: '2026-03-02T18:00:00+08:00', source: { sheet: '解决时限', cell: 'D2' } });
    const r = await open();
    expect(r).toMatchObject({ resolutionWindow: { amount: 1, unit: 'working_day' }, resolveBy: '2026-03-02T18:00:00+08:00', resolutionStatus: 'open', workingHoursLeftToResolve: 8 });
    to('2026-03-02T16:00:00');
    expect(await w.requests.get(r.id)).toMatchObject({ resolutionStatus: 'open', workingHoursLeftToResolve: 2 });
    to('2026-03-02T16:30:00');
    expect(await w.requests.get(r.id)).toMatchObject({ resolutionStatus: 'at_risk', workingHoursLeftToResolve: 1.5 });
    to('2026-03-02T18:00:00');
    expect((await w.requests.resolve(r.id, '已修复', desk)).resolvedAt).toBe(iso('2026-03-02T18:00:00'));
    expect(await w.requests.get(r.id)).toMatchObject({ resolutionStatus: 'met', workingHoursLeftToResolve: null });
  });

  it('pauses while waiting for the customer: resolve-by moves by the working time waited', async () => {
    const r = await open();
    to('2026-03-02T10:00:00');
    await w.requests.changeState(r.id, 'waiting_customer', desk);
    to('2026-03-02T19:00:00');
    // Past the original resolve-by, but the clock stands where the wait began: 8 h left less the hour worked.
    expect(await w.requests.get(r.id)).toMatchObject({ resolutionStatus: 'paused', workingHoursLeftToResolve: 7, resolveBy: '2026-03-02T18:00:00+08:00' });
    expect((await w.requests.page({ resolution: 'breached' }, { offset: 0, limit: 10 })).total).toBe(0);
    to('2026-03-03T10:00:00');
    await w.requests.changeState(r.id, 'in_progress', desk);
    // Waited Mon 10–12, 13–18 and Tue 9–10: eight working hours, so resolve-by moves a working day later.
    expect(await w.requests.get(r.id)).toMatchObject({ resolveBy: '2026-03-03T18:00:00+08:00', resolutionStatus: 'open', workingHoursLeftToResolve: 7 });
    to('2026-03-03T18:30:00');
    expect((await w.requests.get(r.id)).resolutionStatus).toBe('breached');
    await w.requests.resolve(r.id, '客户确认已解决', desk);
    expect(await w.requests.get(r.id)).toMatchObject({ resolutionStatus: 'breached', workingHoursToResolve: 8 });
    expect((await w.requests.page({ resolution: 'breached' }, { offset: 0, limit: 10 })).items.map((x) => x.id)).toEqual([r.id]);
  });

  it('does not count the time a request stood resolved before a reopen, and a breach stays one', async () => {
    const r = await open();
    to('2026-03-02T12:00:00');
    await w.requests.resolve(r.id, '重启后恢复', desk);
    to('2026-03-03T09:00:00');
    await w.requests.reopen(r.id, '问题复现', desk);
    // Stood resolved Mon 12:00–Tue 09:00: five working hours (13–18), so resolve-by moves from Mon 18:00 to Tue 15:00 (9–12, 13–15).
    expect(await w.requests.get(r.id)).toMatchObject({ resolveBy: '2026-03-03T15:00:00+08:00', resolutionStatus: 'open', workingHoursLeftToResolve: 5 });

    const late = await open();
    to('2026-03-04T09:00:00');
    // Both are open past resolve-by: the reopened one since Tue 15:00, the other since Tue 18:00.
    expect((await w.requests.page({ resolution: 'breached' }, { offset: 0, limit: 10 })).items.map((x) => x.id).sort((a, b) => a - b)).toEqual([r.id, late.id]);
    await w.requests.changeState(late.id, 'waiting_customer', desk);
    to('2026-03-05T09:00:00');
    await w.requests.changeState(late.id, 'in_progress', desk);
    // Waiting began after resolve-by had passed: nothing moves.
    expect(await w.requests.get(late.id)).toMatchObject({ resolveBy: '2026-03-03T18:00:00+08:00', resolutionStatus: 'breached' });
  });

  it('records a resolution without judging it where the policy sets no target', async () => {
    const r = await open(basic);
    expect(r).toMatchObject({ resolutionWindow: null, resolveBy: null, resolutionStatus: 'none', workingHoursLeftToResolve: null });
    to('2026-03-09T09:00:00');
    await w.requests.resolve(r.id, '已修复', desk);
    expect(await w.requests.get(r.id)).toMatchObject({ resolutionStatus: 'none' });
    expect((await w.requests.page({ resolution: 'breached' }, { offset: 0, limit: 10 })).total).toBe(0);
  });
});
