// The knex implementation of AccountStore, the same on SQLite and MySQL.
import type { Knex } from 'knex';
import type { AccountStore, TokenRecord, UserRecord } from './account-store.ts';
import type { Role } from './roles.ts';

interface UserRow {
  id: number;
  username: string;
  role: string;
  password_hash: string;
  disabled: number | boolean;
  created_at: string;
  updated_at: string;
}

interface TokenRow {
  id: number;
  name: string;
  role: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  last_used_at: string | null;
}

const USER_COLUMNS = ['id', 'username', 'role', 'password_hash', 'disabled', 'created_at', 'updated_at'];
const TOKEN_COLUMNS = ['id', 'name', 'role', 'created_at', 'created_by', 'revoked_at', 'last_used_at'];

const toUser = (r: UserRow): UserRecord => ({
  id: Number(r.id),
  username: r.username,
  role: r.role as Role,
  passwordHash: r.password_hash,
  disabled: Boolean(r.disabled),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toToken = (r: TokenRow): TokenRecord => ({
  id: Number(r.id),
  name: r.name,
  role: r.role as Role,
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

export function createAccountRepository(db: Knex): AccountStore {
  return {
    async createUser({ username, role, passwordHash, at }) {
      const [id] = await db('users').insert({ username, role, password_hash: passwordHash, disabled: false, created_at: at, updated_at: at });
      return toUser((await db('users').select(USER_COLUMNS).where({ id: Number(id) }).first()) as UserRow);
    },

    async findUser(username) {
      const row = (await db('users').select(USER_COLUMNS).where({ username }).first()) as UserRow | undefined;
      return row ? toUser(row) : null;
    },

    async listUsers() {
      return ((await db('users').select(USER_COLUMNS).orderBy('username')) as UserRow[]).map(toUser);
    },

    async countUsers() {
      return Number((await db('users').count({ n: '*' }).first())?.n ?? 0);
    },

    async updateUser(id, { passwordHash, disabled, role, at }) {
      const change: Record<string, unknown> = { updated_at: at };
      if (passwordHash !== undefined) change.password_hash = passwordHash;
      if (disabled !== undefined) change.disabled = disabled;
      if (role !== undefined) change.role = role;
      await db('users').where({ id }).update(change);
    },

    async createToken({ name, role, tokenHash, at, createdBy }) {
      const [id] = await db('api_tokens').insert({ name, role, token_hash: tokenHash, created_at: at, created_by: createdBy });
      return toToken((await db('api_tokens').select(TOKEN_COLUMNS).where({ id: Number(id) }).first()) as TokenRow);
    },

    async findToken(tokenHash) {
      const row = (await db('api_tokens').select(TOKEN_COLUMNS).where({ token_hash: tokenHash }).first()) as TokenRow | undefined;
      return row ? toToken(row) : null;
    },

    async listTokens() {
      return ((await db('api_tokens').select(TOKEN_COLUMNS).orderBy('id')) as TokenRow[]).map(toToken);
    },

    async revokeToken(id, at) {
      const changed = await db('api_tokens').where({ id }).whereNull('revoked_at').update({ revoked_at: at });
      return changed > 0;
    },

    async touchToken(id, at) {
      await db('api_tokens').where({ id }).update({ last_used_at: at });
    },

    async createSession({ idHash, userId, csrfToken, at, expiresAt }) {
      await db('sessions').insert({ id_hash: idHash, user_id: userId, csrf_token: csrfToken, created_at: at, expires_at: expiresAt });
    },

    async findSession(idHash, now) {
      const row = await db('sessions as s')
        .join('users as u', 'u.id', 's.user_id')
        .select(USER_COLUMNS.map((c) => `u.${c}`))
        .select('s.csrf_token', 's.expires_at')
        .where('s.id_hash', idHash)
        .where('s.expires_at', '>', now)
        .first();
      if (!row) return null;
      return { user: toUser(row as UserRow), csrfToken: row.csrf_token as string, expiresAt: row.expires_at as string };
    },

    async deleteSession(idHash) {
      await db('sessions').where({ id_hash: idHash }).del();
    },

    async deleteUserSessions(userId) {
      await db('sessions').where({ user_id: userId }).del();
    },

    async deleteExpiredSessions(now) {
      return db('sessions').where('expires_at', '<=', now).del();
    },

    async recordLoginFailure(username, address, at) {
      const [id] = await db('login_failures').insert({ username, address, at });
      return Number(id);
    },

    async deleteLoginFailure(id) {
      await db('login_failures').where({ id }).del();
    },

    async countLoginFailures(by, since) {
      const row = await db('login_failures').where(by).where('at', '>', since).count({ n: '*' }).first();
      return Number(row?.n ?? 0);
    },

    async clearLoginFailures(username) {
      await db('login_failures').where({ username }).del();
    },

    async pruneLoginFailures(before) {
      await db('login_failures').where('at', '<', before).del();
    },
  };
}
