// The outbox page: what waits, what fails and why, what went out, the .eml files themselves, each message previewed
// safely (a sandboxed frame over a route whose policy loads and runs nothing), and a failed one sent again, audited.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { createEmlWriter } from '../../src/report/outbox/mail-eml-writer.ts';
import type { MailTransport } from '../../src/report/outbox/mail-message.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { PREVIEW_CSP } from '../../src/http/pages/outbox-pages.ts';
import { createTestApp, csrfOf, errorCode, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

describeEachDatabase('the outbox page', (current) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(current().db);
  });
  const message = (recipient: string, subject: string) => ({ job: 'yearly', periodKey: '2026-11-27', recipient, subject, html: '<p>年度服务报告</p>', text: '年度服务报告', recipients: { to: [`${recipient}@example.com`], cc: ['csm@example.com'] } });

  it('lists sent messages with their .eml file, and failing ones with the last error; managers only', async () => {
    const sent = (await t.deps.outbox.enqueue(message('wenzhou', '<b>温州电气</b> 年度服务报告'), new Date())).message;
    await createDeliveryWorker({ store: t.deps.outbox, transport: createEmlWriter(t.deps.outboxDir, 'entitle <noreply@localhost>') }).deliverDue(new Date());
    const failed = (await t.deps.outbox.enqueue(message('ningbo', '宁波港务 年度服务报告'), new Date())).message;
    // A relay that refuses everything: the message stays, with the reason.
    const refusing: MailTransport = { kind: 'smtp', from: 'entitle <noreply@localhost>', target: 'smtp://relay.invalid', send: () => Promise.reject(new Error('451 4.3.0 mailbox unavailable')), close: () => {} };
    await createDeliveryWorker({ store: t.deps.outbox, transport: refusing }).deliverDue(new Date());

    const { agent } = await signIn(t.app, usernameOf('manager'));
    const page = await agent.get('/outbox');
    expect(page.status).toBe(200);
    expect(page.text).toContain('&lt;b&gt;温州电气&lt;/b&gt; 年度服务报告');
    expect(page.text).toContain(`href="/outbox/${sent.id}.eml"`);
    expect(page.text).toContain(`href="/outbox/${sent.id}"`);
    // No server path: not the outbox directory, not a file's name under it.
    expect(page.text).not.toContain(t.deps.outboxDir);
    expect(page.text).not.toContain((await t.deps.outbox.get(sent.id))!.emlFile!);
    expect(page.text).toContain('451 4.3.0 mailbox unavailable');
    const pending = await agent.get('/outbox?state=pending');
    expect(pending.text).toContain('宁波港务 年度服务报告');
    expect(pending.text).not.toContain('温州电气');
    const eml = await agent.get(`/outbox/${sent.id}.eml`);
    expect(eml.status).toBe(200);
    expect(eml.headers['content-disposition']).toMatch(/^attachment; filename="?outbox-\d+\.eml/);
    expect(eml.text ?? eml.body.toString()).toMatch(/Subject: /);
    expect((await agent.get(`/outbox/${failed.id}.eml`)).status).toBe(404);

    const { agent: support } = await signIn(t.app, usernameOf('support'));
    expect((await support.get('/outbox')).status).toBe(403);
    expect((await request(t.app).get('/outbox')).status).toBe(303);
  });

  it('previews a message in a sandboxed frame whose route loads and runs nothing; shows its text; no server path', async () => {
    const hostile = { ...message('hangzhou', '杭州 <script>alert(1)</script> 年度服务报告'), html: '<p style="color:red">报告</p><img src="https://tracker.example/pixel.gif"><script>parent.document.title="x"</script>', text: '年度服务报告 纯文本' };
    const stored = (await t.deps.outbox.enqueue(hostile, new Date())).message;
    const { agent } = await signIn(t.app, usernameOf('manager'));

    const page = await agent.get(`/outbox/${stored.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('杭州 &lt;script&gt;alert(1)&lt;/script&gt; 年度服务报告');
    // The frame may run nothing: a sandbox with no allow-scripts (nor anything else).
    expect(page.text).toMatch(new RegExp(`<iframe class="report-frame" src="/outbox/${stored.id}/preview" sandbox="" `));
    expect(page.text).toContain('年度服务报告 纯文本');
    expect(page.text).not.toContain(t.deps.outboxDir);

    const preview = await agent.get(`/outbox/${stored.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers['content-security-policy']).toBe(PREVIEW_CSP);
    expect(PREVIEW_CSP).toContain("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    expect(preview.headers['cache-control']).toBe('no-store');
    // The message as stored: the policy, not rewriting, keeps its script and remote image from doing anything.
    expect(preview.text).toContain('<p style="color:red">报告</p>');

    expect((await agent.get('/outbox/987654')).status).toBe(404);
    expect((await agent.get('/outbox/987654/preview')).status).toBe(404);
    const { agent: support } = await signIn(t.app, usernameOf('support'));
    expect((await support.get(`/outbox/${stored.id}/preview`)).status).toBe(403);
    expect((await request(t.app).get(`/outbox/${stored.id}/preview`)).status).toBe(303);
  });

  it('sends a failed message again, once, audited; refuses a sent one, one that never failed, and one being sent', async () => {
    const failing = (await t.deps.outbox.enqueue(message('suzhou', '苏州 年度服务报告'), new Date())).message;
    const refusing: MailTransport = { kind: 'smtp', from: 'entitle <noreply@localhost>', target: 'smtp://relay.invalid', send: () => Promise.reject(new Error('421 try later')), close: () => {} };
    await createDeliveryWorker({ store: t.deps.outbox, transport: refusing }).deliverDue(new Date());
    const before = (await t.deps.outbox.get(failing.id))!;
    expect(before).toMatchObject({ status: 'pending', attempts: 1, lastError: '421 try later' });
    expect(Date.parse(before.nextAttemptAt)).toBeGreaterThan(Date.now());

    const manager = await signIn(t.app, usernameOf('manager'));
    const page = await manager.agent.get(`/outbox/${failing.id}`);
    expect(page.text).toContain(`<form method="post" action="/outbox/${failing.id}/resend" id="resend">`);
    const resent = await manager.agent.post(`/outbox/${failing.id}/resend`).type('form').send({ _csrf: csrfOf(page.text) });
    expect(resent.status).toBe(303);
    expect(resent.headers.location).toBe(`/outbox/${failing.id}?resent=1`);
    expect((await manager.agent.get(`/outbox/${failing.id}?resent=1`)).text).toContain('已安排立即重发');
    const after = (await t.deps.outbox.get(failing.id))!;
    // Due now, its history kept (the attempts and the error), held by nobody.
    expect(after).toMatchObject({ status: 'pending', attempts: 1, lastError: '421 try later', claimedBy: null });
    expect(Date.parse(after.nextAttemptAt)).toBeLessThanOrEqual(Date.now());
    const [entry] = await t.audit.list({ action: 'outbox.resend' });
    expect(entry).toMatchObject({ actor: 'manager.user', target: `outbox:${failing.id}`, details: expect.objectContaining({ attempts: 1, lastError: '421 try later', job: 'yearly' }) });

    // Sent once by the next round; a resend of it now is refused, and nothing changes.
    const sink: string[] = [];
    const accepting: MailTransport = { kind: 'smtp', from: 'entitle <noreply@localhost>', target: 'smtp://relay.test', send: async (m) => { sink.push(m.subject); return { messageId: m.messageId, emlFile: null }; }, close: () => {} };
    await createDeliveryWorker({ store: t.deps.outbox, transport: accepting }).deliverDue(new Date());
    expect(sink.filter((s) => s === '苏州 年度服务报告')).toHaveLength(1);
    const again = await request(t.app).post(`/api/outbox/${failing.id}/resend`).set({ Authorization: `Bearer ${t.tokens.manager}` });
    expect(again.status).toBe(409);
    expect(errorCode(again)).toBe('MESSAGE_SENT');
    const onPage = await manager.agent.post(`/outbox/${failing.id}/resend`).type('form').send({ _csrf: manager.csrf });
    expect(onPage.status).toBe(409);
    expect(onPage.text).toContain('这条消息已发送,不能再发一次');

    // Never failed: the outbox sends it in its turn.
    const fresh = (await t.deps.outbox.enqueue(message('wuxi', '无锡 年度服务报告'), new Date())).message;
    const notFailed = await request(t.app).post(`/api/outbox/${fresh.id}/resend`).set({ Authorization: `Bearer ${t.tokens.manager}` });
    expect(errorCode(notFailed)).toBe('MESSAGE_NOT_FAILED');
    // Failed, and a worker holds it right now: not handed to a second one.
    const now = new Date();
    await t.deps.outbox.markFailed(fresh.id, 'nobody', { error: 'x' });
    const held = await t.deps.outbox.claim({ id: fresh.id, attempts: 0 }, { token: 'w#1', now, leaseUntil: new Date(now.getTime() + 600_000), retryAt: now });
    expect(held).not.toBeNull();
    await t.deps.outbox.markFailed(fresh.id, 'w#1', { error: 'timeout' });
    await t.deps.outbox.claim({ id: fresh.id, attempts: 1 }, { token: 'w#2', now, leaseUntil: new Date(now.getTime() + 600_000), retryAt: now });
    const sending = await request(t.app).post(`/api/outbox/${fresh.id}/resend`).set({ Authorization: `Bearer ${t.tokens.manager}` });
    expect(errorCode(sending)).toBe('MESSAGE_SENDING');
    expect((await request(t.app).post('/api/outbox/987654/resend').set({ Authorization: `Bearer ${t.tokens.manager}` })).status).toBe(404);
    // Support may not; a page post without CSRF is refused.
    expect((await request(t.app).post(`/api/outbox/${fresh.id}/resend`).set({ Authorization: `Bearer ${t.tokens.support}` })).status).toBe(403);
    expect((await manager.agent.post(`/outbox/${fresh.id}/resend`).type('form').send({})).status).toBe(403);
    expect(await t.audit.list({ action: 'outbox.resend' })).toHaveLength(1);
  });

  it('pages the list, 50 a page, the newest first, within a tab', async () => {
    await t.deps.outbox.enqueueMany(Array.from({ length: 55 }, (_, i) => ({ ...message(`paging${i}`, `分页 ${i} 年度服务报告`), periodKey: `2026-10-${i}` })), new Date());
    const { agent } = await signIn(t.app, usernameOf('manager'));
    const counts = await t.deps.outbox.counts();
    const first = await agent.get('/outbox?state=pending');
    expect(first.text).toContain(`第 1–50 条,共 ${counts.pending} 条`);
    expect(first.text.match(/<tr class="[^"]*">\s*<td><a href="\/outbox\/\d+"/g)).toHaveLength(50);
    expect(first.text).toContain('分页 54 年度服务报告');
    const second = await agent.get('/outbox?state=pending&page=2');
    expect(second.text).toContain(`第 51–${counts.pending} 条`);
    expect(second.text).toContain('分页 0 年度服务报告');
    expect((await agent.get('/outbox')).text).toContain(`共 ${counts.pending + counts.sent} 条`);
  });
});
