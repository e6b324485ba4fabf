// The run record as a coordination point: a key is claimed once, across connection pools (instances), and only a
// failed run or one whose lease ran out is ever taken over.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import { createJobRunRepository } from '../../src/jobs/job-run-repository.ts';
import type { JobRunStore } from '../../src/jobs/job-run-store.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { claimAt, minutesAfter, NINE_AM, openAnotherHandle, outcomeOf, YEARLY_26, YEARLY_27, YEARLY_28 } from './job-fixtures.ts';

const KEY = `report:yearly:${YEARLY_28.toISOString()}`;

describeEachDatabase(
  'job runs',
  (current) => {
    let other: Database;
    let a: JobRunStore;
    let b: JobRunStore;

    beforeAll(() => {
      other = openAnotherHandle(current().url);
    });
    afterAll(async () => {
      await other.destroy();
    });
    beforeEach(async () => {
      await current().db('job_runs').del();
      a = createJobRunRepository(current().db);
      b = createJobRunRepository(other);
    });

    it('claims a key once; the holder records the outcome', async () => {
      expect(await a.claim(KEY, claimAt(NINE_AM))).toBe(true);
      expect(await a.claim(KEY, claimAt(NINE_AM))).toBe(false);
      expect(await b.claim(KEY, claimAt(minutesAfter(NINE_AM, 1), { instance: 'instance-b' }))).toBe(false);

      expect(await b.finish(KEY, 'instance-b', outcomeOf('yearly', YEARLY_28), NINE_AM)).toBe(false);
      expect(await a.finish(KEY, 'instance-a', outcomeOf('yearly', YEARLY_28, 3), minutesAfter(NINE_AM, 2))).toBe(true);
      const [run] = await a.list({ limit: 10, offset: 0 });
      expect(run).toMatchObject({ runKey: KEY, job: 'yearly', slot: YEARLY_28.toISOString(), trigger: 'schedule', status: 'done', instance: 'instance-a', actor: 'system', dryRun: false, startedAt: NINE_AM.toISOString(), finishedAt: minutesAfter(NINE_AM, 2).toISOString(), error: null });
      expect(run!.outcome).toEqual(outcomeOf('yearly', YEARLY_28, 3));
      // Done is final, however old the lease.
      expect(await b.claim(KEY, claimAt(minutesAfter(NINE_AM, 600), { instance: 'instance-b' }))).toBe(false);
    });

    it('of two instances claiming the same keys at the same moment, exactly one wins each', async () => {
      const keys = Array.from({ length: 20 }, (_, n) => `report:at-risk:${minutesAfter(NINE_AM, 30 * n).toISOString()}`);
      const results = await Promise.all(
        keys.flatMap((key, n) => [
          a.claim(key, claimAt(NINE_AM, { job: 'at-risk', slot: minutesAfter(NINE_AM, 30 * n) })),
          b.claim(key, claimAt(NINE_AM, { job: 'at-risk', slot: minutesAfter(NINE_AM, 30 * n), instance: 'instance-b' })),
        ]),
      );
      for (let n = 0; n < keys.length; n += 1) expect([results[2 * n], results[2 * n + 1]].filter(Boolean)).toHaveLength(1);
      const rows = await current().db('job_runs').count({ n: '*' }).first();
      expect(Number(rows?.n)).toBe(keys.length);
    });

    it('of two instances taking over failed and expired runs at the same moment, exactly one wins each', async () => {
      const keys = Array.from({ length: 10 }, (_, n) => `report:yearly:${minutesAfter(YEARLY_28, 1440 * n).toISOString()}`);
      for (const [n, key] of keys.entries()) {
        expect(await a.claim(key, claimAt(NINE_AM, { slot: minutesAfter(YEARLY_28, 1440 * n), instance: 'crashed' }))).toBe(true);
        if (n % 2 === 0) await a.fail(key, 'crashed', 'SMTP down', NINE_AM);
      }
      const later = minutesAfter(NINE_AM, 15);
      const results = await Promise.all(keys.flatMap((key) => [a.claim(key, claimAt(later, { instance: 'instance-a' })), b.claim(key, claimAt(later, { instance: 'instance-b' }))]));
      for (let n = 0; n < keys.length; n += 1) expect([results[2 * n], results[2 * n + 1]].filter(Boolean)).toHaveLength(1);
    });

    it('takes over a running claim only once its lease has expired, and the first holder can no longer record', async () => {
      expect(await a.claim(KEY, claimAt(NINE_AM, { leaseUntil: minutesAfter(NINE_AM, 5) }))).toBe(true);
      expect(await b.claim(KEY, claimAt(minutesAfter(NINE_AM, 4), { instance: 'instance-b', trigger: 'catch-up' }))).toBe(false);
      expect(await b.claim(KEY, claimAt(minutesAfter(NINE_AM, 5), { instance: 'instance-b', trigger: 'catch-up' }))).toBe(true);

      expect(await a.finish(KEY, 'instance-a', outcomeOf('yearly', YEARLY_28), minutesAfter(NINE_AM, 6))).toBe(false);
      expect(await a.fail(KEY, 'instance-a', 'late', minutesAfter(NINE_AM, 6))).toBe(false);
      expect(await b.finish(KEY, 'instance-b', outcomeOf('yearly', YEARLY_28), minutesAfter(NINE_AM, 7))).toBe(true);
      const [run] = await b.list({ limit: 1, offset: 0 });
      expect(run).toMatchObject({ status: 'done', instance: 'instance-b', trigger: 'catch-up', startedAt: minutesAfter(NINE_AM, 5).toISOString() });
    });

    it('retries a failed run: the error is kept until the retry claims it', async () => {
      expect(await a.claim(KEY, claimAt(NINE_AM))).toBe(true);
      const long = `SMTP said no ${'x'.repeat(5000)}`;
      expect(await a.fail(KEY, 'instance-a', long, minutesAfter(NINE_AM, 1))).toBe(true);
      const [failed] = await a.list({ limit: 1, offset: 0 });
      expect(failed).toMatchObject({ status: 'failed', finishedAt: minutesAfter(NINE_AM, 1).toISOString() });
      expect(failed!.error).toBe(long.slice(0, 4000));
      expect(await a.unfinished('yearly', YEARLY_27)).toEqual([YEARLY_28]);

      // Failed is claimable at once, lease or not.
      expect(await b.claim(KEY, claimAt(minutesAfter(NINE_AM, 2), { instance: 'instance-b', trigger: 'catch-up' }))).toBe(true);
      const retried = await b.get(failed!.id);
      expect(retried).toMatchObject({ status: 'running', instance: 'instance-b', error: null, finishedAt: null, outcome: null });
      expect(await b.finish(KEY, 'instance-b', outcomeOf('yearly', YEARLY_28), minutesAfter(NINE_AM, 3))).toBe(true);
      expect(await a.unfinished('yearly', YEARLY_27)).toEqual([]);
    });

    it('latest is the newest scheduled slot done; list pages the latest runs first', async () => {
      expect(await a.latest('yearly')).toBeNull();
      const record = async (slot: Date, how: 'done' | 'failed' | 'running') => {
        const key = `report:yearly:${slot.toISOString()}`;
        await a.claim(key, claimAt(NINE_AM, { slot }));
        if (how === 'done') await a.finish(key, 'instance-a', outcomeOf('yearly', slot), NINE_AM);
        if (how === 'failed') await a.fail(key, 'instance-a', 'boom', NINE_AM);
      };
      await record(YEARLY_26, 'done');
      await record(YEARLY_27, 'failed');
      await record(YEARLY_28, 'running');
      expect((await a.latest('yearly'))?.toISOString()).toBe(YEARLY_26.toISOString());
      // A run by hand stands outside the schedule's sequence, whatever date it was given.
      const manualKey = `yearly:manual:${NINE_AM.toISOString()}:abc`;
      await a.claim(manualKey, claimAt(NINE_AM, { slot: minutesAfter(YEARLY_28, 1440), trigger: 'manual', actor: 'wang.li', dryRun: true }));
      await a.finish(manualKey, 'instance-a', outcomeOf('yearly', YEARLY_28), NINE_AM);
      expect((await a.latest('yearly'))?.toISOString()).toBe(YEARLY_26.toISOString());
      expect(await a.latest('monthly')).toBeNull();
      await a.claim('report:monthly:2026-10-31T16:00:00.000Z', claimAt(NINE_AM, { job: 'monthly', slot: new Date('2026-10-31T16:00:00.000Z') }));

      const all = await a.list({ limit: 10, offset: 0 });
      expect(all.map((r) => r.runKey)).toEqual(['report:monthly:2026-10-31T16:00:00.000Z', manualKey, `report:yearly:${YEARLY_28.toISOString()}`, `report:yearly:${YEARLY_27.toISOString()}`, `report:yearly:${YEARLY_26.toISOString()}`]);
      expect(all[1]).toMatchObject({ trigger: 'manual', actor: 'wang.li', dryRun: true, status: 'done' });
      const page = await a.list({ job: 'yearly', limit: 2, offset: 1 });
      expect(page.map((r) => r.slot)).toEqual([YEARLY_28.toISOString(), YEARLY_27.toISOString()]);
      expect(await a.get(999_999)).toBeNull();
    });

    it('stores a large outcome whole and refuses keys the column cannot hold', async () => {
      expect(await a.claim(KEY, claimAt(NINE_AM))).toBe(true);
      // ~150 KB: beyond MySQL's TEXT.
      const big = outcomeOf('yearly', YEARLY_28, 800);
      expect(await a.finish(KEY, 'instance-a', big, NINE_AM)).toBe(true);
      const [run] = await a.list({ limit: 1, offset: 0 });
      expect(run!.outcome).toEqual(big);
      await expect(a.claim(`report:yearly:${'x'.repeat(120)}`, claimAt(NINE_AM))).rejects.toThrow(/longer than 120/);
    });
  },
  { file: true },
);
