// Parallel bursts against two "instances" (two account services, each on its own connection pool to the
// same database): every attempt is counted before its password is checked, so however the guesses are
// spread over instances, the limits hold.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository.ts';
import { SIGN_IN_LIMITS, createAccountService, type AccountService, type SignInResult } from '../../src/accounts/account-service.ts';
import { createAuditLog } from '../../src/audit/audit-log.ts';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { openDatabase, type Database } from '../../src/db/database.ts';
import { describeEachDatabase } from '../support/databases.ts';

const PASSWORD = 'correct horse battery';
const admin = { name: 'admin', address: '127.0.0.1' };
const BURST = 1200;

const tally = (results: SignInResult[]) => ({
  ok: results.filter((r) => r.ok).length,
  checked: results.filter((r) => r.ok || r.reason === 'invalid').length,
  refused: results.filter((r) => !r.ok && r.reason === 'rate_limited').length,
});

describeEachDatabase(
  'sign-in bursts across instances',
  (current) => {
    let second: Database;
    let one: AccountService;
    let two: AccountService;
    beforeAll(() => {
      second = openDatabase(parseDatabaseUrl(current().url));
    });
    afterAll(async () => {
      await second.destroy();
    });
    beforeEach(async () => {
      const { db } = current();
      for (const t of ['sessions', 'login_failures', 'api_tokens', 'audit_log', 'users']) await db(t).del();
      one = createAccountService(createAccountRepository(db), createAuditLog(db));
      two = createAccountService(createAccountRepository(second), createAuditLog(second));
      await one.createUser('chen.liu', 'sales', PASSWORD, admin);
    });

    /** Attempt i goes to instance one or two by turns. */
    const burst = (attempt: (accounts: AccountService, i: number) => Promise<SignInResult>) => Promise.all(Array.from({ length: BURST }, (_, i) => attempt(i % 2 ? two : one, i)));

    it(`checks at most ${SIGN_IN_LIMITS.address.free} passwords of ${BURST} parallel guesses from one address, the right one among them`, async () => {
      const results = await burst((accounts, i) => accounts.signIn('chen.liu', i === BURST - 1 ? PASSWORD : `wrong guess ${i}`, '10.3.0.1'));
      const { checked, refused } = tally(results);
      // At most five; often none, since a burst's attempts all count before any is checked.
      expect(checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.address.free);
      expect(refused).toBe(BURST - checked);
      // Refused attempts leave nothing behind: only the checked wrong guesses remain.
      const failures = Number((await current().db('login_failures').count({ n: '*' }).first())?.n);
      expect(failures).toBe(checked - tally(results).ok);
    }, 60_000);

    it(`checks at most ${SIGN_IN_LIMITS.address.free} passwords of a burst against unknown names from one address`, async () => {
      const results = await burst((accounts, i) => accounts.signIn(`nobody${i}`, 'whatever123', '10.3.0.2'));
      expect(tally(results).checked).toBeLessThanOrEqual(SIGN_IN_LIMITS.address.free);
    }, 60_000);

    it('gives a burst over many fresh addresses one guess per address, and those addresses nothing more', async () => {
      // Fresh addresses are never held back by the account (its owner may be at one of them), so each gets
      // its one guess; after it, each address has failed, and the account makes them wait.
      const addresses = 200;
      const first = await Promise.all(Array.from({ length: addresses }, (_, i) => (i % 2 ? two : one).signIn('chen.liu', `wrong guess ${i}`, `10.7.${i >> 8}.${i & 255}`)));
      expect(tally(first).checked).toBe(addresses);
      const again = await burst((accounts, i) => accounts.signIn('chen.liu', `second guess ${i}`, `10.7.${(i % addresses) >> 8}.${(i % addresses) & 255}`));
      expect(tally(again).checked).toBe(0);
      // The owner, at an address that has not failed, signs in all the same.
      expect((await two.signIn('chen.liu', PASSWORD, '10.8.0.1')).ok).toBe(true);
    }, 60_000);
  },
  { file: true },
);
