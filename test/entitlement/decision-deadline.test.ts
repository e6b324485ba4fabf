// A decision asked at an instant says by when to respond: across China's holidays and make-up days, on the
// calendar the policy assigns, and only when there is something to respond to.
import { beforeAll, expect, it } from 'vitest';
import type { ContractFacts } from '../../src/entitlement/decision.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { contractWorld, type ContractWorld } from '../support/contract-setup.ts';

const at = (local: string) => new Date(`${local}+08:00`);
const contract = (tier: ContractFacts['tier'], offering: ContractFacts['offering'] = 'cloud'): ContractFacts => ({ offering, tier, startsOn: '2025-01-01', endsOn: '2030-12-31', purchased: [] });

describeEachDatabase('deadlines in decisions', (current) => {
  let w: ContractWorld;
  beforeAll(async () => {
    w = await contractWorld(current().db);
  });
  const check = (tier: ContractFacts['tier'], service: string, instant: Date, deadline = true) => w.entitlements.check(contract(tier), service, instant, undefined, { deadline });

  it.each([
    ['尊享 issue_feedback, Wednesday before National Day', 'premium', 'issue_feedback', '2026-09-30T17:00:00', '2026-10-08T12:00:00+08:00'],
    ['优选 emergency_fault arriving on a Sunday', 'preferred', 'emergency_fault', '2026-03-01T10:00:00', '2026-03-02T14:00:00+08:00'],
    ['基础 issue_feedback (2 working days) across the Spring Festival', 'basic', 'issue_feedback', '2026-02-13T10:00:00', '2026-02-24T10:00:00+08:00'],
    ['尊享 emergency_fault (2 working hours) starting 17:30', 'premium', 'emergency_fault', '2026-03-06T17:30:00', '2026-03-09T10:30:00+08:00'],
  ])('%s', async (_name, tier, service, arrival, respondBy) => {
    const decision = await check(tier as ContractFacts['tier'], service, at(arrival));
    expect(decision).toMatchObject({ entitled: true, respondBy, calendar: '标准工作日' });
    const hours = decision.proof!.intervals.reduce((sum, i) => sum + i.hours, 0);
    expect(hours).toBeCloseTo(decision.proof!.workingHours, 6);
    expect(decision.proof!.warnings).toEqual([]);
  });

  it('names the holidays skipped and the make-up days counted', async () => {
    const decision = await check('basic', 'issue_feedback', at('2026-02-13T10:00:00'));
    // 2/14 (Saturday) is worked for the Spring Festival; 2/15–2/23 are off.
    expect(decision.proof!.makeUpDaysCounted.map((d) => d.date)).toEqual(['2026-02-14']);
    expect(new Set(decision.proof!.holidaysSkipped.map((d) => d.name))).toEqual(new Set(['春节']));
    expect(decision.proof!.holidaysSkipped.map((d) => d.date)).toContain('2026-02-23');
    expect(decision.proof!.sentence.en).toMatch(/Spring Festival/);
  });

  it('warns when the deadline reaches a year without holiday data, and still answers', async () => {
    const decision = await check('basic', 'issue_feedback', at('2026-12-31T17:00:00'));
    expect(decision.respondBy).toBe('2027-01-04T17:00:00+08:00');
    expect(decision.proof!.warnings).toEqual([expect.objectContaining({ code: 'NO_HOLIDAY_DATA', year: 2027 })]);
  });

  it('says nothing about a deadline without `at`, without a window, or without entitlement', async () => {
    expect((await check('premium', 'issue_feedback', at('2026-03-02T09:00:00'), false)).respondBy).toBeUndefined();
    expect((await check('premium', 'community', at('2026-03-02T09:00:00'))).respondBy).toBeUndefined();
    const refused = await check('basic', 'online_im', at('2026-03-02T09:00:00'));
    expect(refused).toMatchObject({ entitled: false });
    expect(refused.respondBy).toBeUndefined();
    const outside = await w.entitlements.check({ ...contract('premium'), endsOn: '2026-01-31' }, 'issue_feedback', at('2026-03-02T09:00:00'), undefined, { deadline: true });
    expect(outside.respondBy).toBeUndefined();
  });
});
