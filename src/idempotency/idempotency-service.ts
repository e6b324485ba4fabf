// Idempotency as Stripe has it: a key belongs to its caller and is bound to a fingerprint of the request it
// first came with. The same key with the same request answers with the first response, status included;
// with another request it is refused. One caller's parallel retries do the work once: the first claims the
// key, the others wait for its response. A request that fails releases its key (it changed nothing, or its
// domain write is found again by the scoped key the domain row carries), so a failure never poisons a key.
import { createHash, randomUUID } from 'node:crypto';
import { DomainError } from '../shared/domain-error.ts';
import type { IdempotencyStore, StoredResponse } from './idempotency-store.ts';

export type { StoredResponse };

export type IdempotencyErrorCode = 'IDEMPOTENCY_KEY_REUSED' | 'IDEMPOTENCY_KEY_INVALID' | 'IDEMPOTENCY_KEY_IN_USE';

export class IdempotencyError extends DomainError<IdempotencyErrorCode> {}

/** Stripe's limit. Longer keys are refused rather than cut, so that two keys never become one. */
export const MAX_KEY_LENGTH = 255;

/**
 * The caller and its key, hashed: one caller's key never meets another caller's, and the comparison is of
 * hex digests, so keys differing only in case stay different on MySQL's case-insensitive collations too.
 * Domain rows carry the same value as their backstop (quota_usage, service_requests).
 */
export function scopedKey(owner: string, key: string): string {
  return createHash('sha256').update(`${owner}\u0000${key}`).digest('hex');
}

/** Sorted keys, so that the same JSON object in another key order is the same request. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The fingerprint of a request: its endpoint and what the client sent (a field it left out stays out). */
export function fingerprintOf(endpoint: string, sent: unknown): string {
  return createHash('sha256').update(JSON.stringify([endpoint, canonical(sent)])).digest('hex');
}

/** A key as a client sends it: 1–255 characters, no control characters; compared exactly as sent. */
export function checkKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  if (key.length === 0 || key.length > MAX_KEY_LENGTH || /[\u0000-\u001f\u007f]/.test(key)) {
    throw new IdempotencyError(
      'IDEMPOTENCY_KEY_INVALID',
      `幂等键(Idempotency-Key)应为 1–${MAX_KEY_LENGTH} 个字符,且不含控制字符`,
      `Idempotency-Key must be 1–${MAX_KEY_LENGTH} characters without control characters`,
      { field: 'Idempotency-Key' },
    );
  }
  return key;
}

export interface IdempotentCall {
  /** Who is asking: the principal's name, the same name the domain row records. */
  owner: string;
  key: string;
  /** "POST /api/usage": recorded for people; the fingerprint must cover it too. */
  endpoint: string;
  fingerprint: string;
}

export interface IdempotentOutcome extends StoredResponse {
  /** True when this is the response an earlier request with the key got. */
  replayed: boolean;
}

export interface IdempotencyOptions {
  clock?: () => Date;
  /** A running claim older than this is presumed dead (its process crashed) and may be taken over. */
  leaseMs?: number;
  /** How long a retry waits for the claim's holder before giving up with IDEMPOTENCY_KEY_IN_USE. */
  waitMs?: number;
  pollMs?: number;
  /** Keys are kept this long (Stripe keeps them 24 hours), then forgotten a batch at a time. */
  retentionMs?: number;
}

const PURGE_EVERY_MS = 3_600_000;
const PURGE_BATCH = 1_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createIdempotencyService(store: IdempotencyStore, options: IdempotencyOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 10_000;
  const waitMs = options.waitMs ?? leaseMs + 5_000;
  const pollMs = options.pollMs ?? 25;
  const retentionMs = options.retentionMs ?? 24 * 3_600_000;
  let purgedAt = -Infinity;

  /**
   * Forgets keys past their retention. A retry of so old a request runs again, and finds the use or the
   * service request it recorded by the scoped key on that row, so nothing is recorded twice.
   */
  async function purgeExpired(): Promise<number> {
    const before = new Date(clock().getTime() - retentionMs).toISOString();
    let total = 0;
    for (let n = PURGE_BATCH; n === PURGE_BATCH; total += n) n = await store.purge(before, PURGE_BATCH);
    return total;
  }

  /** At most hourly, riding on a request rather than a timer of its own; never in the request's way. */
  function purgeNowAndThen(): void {
    const t = clock().getTime();
    if (t - purgedAt < PURGE_EVERY_MS) return;
    purgedAt = t;
    void purgeExpired().catch(() => (purgedAt = -Infinity));
  }

  async function perform(keyHash: string, token: string, work: () => Promise<StoredResponse>): Promise<IdempotentOutcome> {
    let response: StoredResponse;
    try {
      response = await work();
    } catch (err) {
      // Nothing was recorded (refusals come before any write), or the domain row is found again by its
      // scoped key on the retry: either way the key is free for the retry.
      await store.release(keyHash, token).catch(() => undefined);
      throw err;
    }
    let recorded: boolean;
    try {
      recorded = await store.complete(keyHash, token, response, clock().toISOString());
    } catch (err) {
      await store.release(keyHash, token).catch(() => undefined);
      throw err;
    }
    if (!recorded) {
      // Our claim was taken over as dead while we worked, and the other holder answered first: its response stands.
      const found = await store.find(keyHash);
      if (found?.state === 'done' && found.response) return { ...found.response, replayed: true };
    }
    return { ...response, replayed: false };
  }

  return {
    /** Runs `work` once per caller and key, or answers with the response the key already has. */
    async run(call: IdempotentCall, work: () => Promise<StoredResponse>): Promise<IdempotentOutcome> {
      const keyHash = scopedKey(call.owner, checkKey(call.key));
      purgeNowAndThen();
      const giveUpAt = clock().getTime() + waitMs;
      let delay = pollMs;
      for (;;) {
        const token = randomUUID();
        const claimed = await store.claim({ keyHash, owner: call.owner, endpoint: call.endpoint, fingerprint: call.fingerprint, lockToken: token, at: clock().toISOString() });
        if (claimed) return perform(keyHash, token, work);
        const found = await store.find(keyHash);
        if (found) {
          if (found.fingerprint !== call.fingerprint) {
            throw new IdempotencyError(
              'IDEMPOTENCY_KEY_REUSED',
              '该幂等键(Idempotency-Key)已用于另一个不同的请求:新的请求请使用新的键',
              'This Idempotency-Key was already used for a different request: use a new key for a new request',
              { field: 'Idempotency-Key' },
            );
          }
          if (found.state === 'done' && found.response) return { ...found.response, replayed: true };
          if (found.lockToken && Date.parse(found.lockedAt) + leaseMs <= clock().getTime()) {
            const mine = randomUUID();
            if (await store.takeOver(keyHash, found.lockToken, mine, clock().toISOString())) return perform(keyHash, mine, work);
            continue;
          }
        }
        if (clock().getTime() >= giveUpAt) {
          throw new IdempotencyError(
            'IDEMPOTENCY_KEY_IN_USE',
            '使用该幂等键的请求仍在处理中,请稍后重试',
            'A request with this Idempotency-Key is still being processed; retry shortly',
            { field: 'Idempotency-Key' },
            { retryAfterSeconds: 1 },
          );
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 250);
      }
    },

    purgeExpired,
  };
}

export type IdempotencyService = ReturnType<typeof createIdempotencyService>;
