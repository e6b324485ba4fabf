// What administrators do to accounts (the browser's /admin pages and the CLI call the same functions), on
// SQLite and MariaDB: the last enabled admin stays, also when two admins are demoted at once; a reset hands out
// a one-time password that must be changed; tokens record their last use at most once a minute; sign-in history.
import { beforeEach, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository.ts';
import { TOKEN_CACHE_MS, createAccountService, type AccountService } from '../../src/accounts/account-service.ts';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.ts';
import { describeEachDatabase } from '../support/databases.ts';
import { fastTestHasher } from '../support/fast-hasher.ts';
import { manualClock } from '../support/fixtures.ts';

const PASSWORD = 'correct horse battery';
const admin = { name: 'admin', address: '127.0.0.1' };
const START = '2026-12-05T02:00:00.000Z';

describeEachDatabase('user administration', (current) => {
  const clock = manualClock(START);
  let accounts: AccountService;
  let audit: AuditLog;
  const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms).toISOString());

  beforeEach(async () => {
    const { db } = current();
    for (const t of ['sessions', 'login_failures', 'api_tokens', 'audit_log', 'users']) await db(t).del();
    clock.set(START);
    audit = createAuditLog(db, clock.now);
    accounts = createAccountService(createAccountRepository(db), audit, clock.now, { hasher: fastTestHasher });
  });

  const enabledAdmins = async () => (await accounts.listUsers()).filter((u) => u.role === 'admin' && !u.disabled).map((u) => u.username);

  it('never leaves the system without an enabled admin: disabling or demoting the last one is refused, in both languages', async () => {
    await accounts.createUser('first.admin', 'admin', PASSWORD, admin);
    await expect(accounts.changeRole('first.admin', 'manager', admin)).rejects.toMatchObject({ code: 'LAST_ADMIN', field: 'role', messageZh: expect.stringContaining('最后一位启用的服务产品管理员') });
    await expect(accounts.setDisabled('first.admin', true, admin)).rejects.toMatchObject({ code: 'LAST_ADMIN', message: expect.stringContaining('last enabled') });
    expect(await enabledAdmins()).toEqual(['first.admin']);

    // A disabled admin does not count: with one, the enabled one is still the last.
    await accounts.createUser('second.admin', 'admin', PASSWORD, admin);
    await accounts.setDisabled('second.admin', true, admin);
    await expect(accounts.changeRole('first.admin', 'sales', admin)).rejects.toMatchObject({ code: 'LAST_ADMIN' });
    await accounts.setDisabled('second.admin', false, admin);
    const demoted = await accounts.changeRole('first.admin', 'sales', admin);
    expect(demoted).toMatchObject({ username: 'first.admin', role: 'sales' });
    expect(await enabledAdmins()).toEqual(['second.admin']);
    const [entry] = await audit.list({ action: 'user.role' });
    expect(entry).toMatchObject({ actor: 'admin', target: 'first.admin', details: { from: 'admin', to: 'sales' } });
    // Nothing written, nothing audited, for a refusal.
    expect(await audit.list({ action: 'user.role' })).toHaveLength(1);
    await expect(accounts.changeRole('first.admin', 'root', admin)).rejects.toMatchObject({ code: 'INVALID_ROLE' });
  });

  it('leaves exactly one admin when two admins are demoted at the same time', async () => {
    for (const name of ['a.admin', 'b.admin']) await accounts.createUser(name, 'admin', PASSWORD, admin);
    const results = await Promise.allSettled([accounts.changeRole('a.admin', 'manager', admin), accounts.changeRole('b.admin', 'manager', admin)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' && refused.reason).toMatchObject({ code: 'LAST_ADMIN' });
    expect(await enabledAdmins()).toHaveLength(1);

    // The same for a demotion racing a disabling.
    await accounts.changeRole((await enabledAdmins())[0] === 'a.admin' ? 'b.admin' : 'a.admin', 'admin', admin);
    const mixed = await Promise.allSettled([accounts.setDisabled('a.admin', true, admin), accounts.changeRole('b.admin', 'support', admin)]);
    expect(mixed.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await enabledAdmins()).toHaveLength(1);
  });

  it('resets a password to a one-time one, shown once and stored hashed, that must be changed at the next sign-in', async () => {
    await accounts.createUser('zhao.liu', 'support', PASSWORD, admin);
    const before = await accounts.signIn('zhao.liu', PASSWORD, '10.0.0.7');
    if (!before.ok) throw new Error('sign-in failed');
    const { user, password } = await accounts.resetPassword('Zhao.Liu', admin);
    expect(password).toMatch(/^[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}$/);
    expect(user.mustChangePassword).toBe(true);
    const stored = await current().db('users').where({ username: 'zhao.liu' }).first();
    expect(JSON.stringify(stored)).not.toContain(password);
    // The old password and the old session are gone.
    expect(await accounts.session(before.sessionToken)).toBeNull();
    expect((await accounts.signIn('zhao.liu', PASSWORD, '10.0.0.7')).ok).toBe(false);
    const after = await accounts.signIn('zhao.liu', password, '10.0.0.7');
    if (!after.ok) throw new Error('the one-time password did not sign in');
    expect(after.user.mustChangePassword).toBe(true);
    await accounts.changeOwnPassword({ username: 'zhao.liu', current: password, next: 'zhao’s own password', sessionToken: after.sessionToken, address: '10.0.0.7' });
    expect((await accounts.session(after.sessionToken))?.user.mustChangePassword).toBe(false);
    expect(await audit.list({ action: 'user.reset_password' })).toMatchObject([{ actor: 'admin', target: 'zhao.liu', details: null }]);
    // Two resets, two different passwords.
    expect((await accounts.resetPassword('zhao.liu', admin)).password).not.toBe(password);

    const created = await accounts.createUserWithOneTimePassword('qian.ba', 'sales', admin);
    expect(created.user).toMatchObject({ username: 'qian.ba', role: 'sales', mustChangePassword: true });
    expect((await accounts.signIn('qian.ba', created.password, '10.0.0.8')).ok).toBe(true);
  });

  it('creates, pages and revokes tokens, writing last use when used but at most once a minute', async () => {
    await accounts.createUser('erp.bot', 'manager', PASSWORD, admin);
    const { token, record } = await accounts.createToken({ owner: 'erp.bot', role: 'support', name: 'ERP' }, admin);
    expect(record.lastUsedAt).toBeNull();
    await expect(accounts.createToken({ owner: 'erp.bot', role: 'admin' }, admin)).rejects.toMatchObject({ code: 'INVALID_ROLE', field: 'role', messageZh: expect.stringContaining('“服务产品管理员”') });

    expect(await accounts.verifyToken(token)).toMatchObject({ id: record.id, role: 'support', owner: 'erp.bot' });
    expect((await accounts.getToken(record.id)).lastUsedAt).toBe(START);
    // Past the cache, within the minute: read again, not written again.
    later(TOKEN_CACHE_MS + 1_000);
    await accounts.verifyToken(token);
    expect((await accounts.getToken(record.id)).lastUsedAt).toBe(START);
    later(60_000);
    await accounts.verifyToken(token);
    const used = clock.now().toISOString();
    expect((await accounts.getToken(record.id)).lastUsedAt).toBe(used);

    const second = await accounts.createToken({ owner: 'erp.bot', name: 'CRM' }, admin);
    const page = await accounts.pageTokens({ offset: 0, limit: 1 });
    expect(page.total).toBe(2);
    expect(page.items.map((t) => t.name)).toEqual(['CRM']);
    await accounts.revokeToken(record.id, admin);
    expect(await accounts.verifyToken(token)).toBeNull();
    expect((await accounts.getToken(record.id)).revokedAt).toBe(clock.now().toISOString());
    expect(await accounts.verifyToken(second.token)).not.toBeNull();
    await expect(accounts.getToken(999)).rejects.toMatchObject({ code: 'TOKEN_NOT_FOUND' });
  });

  it('pages users with their last sign-in and lock, and shows a user’s sign-ins newest first', async () => {
    for (const [name, role] of [['a.sales', 'sales'], ['b.support', 'support'], ['c.manager', 'manager']] as const) await accounts.createUser(name, role, PASSWORD, admin);
    expect((await accounts.signIn('b.support', PASSWORD, '10.0.0.1')).ok).toBe(true);
    later(60_000);
    for (let i = 0; i < 5; i += 1) {
      expect((await accounts.signIn('b.support', 'wrong password', '10.0.0.2')).ok).toBe(false);
      later(1_000);
    }
    const page = await accounts.pageUsers({ offset: 0, limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items.map((u) => [u.username, u.lastSignInAt, u.locked])).toEqual([
      ['a.sales', null, false],
      ['b.support', START, true],
    ]);
    expect((await accounts.pageUsers({ offset: 0, limit: 10, search: 'MANA' })).items.map((u) => u.username)).toEqual(['c.manager']);
    expect((await accounts.pageUsers({ offset: 0, limit: 10, search: '_' })).total).toBe(0);
    expect((await accounts.pageUsers({ offset: 0, limit: 10, role: 'sales' })).items.map((u) => u.username)).toEqual(['a.sales']);

    const history = await accounts.signInHistory('b.support', { offset: 0, limit: 3 });
    expect(history.total).toBe(6);
    expect(history.items.map((e) => [e.ok, e.reason, e.address])).toEqual([
      [false, 'invalid', '10.0.0.2'],
      [false, 'invalid', '10.0.0.2'],
      [false, 'invalid', '10.0.0.2'],
    ]);
    expect((await accounts.signInHistory('b.support', { offset: 5, limit: 3 })).items).toMatchObject([{ ok: true, reason: null, at: START, address: '10.0.0.1' }]);
    // The reset forgets the failures: the account is no longer locked.
    await accounts.resetPassword('b.support', admin);
    expect((await accounts.pageUsers({ offset: 0, limit: 10, role: 'support' })).items[0]!.locked).toBe(false);
  });
});
