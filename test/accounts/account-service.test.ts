import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, expect, it } from 'vitest';
import { createAccountRepository } from '../../src/accounts/account-repository.ts';
import { SESSION_TTL_MS, TOKEN_CACHE_MS, createAccountService, type AccountService } from '../../src/accounts/account-service.ts';
import { initialPasswordFile } from '../../src/accounts/initial-password-file.ts';
import { createAuditLog, type AuditLog } from '../../src/audit/audit-log.ts';
import { createTestDatabase, describeEachDatabase } from '../support/databases.ts';
import { manualClock } from '../support/fixtures.ts';

const PASSWORD = 'correct horse battery';
const admin = { name: 'admin', address: '127.0.0.1' };
const START = '2026-11-27T02:00:00.000Z';
const varDir = fs.mkdtempSync(path.join(os.tmpdir(), 'entitle-accounts-'));
afterAll(() => fs.rmSync(varDir, { recursive: true, force: true }));

describeEachDatabase('accounts', (current) => {
  const clock = manualClock(START);
  let accounts: AccountService;
  let audit: AuditLog;
  const passwordFile = path.join(varDir, 'initial-admin-password');

  beforeEach(async () => {
    const { db } = current();
    for (const t of ['sessions', 'login_failures', 'api_tokens', 'audit_log', 'users']) await db(t).del();
    clock.set(START);
    fs.rmSync(passwordFile, { force: true });
    audit = createAuditLog(db, clock.now);
    accounts = createAccountService(createAccountRepository(db), audit, clock.now, { initialPassword: initialPasswordFile(varDir) });
  });

  it('creates the first admin once; the generated password goes to a private file and must be changed at first sign-in', async () => {
    const first = await accounts.ensureInitialAdmin();
    expect(first).toEqual({ username: 'admin', generated: true, file: passwordFile });
    expect(fs.statSync(passwordFile).mode & 0o777).toBe(0o600);
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    expect(password).toMatch(/^\S{16}$/);
    expect(await accounts.ensureInitialAdmin()).toBeNull();
    const [user] = await accounts.listUsers();
    expect(user).toMatchObject({ username: 'admin', role: 'admin', mustChangePassword: true });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);

    const signedIn = await accounts.signIn('admin', password, '10.0.0.1');
    if (!signedIn.ok) throw new Error('sign-in failed');
    expect(signedIn.user.mustChangePassword).toBe(true);
    await expect(accounts.changeOwnPassword({ username: 'admin', current: password, next: password, sessionToken: signedIn.sessionToken, address: '10.0.0.1' })).rejects.toMatchObject({ code: 'SAME_PASSWORD' });
    expect(fs.existsSync(passwordFile)).toBe(true);
    await accounts.changeOwnPassword({ username: 'admin', current: password, next: 'the admin’s own password', sessionToken: signedIn.sessionToken, address: '10.0.0.1' });
    expect(fs.existsSync(passwordFile)).toBe(false);
    expect((await accounts.session(signedIn.sessionToken))?.user.mustChangePassword).toBe(false);
    expect((await accounts.signIn('admin', password, '10.0.0.1')).ok).toBe(false);
    expect((await accounts.signIn('admin', 'the admin’s own password', '10.0.0.1')).ok).toBe(true);
    const [change] = await audit.list({ action: 'user.password' });
    expect(change).toMatchObject({ actor: 'admin', target: 'admin', details: { own: true, initial: true } });
  });

  it('takes ADMIN_PASSWORD as given: no file, no forced change', async () => {
    expect(await accounts.ensureInitialAdmin('an admin password')).toEqual({ username: 'admin', generated: false, file: null });
    expect(fs.existsSync(passwordFile)).toBe(false);
    expect((await accounts.listUsers())[0]!.mustChangePassword).toBe(false);
    const without = createAccountService(createAccountRepository(current().db), audit, clock.now);
    await current().db('users').del();
    await expect(without.ensureInitialAdmin()).rejects.toThrow(/no place to keep/);
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

    clock.set(new Date(Date.parse(START) + SESSION_TTL_MS + 1).toISOString());
    expect(await accounts.session(signedIn.sessionToken)).toBeNull();

    const again = await accounts.signIn('zhang.san', PASSWORD, '10.0.0.2');
    if (!again.ok) throw new Error('sign-in failed');
    await accounts.setPassword('zhang.san', 'another long password', admin);
    expect(await accounts.session(again.sessionToken)).toBeNull();
    expect((await accounts.signIn('zhang.san', PASSWORD, '10.0.0.2')).ok).toBe(false);
    expect((await accounts.signIn('zhang.san', 'another long password', '10.0.0.2')).ok).toBe(true);
  });

  it('lets a person change their own password: the current one is required, this session stays, the others end', async () => {
    await accounts.createUser('zhao.liu', 'sales', PASSWORD, admin);
    const here = await accounts.signIn('zhao.liu', PASSWORD, '10.0.0.3');
    const there = await accounts.signIn('zhao.liu', PASSWORD, '10.0.0.4');
    if (!here.ok || !there.ok) throw new Error('sign-in failed');
    const change = (current: string, next: string) => accounts.changeOwnPassword({ username: 'zhao.liu', current, next, sessionToken: here.sessionToken, address: '10.0.0.3' });
    await expect(change('not my password', 'a new long password')).rejects.toMatchObject({ code: 'WRONG_PASSWORD', field: 'currentPassword' });
    await expect(change(PASSWORD, 'short')).rejects.toMatchObject({ code: 'WEAK_PASSWORD', field: 'newPassword' });
    // The wrong current password counted as a failed attempt, from that address, against that account.
    expect(await current().db('login_failures').select('address')).toEqual([{ address: '10.0.0.3' }]);
    await change(PASSWORD, 'a new long password');
    expect(await accounts.session(here.sessionToken)).not.toBeNull();
    expect(await accounts.session(there.sessionToken)).toBeNull();
    // Succeeding forgave the slip made from this address.
    expect(await current().db('login_failures').count({ n: '*' }).first()).toMatchObject({ n: 0 });
  });

  it('disables a user: no sign-in, sessions end, and their tokens stop working at once; enabling restores sign-in', async () => {
    await accounts.createUser('qian.qi', 'support', PASSWORD, admin);
    const session = await accounts.signIn('qian.qi', PASSWORD, '10.0.0.5');
    if (!session.ok) throw new Error('sign-in failed');
    const { token } = await accounts.createToken({ owner: 'qian.qi' }, admin);
    expect((await accounts.verifyToken(token))?.owner).toBe('qian.qi');
    await accounts.setDisabled('qian.qi', true, admin);
    expect(await accounts.verifyToken(token)).toBeNull();
    expect(await accounts.session(session.sessionToken)).toBeNull();
    expect(await accounts.signIn('qian.qi', PASSWORD, '10.0.0.5')).toEqual({ ok: false, reason: 'invalid' });
    await expect(accounts.createToken({ owner: 'qian.qi' }, admin)).rejects.toMatchObject({ code: 'USER_DISABLED' });
    await accounts.setDisabled('qian.qi', false, admin);
    expect((await accounts.signIn('qian.qi', PASSWORD, '10.0.0.6')).ok).toBe(true);
    expect((await accounts.verifyToken(token))?.owner).toBe('qian.qi');
    expect((await audit.list()).map((e) => e.action)).toEqual(expect.arrayContaining(['user.disable', 'user.enable']));
  });

  it('issues API tokens owned by a person, shown once, stored hashed, and revocable', async () => {
    await accounts.createUser('sun.ba', 'support', PASSWORD, admin);
    const { token, record } = await accounts.createToken({ owner: 'Sun.Ba', name: 'CRM integration' }, admin);
    expect(token).toMatch(/^ent_[A-Za-z0-9_-]{43}$/);
    expect(record).toMatchObject({ name: 'CRM integration', role: 'support', owner: { username: 'sun.ba', role: 'support' } });
    const stored = await current().db('api_tokens').first();
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(await accounts.verifyToken(token)).toEqual({ id: record.id, name: 'CRM integration', role: 'support', owner: 'sun.ba' });
    expect(await accounts.verifyToken(`${token}x`)).toBeNull();

    await accounts.revokeToken(record.id, admin);
    expect(await accounts.verifyToken(token)).toBeNull();
    await expect(accounts.revokeToken(record.id, admin)).rejects.toMatchObject({ code: 'TOKEN_NOT_FOUND' });
    const entries = await audit.list({ limit: 2 });
    expect(entries.map((e) => e.action)).toEqual(['token.revoke', 'token.create']);
    expect(entries[1]!.details).toEqual({ name: 'CRM integration', role: 'support', owner: 'sun.ba' });
    await expect(accounts.createToken({ owner: 'nobody' }, admin)).rejects.toMatchObject({ code: 'USER_NOT_FOUND', field: 'user' });
    await expect(accounts.createToken({ owner: 'sun.ba', role: 'root' }, admin)).rejects.toMatchObject({ code: 'INVALID_ROLE' });
  });

  it('gives a token its owner’s role, or a narrower one, never a wider one; a token whose owner lost the role stops working', async () => {
    await accounts.createUser('boss', 'admin', PASSWORD, admin);
    await accounts.createUser('seller', 'sales', PASSWORD, admin);
    expect((await accounts.createToken({ owner: 'boss' }, admin)).record.role).toBe('admin');
    const narrow = await accounts.createToken({ owner: 'boss', role: 'support' }, admin);
    expect((await accounts.verifyToken(narrow.token))?.role).toBe('support');
    // Sales may write contracts, support may record quota use: neither includes the other.
    await expect(accounts.createToken({ owner: 'seller', role: 'support' }, admin)).rejects.toMatchObject({ code: 'INVALID_ROLE', field: 'role' });
    await expect(accounts.createToken({ owner: 'seller', role: 'manager' }, admin)).rejects.toMatchObject({ code: 'INVALID_ROLE' });
    const sales = await accounts.createToken({ owner: 'seller' }, admin);
    await current().db('users').where({ username: 'seller' }).update({ role: 'support' });
    clock.set(new Date(Date.parse(START) + TOKEN_CACHE_MS).toISOString());
    expect(await accounts.verifyToken(sales.token)).toBeNull();
  });

  it('keeps a token made before owners working as itself, and drops a token with its owner', async () => {
    const { db } = current();
    const hash = (await import('node:crypto')).createHash('sha256').update('ent_legacy-token-text').digest('hex');
    await db('api_tokens').insert({ name: 'old ERP', role: 'manager', token_hash: hash, created_at: START, created_by: 'cli:root', user_id: null });
    const legacy = await accounts.verifyToken('ent_legacy-token-text');
    expect(legacy).toMatchObject({ name: 'old ERP', role: 'manager', owner: null });
    expect((await accounts.listTokens()).find((t) => t.name === 'old ERP')).toMatchObject({ owner: null, ownerId: null });

    await accounts.createUser('zhou.jiu', 'manager', PASSWORD, admin);
    const owned = await accounts.createToken({ owner: 'zhou.jiu' }, admin);
    await db('users').where({ username: 'zhou.jiu' }).del();
    clock.set(new Date(Date.parse(START) + TOKEN_CACHE_MS).toISOString());
    expect(await accounts.verifyToken(owned.token)).toBeNull();
    expect((await accounts.listTokens()).map((t) => t.name)).toEqual(['old ERP']);
  });

  it('treats usernames without regard to case, on every database', async () => {
    await accounts.createUser('Zhou.Qi', 'support', PASSWORD, admin);
    expect((await accounts.listUsers()).map((u) => u.username)).toEqual(['zhou.qi']);
    await expect(accounts.createUser('ZHOU.QI', 'support', PASSWORD, admin)).rejects.toMatchObject({ code: 'USER_EXISTS' });
    expect((await accounts.signIn('ZHOU.qi', PASSWORD, '10.4.0.1')).ok).toBe(true);
    await accounts.setPassword('ZHOU.QI', 'yet another password', admin);
    expect((await accounts.signIn('zhou.qi', 'yet another password', '10.4.0.1')).ok).toBe(true);
  });

  it('trusts a verified token for a few seconds, so a revocation elsewhere takes effect within that time', async () => {
    await accounts.createUser('erp', 'support', PASSWORD, admin);
    const other = createAccountService(createAccountRepository(current().db), audit, clock.now);
    const { token, record } = await accounts.createToken({ owner: 'erp', name: 'ERP' }, admin);
    expect((await accounts.verifyToken(token))?.id).toBe(record.id);
    await other.revokeToken(record.id, admin);
    expect(await other.verifyToken(token)).toBeNull();
    expect((await accounts.verifyToken(token))?.id).toBe(record.id);
    clock.set(new Date(Date.parse(START) + TOKEN_CACHE_MS).toISOString());
    expect(await accounts.verifyToken(token)).toBeNull();
  });
});

describeEachDatabase('API tokens through a database outage', (current) => {
  it('keeps a verified token working while the database cannot be read, and knows no new token meanwhile', async () => {
    const clock = manualClock(START);
    // A database of this suite's engine that the test can take away: its own connection pool, destroyed below.
    const own = await createTestDatabase(current().engine);
    try {
      const audit = createAuditLog(own.db, clock.now);
      const accounts = createAccountService(createAccountRepository(own.db), audit, clock.now);
      await accounts.createUser('erp', 'support', PASSWORD, admin);
      const { token, record } = await accounts.createToken({ owner: 'erp', name: 'ERP' }, admin);
      const other = (await accounts.createToken({ owner: 'erp', name: 'other' }, admin)).token;
      expect((await accounts.verifyToken(token))?.id).toBe(record.id);
      await own.db.destroy(); // every query fails from here on
      clock.set(new Date(Date.parse(START) + 2 * 60_000).toISOString()); // past the cache and the last-used write
      expect(await accounts.verifyToken(token)).toMatchObject({ id: record.id, owner: 'erp' });
      await expect(accounts.verifyToken(other)).rejects.toThrow();
    } finally {
      await own.destroy().catch(() => undefined);
    }
  });
});
