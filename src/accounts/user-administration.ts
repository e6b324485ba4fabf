// What an administrator does to other people's accounts, from the browser (/admin/users) or the CLI (`entitle
// user …`), through the same functions: change a role, disable and enable, hand out a one-time password. Each
// change is written with its audit entry in one transaction, and none may leave the system without an enabled
// admin — the check is the store's, under a lock, so two admins demoting each other at once leave one.
import type { Actor } from './account-error.ts';
import { AccountError } from './account-error.ts';
import type { AccountStore, SignInEntry, UserChange, UserRecord, UserSummary } from './account-store.ts';
import type { AuditAction } from '../audit/audit-log.ts';
import { oneTimePassword, type PasswordHasher } from './password.ts';
import { ROLE_NAMES, isRole, type Role } from './roles.ts';
import { SIGN_IN_LIMITS } from './sign-in-throttle.ts';
import type { PageOf, PageRequest } from '../shared/paging.ts';

/** A row of the users list: locked while failed sign-ins against the account slow every address that failed. */
export interface UserListItem extends UserSummary {
  locked: boolean;
}

export function createUserAdministration(deps: { store: AccountStore; hasher: PasswordHasher; clock: () => Date; forgetTokensOf: (username: string) => void }) {
  const { store, hasher, clock } = deps;
  const now = () => clock().toISOString();

  async function requireUser(rawUsername: string): Promise<UserRecord> {
    const username = rawUsername.trim().toLowerCase();
    const user = await store.findUser(username);
    if (!user) throw new AccountError('USER_NOT_FOUND', `用户 ${username} 不存在`, `No user named ${username}`, 'username');
    return user;
  }

  async function change(user: UserRecord, field: string, what: Omit<UserChange, 'at'>, action: AuditAction, details: Record<string, unknown> | null, actor: Actor): Promise<UserRecord> {
    const result = await store.changeUser(user.id, { ...what, at: now() }, { actor: actor.name, action, target: user.username, details, address: actor.address ?? null });
    if (result === null) throw new AccountError('USER_NOT_FOUND', `用户 ${user.username} 不存在`, `No user named ${user.username}`, 'username');
    if (result === 'last_admin') {
      throw new AccountError(
        'LAST_ADMIN',
        `${user.username} 是最后一位启用的${ROLE_NAMES.admin.zh}:请先让另一位用户成为${ROLE_NAMES.admin.zh},再停用或更改此人`,
        `${user.username} is the last enabled ${ROLE_NAMES.admin.en}: make someone else one before disabling or demoting them`,
        field,
      );
    }
    // The user's API tokens are checked against their role and state again at their next use.
    deps.forgetTokensOf(user.username);
    return result;
  }

  return {
    /** By id, or by username (the audit log names users, and links to them, by name). */
    async getUser(id: number | string): Promise<UserRecord> {
      const user = typeof id === 'number' ? await store.findUserById(id) : await store.findUser(id.trim().toLowerCase());
      if (!user) throw new AccountError('USER_NOT_FOUND', `用户 ${id} 不存在`, `No user ${id}`, 'id');
      return user;
    },

    /** A page of users by name, with their last sign-in and whether the throttle holds their account. */
    async pageUsers(query: PageRequest & { search?: string; role?: Role; id?: number }): Promise<PageOf<UserListItem>> {
      const failuresSince = new Date(clock().getTime() - SIGN_IN_LIMITS.windowMs).toISOString();
      const page = await store.pageUsers({ ...query, failuresSince });
      return { total: page.total, items: page.items.map((u) => ({ ...u, locked: u.recentFailures >= SIGN_IN_LIMITS.account.free })) };
    },

    signInHistory: (username: string, page: PageRequest): Promise<PageOf<SignInEntry>> => store.signInHistory(username, page),

    /** A new role; the user's tokens with a role wider than it stop working. */
    async changeRole(username: string, role: string, actor: Actor): Promise<UserRecord> {
      if (!isRole(role)) throw new AccountError('INVALID_ROLE', `角色 ${role} 不存在`, `Unknown role ${role}`, 'role');
      const user = await requireUser(username);
      if (user.role === role) return user;
      return change(user, 'role', { role }, 'user.role', { from: user.role, to: role }, actor);
    },

    /** A disabled user cannot sign in, their sessions end, and their API tokens stop working. */
    async setDisabled(username: string, disabled: boolean, actor: Actor): Promise<UserRecord> {
      const user = await requireUser(username);
      return change(user, 'disabled', { disabled, endSessions: disabled }, disabled ? 'user.disable' : 'user.enable', null, actor);
    },

    /**
     * A one-time password, returned to be shown once and stored only hashed: the user must change it at their
     * next sign-in. Their sessions end and their failed sign-ins are forgotten.
     */
    async resetPassword(username: string, actor: Actor): Promise<{ user: UserRecord; password: string }> {
      const user = await requireUser(username);
      const password = oneTimePassword();
      const passwordHash = await hasher.hash(password);
      const changed = await change(user, 'username', { passwordHash, mustChangePassword: true, endSessions: true, clearFailures: true }, 'user.reset_password', null, actor);
      return { user: changed, password };
    },
  };
}

export type UserAdministration = ReturnType<typeof createUserAdministration>;
