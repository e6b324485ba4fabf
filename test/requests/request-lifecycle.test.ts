// A service request's life after intake on a real database: priority from the service and changed with a reason,
// an assignee from the desk, notes and replies (a reply is one outbox row, written with it, and the first reply is
// the response), the status flow with its refusals, the paused resolution clock, and every change in the
// request's history and the audit log.
import { beforeEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../support/databases.ts';
import { contractWorld, type ContractWorld } from '../support/contract-setup.ts';
import type { Services } from '../../src/composition-root.ts';

const at = (local: string) => new Date(`${local}+08:00`);
const desk = { name: 'support.user', address: '10.0.0.7' };

describeEachDatabase('the service request lifecycle', (current) => {
  let w: ContractWorld & Services;
  let now: Date;
  let contractId: number;
  let silentContractId: number;
  beforeEach(async () => {
    now = at('2026-03-02T09:00:00');
    w = await contractWorld(current().db, () => now);
    await current().db('users').del();
    await w.accounts.createUser('support.user', 'support', 'Correct-Horse-9', { name: 'test' });
    await w.accounts.createUser('second.desk', 'support', 'Correct-Horse-9', { name: 'test' });
    await w.accounts.createUser('sales.user', 'sales', 'Correct-Horse-9', { name: 'test' });
    const customer = await w.contracts.createCustomer(
      { name: '宁波港务', contacts: [{ name: '王芳', email: 'wang.fang@ningbo-port.example', role: 'contact' }, { name: '李雷', email: 'li.lei@kingdee.example', role: 'csm' }] },
      { name: 'test', address: null },
    );
    const silent = await w.contracts.createCustomer({ name: '无邮箱客户' }, { name: 'test', address: null });
    contractId = (await w.contracts.createContract({ customerId: customer.id, offering: 'on_premise', tier: 'premium', startsOn: '2026-01-01', endsOn: '2027-12-31' })).id;
    silentContractId = (await w.contracts.createContract({ customerId: silent.id, offering: 'cloud', tier: 'premium', startsOn: '2026-01-01', endsOn: '2027-12-31' })).id;
  });
  const open = async (service: string, summary = '凭证无法过账', contract = contractId) => (await w.requests.open({ contractId: contract, service, openedAt: now, summary }, desk)).request;
  const later = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };
  const outboxRows = async () => (await current().db('outbox').where({ job: 'request-reply' }).orderBy('id')) as { recipient: string; recipients_json: string; subject: string; text: string; status: string }[];

  it('starts a request at its service’s priority, and the desk changes it only with a reason', async () => {
    const fault = await open('emergency_fault', '全员无法登录');
    const feedback = await open('issue_feedback', '打印模板错位');
    expect([fault.priority, fault.state, feedback.priority, feedback.state]).toEqual(['P1', 'new', 'P3', 'new']);
    await expect(w.requests.setPriority(feedback.id, 'P2', '   ', desk)).rejects.toMatchObject({ code: 'VALIDATION_FAILED', messageZh: expect.stringContaining('调整原因') });
    await expect(w.requests.setPriority(feedback.id, 'P0', '更急', desk)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    later(5);
    expect((await w.requests.setPriority(feedback.id, 'P2', '月结前必须修好', desk)).priority).toBe('P2');
    const { history } = await w.requests.detail(feedback.id);
    expect(history.map((e) => e.action)).toEqual(['opened', 'priority']);
    expect(history[1]).toMatchObject({ actor: 'support.user', at: now.toISOString(), details: { from: 'P3', to: 'P2', reason: '月结前必须修好' } });
    const audit = await w.audit.list({ action: 'request.priority' });
    expect(audit).toEqual([expect.objectContaining({ actor: 'support.user', target: `request:${feedback.id}`, address: '10.0.0.7', details: { from: 'P3', to: 'P2', reason: '月结前必须修好' } })]);
    expect(await w.audit.list({ action: 'request.open' })).toHaveLength(2);
  });

  it('assigns to a desk user (and unassigns), refusing anyone who does not work requests', async () => {
    const r = await open('issue_feedback');
    expect((await w.requests.assign(r.id, 'Second.Desk', desk)).assignee).toBe('second.desk');
    await expect(w.requests.assign(r.id, 'sales.user', desk)).rejects.toMatchObject({ code: 'NOT_A_SUPPORT_USER', details: [expect.objectContaining({ field: 'assignee' })] });
    await expect(w.requests.assign(r.id, 'nobody', desk)).rejects.toMatchObject({ code: 'NOT_A_SUPPORT_USER' });
    later(1);
    expect((await w.requests.assign(r.id, desk.name, desk)).assignee).toBe('support.user');
    later(1);
    expect((await w.requests.assign(r.id, null, desk)).assignee).toBeNull();
    expect(await w.requests.assignableUsers()).toEqual(['second.desk', 'support.user']);
    const { history } = await w.requests.detail(r.id);
    expect(history.filter((e) => e.action === 'assigned').map((e) => e.details)).toEqual([
      { from: null, to: 'second.desk' },
      { from: 'second.desk', to: 'support.user' },
      { from: 'support.user', to: null },
    ]);
    expect(await w.audit.list({ action: 'request.assign' })).toHaveLength(3);
  });

  it('keeps notes internal, e-mails a reply through the outbox exactly once, and takes the first reply as the response', async () => {
    const r = await open('issue_feedback');
    later(10);
    await w.requests.comment(r.id, { kind: 'note', body: '客户环境为 8.0 版本', clientKey: 'form-1' }, desk);
    expect(await outboxRows()).toEqual([]);
    expect((await w.requests.get(r.id)).respondedAt).toBeNull();

    later(20);
    const replyAt = now.toISOString();
    const first = await w.requests.comment(r.id, { kind: 'reply', body: '您好,请提供报错截图。', clientKey: 'form-2' }, desk);
    // The same form sent again: the same comment, no second e-mail.
    later(1);
    const again = await w.requests.comment(r.id, { kind: 'reply', body: '您好,请提供报错截图。', clientKey: 'form-2' }, desk);
    expect(again.comment.id).toBe(first.comment.id);
    await expect(w.requests.comment(r.id, { kind: 'reply', body: '另一段话', clientKey: 'form-2' }, desk)).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });

    const rows = await outboxRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ recipient: `comment:${first.comment.id}`, status: 'pending' });
    expect(JSON.parse(rows[0]!.recipients_json)).toEqual({ to: ['wang.fang@ningbo-port.example'], cc: ['li.lei@kingdee.example'] });
    expect(rows[0]!.subject).toBe(`[服务请求 #${r.id}] 7*24问题反馈:凭证无法过账`);
    expect(rows[0]!.text).toContain('您好,请提供报错截图。');
    expect(first.comment.outboxId).not.toBeNull();

    const after = await w.requests.get(r.id);
    expect(after).toMatchObject({ respondedAt: replyAt, respondedBy: 'support.user', state: 'in_progress', status: 'met' });
    // A second reply is not a second response.
    later(5);
    await w.requests.comment(r.id, { kind: 'reply', body: '补充:请同时提供日志。' }, desk);
    expect((await w.requests.get(r.id)).respondedAt).toBe(replyAt);
    expect(await outboxRows()).toHaveLength(2);
    const { history, comments } = await w.requests.detail(r.id);
    expect(comments.map((c) => c.kind)).toEqual(['note', 'reply', 'reply']);
    expect(history.map((e) => e.action)).toEqual(['opened', 'note', 'responded', 'reply', 'state', 'reply']);
    expect((await w.audit.list({ action: 'request.reply' })).length).toBe(2);
  });

  it('refuses a reply to a customer without a contact address, and stores nothing', async () => {
    const r = await open('issue_feedback', '无邮箱', silentContractId);
    await expect(w.requests.comment(r.id, { kind: 'reply', body: '您好' }, desk)).rejects.toMatchObject({ code: 'NO_CONTACT_ADDRESS', messageZh: expect.stringContaining('无邮箱客户') });
    expect((await w.requests.detail(r.id)).comments).toEqual([]);
    expect(await outboxRows()).toEqual([]);
  });

  it('follows 新建 → 处理中 → 待客户反馈 → 已解决 → 已关闭 with reopen, pausing the resolution clock while it waits', async () => {
    const r = await open('issue_feedback');
    await expect(w.requests.close(r.id, desk)).rejects.toMatchObject({ code: 'INVALID_TRANSITION', messageZh: expect.stringContaining('当前为「新建」,不能改为「已关闭」'), message: expect.stringContaining('is new and cannot become closed') });
    await expect(w.requests.reopen(r.id, '客户又来电', desk)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(w.requests.changeState(r.id, 'resolved', desk)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    later(30); // 09:30
    await w.requests.changeState(r.id, 'in_progress', desk);
    later(30); // 10:00
    const waiting = await w.requests.changeState(r.id, 'waiting_customer', desk);
    expect(waiting).toMatchObject({ state: 'waiting_customer', pausedSince: now.toISOString() });
    later(60); // 11:00
    expect((await w.requests.get(r.id)).pausedTotalMs).toBe(3_600_000);
    await w.requests.changeState(r.id, 'in_progress', desk);
    later(60); // 12:00
    await expect(w.requests.resolve(r.id, '  ', desk)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const resolved = await w.requests.resolve(r.id, '重新过账后恢复正常', desk);
    expect(resolved).toMatchObject({ state: 'resolved', resolvedAt: now.toISOString(), resolvedBy: 'support.user', resolution: '重新过账后恢复正常', pausedMs: 3_600_000, pausedSince: null });
    // Resolved before any reply: the resolution is the response, so the request is no longer "unanswered".
    expect(resolved).toMatchObject({ respondedAt: now.toISOString(), respondedBy: 'support.user' });
    const detail = await w.requests.detail(r.id);
    // 09:00–12:00 is three working hours; one of them waited for the customer.
    expect(detail.request.workingHoursToResolve).toBe(2);
    expect(detail.pauses).toEqual([{ startedAt: at('2026-03-02T10:00:00').toISOString(), endedAt: at('2026-03-02T11:00:00').toISOString() }]);
    later(10);
    expect((await w.requests.close(r.id, desk)).state).toBe('closed');
    later(10);
    const reopened = await w.requests.reopen(r.id, '客户反馈问题复现', desk);
    expect(reopened).toMatchObject({ state: 'in_progress', resolvedAt: null, resolution: null, closedAt: null });
    expect((await w.requests.detail(r.id)).history.map((e) => e.action)).toEqual(['opened', 'state', 'state', 'state', 'responded', 'resolved', 'closed', 'reopened']);
    for (const action of ['request.state', 'request.resolve', 'request.close', 'request.reopen'] as const) expect((await w.audit.list({ action })).length).toBeGreaterThan(0);
  });

  it('lets one of two desk users racing to resolve win; the other is told what the request now is', async () => {
    const r = await open('issue_feedback');
    const results = await Promise.allSettled([w.requests.resolve(r.id, '甲的解决说明', desk), w.requests.resolve(r.id, '乙的解决说明', { name: 'second.desk', address: null })]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: expect.stringMatching(/^(INVALID_TRANSITION|REQUEST_CHANGED)$/) });
    expect((await w.requests.detail(r.id)).history.filter((e) => e.action === 'resolved')).toHaveLength(1);
  });

  it('pages, filters, searches, sorts and counts the queue in the store', async () => {
    const a = await open('issue_feedback', '打印模板错位');
    later(1);
    const b = await open('emergency_fault', '全员无法登录 100%');
    later(1);
    const c = await open('issue_feedback', '月结报错', silentContractId);
    await w.requests.assign(a.id, 'support.user', desk);
    await w.requests.resolve(c.id, '已处理', desk);

    const ids = async (filter: Parameters<typeof w.requests.page>[0], sort: 'deadline' | 'priority' = 'deadline') => (await w.requests.page(filter, { offset: 0, limit: 50, sort })).items.map((r) => r.id);
    // By deadline: the emergency fault's 4 working hours come before the feedback's working day.
    expect(await ids({})).toEqual([b.id, a.id, c.id]);
    expect(await ids({ states: ['new', 'in_progress', 'waiting_customer'] })).toEqual([b.id, a.id]);
    expect(await ids({ priority: 'P1' })).toEqual([b.id]);
    expect(await ids({ assignee: 'support.user' })).toEqual([a.id]);
    expect(await ids({ assignee: '' })).toEqual([b.id, c.id]);
    expect(await ids({ service: 'issue_feedback' })).toEqual([a.id, c.id]);
    expect(await ids({ search: '无邮箱' })).toEqual([c.id]);
    expect(await ids({ search: '100%' })).toEqual([b.id]);
    // A typed % or _ is itself, not a wildcard.
    expect(await ids({ search: '%' })).toEqual([b.id]);
    expect(await ids({ search: '_' })).toEqual([]);
    const firstPage = await w.requests.page({}, { offset: 0, limit: 2 });
    expect([firstPage.items.length, firstPage.total]).toEqual([2, 3]);
    const secondPage = await w.requests.page({}, { offset: 2, limit: 2 });
    expect(secondPage.items.map((r) => r.id)).toEqual([c.id]);
    expect(await w.requests.countByState({})).toMatchObject({ new: 2, in_progress: 0, resolved: 1, active: 2, all: 3 });
    expect(await w.requests.countByState({ priority: 'P3' })).toMatchObject({ new: 1, resolved: 1, active: 1 });
  });
});
