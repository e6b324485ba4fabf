// API tokens: each belongs to a person, whose name its actions carry, and works only while that person
// may sign in. Tokens made before tokens had owners keep working, as themselves, but cannot approve.
import { createHash, randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log.ts';
import { AccountError, type Actor } from './account-error.ts';
import type { AccountStore, TokenRecord } from './account-store.ts';
import type { PageOf, PageRequest } from '../shared/paging.ts';
import { ROLE_NAMES, isRole, roleIncludes, type Role } from './roles.ts';

/** How long a verified API token is trusted without asking the database again (a revocation, or the owner's disabling, elsewhere takes this long). */
export const TOKEN_CACHE_MS = 5_000;
/** last_used_at is a hint for administrators; writing it once a minute is plenty. */
const TOKEN_TOUCH_MS = 60_000;

/** Who a bearer token speaks for. */
export interface VerifiedToken {
  id: number;
  name: string;
  /** The token's role: its owner's, or narrower. */
  role: Role;
  /** The owner's username; null for a token without an owner. */
  owner: string | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** The person a token acts for, or why it cannot act at all. */
function verified(record: TokenRecord): VerifiedToken | null {
  if (record.revokedAt) return null;
  if (record.ownerId === null) return { id: record.id, name: record.name, role: record.role, owner: null };
  const owner = record.owner;
  // A token goes with its owner: disabled, deleted, or moved to a role that no longer covers the token's.
  if (!owner || owner.disabled || !roleIncludes(owner.role, record.role)) return null;
  return { id: record.id, name: record.name, role: record.role, owner: owner.username };
}

export function createApiTokens(store: AccountStore, audit: AuditLog, clock: () => Date) {
  const now = () => clock().toISOString();
  // Integrations call the API at a high rate: a hash lookup and an UPDATE per request would dominate it.
  const cache = new Map<string, { token: VerifiedToken; checkedAt: number; touchedAt: number }>();
  // last_used_at is a hint: a request is not refused because the hint could not be written.
  const touchToken = (id: number) => store.touchToken(id, now()).catch(() => undefined);

  return {
    /**
     * The token's text is shown once; only its hash is stored. Its role is the owner's unless a narrower
     * one is asked for (an admin's token for a support integration).
     */
    async createToken(request: { owner: string; name?: string; role?: string }, actor: Actor): Promise<{ token: string; record: TokenRecord }> {
      const username = request.owner.trim().toLowerCase();
      const owner = await store.findUser(username);
      if (!owner) throw new AccountError('USER_NOT_FOUND', `用户 ${username} 不存在`, `No user named ${username}`, 'user');
      if (owner.disabled) throw new AccountError('USER_DISABLED', `用户 ${username} 已停用,不能为其创建令牌`, `User ${username} is disabled; a token for them would not work`, 'user');
      const role = request.role ?? owner.role;
      if (!isRole(role)) throw new AccountError('INVALID_ROLE', `角色 ${role} 不存在`, `Unknown role ${role}`, 'role');
      if (!roleIncludes(owner.role, role)) {
        // Roles by name, never by code: the refusal is shown beside the form's role field.
        throw new AccountError('INVALID_ROLE', `令牌的角色“${ROLE_NAMES[role].zh}”超出了用户 ${username} 的角色“${ROLE_NAMES[owner.role].zh}”`, `A “${ROLE_NAMES[role].en}” token would do more than ${username} (${ROLE_NAMES[owner.role].en}) may`, 'role');
      }
      const token = `ent_${randomBytes(32).toString('base64url')}`;
      const name = (request.name ?? '').trim() || `${username} (${role})`;
      const record = await store.createToken({ name, role, userId: owner.id, tokenHash: sha256(token), at: now(), createdBy: actor.name });
      await audit.record({ actor: actor.name, action: 'token.create', target: `token:${record.id}`, details: { name, role, owner: username }, address: actor.address ?? null });
      return { token, record };
    },

    async revokeToken(id: number, actor: Actor): Promise<void> {
      for (const [hash, entry] of cache) if (entry.token.id === id) cache.delete(hash);
      if (!(await store.revokeToken(id, now()))) {
        throw new AccountError('TOKEN_NOT_FOUND', `令牌 ${id} 不存在或已撤销`, `Token ${id} does not exist or is already revoked`, 'id');
      }
      await audit.record({ actor: actor.name, action: 'token.revoke', target: `token:${id}`, details: null, address: actor.address ?? null });
    },

    listTokens: () => store.listTokens(),

    async getToken(id: number): Promise<TokenRecord> {
      const record = await store.findTokenById(id);
      if (!record) throw new AccountError('TOKEN_NOT_FOUND', `令牌 ${id} 不存在`, `Token ${id} does not exist`, 'id');
      return record;
    },

    pageTokens: (page: PageRequest): Promise<PageOf<TokenRecord>> => store.pageTokens(page),

    /** This process stops trusting the owner's tokens at once (others within TOKEN_CACHE_MS). */
    forgetTokensOf(username: string): void {
      for (const [hash, entry] of cache) if (entry.token.owner === username) cache.delete(hash);
    },

    /** Who a bearer token speaks for, or null for an unknown, revoked or orphaned token. */
    async verifyToken(token: string): Promise<VerifiedToken | null> {
      const hash = sha256(token);
      const t = clock().getTime();
      const cached = cache.get(hash);
      if (cached && t - cached.checkedAt < TOKEN_CACHE_MS) {
        if (t - cached.touchedAt >= TOKEN_TOUCH_MS) {
          cached.touchedAt = t;
          await touchToken(cached.token.id);
        }
        return cached.token;
      }
      let record: TokenRecord | null;
      try {
        record = await store.findToken(hash);
      } catch (err) {
        // Revoking a token or disabling its owner is a write to the database: while it cannot be read, nothing
        // has changed since this process last verified the token, so it keeps its word until the database answers.
        if (cached) return cached.token;
        throw err;
      }
      const result = record ? verified(record) : null;
      if (!result) {
        cache.delete(hash);
        return null;
      }
      if (cache.size > 10_000) cache.clear();
      const touch = !cached || t - cached.touchedAt >= TOKEN_TOUCH_MS;
      cache.set(hash, { token: result, checkedAt: t, touchedAt: touch ? t : cached.touchedAt });
      if (touch) await touchToken(result.id);
      return result;
    },
  };
}
