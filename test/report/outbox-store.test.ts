import { beforeEach, describe, expect, it } from 'vitest';
import { createOutboxRepository } from '../../src/report/outbox/outbox-repository.ts';
import { FAILING_AFTER_ATTEMPTS, MAX_RETRY_DELAY_MS, retryDelayMs, type OutboxStore } from '../../src/report/outbox/outbox-store.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { minutes, openAnotherHandle, reportMessage, T0 } from './outbox-fixtures.ts';

describe('retryDelayMs', () => {
  it('doubles from one minute and stays at the one-hour cap for ever', () => {
    const inMinutes = [1, 2, 3, 4, 5, 6, 7, 8, 50, 10_000].map((a) => retryDelayMs(a) / 60_000);
    expect(inMinutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
    expect(retryDelayMs(Number.MAX_SAFE_INTEGER)).toBe(MAX_RETRY_DELAY_MS);
  });

  it('doubles from OUTBOX_RETRY_S when set, to the same cap', () => {
    expect([1, 2, 3, 9, 12, 13, 10_000].map((a) => retryDelayMs(a, 10_000) / 1000)).toEqual([10, 20, 40, 2560, 3600, 3600, 3600]);
    expect(retryDelayMs(0, 10_000)).toBe(0);
  });
});

describeEachDatabase(
  'outbox store',
  (current) => {
    let store: OutboxStore;
    beforeEach(async () => {
      await current().db('outbox').del();
      store = createOutboxRepository(current().db);
    });

    const claimArgs = (token: string, now: Date) => ({ token, now, leaseUntil: minutes(10, now), retryAt: minutes(1, now) });

    it('enqueues once per (job, period, recipient): the second enqueue returns the first row untouched', async () => {
      const first = await store.enqueue(reportMessage(1), T0);
      const again = await store.enqueue(reportMessage(1, { subject: 'a different subject' }), minutes(5));
      expect(first.created).toBe(true);
      expect(again.created).toBe(false);
      expect(again.message).toEqual(first.message);
      expect(first.message).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: T0.toISOString(), createdAt: T0.toISOString(), lastError: null, failing: false });
      expect(first.message.recipients).toEqual(reportMessage(1).recipients);
      // Another period, job or recipient is another row.
      expect((await store.enqueue(reportMessage(1, { periodKey: '2026-11-28' }), T0)).created).toBe(true);
      expect((await store.enqueue(reportMessage(1, { job: 'monthly' }), T0)).created).toBe(true);
      expect((await store.enqueue(reportMessage(2), T0)).created).toBe(true);
      expect(await store.counts()).toEqual({ pending: 4, failing: 0, sent: 0 });
    });

    it('keeps one row when two instances enqueue the same key at once', async () => {
      const handle = openAnotherHandle(current().url);
      const other = createOutboxRepository(handle);
      try {
        const results = await Promise.all([store, other, store, other].map((s) => s.enqueue(reportMessage(7), T0)));
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect(new Set(results.map((r) => r.message.id)).size).toBe(1);
        expect(await current().db('outbox').count({ n: '*' }).first()).toEqual({ n: 1 });
      } finally {
        await handle.destroy();
      }
    });

    it('refuses a message the columns cannot hold or that has nobody to go to', async () => {
      await expect(store.enqueue(reportMessage(1, { subject: 'x'.repeat(501) }), T0)).rejects.toThrow(/subject is longer than 500/);
      await expect(store.enqueue(reportMessage(1, { recipients: { to: [], cc: ['a@b.example'] } }), T0)).rejects.toThrow(/no To address/);
      await expect(store.enqueue(reportMessage(1, { recipients: { to: ['not an address'], cc: [] } }), T0)).rejects.toThrow(/not an e-mail address/);
      await expect(store.enqueue(reportMessage(1, { periodKey: ' ' }), T0)).rejects.toThrow(/periodKey is empty/);
      expect(await store.counts()).toEqual({ pending: 0, failing: 0, sent: 0 });
    });

    it('lets exactly one of many concurrent claims take a row, from two connection pools', async () => {
      const handle = openAnotherHandle(current().url);
      const other = createOutboxRepository(handle);
      try {
        const { message } = await store.enqueue(reportMessage(1), T0);
        const [seen] = await store.due(T0, 10);
        expect(seen).toEqual({ id: message.id, attempts: 0 });
        const claims = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 ? other : store).claim(seen!, claimArgs(`w${i}`, T0))));
        const winners = claims.filter((c) => c !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]).toMatchObject({ attempts: 1, lastAttemptAt: T0.toISOString(), nextAttemptAt: minutes(1).toISOString(), claimedUntil: minutes(10).toISOString() });
        // Leased: not due for anyone, even once the retry time has come, until the lease runs out.
        expect(await store.due(minutes(5), 10)).toEqual([]);
        expect(await store.due(minutes(10), 10)).toEqual([{ id: message.id, attempts: 1 }]);
      } finally {
        await handle.destroy();
      }
    });

    it('frees the lease on failure only for the claim that holds it, and records sent even after losing it', async () => {
      const { message } = await store.enqueue(reportMessage(1), T0);
      const mine = await store.claim({ id: message.id, attempts: 0 }, claimArgs('mine', T0));
      expect(mine).not.toBeNull();
      // A stale claim (the same row seen at an older attempt count) no longer matches.
      expect(await store.claim({ id: message.id, attempts: 0 }, claimArgs('late', minutes(11)))).toBeNull();
      expect(await store.markFailed(message.id, 'someone-else', { error: 'x' })).toBe(false);
      expect(await store.markFailed(message.id, 'mine', { error: '451 try later' })).toBe(true);
      const failed = await store.get(message.id);
      expect(failed).toMatchObject({ status: 'pending', attempts: 1, lastError: '451 try later', claimedBy: null, claimedUntil: null });
      expect(await store.due(minutes(0.5), 10)).toEqual([]);

      const retry = await store.claim({ id: message.id, attempts: 1 }, claimArgs('retry', minutes(1)));
      expect(retry?.attempts).toBe(2);
      await store.markSent(message.id, { at: minutes(1), messageId: '<m@x>', emlFile: null });
      expect(await store.get(message.id)).toMatchObject({ status: 'sent', sentAt: minutes(1).toISOString(), messageId: '<m@x>', claimedBy: null, lastError: '451 try later' });
      expect(await store.due(minutes(600), 10)).toEqual([]);
    });

    it('lists by state with the last error, newest first, and counts failing rows among the pending', async () => {
      const ids: number[] = [];
      for (let n = 1; n <= 4; n += 1) ids.push((await store.enqueue(reportMessage(n), T0)).message.id);
      // Row 1 fails FAILING_AFTER_ATTEMPTS times, row 2 once, row 3 is sent, row 4 untouched.
      let now = T0;
      for (let a = 0; a < FAILING_AFTER_ATTEMPTS; a += 1) {
        await store.claim({ id: ids[0]!, attempts: a }, claimArgs(`t${a}`, now));
        await store.markFailed(ids[0]!, `t${a}`, { error: `connect ECONNREFUSED (attempt ${a + 1})` });
        now = minutes(120, now);
      }
      await store.claim({ id: ids[1]!, attempts: 0 }, claimArgs('u', T0));
      await store.markFailed(ids[1]!, 'u', { error: '450 mailbox busy' });
      await store.claim({ id: ids[2]!, attempts: 0 }, claimArgs('v', T0));
      await store.markSent(ids[2]!, { at: T0, messageId: '<3@x>', emlFile: null });

      expect(await store.counts()).toEqual({ pending: 3, failing: 1, sent: 1 });
      const failing = await store.list({ state: 'failing', limit: 10, offset: 0 });
      expect(failing.map((e) => [e.id, e.attempts, e.lastError, e.failing])).toEqual([[ids[0], FAILING_AFTER_ATTEMPTS, 'connect ECONNREFUSED (attempt 5)', true]]);
      const pending = await store.list({ state: 'pending', limit: 10, offset: 0 });
      expect(pending.map((e) => e.id)).toEqual([ids[3], ids[1], ids[0]]);
      expect(pending.map((e) => e.lastError)).toEqual([null, '450 mailbox busy', 'connect ECONNREFUSED (attempt 5)']);
      expect(pending[0]).not.toHaveProperty('html');
      expect((await store.list({ state: 'sent', limit: 10, offset: 0 })).map((e) => e.messageId)).toEqual(['<3@x>']);
      expect(await store.list({ limit: 2, offset: 1 })).toHaveLength(2);
      expect(await store.list({ job: 'monthly', limit: 10, offset: 0 })).toEqual([]);
    });
  },
  { file: true },
);
