// What the account use cases need from storage; the knex implementation is in account-repository.ts.
import type { Role } from './roles.ts';

export interface UserRecord {
  id: number;
  username: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface TokenRecord {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

export interface SessionRecord {
  user: UserRecord;
  csrfToken: string;
  expiresAt: string;
}

export interface AccountStore {
  createUser(user: { username: string; role: Role; passwordHash: string; at: string }): Promise<UserRecord>;
  findUser(username: string): Promise<UserRecord | null>;
  listUsers(): Promise<UserRecord[]>;
  countUsers(): Promise<number>;
  updateUser(id: number, change: { passwordHash?: string; disabled?: boolean; role?: Role; at: string }): Promise<void>;

  createToken(token: { name: string; role: Role; tokenHash: string; at: string; createdBy: string }): Promise<TokenRecord>;
  findToken(tokenHash: string): Promise<TokenRecord | null>;
  listTokens(): Promise<TokenRecord[]>;
  revokeToken(id: number, at: string): Promise<boolean>;
  touchToken(id: number, at: string): Promise<void>;

  createSession(session: { idHash: string; userId: number; csrfToken: string; at: string; expiresAt: string }): Promise<void>;
  findSession(idHash: string, now: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;
  deleteUserSessions(userId: number): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;

  /** Returns the attempt's id, so that a successful sign-in can take it back. */
  recordLoginFailure(username: string, address: string, at: string): Promise<number>;
  deleteLoginFailure(id: number): Promise<void>;
  countLoginFailures(by: { username: string } | { address: string }, since: string): Promise<number>;
  clearLoginFailures(username: string): Promise<void>;
  pruneLoginFailures(before: string): Promise<void>;
}
