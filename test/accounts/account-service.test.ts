import { beforeEach, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository.ts';
import { LOGIN_LIMITS, SESSION_TTL_MS, TOKEN_CACHE_MS, createAccountService, type AccountService } from '../../src/accounts/account-service.ts';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { manualClock } from '../support/fixtures.ts';

const PASSWORD = 'correct horse battery';
const admin = { name: 'admin', address: '127.0.0.1' };

describeEachDatabase('accounts', (current) => {
  const clock = manualClock('2026-11-27T02:00:00.000Z');
  let accounts: AccountService;
  let audit: AuditLog;

  beforeEach(async () => {
    const { db } = current();
    for (const t of ['sessions', 'login_failures', 'api_tokens', 'audit_log', 'users']) await db(t).del();
    clock.set('2026-11-27T02:00:00.000Z');
    audit = createAuditLog(db, clock.now);
    accounts = createAccountService(createAccountRepository(db), audit, clock.now);
  });

  it('creates the first admin once, with a generated password printed once', async () => {
    const first = await accounts.ensureInitialAdmin();
    expect(first?.username).toBe('admin');
    expect(first?.password).toMatch(/^\S{16}$/);
    expect(await accounts.ensureInitialAdmin()).toBeNull();
    const [user] = await accounts.listUsers();
    expect(user).toMatchObject({ username: 'admin', role: 'admin' });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await accounts.signIn('admin', first!.password!, '10.0.0.1')).ok).toBe(true);
  });

  it('refuses bad usernames, roles, weak passwords and duplicates, naming the field', async () => {
    await expect(accounts.createUser('a b', 'sales', PASSWORD, admin)).rejects.toMatchObject({ code: 'INVALID_USERNAME', field: 'username' });
    await expect(accounts.createUser('li.wei', 'boss', PASSWORD, admin)).rejects.toMatchObject({ code: 'INVALID_ROLE', field: 'role' });
    await expect(accounts.createUser('li.wei', 'sales', 'short', admin)).rejects.toMatchObject({ code: 'WEAK_PASSWORD', field: 'password' });
    await accounts.createUser('li.wei', 'sales', PASSWORD, admin);
    await expect(accounts.createUser('li.wei', 'support', PASSWORD, admin)).rejects.toMatchObject({ code: 'USER_EXISTS' });
    expect((await accounts.listUsers()).map((u) => [u.username, u.role])).toEqual([['li.wei', 'sales']]);
  });

  it('signs in with a session that expires, and a new password ends old sessions', async () => {
    await accounts.createUser('zhang.san', 'support', PASSWORD, admin);
    const signedIn = await accounts.signIn('zhang.san', PASSWORD, '10.0.0.2');
    if (!signedIn.ok) throw new Error('sign-in failed');
    expect((await accounts.session(signedIn.sessionToken))?.user.username).toBe('zhang.san');
    expect((await accounts.session(signedIn.sessionToken))?.csrfToken).toBe(signedIn.csrfToken);
    expect(await accounts.session('not-a-session')).toBeNull();

    clock.set(new Date(Date.parse('2026-11-27T02:00:00.000Z') + SESSION_TTL_MS + 1).toISOString());
    expect(await accounts.session(signedIn.sessionToken)).toBeNull();

    const again = await accounts.signIn('zhang.san', PASSWORD, '10.0.0.2');
    if (!again.ok) throw new Error('sign-in failed');
    await accounts.setPassword('zhang.san', 'another long password', admin);
    expect(await accounts.session(again.sessionToken)).toBeNull();
    expect((await accounts.signIn('zhang.san', PASSWORD, '10.0.0.2')).ok).toBe(false);
    expect((await accounts.signIn('zhang.san', 'another long password', '10.0.0.2')).ok).toBe(true);
  });

  it('limits failed sign-ins per account and per address, and audits them', async () => {
    await accounts.createUser('wang.wu', 'manager', PASSWORD, admin);
    for (let i = 0; i < LOGIN_LIMITS.perAccount; i++) expect(await accounts.signIn('wang.wu', 'wrong password!', `10.1.0.${i}`)).toEqual({ ok: false, reason: 'invalid' });
    // Locked even with the right password, from any address, until the window passes.
    expect(await accounts.signIn('wang.wu', PASSWORD, '10.9.9.9')).toEqual({ ok: false, reason: 'rate_limited' });
    clock.set(new Date(Date.parse('2026-11-27T02:00:00.000Z') + LOGIN_LIMITS.windowMs + 1000).toISOString());
    expect((await accounts.signIn('wang.wu', PASSWORD, '10.9.9.9')).ok).toBe(true);

    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++) await accounts.signIn(`nobody${i}`, 'whatever123', '10.2.0.1');
    expect(await accounts.signIn('wang.wu', PASSWORD, '10.2.0.1')).toEqual({ ok: false, reason: 'rate_limited' });
    expect((await accounts.signIn('wang.wu', PASSWORD, '10.2.0.2')).ok).toBe(true);

    const failures = await audit.list({ action: 'auth.sign_in_failed', limit: 1000 });
    expect(failures.length).toBe(LOGIN_LIMITS.perAccount + 1 + LOGIN_LIMITS.perAddress + 1);
    expect(failures[0]).toMatchObject({ actor: 'wang.wu', address: '10.2.0.1', details: { reason: 'rate_limited' } });
  });

  it('issues API tokens shown once, stored hashed, and revocable', async () => {
    const { token, record } = await accounts.createToken('CRM integration', 'support', admin);
    expect(token).toMatch(/^ent_[A-Za-z0-9_-]{43}$/);
    const stored = await current().db('api_tokens').first();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect((await accounts.verifyToken(token))?.role).toBe('support');
    expect(await accounts.verifyToken(`${token}x`)).toBeNull();

    await accounts.revokeToken(record.id, admin);
    expect(await accounts.verifyToken(token)).toBeNull();
    await expect(accounts.revokeToken(record.id, admin)).rejects.toMatchObject({ code: 'TOKEN_NOT_FOUND' });
    const actions = (await audit.list()).map((e) => e.action);
    expect(actions).toEqual(['token.revoke', 'token.create']);
    await expect(accounts.createToken('x', 'root', admin)).rejects.toMatchObject({ code: 'INVALID_ROLE' });
  });

  it('holds the limit against a burst of parallel guesses', async () => {
    await accounts.createUser('chen.liu', 'sales', PASSWORD, admin);
    const results = await Promise.all(
      Array.from({ length: LOGIN_LIMITS.perAccount * 4 }, (_, i) => accounts.signIn('chen.liu', `wrong guess ${i}`, `10.3.0.${i}`)),
    );
    const invalid = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(invalid).toBeLessThanOrEqual(LOGIN_LIMITS.perAccount);
    expect(results.filter((r) => !r.ok && r.reason === 'rate_limited').length).toBeGreaterThanOrEqual(LOGIN_LIMITS.perAccount * 3);
  });

  it('treats usernames without regard to case, on every database', async () => {
    await accounts.createUser('Zhou.Qi', 'support', PASSWORD, admin);
    expect((await accounts.listUsers()).map((u) => u.username)).toEqual(['zhou.qi']);
    await expect(accounts.createUser('ZHOU.QI', 'support', PASSWORD, admin)).rejects.toMatchObject({ code: 'USER_EXISTS' });
    expect((await accounts.signIn('ZHOU.qi', PASSWORD, '10.4.0.1')).ok).toBe(true);
    await accounts.setPassword('ZHOU.QI', 'yet another password', admin);
    expect((await accounts.signIn('zhou.qi', 'yet another password', '10.4.0.1')).ok).toBe(true);
  });

  it('keeps a locked-out flood from growing the failure table or the audit log', async () => {
    await accounts.createUser('flood.target', 'sales', PASSWORD, admin);
    for (let i = 0; i < 40; i++) await accounts.signIn('flood.target', 'wrong password!', '10.5.0.1');
    const failures = Number((await current().db('login_failures').count({ n: '*' }).first())?.n);
    expect(failures).toBe(LOGIN_LIMITS.perAccount + 1);
    const audited = await audit.list({ action: 'auth.sign_in_failed', limit: 1000 });
    expect(audited.filter((e) => (e.details as { reason: string }).reason === 'rate_limited')).toHaveLength(1);
  });

  it('trusts a verified token for a few seconds, so a revocation elsewhere takes effect within that time', async () => {
    const other = createAccountService(createAccountRepository(current().db), audit, clock.now);
    const { token, record } = await accounts.createToken('ERP', 'support', admin);
    expect((await accounts.verifyToken(token))?.id).toBe(record.id);
    await other.revokeToken(record.id, admin);
    expect(await other.verifyToken(token)).toBeNull();
    expect((await accounts.verifyToken(token))?.id).toBe(record.id);
    clock.set(new Date(Date.parse('2026-11-27T02:00:00.000Z') + TOKEN_CACHE_MS).toISOString());
    expect(await accounts.verifyToken(token)).toBeNull();
  });
});
