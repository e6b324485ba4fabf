// Several server instances on one database: every row goes out exactly once, whoever sends it.
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createLogger } from '../../src/logger.ts';
import { createMailTransport } from '../../src/report/outbox/mail-transport.ts';
import { createDeliveryWorker } from '../../src/report/outbox/outbox-delivery.ts';
import { startDeliveryLoop } from '../../src/report/outbox/outbox-delivery-loop.ts';
import { createOutboxRepository } from '../../src/report/outbox/outbox-repository.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { FROM, openAnotherHandle, reportMessage, T0 } from './outbox-fixtures.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

describeEachDatabase(
  'outbox delivery from two instances',
  (current) => {
    let sink: SmtpSink;
    let other: Database;
    const closers: Array<() => void | Promise<void>> = [];

    /** One "instance": its own connection pool, repository, SMTP transport and worker id. */
    function instance(db: Database, id: string) {
      const transport = createMailTransport({ smtpUrl: sink.url, from: FROM, outboxDir: '/nonexistent/outbox' });
      closers.push(() => transport.close());
      return createDeliveryWorker({ store: createOutboxRepository(db), transport, workerId: id, batchSize: 4 });
    }

    beforeEach(async () => {
      await current().db('outbox').del();
      // A slow server, so that the two instances' runs really overlap.
      sink = await startSmtpSink({ delayMs: 15 });
      other = openAnotherHandle(current().url);
      closers.push(() => sink.close(), () => other.destroy());
    });
    afterEach(async () => {
      for (const close of closers.splice(0).reverse()) await close();
    });

    it('sends each row exactly once when two workers run at the same moment', async () => {
      const store = createOutboxRepository(current().db);
      for (let n = 1; n <= 24; n += 1) await store.enqueue(reportMessage(n), T0);
      const a = instance(current().db, 'instance-a');
      const b = instance(other, 'instance-b');

      const [runA, runB] = await Promise.all([a.deliverDue(T0), b.deliverDue(T0)]);

      expect(runA.sent + runB.sent).toBe(24);
      expect(runA.failed + runB.failed).toBe(0);
      // Both took part: the test is about concurrency, not one worker finding an empty outbox.
      expect(runA.sent).toBeGreaterThan(0);
      expect(runB.sent).toBeGreaterThan(0);
      const subjects = sink.received.map((m) => m.parsed.subject);
      expect(subjects).toHaveLength(24);
      expect(new Set(subjects).size).toBe(24);
      expect(await store.counts()).toEqual({ pending: 0, failing: 0, sent: 24 });
      const attempts = await current().db('outbox').max({ most: 'attempts' }).first();
      expect(Number(attempts?.most)).toBe(1);
    });

    it('two delivery loops on the real clock, with the same report enqueued by both instances: one message each', async () => {
      const logger = createLogger('silent');
      const stores = [createOutboxRepository(current().db), createOutboxRepository(other)];
      const stops = [startDeliveryLoop({ worker: instance(current().db, 'loop-a'), intervalMs: 20, logger }), startDeliveryLoop({ worker: instance(other, 'loop-b'), intervalMs: 20, logger })];
      try {
        // Both instances' jobs enqueue the same twelve reports for the same period.
        await Promise.all(stores.map(async (s) => { for (let n = 1; n <= 12; n += 1) await s.enqueue(reportMessage(n), new Date()); }));
        const deadline = Date.now() + 10_000;
        while ((await stores[0]!.counts()).sent < 12 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      } finally {
        await Promise.all(stops.map((stop) => stop()));
      }
      expect(await stores[0]!.counts()).toEqual({ pending: 0, failing: 0, sent: 12 });
      const subjects = sink.received.map((m) => m.parsed.subject);
      expect(subjects).toHaveLength(12);
      expect(new Set(subjects).size).toBe(12);
    });
  },
  { file: true },
);
