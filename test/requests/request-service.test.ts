// Service requests on a real database: intake checks the entitlement and fixes the deadline; the queue
// judges open, at risk, met and breached in business time; nothing recorded at intake moves later.
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { contractWorld, type ContractWorld } from '../support/contract-setup.ts';
import { editedSample, rowOf, tableOf } from '../support/http-app.ts';

const at = (local: string) => new Date(`${local}+08:00`);

describeEachDatabase('service requests', (current) => {
  let w: ContractWorld;
  let now: Date;
  let premium: number;
  let preferred: number;
  let basic: number;
  beforeEach(async () => {
    now = at('2026-03-02T08:00:00');
    w = await contractWorld(current().db, () => now);
    const customer = await w.contracts.createCustomer({ name: '宁波港务' }, { name: 'test', address: null });
    const contract = (tier: string) => w.contracts.createContract({ customerId: customer.id, offering: 'cloud', tier, startsOn: '2026-01-01', endsOn: '2027-12-31' });
    premium = (await contract('premium')).id;
    preferred = (await contract('preferred')).id;
    basic = (await contract('basic')).id;
  });
  const open = (contractId: number, service: string, openedAt: Date, key: string | null = null) => w.requests.open({ contractId, service, openedAt, summary: '凭证无法过账' }, 'support.user', key);
  const count = async () => Number((await current().db('service_requests').count({ n: '*' }).first())?.n);

  it('records the policy version, window, calendar and deadline with its proof at intake', async () => {
    now = at('2026-02-20T10:00:00');
    // Friday 17:00 + 0.5 working day: 1 h on Friday, then the make-up Saturday 2/14 works 09:00–12:00.
    const { status, request } = await open(premium, 'issue_feedback', at('2026-02-13T17:00:00'));
    expect(status).toBe('created');
    expect(request).toMatchObject({
      contractId: premium,
      customerName: '宁波港务',
      service: 'issue_feedback',
      openedAt: '2026-02-13T09:00:00.000Z',
      policy: { version: 1 },
      responseWindow: { amount: 0.5, unit: 'working_day' },
      windowMs: 4 * 3_600_000,
      calendar: '标准工作日',
      respondBy: '2026-02-14T12:00:00+08:00',
      respondedAt: null,
      createdBy: 'support.user',
    });
    expect(request.proof!.intervals).toEqual([
      { start: '2026-02-13T17:00:00+08:00', end: '2026-02-13T18:00:00+08:00', hours: 1 },
      { start: '2026-02-14T09:00:00+08:00', end: '2026-02-14T12:00:00+08:00', hours: 3 },
    ]);
    expect(request.proof!.makeUpDaysCounted.map((d) => d.date)).toEqual(['2026-02-14']);
    expect(request.proof!.sentence.zh).toContain('2026年2月14日 12:00');
    // Read back from the database, it is the same.
    expect(await w.requests.get(request.id)).toEqual({ ...request, status: 'breached', workingHoursLeft: 0 });
  });

  it('refuses a request the contract is not entitled to, with the reasons, and stores nothing', async () => {
    now = at('2026-03-03T08:00:00');
    await expect(open(basic, 'online_im', at('2026-03-02T09:00:00'))).rejects.toMatchObject({ code: 'NOT_ENTITLED', details: { reasons: [expect.objectContaining({ code: 'NOT_IN_TIER' })] } });
    await expect(open(basic, 'performance_tuning', at('2026-03-02T09:00:00'))).rejects.toMatchObject({ code: 'NOT_ENTITLED', details: { reasons: [expect.objectContaining({ code: 'ON_PREMISE_ONLY' })] } });
    await expect(open(basic, 'issue_feedback', at('2028-03-02T09:00:00'))).rejects.toMatchObject({ code: 'INVALID_TIME' });
    await expect(open(basic, 'issue_feedback', at('2025-06-02T09:00:00'))).rejects.toMatchObject({ code: 'NOT_ENTITLED', details: { reasons: [expect.objectContaining({ code: 'CONTRACT_INACTIVE' })] } });
    await expect(w.requests.open({ contractId: basic, service: 'issue_feedback', openedAt: now, summary: '  ' }, 'x')).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(open(basic, 'massage', now)).rejects.toMatchObject({ code: 'UNKNOWN_SERVICE' });
    await expect(open(999_999, 'issue_feedback', now)).rejects.toMatchObject({ code: 'CONTRACT_NOT_FOUND' });
    expect(await count()).toBe(0);
  });

  it('is open, then at risk below 25% of the window left in business time, then breached', async () => {
    // 优选: 1 working day = 8 working hours from Monday 09:00 → Monday 18:00.
    now = at('2026-03-02T09:00:00');
    const { request } = await open(preferred, 'issue_feedback', at('2026-03-02T09:00:00'));
    expect(request.respondBy).toBe('2026-03-02T18:00:00+08:00');
    const statusAt = async (local: string) => {
      now = at(local);
      const r = await w.requests.get(request.id);
      return [r.status, r.workingHoursLeft];
    };
    expect(await statusAt('2026-03-02T12:30:00')).toEqual(['open', 5]); // the lunch break does not count
    expect(await statusAt('2026-03-02T16:00:00')).toEqual(['open', 2]); // exactly 25% left is not yet at risk
    expect(await statusAt('2026-03-02T16:30:00')).toEqual(['at_risk', 1.5]);
    expect(await statusAt('2026-03-02T18:00:00')).toEqual(['breached', 0]);
    // A response at the deadline itself is in time.
    expect(await w.requests.respond(request.id, at('2026-03-02T18:00:00'), 'support.user')).toMatchObject({ status: 'met', workingHoursToRespond: 8 });
  });

  it('lists by status and contract, earliest deadline first', async () => {
    now = at('2026-03-02T09:00:00');
    const late = (await open(preferred, 'issue_feedback', at('2026-03-02T09:00:00'))).request; // due Mon 18:00
    const soon = (await open(premium, 'emergency_fault', at('2026-03-02T09:00:00'))).request; // 2 working hours: due 11:00
    const none = (await open(basic, 'community', at('2026-03-02T09:00:00'))).request; // no response window
    const answered = (await open(premium, 'issue_feedback', at('2026-03-02T09:00:00'))).request; // due 13:00 + … 4 h → 14:00
    expect(none.respondBy).toBeNull();
    now = at('2026-03-02T10:45:00');
    await w.requests.respond(answered.id, at('2026-03-02T10:30:00'), 'support.user');
    const ids = async (status?: 'open' | 'at_risk' | 'met' | 'breached', contractId?: number) => (await w.requests.list({ status, contractId, limit: 100, offset: 0 })).map((r) => r.id);
    expect(await ids('open')).toEqual([soon.id, late.id, none.id]);
    expect(await ids('at_risk')).toEqual([soon.id]);
    expect(await ids('met')).toEqual([answered.id]);
    expect(await ids('breached')).toEqual([]);
    expect(await ids(undefined, premium)).toEqual([soon.id, answered.id]);
    now = at('2026-03-02T11:00:00');
    expect(await ids('breached')).toEqual([soon.id]);
    // Overdue and still unanswered: first in the open queue, the most urgent of all.
    expect(await ids('open')).toEqual([soon.id, late.id, none.id]);
    expect((await w.requests.list({ status: 'open', limit: 1, offset: 0 }))[0]).toMatchObject({ id: soon.id, status: 'breached', workingHoursLeft: 0 });
    now = at('2026-03-02T11:30:00');
    await w.requests.respond(soon.id, at('2026-03-02T11:30:00'), 'support.user');
    expect(await ids('breached')).toEqual([soon.id]);
    expect(await w.requests.get(soon.id)).toMatchObject({ status: 'breached', workingHoursToRespond: 2.5 });
    await w.requests.respond(late.id, at('2026-03-02T11:30:00'), 'support.user');
    expect(await ids('met')).toEqual([answered.id, late.id]);
  });

  it('takes one response, refuses a second or an impossible one, and accepts the same one again', async () => {
    now = at('2026-03-02T12:00:00');
    const { request } = await open(preferred, 'issue_feedback', at('2026-03-02T09:00:00'));
    await expect(w.requests.respond(request.id, at('2026-03-02T08:59:00'), 'x')).rejects.toMatchObject({ code: 'INVALID_TIME' });
    await expect(w.requests.respond(request.id, at('2026-03-03T08:59:00'), 'x')).rejects.toMatchObject({ code: 'INVALID_TIME' });
    const first = await w.requests.respond(request.id, at('2026-03-02T11:00:00'), 'support.user');
    expect(first).toMatchObject({ status: 'met', respondedAt: '2026-03-02T03:00:00.000Z', respondedBy: 'support.user', workingHoursToRespond: 2 });
    expect(await w.requests.respond(request.id, at('2026-03-02T11:00:00'), 'support.user')).toEqual(first);
    await expect(w.requests.respond(request.id, at('2026-03-02T11:30:00'), 'x')).rejects.toMatchObject({ code: 'ALREADY_RESPONDED' });
    await expect(w.requests.respond(424_242, now, 'x')).rejects.toMatchObject({ code: 'REQUEST_NOT_FOUND' });
  });

  it('opens once for a retried Idempotency-Key, even when the retries race', async () => {
    const first = await open(preferred, 'issue_feedback', at('2026-03-02T07:00:00'), 'retry-1');
    const again = await open(preferred, 'issue_feedback', at('2026-03-02T07:00:00'), 'retry-1');
    expect(again).toEqual({ status: 'existing', request: first.request });
    const racing = await Promise.all(Array.from({ length: 8 }, () => open(premium, 'issue_feedback', at('2026-03-02T07:00:00'), 'race')));
    expect(new Set(racing.map((r) => r.request.id)).size).toBe(1);
    expect(racing.filter((r) => r.status === 'created')).toHaveLength(1);
    expect(await count()).toBe(2);
  });

  it('keeps one caller’s key to that caller, and refuses a key reused for another request', async () => {
    const mine = await w.requests.open({ contractId: preferred, service: 'issue_feedback', openedAt: at('2026-03-02T07:00:00'), summary: '甲' }, 'support.a', 'k');
    const theirs = await w.requests.open({ contractId: preferred, service: 'issue_feedback', openedAt: at('2026-03-02T07:00:00'), summary: '甲' }, 'support.b', 'k');
    expect(theirs.status).toBe('created');
    expect(theirs.request.id).not.toBe(mine.request.id);
    await expect(w.requests.open({ contractId: preferred, service: 'emergency_fault', openedAt: at('2026-03-02T07:00:00'), summary: '甲' }, 'support.a', 'k')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: { requestId: mine.request.id },
    });
    expect(await count()).toBe(2);
  });

  it('keeps what intake recorded when a later policy changes the window', async () => {
    now = at('2026-03-02T09:00:00');
    const before = (await open(preferred, 'issue_feedback', at('2026-03-02T09:00:00'))).request;
    const bytes = await editedSample((tables) => void (rowOf(tableOf(tables, 'cloud', 'tier'), 'issue_feedback')[2] = '2工作小时响应'));
    const v2 = await w.policies.importWorkbook({ bytes, filename: 'v2.xlsx', actor: 'test' });
    if (v2.status !== 'created') throw new Error(JSON.stringify(v2));
    await w.policies.activate(v2.version.version, 'test');
    const after = (await open(preferred, 'issue_feedback', at('2026-03-02T09:00:00'))).request;
    expect(after).toMatchObject({ policy: { version: 2 }, responseWindow: { amount: 2, unit: 'working_hour' }, respondBy: '2026-03-02T11:00:00+08:00' });
    expect(await w.requests.get(before.id)).toMatchObject({ policy: { version: 1 }, responseWindow: { amount: 1, unit: 'working_day' }, respondBy: '2026-03-02T18:00:00+08:00', proof: before.proof });
  });

  it('keeps the deadline, and measures time left on the intake calendar, when a later version adds a holiday', async () => {
    now = at('2026-03-02T09:00:00');
    const before = (await open(preferred, 'issue_feedback', at('2026-03-02T09:00:00'))).request;
    const bytes = await editedSample((tables) => void tables.find((x) => x.header[0] === '日期')!.rows.push(['2026-03-02', '休', '公司停电']));
    const v2 = await w.policies.importWorkbook({ bytes, filename: 'v2.xlsx', actor: 'test' });
    if (v2.status !== 'created') throw new Error(JSON.stringify(v2));
    await w.policies.activate(v2.version.version, 'test');
    // Under version 2, Monday 3/2 is a day off: a new request arriving then is due Tuesday 18:00.
    expect((await open(preferred, 'issue_feedback', at('2026-03-02T09:00:00'))).request.respondBy).toBe('2026-03-03T18:00:00+08:00');
    now = at('2026-03-02T16:30:00');
    expect(await w.requests.get(before.id)).toMatchObject({ policy: { version: 1 }, respondBy: '2026-03-02T18:00:00+08:00', status: 'at_risk', workingHoursLeft: 1.5 });
  });
});
