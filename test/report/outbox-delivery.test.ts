// Delivery through a real SMTP server on loopback: what arrives, refusals and retries, outages and restarts.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { MailConfig } from '../../src/config/config.ts';
import { createMailTransport } from '../../src/report/outbox/mail-transport.ts';
import { createDeliveryWorker, type DeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { createOutboxRepository } from '../../src/report/outbox/outbox-repository.ts';
import { FAILING_AFTER_ATTEMPTS, retryDelayMs, type OutboxStore } from '../../src/report/outbox/outbox-store.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FROM, minutes, reportMessage, T0 } from './outbox-fixtures.ts';
import { addresses, SINK_USER, smtpUrl, startSmtpSink, type SmtpSink } from './smtp-sink.ts';

describeEachDatabase('outbox delivery over SMTP', (current) => {
  let store: OutboxStore;
  let sink: SmtpSink;
  const closers: Array<() => void | Promise<void>> = [];

  const mailConfig = (url: string): MailConfig => ({ smtpUrl: url, from: FROM, outboxDir: '/nonexistent/outbox' });
  function workerFor(url: string, id: string, s: OutboxStore = store): DeliveryWorker {
    const transport = createMailTransport(mailConfig(url));
    closers.push(() => transport.close());
    return createDeliveryWorker({ store: s, transport, workerId: id });
  }

  beforeEach(async () => {
    await current().db('outbox').del();
    store = createOutboxRepository(current().db);
    sink = await startSmtpSink();
    closers.push(() => sink.close());
  });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  it('delivers over STARTTLS with login: subject, To, Cc, an HTML and a text part, and records the Message-ID', async () => {
    const { message } = await store.enqueue(reportMessage(1), T0);
    const run = await workerFor(sink.url, 'a').deliverDue(T0);
    expect(run).toEqual({ attempted: 1, sent: 1, failed: 0, lost: 0, stoppedEarly: false });

    expect(sink.received).toHaveLength(1);
    const mail = sink.received[0]!;
    expect(mail.secure).toBe(true);
    expect(mail.user).toBe(SINK_USER);
    expect(mail.parsed.subject).toBe('年度服务报告 2026 · 合同 1');
    expect(addresses(mail.parsed.to)).toEqual(['it1@customer.example', 'cio1@customer.example']);
    expect(addresses(mail.parsed.cc)).toEqual(['csm1@entitle.example']);
    expect(addresses(mail.parsed.from)).toEqual(['reports@entitle.example']);
    expect(mail.rcptTo.sort()).toEqual(['cio1@customer.example', 'csm1@entitle.example', 'it1@customer.example']);
    expect(mail.parsed.html).toContain('<td>91%</td>');
    expect(mail.parsed.text).toContain('响应达标 91%');
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');

    const sent = await store.get(message.id);
    expect(sent).toMatchObject({ status: 'sent', attempts: 1, sentAt: T0.toISOString(), lastError: null, claimedBy: null, emlFile: null });
    expect(sent?.messageId).toBe(mail.parsed.messageId);
    expect(sent?.messageId).toMatch(new RegExp(`^<entitle-outbox-${message.id}-\\d{8}T\\d{9}Z@entitle\\.example>$`));
  });

  it('also delivers over smtps://, TLS from the first byte', async () => {
    const tlsSink = await startSmtpSink({ implicitTls: true });
    closers.push(() => tlsSink.close());
    expect(tlsSink.url).toMatch(/^smtps:/);
    await store.enqueue(reportMessage(1), T0);
    expect(await workerFor(tlsSink.url, 'a').deliverDue(T0)).toMatchObject({ sent: 1 });
    expect(tlsSink.received.map((m) => [m.parsed.subject, m.secure])).toEqual([[reportMessage(1).subject, true]]);
  });

  it('sends a report once per period: enqueued twice, delivered once, and never again', async () => {
    const worker = workerFor(sink.url, 'a');
    await store.enqueue(reportMessage(1), T0);
    await store.enqueue(reportMessage(1), minutes(1));
    await worker.deliverDue(minutes(1));
    // The job runs again the same day (a second instance, a manual re-run): the row is there, sent.
    expect((await store.enqueue(reportMessage(1), minutes(30))).created).toBe(false);
    await worker.deliverDue(minutes(31));
    await worker.deliverDue(minutes(60 * 24));
    expect(sink.received).toHaveLength(1);
    expect(await store.counts()).toEqual({ pending: 0, failing: 0, sent: 1 });
  });

  it('after a 451 refusal shows the error and the retry time, then delivers exactly once when the server accepts', async () => {
    const worker = workerFor(sink.url, 'a');
    const { message } = await store.enqueue(reportMessage(1), T0);
    sink.mode = 'refuse-data';
    expect(await worker.deliverDue(T0)).toMatchObject({ attempted: 1, sent: 0, failed: 1 });

    const [listed] = await store.list({ state: 'pending', limit: 10, offset: 0 });
    expect(listed).toMatchObject({ id: message.id, status: 'pending', attempts: 1, lastAttemptAt: T0.toISOString(), nextAttemptAt: minutes(1).toISOString(), claimedBy: null, failing: false });
    expect(listed?.lastError).toMatch(/451/);
    expect(listed?.lastError).toMatch(/queue is full/);
    expect(listed?.lastError).not.toMatch(/\n|at .*\.js/);
    expect(sink.received).toHaveLength(0);

    sink.mode = 'accept';
    // Not due yet: the backoff holds even though the server is back.
    expect(await worker.deliverDue(minutes(0.5))).toMatchObject({ attempted: 0 });
    expect(await worker.deliverDue(minutes(1))).toMatchObject({ attempted: 1, sent: 1 });
    expect(await worker.deliverDue(minutes(120))).toMatchObject({ attempted: 0 });
    expect(sink.received).toHaveLength(1);
    expect(await store.get(message.id)).toMatchObject({ status: 'sent', attempts: 2, sentAt: minutes(1).toISOString() });
  });

  it('backs off 1, 2, 4 … minutes up to an hour, shows the row as failing, and never drops it', async () => {
    const worker = workerFor(sink.url, 'a');
    const { message } = await store.enqueue(reportMessage(1), T0);
    sink.mode = 'refuse-rcpt';
    let now = T0;
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      expect(await worker.deliverDue(now)).toMatchObject({ attempted: 1, failed: 1 });
      const row = (await store.get(message.id))!;
      expect(row.failing).toBe(attempt >= FAILING_AFTER_ATTEMPTS);
      waits.push((Date.parse(row.nextAttemptAt) - now.getTime()) / 60_000);
      now = new Date(row.nextAttemptAt);
    }
    expect(waits).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((a) => retryDelayMs(a) / 60_000));
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60]);
    expect(await store.counts()).toEqual({ pending: 1, failing: 1, sent: 0 });
    expect((await store.list({ state: 'failing', limit: 10, offset: 0 }))[0]?.lastError).toMatch(/450/);

    sink.mode = 'accept';
    expect(await worker.deliverDue(now)).toMatchObject({ sent: 1 });
    expect(sink.received).toHaveLength(1);
    expect(await store.counts()).toEqual({ pending: 0, failing: 0, sent: 1 });
  });

  it('after an SMTP outage, a restarted instance sends everything pending, each once', async () => {
    const port = sink.port;
    await sink.close();
    const before = workerFor(smtpUrl(port), 'before-restart');
    for (let n = 1; n <= 5; n += 1) await store.enqueue(reportMessage(n), T0);

    // The server is down: the run gives up after three refusals in a row rather than time out on every row.
    const down = await before.deliverDue(T0);
    expect(down).toMatchObject({ attempted: 3, failed: 3, sent: 0, stoppedEarly: true });
    const failed = await store.list({ state: 'pending', limit: 10, offset: 0 });
    expect(failed.filter((e) => e.lastError !== null).map((e) => e.lastError)).toEqual(Array(3).fill(expect.stringMatching(/ECONNREFUSED/)));

    // The instance is gone; the mail server comes back on its port; a new instance starts on the same database.
    sink = await startSmtpSink({ port });
    closers.push(() => sink.close());
    const after = workerFor(smtpUrl(port), 'after-restart', createOutboxRepository(current().db));
    expect(await after.deliverDue(minutes(1))).toMatchObject({ attempted: 5, sent: 5, failed: 0 });
    expect(await after.deliverDue(minutes(600))).toMatchObject({ attempted: 0 });

    expect(sink.received.map((m) => m.parsed.subject).sort()).toEqual([1, 2, 3, 4, 5].map((n) => reportMessage(n).subject).sort());
    expect(await store.counts()).toEqual({ pending: 0, failing: 0, sent: 5 });
  });

  it('takes over a row whose sender crashed mid-send once the lease runs out, and sends it once', async () => {
    const { message } = await store.enqueue(reportMessage(1), T0);
    // An instance claims the row and dies before sending or recording anything.
    const crashed = await store.claim({ id: message.id, attempts: 0 }, { token: 'crashed#1', now: T0, leaseUntil: minutes(10), retryAt: minutes(1) });
    expect(crashed).not.toBeNull();

    const survivor = workerFor(sink.url, 'survivor');
    expect(await survivor.deliverDue(minutes(5))).toMatchObject({ attempted: 0 });
    expect(sink.received).toHaveLength(0);
    expect(await survivor.deliverDue(minutes(10))).toMatchObject({ attempted: 1, sent: 1 });
    expect(sink.received).toHaveLength(1);
    expect(await store.get(message.id)).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('records a message sent while the database went away once it is back, within the lease, so it goes once', async () => {
    const { message } = await store.enqueue(reportMessage(5), T0);
    // The real store, with the database away for the first two attempts to record the send (as mysql2 says it).
    let refusals = 2;
    const flaky: OutboxStore = {
      ...store,
      markSent: (id, sent) => (refusals-- > 0 ? Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3306'), { code: 'ECONNREFUSED', fatal: true })) : store.markSent(id, sent)),
    };
    expect(await workerFor(sink.url, 'a', flaky).deliverDue(T0)).toMatchObject({ attempted: 1, sent: 1 });
    expect(refusals).toBe(-1);
    expect(sink.received).toHaveLength(1);
    expect(await store.get(message.id)).toMatchObject({ status: 'sent', attempts: 1, claimedBy: null });
    // Nothing is due any more: no second copy after the lease.
    expect(await workerFor(sink.url, 'b').deliverDue(minutes(30))).toMatchObject({ attempted: 0 });
    expect(sink.received).toHaveLength(1);
  });

  it('stops the run when the record fails for another reason: the row comes due after its lease, under the same Message-ID', async () => {
    await store.enqueue(reportMessage(6), T0);
    const broken: OutboxStore = { ...store, markSent: () => Promise.reject(new Error('disk full')) };
    await expect(workerFor(sink.url, 'a', broken).deliverDue(T0)).rejects.toThrow('disk full');
    expect(sink.received).toHaveLength(1);
  });
});
