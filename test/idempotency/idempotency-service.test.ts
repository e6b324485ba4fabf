// The idempotency service on its knex repository: claims, replays, refusals, waiting retries, a dead
// holder's claim taken over, and failures that release their key.
import { beforeEach, expect, it } from 'vitest';
import { createIdempotencyRepository } from '../../src/idempotency/idempotency-repository.ts';
import { createIdempotencyService, fingerprintOf, scopedKey, type IdempotencyService } from '../../src/idempotency/idempotency-service.ts';
import { describeEachDatabase } from '../support/databases.ts';

const call = (key: string, sent: unknown = { contractId: 1 }, owner = 'support.user') => ({ owner, key, endpoint: 'POST /api/usage', fingerprint: fingerprintOf('POST /api/usage', sent) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describeEachDatabase('idempotency service', (current) => {
  let service: IdempotencyService;
  let runs: number;
  const work = (status = 201, ms = 0) => async () => {
    runs += 1;
    if (ms) await sleep(ms);
    return { status, body: { run: runs } };
  };
  beforeEach(async () => {
    await current().db('idempotency_keys').del();
    service = createIdempotencyService(createIdempotencyRepository(current().db), { leaseMs: 2_000 });
    runs = 0;
  });

  it('fingerprints what was sent, whatever the key order, and leaves out what was not', () => {
    expect(fingerprintOf('POST /x', { a: 1, b: { c: 2, d: 3 } })).toBe(fingerprintOf('POST /x', { b: { d: 3, c: 2 }, a: 1 }));
    expect(fingerprintOf('POST /x', { a: 1, openedAt: undefined })).toBe(fingerprintOf('POST /x', { a: 1 }));
    expect(fingerprintOf('POST /x', { a: 1 })).not.toBe(fingerprintOf('POST /y', { a: 1 }));
    expect(fingerprintOf('POST /x', { a: 1 })).not.toBe(fingerprintOf('POST /x', { a: '1' }));
    expect(scopedKey('a', 'Key')).not.toBe(scopedKey('a', 'key'));
    expect(scopedKey('a\u0000b', 'c')).toBe(scopedKey('a', 'b\u0000c'));
  });

  it('runs once, replays the response, and refuses the key for another request', async () => {
    expect(await service.run(call('k'), work())).toEqual({ status: 201, body: { run: 1 }, replayed: false });
    expect(await service.run(call('k'), work())).toEqual({ status: 201, body: { run: 1 }, replayed: true });
    await expect(service.run(call('k', { contractId: 2 }), work())).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    // Another caller's "k" is another key.
    expect(await service.run(call('k', { contractId: 2 }, 'manager.user'), work())).toMatchObject({ replayed: false, body: { run: 2 } });
    expect(runs).toBe(2);
  });

  it('makes parallel retries wait for the one that runs, and answers them all with its response', async () => {
    const answers = await Promise.all(Array.from({ length: 8 }, () => service.run(call('slow'), work(201, 300))));
    expect(runs).toBe(1);
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(answers.map((a) => a.body)).toEqual(Array(8).fill({ run: 1 }));
  });

  it('releases the key when the work fails, so that a retry runs', async () => {
    const failing = async () => {
      runs += 1;
      throw new Error('refused');
    };
    await expect(service.run(call('fails'), failing)).rejects.toThrow('refused');
    expect(await current().db('idempotency_keys').count({ n: '*' }).first()).toMatchObject({ n: 0 });
    expect(await service.run(call('fails'), work())).toMatchObject({ status: 201, replayed: false });
    expect(runs).toBe(2);
  });

  it('takes over the claim of a holder that died, once its lease has passed', async () => {
    const keyHash = scopedKey('support.user', 'orphan');
    await current().db('idempotency_keys').insert({
      key_hash: keyHash,
      owner: 'support.user',
      endpoint: 'POST /api/usage',
      fingerprint: call('orphan').fingerprint,
      state: 'running',
      lock_token: 'dead',
      locked_at: new Date(Date.now() - 2_500).toISOString(),
      created_at: new Date(Date.now() - 2_500).toISOString(),
    });
    expect(await service.run(call('orphan'), work())).toMatchObject({ status: 201, replayed: false });
    expect(await service.run(call('orphan'), work())).toMatchObject({ status: 201, replayed: true });
    expect(runs).toBe(1);
  });

  it('waits for a live holder rather than running twice, and gives up with IDEMPOTENCY_KEY_IN_USE', async () => {
    const patient = createIdempotencyService(createIdempotencyRepository(current().db), { leaseMs: 60_000, waitMs: 300 });
    await current().db('idempotency_keys').insert({
      key_hash: scopedKey('support.user', 'busy'),
      owner: 'support.user',
      endpoint: 'POST /api/usage',
      fingerprint: call('busy').fingerprint,
      state: 'running',
      lock_token: 'alive',
      locked_at: new Date().toISOString(),
      created_at: new Date().toISOString(),
    });
    await expect(patient.run(call('busy'), work())).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_IN_USE' });
    expect(runs).toBe(0);
  });

  it('forgets keys after their retention, a batch at a time, and keeps the younger ones', async () => {
    let now = Date.parse('2026-12-01T00:00:00.000Z');
    const clocked = createIdempotencyService(createIdempotencyRepository(current().db), { clock: () => new Date(now), retentionMs: 24 * 3_600_000 });
    await clocked.run(call('old'), work());
    now += 23 * 3_600_000;
    await clocked.run(call('young'), work());
    now += 2 * 3_600_000; // 'old' is 25 hours old, 'young' 2
    expect(await clocked.purgeExpired()).toBe(1);
    const left = (await current().db('idempotency_keys').select('key_hash')) as { key_hash: string }[];
    expect(left.map((r) => r.key_hash)).toEqual([scopedKey('support.user', 'young')]);
    // Past retention the key runs again: the domain row's own scoped key is what keeps a use single then.
    expect(await clocked.run(call('old'), work())).toMatchObject({ replayed: false });
    expect(await clocked.purgeExpired()).toBe(0);
  });

  it('purges now and then on its own, riding on requests', async () => {
    let now = Date.parse('2026-12-01T00:00:00.000Z');
    const clocked = createIdempotencyService(createIdempotencyRepository(current().db), { clock: () => new Date(now), retentionMs: 3_600_000 });
    await clocked.run(call('first'), work()); // the first request of a process purges (nothing yet)
    now += 2 * 3_600_000;
    await clocked.run(call('second'), work()); // an hour on: this one purges 'first'
    for (let i = 0; i < 50 && (await current().db('idempotency_keys').count({ n: '*' }))[0]!.n !== 1; i++) await sleep(20);
    const left = (await current().db('idempotency_keys').select('key_hash')) as { key_hash: string }[];
    expect(left.map((r) => r.key_hash)).toEqual([scopedKey('support.user', 'second')]);
  });

  it('refuses keys it cannot keep as sent', async () => {
    for (const key of ['', 'x'.repeat(256), 'line\nbreak']) await expect(service.run(call(key), work())).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID' });
    expect(await service.run(call('中文键 with spaces'), work())).toMatchObject({ replayed: false });
  });
});
