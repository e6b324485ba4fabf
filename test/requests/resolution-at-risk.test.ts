// The queue's 解决即将超时 filter on a real database: intake stores the at-risk point beside resolve-by, the filter
// finds a request from just after that point until resolve-by, exactly when its page says 即将超时, and the point
// moves with resolve-by when a wait for the customer ends or a reopen resumes the clock. The target is one working
// day (8 h) on 标准工作日 (09:00–12:00, 13:00–18:00), so a quarter is 2 working hours; Mon 2026-03-02 is a working day.
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { DESK_USER as desk, resolutionDesk, type ResolutionDesk } from '../support/resolution-desk.ts';

const at = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => at(local).toISOString();

describeEachDatabase('the at-risk resolution filter', (current) => {
  let d: ResolutionDesk;
  let w: ResolutionDesk['w'];
  let basic: number;
  beforeEach(async () => {
    d = await resolutionDesk(current().db);
    ({ w, basic } = d);
  });
  const open = (contractId?: number) => d.open(contractId);
  const to = (local: string) => d.to(local);
  const atRisk = async () => (await w.requests.page({ resolution: 'at_risk' }, { offset: 0, limit: 10 })).items.map((x) => x.id);
  const judged = async (id: number) => (await w.requests.get(id)).resolutionStatus;
  const stored = async (id: number) => {
    const r = await w.requests.get(id);
    return { resolveBy: r.resolveBy, resolveAtRiskFrom: r.resolveAtRiskFrom };
  };

  it('finds a request from just after its at-risk instant until resolve-by, and not once resolved', async () => {
    const r = await open();
    const withoutTarget = await open(basic);
    // Six of the eight working hours after Mon 09:00: Mon 16:00; resolve-by Mon 18:00.
    const atRiskFrom = '2026-03-02T16:00:00';
    expect(await stored(r.id)).toEqual({ resolveBy: '2026-03-02T18:00:00+08:00', resolveAtRiskFrom: iso(atRiskFrom) });
    expect(withoutTarget.resolveAtRiskFrom).toBeNull();
    to(atRiskFrom);
    expect(await atRisk()).toEqual([]);
    expect(await judged(r.id)).toBe('open');
    to('2026-03-02T16:00:00.001');
    expect(await atRisk()).toEqual([r.id]);
    expect(await judged(r.id)).toBe('at_risk');
    expect(await w.requests.countByState({ resolution: 'at_risk' })).toMatchObject({ new: 1, active: 1, all: 1 });
    to('2026-03-02T17:59:59.999');
    expect(await atRisk()).toEqual([r.id]);
    // From resolve-by on it is breached, which the other filter finds.
    to('2026-03-02T18:00:00');
    expect(await atRisk()).toEqual([]);
    expect((await w.requests.page({ resolution: 'breached' }, { offset: 0, limit: 10 })).items.map((x) => x.id)).toEqual([r.id]);

    to('2026-03-03T09:00:00');
    const resolved = await open();
    to('2026-03-03T17:00:00');
    expect(await atRisk()).toEqual([resolved.id]);
    await w.requests.resolve(resolved.id, '已修复', desk);
    expect(await atRisk()).toEqual([]);
    expect(await w.requests.countByState({ resolution: 'at_risk' })).toMatchObject({ all: 0 });
  });

  it('agrees with the page where the at-risk instant falls at the end of a working period: found only once working time passes', async () => {
    to('2026-03-02T11:00:00');
    const r = await open();
    // Six working hours after Mon 11:00 end at Mon 18:00, but until Tue 09:00 two full hours are still left.
    expect(await stored(r.id)).toEqual({ resolveBy: '2026-03-03T11:00:00+08:00', resolveAtRiskFrom: iso('2026-03-03T09:00:00') });
    to('2026-03-02T20:00:00');
    expect(await judged(r.id)).toBe('open');
    expect(await atRisk()).toEqual([]);
    to('2026-03-03T09:00:00.001');
    expect(await judged(r.id)).toBe('at_risk');
    expect(await atRisk()).toEqual([r.id]);
  });

  it('leaves out a request waiting for the customer, and moves both instants by the wait when work resumes', async () => {
    // A wait begun before the at-risk point: Mon 10:00 to Tue 10:00, eight working hours; another begun after it,
    // Mon 16:30 to Tue 10:00, two and a half working hours.
    const early = await open();
    const atRiskLate = await open();
    to('2026-03-02T10:00:00');
    await w.requests.changeState(early.id, 'waiting_customer', desk);
    to('2026-03-02T16:30:00');
    expect(await atRisk()).toEqual([atRiskLate.id]);
    await w.requests.changeState(atRiskLate.id, 'waiting_customer', desk);
    expect(await judged(atRiskLate.id)).toBe('paused');
    expect(await atRisk()).toEqual([]);

    to('2026-03-03T10:00:00');
    await w.requests.changeState(early.id, 'in_progress', desk);
    await w.requests.changeState(atRiskLate.id, 'in_progress', desk);
    // early: 8 h left at the wait's start, so Tue 18:00; at risk from Tue 16:00.
    expect(await stored(early.id)).toEqual({ resolveBy: '2026-03-03T18:00:00+08:00', resolveAtRiskFrom: iso('2026-03-03T16:00:00') });
    // atRiskLate: 1.5 h were left when it began waiting, so still at risk on resuming: resolve-by Tue 11:30, the
    // at-risk point Mon 16:00 + 2.5 h = Tue 09:30, before the resumption.
    expect(await stored(atRiskLate.id)).toEqual({ resolveBy: '2026-03-03T11:30:00+08:00', resolveAtRiskFrom: iso('2026-03-03T09:30:00') });
    expect(await judged(atRiskLate.id)).toBe('at_risk');
    expect(await judged(early.id)).toBe('open');
    expect(await atRisk()).toEqual([atRiskLate.id]);
    to('2026-03-03T16:00:00');
    expect((await atRisk()).includes(early.id)).toBe(false);
    to('2026-03-03T16:00:00.001');
    expect(await judged(early.id)).toBe('at_risk');
    expect(await atRisk()).toContain(early.id);
  });

  it('moves nothing for a wait begun after resolve-by', async () => {
    const r = await open();
    to('2026-03-02T18:30:00');
    await w.requests.changeState(r.id, 'waiting_customer', desk);
    to('2026-03-03T10:00:00');
    await w.requests.changeState(r.id, 'in_progress', desk);
    expect(await stored(r.id)).toEqual({ resolveBy: '2026-03-02T18:00:00+08:00', resolveAtRiskFrom: iso('2026-03-02T16:00:00') });
    expect(await judged(r.id)).toBe('breached');
    expect(await atRisk()).toEqual([]);
  });

  it('moves both instants by the time a request stood resolved before a reopen', async () => {
    const r = await open();
    to('2026-03-02T12:00:00');
    await w.requests.resolve(r.id, '重启后恢复', desk);
    to('2026-03-03T09:00:00');
    await w.requests.reopen(r.id, '问题复现', desk);
    // Stood resolved five working hours (Mon 13–18): resolve-by Tue 15:00; the at-risk point Mon 16:00 + 5 h ends
    // at Tue 12:00, and with the lunch break still two hours are left until Tue 13:00.
    expect(await stored(r.id)).toEqual({ resolveBy: '2026-03-03T15:00:00+08:00', resolveAtRiskFrom: iso('2026-03-03T13:00:00') });
    to('2026-03-03T12:30:00');
    expect(await judged(r.id)).toBe('open');
    expect(await atRisk()).toEqual([]);
    to('2026-03-03T13:00:00.001');
    expect(await judged(r.id)).toBe('at_risk');
    expect(await atRisk()).toEqual([r.id]);

    // Resolved while at risk, reopened the next morning: still at risk, found at once.
    to('2026-03-04T09:00:00');
    const again = await open();
    to('2026-03-04T17:00:00');
    await w.requests.resolve(again.id, '已修复', desk);
    to('2026-03-05T09:00:00');
    await w.requests.reopen(again.id, '问题复现', desk);
    expect(await stored(again.id)).toEqual({ resolveBy: '2026-03-05T10:00:00+08:00', resolveAtRiskFrom: iso('2026-03-04T17:00:00') });
    expect(await judged(again.id)).toBe('at_risk');
    expect(await atRisk()).toEqual([again.id]);
  });
});
