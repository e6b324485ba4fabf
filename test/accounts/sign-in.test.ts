// Sign-in behind its throttle, on a real database with a clock the test moves: addresses are slowed then
// blocked, accounts are slowed for addresses that have failed only, admins unlock, and what was typed into
// the username field is never stored when it is no user's name.
import { beforeEach, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository.ts';
import { SIGN_IN_LIMITS, createAccountService, type AccountService, type SignInResult } from '../../src/accounts/account-service.ts';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { manualClock } from '../support/fixtures.ts';

const PASSWORD = 'correct horse battery';
const admin = { name: 'admin', address: '127.0.0.1' };
const START = '2026-12-04T02:00:00.000Z';

describeEachDatabase('sign-in throttling', (current) => {
  const clock = manualClock(START);
  let accounts: AccountService;
  let audit: AuditLog;
  const at = (ms: number) => clock.set(new Date(Date.parse(START) + ms).toISOString());
  const elapsed = () => clock.now().getTime() - Date.parse(START);
  const refusedUntil = (r: SignInResult) => (r.ok || r.reason !== 'rate_limited' ? null : r.retryAt.getTime() - Date.parse(START));

  beforeEach(async () => {
    const { db } = current();
    for (const t of ['sessions', 'login_failures', 'api_tokens', 'audit_log', 'users']) await db(t).del();
    clock.set(START);
    audit = createAuditLog(db, clock.now);
    accounts = createAccountService(createAccountRepository(db), audit, clock.now, { unknownUserKey: 'test key' });
    await accounts.createUser('wang.wu', 'manager', PASSWORD, admin);
  });

  it('slows an address after five failures, doubling the wait, and blocks it at twenty until they age out', async () => {
    const from = '10.1.0.1';
    const waits: number[] = [];
    let failed = 0;
    for (let guess = 0; failed < SIGN_IN_LIMITS.address.block; guess++) {
      const result = await accounts.signIn(`guess${guess}`, 'whatever123', from);
      const until = refusedUntil(result);
      if (until === null) {
        expect(result).toEqual({ ok: false, reason: 'invalid' });
        failed += 1;
      } else {
        waits.push(until - elapsed());
        // Trying again exactly when told to is allowed.
        at(until);
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60, 60, 60].map((s) => s * 1000));
    // Twenty failures: blocked until the oldest leaves the 15-minute window, even for the right password elsewhere.
    const blocked = await accounts.signIn('wang.wu', PASSWORD, from);
    expect(refusedUntil(blocked)).toBe(SIGN_IN_LIMITS.windowMs);
    at(SIGN_IN_LIMITS.windowMs - 1);
    expect(refusedUntil(await accounts.signIn('wang.wu', PASSWORD, from))).toBe(SIGN_IN_LIMITS.windowMs);
    // Another address is not affected.
    expect((await accounts.signIn('wang.wu', PASSWORD, '10.1.0.2')).ok).toBe(true);
    at(SIGN_IN_LIMITS.windowMs);
    expect((await accounts.signIn('wang.wu', PASSWORD, from)).ok).toBe(true);
  });

  it('slows an account for addresses that have failed, progressively, but never for an address with a clean record', async () => {
    for (let i = 1; i <= SIGN_IN_LIMITS.account.free; i++) expect(await accounts.signIn('wang.wu', 'wrong password!', `10.2.0.${i}`)).toEqual({ ok: false, reason: 'invalid' });
    // An attacker's address, even with the right password, waits; the owner at a clean address does not.
    expect(refusedUntil(await accounts.signIn('wang.wu', PASSWORD, '10.2.0.1'))).toBe(1000);
    expect((await accounts.signIn('wang.wu', PASSWORD, '10.9.9.9')).ok).toBe(true);
    // Each further failure doubles the account's wait for failed addresses.
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      const until = refusedUntil(await accounts.signIn('wang.wu', 'wrong password!', '10.2.0.2'))!;
      waits.push(until - elapsed());
      at(until);
      expect(await accounts.signIn('wang.wu', 'wrong password!', `10.2.0.${1 + (i % 5)}`)).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 16_000]);
    expect(refusedUntil(await accounts.signIn('wang.wu', PASSWORD, '10.2.0.3'))! - elapsed()).toBe(32_000);
    // The owner's sign-in forgives the owner's own address only: the attackers' failures still count.
    expect((await accounts.signIn('wang.wu', PASSWORD, '10.9.9.8')).ok).toBe(true);
    expect(refusedUntil(await accounts.signIn('wang.wu', PASSWORD, '10.2.0.3'))).not.toBeNull();
    const refusals = (await audit.list({ action: 'auth.sign_in_failed', limit: 1000 })).filter((e) => e.details?.reason === 'rate_limited');
    expect(refusals[0]).toMatchObject({ actor: 'wang.wu', address: '10.2.0.3', details: { by: 'account_delay' } });
  });

  it('remembers a failed address for a day: after the window, its attempts on a throttled account still wait', async () => {
    await accounts.signIn('someone.else', 'wrong password!', '10.3.0.1');
    at(SIGN_IN_LIMITS.windowMs + 60_000);
    for (let i = 1; i <= 6; i++) await accounts.signIn('wang.wu', 'wrong password!', `10.3.1.${i}`);
    // 10.3.0.1 failed against another name 16 minutes ago, outside the window: it is still no clean address.
    expect(refusedUntil(await accounts.signIn('wang.wu', PASSWORD, '10.3.0.1'))).not.toBeNull();
    expect((await accounts.signIn('wang.wu', PASSWORD, '10.3.2.1')).ok).toBe(true);
  });

  it('lets an admin unlock an account or an address, audited', async () => {
    for (let i = 1; i <= 6; i++) await accounts.signIn('wang.wu', 'wrong password!', '10.4.0.1');
    expect(refusedUntil(await accounts.signIn('wang.wu', PASSWORD, '10.4.0.1'))).not.toBeNull();
    expect(await accounts.unlock({ username: 'WANG.WU' }, admin)).toBe(SIGN_IN_LIMITS.account.free);
    // Those failures were the address's too: both waits are lifted.
    expect((await accounts.signIn('wang.wu', PASSWORD, '10.4.0.1')).ok).toBe(true);
    for (let i = 0; i < 5; i++) await accounts.signIn(`guess${i}`, 'whatever123', '10.4.0.2');
    expect(await accounts.unlock({ address: '10.4.0.2' }, admin)).toBe(5);
    expect((await accounts.signIn('wang.wu', PASSWORD, '10.4.0.2')).ok).toBe(true);
    await expect(accounts.unlock({ username: 'nobody' }, admin)).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    const unlocks = await audit.list({ action: 'user.unlock' });
    expect(unlocks.map((e) => [e.target, e.details])).toEqual([
      ['address:10.4.0.2', { cleared: 5 }],
      ['wang.wu', { cleared: 5 }],
    ]);
  });

  it('never stores what was typed into the username field when it is no user’s name', async () => {
    const typed = 'MySecretPassw0rd!';
    await accounts.signIn(typed, 'whatever123', '10.5.0.1');
    await accounts.signIn(typed, 'whatever123', '10.5.0.2');
    await accounts.signIn('another-typo', 'whatever123', '10.5.0.3');
    await accounts.signIn('wang.wu', 'wrong password!', '10.5.0.4');
    const failures = await audit.list({ action: 'auth.sign_in_failed' });
    expect(failures.map((e) => e.actor)).toEqual([
      'wang.wu',
      expect.stringMatching(/^\(未知用户\) #[0-9a-f]{8}$/),
      expect.stringMatching(/^\(未知用户\) #[0-9a-f]{8}$/),
      expect.stringMatching(/^\(未知用户\) #[0-9a-f]{8}$/),
    ]);
    // The same name gives the same suffix, another name another: repeated tries can be told from a spray.
    expect(failures[2]!.actor).toBe(failures[3]!.actor);
    expect(failures[1]!.actor).not.toBe(failures[2]!.actor);
    expect(failures[3]!.target).toBe(failures[3]!.actor);
    const everything = JSON.stringify({ audit: await current().db('audit_log').select(), failures: await current().db('login_failures').select() });
    expect(everything.toLowerCase()).not.toContain(typed.toLowerCase());
    expect(everything).not.toContain('another-typo');
    // The suffix is keyed: without the server's key it cannot be checked against guesses.
    const other = createAccountService(createAccountRepository(current().db), audit, clock.now, { unknownUserKey: 'another key' });
    await other.signIn(typed, 'whatever123', '10.5.0.5');
    expect((await audit.list({ limit: 1 }))[0]!.actor).not.toBe(failures[3]!.actor);
    // Failures of an unknown name count against the address only.
    expect(await current().db('login_failures').whereNull('user_id').count({ n: '*' }).first()).toMatchObject({ n: 4 });
  });

  it('keeps a refused flood from growing the failure table or the audit log', async () => {
    for (let i = 0; i < 40; i++) await accounts.signIn('wang.wu', 'wrong password!', '10.6.0.1');
    expect(await current().db('login_failures').count({ n: '*' }).first()).toMatchObject({ n: SIGN_IN_LIMITS.address.free });
    const audited = await audit.list({ action: 'auth.sign_in_failed', limit: 1000 });
    expect(audited.filter((e) => e.details?.reason === 'invalid')).toHaveLength(SIGN_IN_LIMITS.address.free);
    expect(audited.filter((e) => e.details?.reason === 'rate_limited')).toHaveLength(1);
  });
});
