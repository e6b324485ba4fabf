// What the account use cases need from storage; the knex implementation is in account-repository.ts.
import type { NewAuditEntry } from '../audit/audit-log.ts';
import type { PageOf, PageRequest } from '../shared/paging.ts';
import type { Role } from './roles.ts';

export interface UserRecord {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  /** The generated first password: until it is changed, the person may only change it. */
  mustChangePassword: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TokenOwner {
  id: number;
  username: string;
  role: Role;
  disabled: boolean;
}

export interface TokenRecord {
  id: number;
  name: string;
  /** The role the token was given: its owner's, or a narrower one. */
  role: Role;
  /** The person whose actions the token's are; null for tokens made before tokens had owners. */
  owner: TokenOwner | null;
  /** Set when the token row names an owner: a missing owner (row deleted) must not read as "no owner". */
  ownerId: number | null;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/** A row of the administrators' users list. */
export interface UserSummary extends UserRecord {
  /** The newest auth.sign_in entry naming them; null for never. */
  lastSignInAt: string | null;
  /** Failed sign-ins against the account since the time asked about (the throttle's window). */
  recentFailures: number;
}

/** One sign-in, or failed attempt, from the audit log. */
export interface SignInEntry {
  id: number;
  at: string;
  ok: boolean;
  /** Why it failed: 'invalid' (wrong password) or 'rate_limited' (the throttle refused it); null for a success. */
  reason: string | null;
  address: string | null;
}

/** What an administrator's change to a user writes, all in one transaction with its audit entry. */
export interface UserChange {
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
  /** End every session of the user. */
  endSessions?: boolean;
  /** Forget the user's failed sign-ins. */
  clearFailures?: boolean;
  at: string;
}

export interface SessionRecord {
  user: UserRecord;
  csrfToken: string;
  expiresAt: string;
}

/** Earlier failed attempts, newest first, as the sign-in throttle reads them. */
export interface FailureWindow {
  count: number;
  newest: string[];
}

export interface AccountStore {
  createUser(user: { username: string; role: Role; passwordHash: string; mustChangePassword?: boolean; at: string }): Promise<UserRecord>;
  findUser(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  countUsers(): Promise<number>;
  findUserById(id: number): Promise<UserRecord | null>;
  pageUsers(query: PageRequest & { search?: string; role?: Role; id?: number; failuresSince: string }): Promise<PageOf<UserSummary>>;
  /**
   * Applies the change and records its audit entry together. The enabled admins are locked first, so two
   * changes that would each leave one admin wait for each other: 'last_admin' (nothing written) when the change
   * would leave no enabled admin; null when there is no such user.
   */
  changeUser(id: number, change: UserChange, audit: NewAuditEntry): Promise<UserRecord | 'last_admin' | null>;
  /** auth.sign_in and auth.sign_in_failed entries naming the user, newest first. */
  signInHistory(username: string, page: PageRequest): Promise<PageOf<SignInEntry>>;
  updateUser(id: number, change: { passwordHash?: string; mustChangePassword?: boolean; disabled?: boolean; role?: Role; at: string }): Promise<void>;

  createToken(token: { name: string; role: Role; userId: number; tokenHash: string; at: string; createdBy: string }): Promise<TokenRecord>;
  findToken(tokenHash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  findTokenById(id: number): Promise<TokenRecord | null>;
  /** Newest first. */
  pageTokens(page: PageRequest): Promise<PageOf<TokenRecord>>;
  revokeToken(id: number, at: string): Promise<boolean>;
  touchToken(id: number, at: string): Promise<void>;

  createSession(session: { idHash: string; userId: number; csrfToken: string; at: string; expiresAt: string }): Promise<void>;
  findSession(idHash: string, now: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  /** Every session of the user, except the one whose hash is given. */
  deleteUserSessions(userId: number, exceptIdHash?: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;

  /** Returns the attempt's id; the attempt stays as a failure unless it is deleted. userId null: no such user. */
  recordLoginAttempt(attempt: { userId: number | null; address: string; at: string }): Promise<number>;
  deleteLoginAttempt(id: number): Promise<void>;
  /** Failures since `since`, other than the attempt `exceptId`, with up to `newest` of their instants. */
  loginFailures(by: { userId: number } | { address: string }, since: string, exceptId: number, newest: number): Promise<FailureWindow>;
  /** Deletes failures: an account's, an address's, or an account's from one address. Returns how many. */
  clearLoginFailures(by: { userId?: number; address?: string }): Promise<number>;
  pruneLoginFailures(before: string): Promise<void>;
}
