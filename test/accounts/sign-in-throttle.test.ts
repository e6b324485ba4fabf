// The throttle's rule, pinned with named examples: which earlier failures allow which attempt, and until when.
import { describe, expect, it } from 'vitest';
import { SIGN_IN_LIMITS, decideAttempt, retryAfterSeconds, type FailureHistory } from '../../src/accounts/sign-in-throttle.ts';

const NOW = new Date('2026-12-04T02:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
/** `count` failures, the newest `newestAgoMs` ago and each earlier one a second before it. */
const failures = (count: number, newestAgoMs = 0) => ({ count, newest: Array.from({ length: Math.min(count, SIGN_IN_LIMITS.address.block) }, (_, i) => ago(newestAgoMs + i * 1000)) });
const history = (h: Partial<FailureHistory>): FailureHistory => ({ address: failures(0), addressHasFailed: false, account: null, ...h });

describe('sign-in throttle', () => {
  it('lets the first five failures from an address through without delay', () => {
    expect(decideAttempt(history({ address: failures(4), addressHasFailed: true }), NOW)).toEqual({ allowed: true });
  });

  it('slows an address from its fifth failure, doubling the wait, up to a minute', () => {
    expect(decideAttempt(history({ address: failures(5), addressHasFailed: true }), NOW)).toEqual({ allowed: false, retryAt: new Date(NOW.getTime() + 1000), by: 'address_delay' });
    expect(decideAttempt(history({ address: failures(5, 1000), addressHasFailed: true }), NOW)).toEqual({ allowed: true });
    expect(decideAttempt(history({ address: failures(7, 3999), addressHasFailed: true }), NOW)).toMatchObject({ allowed: false, retryAt: new Date(NOW.getTime() + 1) });
    expect(decideAttempt(history({ address: failures(7, 4000), addressHasFailed: true }), NOW)).toEqual({ allowed: true });
    // 2^14 s would be hours: the wait stops at a minute.
    expect(decideAttempt(history({ address: failures(19, 59_999), addressHasFailed: true }), NOW)).toMatchObject({ allowed: false });
    expect(decideAttempt(history({ address: failures(19, 60_000), addressHasFailed: true }), NOW)).toEqual({ allowed: true });
  });

  it('blocks an address at twenty failures until the oldest of the last twenty leaves the window', () => {
    const blocked = decideAttempt(history({ address: failures(20, 10 * 60_000), addressHasFailed: true }), NOW);
    // The oldest of the twenty was 10 min + 19 s ago: it leaves the 15-minute window 4 min 41 s from now.
    expect(blocked).toEqual({ allowed: false, retryAt: new Date(NOW.getTime() + 5 * 60_000 - 19_000), by: 'address_blocked' });
    expect(retryAfterSeconds((blocked as { retryAt: Date }).retryAt, NOW)).toBe(281);
  });

  it('slows an account from its fifth failure for addresses that have failed, up to 15 minutes', () => {
    const account = failures(5);
    expect(decideAttempt(history({ account, addressHasFailed: true }), NOW)).toEqual({ allowed: false, retryAt: new Date(NOW.getTime() + 1000), by: 'account_delay' });
    expect(decideAttempt(history({ account: failures(8, 7_999), addressHasFailed: true }), NOW)).toMatchObject({ allowed: false, by: 'account_delay' });
    expect(decideAttempt(history({ account: failures(8, 8_000), addressHasFailed: true }), NOW)).toEqual({ allowed: true });
    expect(decideAttempt(history({ account: { count: 400, newest: [ago(0)] }, addressHasFailed: true }), NOW)).toEqual({ allowed: false, retryAt: new Date(NOW.getTime() + 15 * 60_000), by: 'account_delay' });
  });

  it('never holds an owner back from an address that has not failed, however the account is attacked', () => {
    expect(decideAttempt(history({ account: { count: 400, newest: [ago(0)] }, addressHasFailed: false }), NOW)).toEqual({ allowed: true });
  });

  it('names the latest moment when both the address and the account refuse', () => {
    const decision = decideAttempt(history({ address: failures(6), account: failures(9), addressHasFailed: true }), NOW);
    expect(decision).toEqual({ allowed: false, retryAt: new Date(NOW.getTime() + 16_000), by: 'account_delay' });
  });

  it('tells a refused person at least one second', () => {
    expect(retryAfterSeconds(new Date(NOW.getTime() + 10), NOW)).toBe(1);
    expect(retryAfterSeconds(new Date(NOW.getTime() - 5000), NOW)).toBe(1);
    expect(retryAfterSeconds(new Date(NOW.getTime() + 1001), NOW)).toBe(2);
  });
});
