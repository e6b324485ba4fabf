// Passwords are hashed with argon2id; the parameters travel inside each hash, so they can be raised later.
import { randomInt } from 'node:crypto';
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

/**
 * How the account service turns a password into what it stores, and checks one against it. Production always uses
 * argon2idHasher (the account service's default; config has no setting for it); tests whose subject is not hashing
 * pass a cheap one from test/support, since each argon2id hash costs tens of milliseconds.
 */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False for a wrong password and for a stored hash this hasher cannot read. */
  verify(hash: string, password: string): Promise<boolean>;
}

export const argon2idHasher: PasswordHasher = {
  hash: (password) => argon2.hash(password, OPTIONS),
  async verify(hash, password) {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  },
};

/** Null when acceptable, else why not (Chinese / English). */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符 / a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > 200) return '密码最多 200 个字符 / a password has at most 200 characters';
  return null;
}

/** Letters and digits nobody misreads when a password is read aloud or copied by hand: no i, l, o, 0 or 1. */
const READABLE = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A password an administrator hands over once (a new user's, a reset one), to be changed at first sign-in:
 * four groups of four, like "k7mp-4qzx-w9ht-r2bc", about 79 bits from the system's CSPRNG.
 */
export function oneTimePassword(): string {
  const group = () => Array.from({ length: 4 }, () => READABLE[randomInt(READABLE.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}
