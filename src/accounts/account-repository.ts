// The knex implementation of AccountStore, the same on SQLite and MySQL.
import type { Knex } from 'knex';
import { insertAuditEntry } from '../audit/audit-log.ts';
import { likePattern } from '../shared/paging.ts';
import type { AccountStore, SignInEntry, TokenRecord, UserRecord } from './account-store.ts';
import type { Role } from './roles.ts';

interface UserRow {
  id: number;
  username: string;
  role: string;
  password_hash: string;
  disabled: number | boolean;
  must_change_password: number | boolean;
  created_at: string;
  updated_at: string;
}

interface TokenRow {
  id: number;
  name: string;
  role: string;
  user_id: number | null;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  last_used_at: string | null;
  owner_id: number | null;
  owner_username: string | null;
  owner_role: string | null;
  owner_disabled: number | boolean | null;
}

const USER_COLUMNS = ['id', 'username', 'role', 'password_hash', 'disabled', 'must_change_password', 'created_at', 'updated_at'];
const TOKEN_COLUMNS = ['t.id', 't.name', 't.role', 't.user_id', 't.created_at', 't.created_by', 't.revoked_at', 't.last_used_at', 'u.id as owner_id', 'u.username as owner_username', 'u.role as owner_role', 'u.disabled as owner_disabled'];

const toUser = (r: UserRow): UserRecord => ({
  id: Number(r.id),
  username: r.username,
  role: r.role as Role,
  passwordHash: r.password_hash,
  disabled: Boolean(r.disabled),
  mustChangePassword: Boolean(r.must_change_password),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toToken = (r: TokenRow): TokenRecord => ({
  id: Number(r.id),
  name: r.name,
  role: r.role as Role,
  ownerId: r.user_id === null ? null : Number(r.user_id),
  owner: r.owner_id === null ? null : { id: Number(r.owner_id), username: r.owner_username!, role: r.owner_role as Role, disabled: Boolean(r.owner_disabled) },
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at,
  lastUsedAt: r.last_used_at,
});

const SIGN_IN_ACTIONS = ['auth.sign_in', 'auth.sign_in_failed'];
const count = (row: unknown) => Number((row as { n?: number | string } | undefined)?.n ?? 0);

export function createAccountRepository(db: Knex): AccountStore {
  const mysql = db.client.config.client === 'mysql2';
  const tokens = () => db('api_tokens as t').leftJoin('users as u', 'u.id', 't.user_id').select(TOKEN_COLUMNS);

  return {
    async createUser({ username, role, passwordHash, mustChangePassword = false, at }) {
      const [id] = await db('users').insert({ username, role, password_hash: passwordHash, disabled: false, must_change_password: mustChangePassword, created_at: at, updated_at: at });
      return toUser((await db('users').select(USER_COLUMNS).where({ id: Number(id) }).first()) as UserRow);
    },

    async findUser(username) {
      const row = (await db('users').select(USER_COLUMNS).where({ username }).first()) as UserRow | undefined;
      return row ? toUser(row) : null;
    },

    async listUsers() {
      return ((await db('users').select(USER_COLUMNS).orderBy('username')) as UserRow[]).map(toUser);
    },

    async findUserById(id) {
      const row = (await db('users').select(USER_COLUMNS).where({ id }).first()) as UserRow | undefined;
      return row ? toUser(row) : null;
    },

    async pageUsers({ search, role, id, failuresSince, offset, limit }) {
      const filtered = () => {
        const q = db('users as u');
        if (search) q.whereRaw('u.username like ? escape ?', [likePattern(search.toLowerCase()), '\\']);
        if (role) q.where('u.role', role);
        if (id !== undefined) q.where('u.id', id);
        return q;
      };
      const [total, rows] = await Promise.all([
        filtered().count({ n: '*' }).first(),
        filtered()
          .select(USER_COLUMNS.map((c) => `u.${c}`))
          // Both read an index per row of the page (audit_log_target_action_at_index, login_failures_user_at_index).
          .select(db('audit_log').max('at').where('action', 'auth.sign_in').whereRaw('target = u.username').as('last_sign_in_at'))
          .select(db('login_failures').count('*').whereRaw('user_id = u.id').where('at', '>', failuresSince).as('recent_failures'))
          .orderBy('u.username')
          .offset(offset)
          .limit(limit) as Promise<Array<UserRow & { last_sign_in_at: string | null; recent_failures: number | string }>>,
      ]);
      return { total: count(total), items: rows.map((r) => ({ ...toUser(r), lastSignInAt: r.last_sign_in_at ?? null, recentFailures: Number(r.recent_failures ?? 0) })) };
    },

    async changeUser(id, change, audit) {
      return db.transaction(async (trx) => {
        // The enabled admins first, then the user, always in that order: two changes wait for each other
        // instead of each seeing two admins and leaving none. (SQLite runs one transaction at a time anyway.)
        const admins = trx('users').select('id').where({ role: 'admin', disabled: false });
        const adminIds = ((await (mysql ? admins.forUpdate() : admins)) as Array<{ id: number }>).map((r) => Number(r.id));
        const lock = trx('users').select(USER_COLUMNS).where({ id });
        const row = (await (mysql ? lock.forUpdate() : lock).first()) as UserRow | undefined;
        if (!row) return null;
        const before = toUser(row);
        const staysAdmin = (change.role ?? before.role) === 'admin' && !(change.disabled ?? before.disabled);
        if (adminIds.includes(before.id) && !staysAdmin && adminIds.length <= 1) return 'last_admin';
        const update: Record<string, unknown> = { updated_at: change.at };
        if (change.role !== undefined) update.role = change.role;
        if (change.disabled !== undefined) update.disabled = change.disabled;
        if (change.passwordHash !== undefined) update.password_hash = change.passwordHash;
        if (change.mustChangePassword !== undefined) update.must_change_password = change.mustChangePassword;
        await trx('users').where({ id }).update(update);
        if (change.endSessions) await trx('sessions').where({ user_id: id }).del();
        if (change.clearFailures) await trx('login_failures').where({ user_id: id }).del();
        await insertAuditEntry(trx, audit, change.at);
        return toUser((await trx('users').select(USER_COLUMNS).where({ id }).first()) as UserRow);
      });
    },

    async signInHistory(username, { offset, limit }) {
      const base = () => db('audit_log').where('target', username).whereIn('action', SIGN_IN_ACTIONS);
      const [total, rows] = await Promise.all([
        base().count({ n: '*' }).first(),
        base().select('id', 'at', 'action', 'details_json', 'address').orderBy('at', 'desc').orderBy('id', 'desc').offset(offset).limit(limit) as Promise<
          Array<{ id: number; at: string; action: string; details_json: string | null; address: string | null }>
        >,
      ]);
      const items = rows.map((r): SignInEntry => {
        const details = r.details_json ? (JSON.parse(r.details_json) as { reason?: unknown }) : null;
        const ok = r.action === 'auth.sign_in';
        return { id: Number(r.id), at: r.at, ok, reason: ok ? null : typeof details?.reason === 'string' ? details.reason : 'invalid', address: r.address };
      });
      return { total: count(total), items };
    },

    async countUsers() {
      return Number((await db('users').count({ n: '*' }).first())?.n ?? 0);
    },

    async updateUser(id, { passwordHash, mustChangePassword, disabled, role, at }) {
      const change: Record<string, unknown> = { updated_at: at };
      if (passwordHash !== undefined) change.password_hash = passwordHash;
      if (mustChangePassword !== undefined) change.must_change_password = mustChangePassword;
      if (disabled !== undefined) change.disabled = disabled;
      if (role !== undefined) change.role = role;
      await db('users').where({ id }).update(change);
    },

    async createToken({ name, role, userId, tokenHash, at, createdBy }) {
      const [id] = await db('api_tokens').insert({ name, role, user_id: userId, token_hash: tokenHash, created_at: at, created_by: createdBy });
      return toToken((await tokens().where('t.id', Number(id)).first()) as TokenRow);
    },

    async findToken(tokenHash) {
      const row = (await tokens().where('t.token_hash', tokenHash).first()) as TokenRow | undefined;
      return row ? toToken(row) : null;
    },

    async listTokens() {
      return ((await tokens().orderBy('t.id')) as TokenRow[]).map(toToken);
    },

    async findTokenById(id) {
      const row = (await tokens().where('t.id', id).first()) as TokenRow | undefined;
      return row ? toToken(row) : null;
    },

    async pageTokens({ offset, limit }) {
      const [total, rows] = await Promise.all([db('api_tokens').count({ n: '*' }).first(), tokens().orderBy('t.id', 'desc').offset(offset).limit(limit) as Promise<TokenRow[]>]);
      return { total: count(total), items: rows.map(toToken) };
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

    async deleteUserSessions(userId, exceptIdHash) {
      const q = db('sessions').where({ user_id: userId });
      if (exceptIdHash) q.whereNot({ id_hash: exceptIdHash });
      await q.del();
    },

    async deleteExpiredSessions(now) {
      return db('sessions').where('expires_at', '<=', now).del();
    },

    async recordLoginAttempt({ userId, address, at }) {
      const [id] = await db('login_failures').insert({ user_id: userId, address, at });
      return Number(id);
    },

    async deleteLoginAttempt(id) {
      await db('login_failures').where({ id }).del();
    },

    async loginFailures(by, since, exceptId, newest) {
      const where = 'userId' in by ? { user_id: by.userId } : { address: by.address };
      const base = () => db('login_failures').where(where).where('at', '>', since).whereNot('id', exceptId);
      const [count, rows] = await Promise.all([
        base().count({ n: '*' }).first(),
        base().select('at').orderBy('at', 'desc').orderBy('id', 'desc').limit(newest) as Promise<Array<{ at: string }>>,
      ]);
      return { count: Number(count?.n ?? 0), newest: rows.map((r) => r.at) };
    },

    async clearLoginFailures({ userId, address }) {
      if (userId === undefined && address === undefined) throw new Error('clearLoginFailures needs an account or an address');
      const q = db('login_failures');
      if (userId !== undefined) q.where({ user_id: userId });
      if (address !== undefined) q.where({ address });
      return q.del();
    },

    async pruneLoginFailures(before) {
      await db('login_failures').where('at', '<', before).del();
    },
  };
}
