// Account use cases: users and their passwords, sign-in with its rate limit, sessions and API tokens.
import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AccountStore, SessionRecord, TokenRecord, UserRecord } from './account-store.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { isRole, type Role } from './roles.ts';

export const SESSION_TTL_MS = 12 * 3600_000;
/** Failed sign-ins allowed in the window, per account and per address. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perAccount: 5, perAddress: 20 } as const;

const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{1,63}$/;

export type AccountErrorCode = 'INVALID_USERNAME' | 'INVALID_ROLE' | 'WEAK_PASSWORD' | 'USER_EXISTS' | 'USER_NOT_FOUND' | 'TOKEN_NOT_FOUND';

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    readonly messageZh: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

export type SignInResult =
  | { ok: true; user: UserRecord; sessionToken: string; csrfToken: string }
  | { ok: false; reason: 'invalid' | 'rate_limited' };

export interface Actor {
  name: string;
  address?: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const secret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

// Comparing against a real hash keeps the time of a wrong username like that of a wrong password.
let dummyHash: Promise<string> | undefined;

/** How long a verified API token is trusted without asking the database again (revocation elsewhere takes this long). */
export const TOKEN_CACHE_MS = 5_000;
/** last_used_at is a hint for administrators; writing it once a minute is plenty. */
const TOKEN_TOUCH_MS = 60_000;

export function createAccountService(store: AccountStore, audit: AuditLog, clock: () => Date = () => new Date()) {
  const now = () => clock().toISOString();
  // Integrations call the API at a high rate: a hash lookup and an UPDATE per request would dominate it.
  const verifiedTokens = new Map<string, { record: TokenRecord; checkedAt: number; touchedAt: number }>();

  async function requireUser(rawUsername: string): Promise<UserRecord> {
    const username = rawUsername.trim().toLowerCase();
    const user = await store.findUser(username);
    if (!user) throw new AccountError('USER_NOT_FOUND', `用户 ${username} 不存在`, `No user named ${username}`, 'username');
    return user;
  }

  function checkPassword(password: string): void {
    const problem = passwordProblem(password);
    if (problem) {
      const [zh, en] = problem.split(' / ');
      throw new AccountError('WEAK_PASSWORD', zh!, en!, 'password');
    }
  }

  return {
    async createUser(rawUsername: string, role: string, password: string, actor: Actor): Promise<UserRecord> {
      // Usernames are compared in lower case: MySQL's collation would ignore case anyway, SQLite would not.
      const username = rawUsername.trim().toLowerCase();
      if (!USERNAME.test(username)) {
        throw new AccountError('INVALID_USERNAME', '用户名由 2–64 个字母、数字、点、下划线或连字符组成', 'A username has 2–64 letters, digits, dots, underscores or hyphens', 'username');
      }
      if (!isRole(role)) throw new AccountError('INVALID_ROLE', `角色 ${role} 不存在`, `Unknown role ${role}`, 'role');
      checkPassword(password);
      if (await store.findUser(username)) throw new AccountError('USER_EXISTS', `用户 ${username} 已存在`, `A user named ${username} already exists`, 'username');
      const user = await store.createUser({ username, role, passwordHash: await hashPassword(password), at: now() });
      await audit.record({ actor: actor.name, action: 'user.create', target: username, details: { role }, address: actor.address ?? null });
      return user;
    },

    async setPassword(username: string, password: string, actor: Actor): Promise<void> {
      checkPassword(password);
      const user = await requireUser(username);
      username = user.username;
      await store.updateUser(user.id, { passwordHash: await hashPassword(password), at: now() });
      // A new password ends every session signed in with the old one.
      await store.deleteUserSessions(user.id);
      await store.clearLoginFailures(username);
      await audit.record({ actor: actor.name, action: 'user.password', target: username, details: null, address: actor.address ?? null });
    },

    listUsers: () => store.listUsers(),

    /** On an empty database: the first admin, with the given password or a generated one to print once. */
    async ensureInitialAdmin(password?: string): Promise<{ username: string; password: string | null } | null> {
      if ((await store.countUsers()) > 0) return null;
      const chosen = password ?? randomBytes(12).toString('base64url');
      checkPassword(chosen);
      await store.createUser({ username: 'admin', role: 'admin', passwordHash: await hashPassword(chosen), at: now() });
      await audit.record({ actor: 'system', action: 'user.create', target: 'admin', details: { role: 'admin', initial: true }, address: null });
      return { username: 'admin', password: password ? null : chosen };
    },

    async signIn(rawUsername: string, password: string, address: string): Promise<SignInResult> {
      const username = rawUsername.trim().toLowerCase();
      const since = new Date(clock().getTime() - LOGIN_LIMITS.windowMs).toISOString();
      // The attempt is counted before the password is checked: parallel guesses each see those before them,
      // so no burst of simultaneous requests gets past the limit.
      await store.pruneLoginFailures(since);
      const attempt = await store.recordLoginFailure(username, address, now());
      const [byAccount, byAddress] = await Promise.all([
        store.countLoginFailures({ username }, since),
        store.countLoginFailures({ address }, since),
      ]);
      if (byAccount > LOGIN_LIMITS.perAccount || byAddress > LOGIN_LIMITS.perAddress) {
        // Only the first refusal in a window is kept and audited: a locked-out flood must not grow the tables.
        const firstRefusal = byAccount === LOGIN_LIMITS.perAccount + 1 || byAddress === LOGIN_LIMITS.perAddress + 1;
        if (firstRefusal) {
          await audit.record({ actor: username, action: 'auth.sign_in_failed', target: username, details: { reason: 'rate_limited' }, address });
        } else {
          await store.deleteLoginFailure(attempt);
        }
        return { ok: false, reason: 'rate_limited' };
      }
      const user = await store.findUser(username);
      const valid = user && !user.disabled ? await verifyPassword(user.passwordHash, password) : await verifyPassword(await (dummyHash ??= hashPassword(secret())), password);
      if (!user || user.disabled || !valid) {
        await audit.record({ actor: username, action: 'auth.sign_in_failed', target: username, details: { reason: 'invalid' }, address });
        return { ok: false, reason: 'invalid' };
      }
      await store.deleteLoginFailure(attempt);
      await store.clearLoginFailures(username);
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
      await audit.record({ actor: username, action: 'auth.sign_in', target: username, details: null, address });
      return { ok: true, user, sessionToken, csrfToken };
    },

    async session(sessionToken: string): Promise<SessionRecord | null> {
      const found = await store.findSession(sha256(sessionToken), now());
      return found && !found.user.disabled ? found : null;
    },

    async signOut(sessionToken: string, actor: Actor): Promise<void> {
      await store.deleteSession(sha256(sessionToken));
      await audit.record({ actor: actor.name, action: 'auth.sign_out', target: actor.name, details: null, address: actor.address ?? null });
    },

    /** The token's text is shown once; only its hash is stored. */
    async createToken(name: string, role: string, actor: Actor): Promise<{ token: string; record: TokenRecord }> {
      if (!isRole(role)) throw new AccountError('INVALID_ROLE', `角色 ${role} 不存在`, `Unknown role ${role}`, 'role');
      const token = secret('ent_');
      const record = await store.createToken({ name: name.trim() || role, role, tokenHash: sha256(token), at: now(), createdBy: actor.name });
      await audit.record({ actor: actor.name, action: 'token.create', target: `token:${record.id}`, details: { name: record.name, role }, address: actor.address ?? null });
      return { token, record };
    },

    async revokeToken(id: number, actor: Actor): Promise<void> {
      for (const [hash, entry] of verifiedTokens) if (entry.record.id === id) verifiedTokens.delete(hash);
      if (!(await store.revokeToken(id, now()))) {
        throw new AccountError('TOKEN_NOT_FOUND', `令牌 ${id} 不存在或已撤销`, `Token ${id} does not exist or is already revoked`, 'id');
      }
      await audit.record({ actor: actor.name, action: 'token.revoke', target: `token:${id}`, details: null, address: actor.address ?? null });
    },

    listTokens: () => store.listTokens(),

    /** The role a bearer token grants, or null for an unknown or revoked token. */
    async verifyToken(token: string): Promise<TokenRecord | null> {
      const hash = sha256(token);
      const t = clock().getTime();
      const cached = verifiedTokens.get(hash);
      if (cached && t - cached.checkedAt < TOKEN_CACHE_MS) {
        if (t - cached.touchedAt >= TOKEN_TOUCH_MS) {
          cached.touchedAt = t;
          await store.touchToken(cached.record.id, now());
        }
        return cached.record;
      }
      const record = await store.findToken(hash);
      if (!record || record.revokedAt) {
        verifiedTokens.delete(hash);
        return null;
      }
      if (verifiedTokens.size > 10_000) verifiedTokens.clear();
      const touch = !cached || t - cached.touchedAt >= TOKEN_TOUCH_MS;
      verifiedTokens.set(hash, { record, checkedAt: t, touchedAt: touch ? t : cached.touchedAt });
      if (touch) await store.touchToken(record.id, now());
      return record;
    },
  };
}

export type AccountService = ReturnType<typeof createAccountService>;
export type { Role };
