// Account use cases: users and their passwords, sign-in behind its throttle, sessions and API tokens.
import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log.ts';
import { AccountError, type Actor } from './account-error.ts';
import type { AccountStore, SessionRecord, UserRecord } from './account-store.ts';
import { createApiTokens } from './api-tokens.ts';
import type { InitialPasswordStore } from './initial-password-file.ts';
import { argon2idHasher, oneTimePassword, passwordProblem, type PasswordHasher } from './password.ts';
import { isRole, type Role } from './roles.ts';
import { createSignInGuard } from './sign-in-guard.ts';
import { createUserAdministration } from './user-administration.ts';

export { AccountError, type Actor } from './account-error.ts';
export { TOKEN_CACHE_MS, type VerifiedToken } from './api-tokens.ts';
export { SIGN_IN_LIMITS } from './sign-in-throttle.ts';

export const SESSION_TTL_MS = 12 * 3600_000;

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

export type SignInResult =
  | { ok: true; user: UserRecord; sessionToken: string; csrfToken: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'rate_limited'; retryAt: Date };

export interface AccountOptions {
  /** Where the first admin's generated password is kept for the operator (var/initial-admin-password). */
  initialPassword?: InitialPasswordStore;
  /** Keys the short hash that stands for an unknown username in the audit log; random per process when absent. */
  unknownUserKey?: string;
  /** argon2id unless a test whose subject is not hashing passes a cheap one (test/support/fast-hasher.ts). */
  hasher?: PasswordHasher;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = () => randomBytes(32).toString('base64url');
const normalized = (username: string) => username.trim().toLowerCase();

// Comparing against a real hash keeps the time of a wrong username like that of a wrong password: one per hasher.
const dummyHashes = new WeakMap<PasswordHasher, Promise<string>>();

export function createAccountService(store: AccountStore, audit: AuditLog, clock: () => Date = () => new Date(), options: AccountOptions = {}) {
  const now = () => clock().toISOString();
  const hasher = options.hasher ?? argon2idHasher;
  const tokens = createApiTokens(store, audit, clock);
  const guard = createSignInGuard(store, audit, clock, options.unknownUserKey);
  const administration = createUserAdministration({ store, hasher, clock, forgetTokensOf: tokens.forgetTokensOf });

  async function requireUser(rawUsername: string): Promise<UserRecord> {
    const username = normalized(rawUsername);
    const user = await store.findUser(username);
    if (!user) throw new AccountError('USER_NOT_FOUND', `用户 ${username} 不存在`, `No user named ${username}`, 'username');
    return user;
  }

  function checkPassword(password: string, field = 'password'): void {
    const problem = passwordProblem(password);
    if (problem) {
      const [zh, en] = problem.split(' / ');
      throw new AccountError('WEAK_PASSWORD', zh!, en!, field);
    }
  }

  /** A new password: stored, the first-password flag cleared (and its file removed), other sessions ended. */
  async function storePassword(user: UserRecord, password: string, keepSessionHash?: string): Promise<void> {
    await store.updateUser(user.id, { passwordHash: await hasher.hash(password), mustChangePassword: false, at: now() });
    await store.deleteUserSessions(user.id, keepSessionHash);
    // The file holds the first admin's generated password only; a one-time password from a reset has no file.
    if (user.mustChangePassword && user.username === 'admin') await options.initialPassword?.discard();
  }

  async function verifyOrDummy(user: UserRecord | null, password: string): Promise<boolean> {
    if (user && !user.disabled) return hasher.verify(user.passwordHash, password);
    let dummyHash = dummyHashes.get(hasher);
    if (!dummyHash) dummyHashes.set(hasher, (dummyHash = hasher.hash(secret())));
    await hasher.verify(await dummyHash, password);
    return false;
  }

  async function createUser(rawUsername: string, role: string, password: string, actor: Actor, mustChangePassword = false): Promise<UserRecord> {
    // Usernames are compared in lower case: MySQL's collation would ignore case anyway, SQLite would not.
    const username = normalized(rawUsername);
    if (!USERNAME.test(username)) {
      throw new AccountError('INVALID_USERNAME', '用户名由 2–64 个字母、数字、点、下划线或连字符组成', 'A username has 2–64 letters, digits, dots, underscores or hyphens', 'username');
    }
    if (!isRole(role)) throw new AccountError('INVALID_ROLE', `角色 ${role} 不存在`, `Unknown role ${role}`, 'role');
    checkPassword(password);
    if (await store.findUser(username)) throw new AccountError('USER_EXISTS', `用户 ${username} 已存在`, `A user named ${username} already exists`, 'username');
    const user = await store.createUser({ username, role, passwordHash: await hasher.hash(password), mustChangePassword, at: now() });
    await audit.record({ actor: actor.name, action: 'user.create', target: username, details: { role }, address: actor.address ?? null });
    return user;
  }

  /**
   * A session for a person already proven (a password checked, or a provider's ID token: src/accounts/oidc-sign-in.ts),
   * audited as auth.sign_in with `details` saying how when it was not a password.
   */
  async function startSession(user: UserRecord, address: string, details: Record<string, unknown> | null): Promise<SignInResult & { ok: true }> {
    // Housekeeping rides on sign-in: the delete uses an index and keeps the table small.
    await store.deleteExpiredSessions(now());
    const sessionToken = secret();
    const csrfToken = secret();
    await store.createSession({
      idHash: sha256(sessionToken),
      userId: user.id,
      csrfToken,
      at: now(),
      expiresAt: new Date(clock().getTime() + SESSION_TTL_MS).toISOString(),
    });
    await audit.record({ actor: user.username, action: 'auth.sign_in', target: user.username, details, address });
    return { ok: true, user, sessionToken, csrfToken };
  }

  return {
    createUser: (rawUsername: string, role: string, password: string, actor: Actor) => createUser(rawUsername, role, password, actor),

    /** A new user with a one-time password, to be shown once: they must change it at their first sign-in. */
    async createUserWithOneTimePassword(rawUsername: string, role: string, actor: Actor): Promise<{ user: UserRecord; password: string }> {
      const password = oneTimePassword();
      return { user: await createUser(rawUsername, role, password, actor, true), password };
    },

    /** An administrator sets someone's password: their sessions end and their sign-in failures are forgotten. */
    async setPassword(username: string, password: string, actor: Actor): Promise<void> {
      checkPassword(password);
      const user = await requireUser(username);
      await storePassword(user, password);
      await store.clearLoginFailures({ userId: user.id });
      await audit.record({ actor: actor.name, action: 'user.password', target: user.username, details: null, address: actor.address ?? null });
    },

    /**
     * A signed-in person changes their own password, confirming the current one (checked behind the sign-in
     * throttle, so a stolen session cannot guess it); their other sessions end, this one stays.
     */
    async changeOwnPassword(request: { username: string; current: string; next: string; sessionToken: string; address: string }): Promise<void> {
      const user = await requireUser(request.username);
      checkPassword(request.next, 'newPassword');
      const attempt = await guard.begin(user, user.username, request.address);
      if (!attempt.allowed) throw throttled(attempt.retryAt);
      if (!(await verifyOrDummy(user, request.current))) {
        await guard.failed(user, user.username, request.address);
        throw new AccountError('WRONG_PASSWORD', '当前密码不正确', 'The current password is wrong', 'currentPassword');
      }
      await guard.succeeded(user, attempt.attemptId, request.address);
      if (request.current === request.next) throw new AccountError('SAME_PASSWORD', '新密码不能与当前密码相同', 'The new password must differ from the current one', 'newPassword');
      await storePassword(user, request.next, sha256(request.sessionToken));
      await audit.record({ actor: user.username, action: 'user.password', target: user.username, details: { own: true, initial: user.mustChangePassword }, address: request.address });
    },

    getUser: administration.getUser,
    pageUsers: administration.pageUsers,
    signInHistory: administration.signInHistory,
    changeRole: administration.changeRole,
    setDisabled: administration.setDisabled,
    resetPassword: administration.resetPassword,

    /** Forgets failed sign-ins of an account, of an address, or both; returns how many were forgotten. */
    async unlock(which: { username?: string; address?: string }, actor: Actor): Promise<number> {
      const user = which.username === undefined ? null : await requireUser(which.username);
      const address = which.address?.trim() || undefined;
      if (!user && !address) throw new AccountError('USER_NOT_FOUND', '请指定用户名或地址', 'Name a user or an address', 'username');
      const cleared = await store.clearLoginFailures({ userId: user?.id, address });
      const target = [user?.username, address && `address:${address}`].filter(Boolean).join(' ');
      await audit.record({ actor: actor.name, action: 'user.unlock', target, details: { cleared }, address: actor.address ?? null });
      return cleared;
    },

    listUsers: () => store.listUsers(),

    /**
     * On an empty database: the first admin, with ADMIN_PASSWORD (as given), or with a generated password kept
     * in a file for the operator, which must be changed at first sign-in.
     */
    async ensureInitialAdmin(password?: string): Promise<{ username: string; generated: boolean; file: string | null } | null> {
      if ((await store.countUsers()) > 0) return null;
      if (password !== undefined) checkPassword(password);
      if (password === undefined && !options.initialPassword) throw new Error('ensureInitialAdmin: no place to keep a generated password');
      const chosen = password ?? randomBytes(12).toString('base64url');
      // Kept before the account exists: a crash in between loses nothing the operator needs.
      const file = password === undefined ? await options.initialPassword!.save(chosen) : null;
      try {
        await store.createUser({ username: 'admin', role: 'admin', passwordHash: await hasher.hash(chosen), mustChangePassword: password === undefined, at: now() });
      } catch (err) {
        if (file) await options.initialPassword!.discard();
        // Another instance starting on the same empty database made it first.
        if ((await store.countUsers()) > 0) return null;
        throw err;
      }
      await audit.record({ actor: 'system', action: 'user.create', target: 'admin', details: { role: 'admin', initial: true }, address: null });
      return { username: 'admin', generated: password === undefined, file };
    },

    async signIn(rawUsername: string, password: string, address: string): Promise<SignInResult> {
      const username = normalized(rawUsername);
      const user = await store.findUser(username);
      const attempt = await guard.begin(user, username, address);
      if (!attempt.allowed) return { ok: false, reason: 'rate_limited', retryAt: attempt.retryAt };
      if (!(await verifyOrDummy(user, password)) || !user) {
        await guard.failed(user, username, address);
        return { ok: false, reason: 'invalid' };
      }
      await guard.succeeded(user, attempt.attemptId, address);
      return startSession(user, address, null);
    },

    startSession,

    async session(sessionToken: string): Promise<SessionRecord | null> {
      const found = await store.findSession(sha256(sessionToken), now());
      return found && !found.user.disabled ? found : null;
    },

    async signOut(sessionToken: string, actor: Actor): Promise<void> {
      await store.deleteSession(sha256(sessionToken));
      await audit.record({ actor: actor.name, action: 'auth.sign_out', target: actor.name, details: null, address: actor.address ?? null });
    },

    createToken: tokens.createToken,
    revokeToken: tokens.revokeToken,
    listTokens: tokens.listTokens,
    getToken: tokens.getToken,
    pageTokens: tokens.pageTokens,
    verifyToken: tokens.verifyToken,
  };
}

function throttled(retryAt: Date): AccountError {
  return new AccountError('SIGN_IN_THROTTLED', '尝试次数过多,请稍后再试', 'Too many attempts; try again later', 'currentPassword', retryAt);
}

export type AccountService = ReturnType<typeof createAccountService>;
export type { Role };
