// The outbox page: what waits, what fails and why, what went out, and the .eml files themselves.
import request from 'supertest';
import { beforeAll, expect, it } from 'vitest';
import { createEmlWriter } from '../../src/report/outbox/mail-eml-writer.ts';
import type { MailTransport } from '../../src/report/outbox/mail-message.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { createTestApp, signIn, usernameOf, type TestApp } from '../support/http-app.ts';

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
    expect(page.text).toContain('451 4.3.0 mailbox unavailable');
    const pending = await agent.get('/outbox?state=pending');
    expect(pending.text).toContain('宁波港务 年度服务报告');
    expect(pending.text).not.toContain('温州电气');
    const eml = await agent.get(`/outbox/${sent.id}.eml`);
    expect(eml.status).toBe(200);
    expect(eml.headers['content-disposition']).toMatch(/^attachment/);
    expect(eml.text ?? eml.body.toString()).toMatch(/Subject: /);
    expect((await agent.get(`/outbox/${failed.id}.eml`)).status).toBe(404);

    const { agent: support } = await signIn(t.app, usernameOf('support'));
    expect((await support.get('/outbox')).status).toBe(403);
    expect((await request(t.app).get('/outbox')).status).toBe(303);
  });
});
