// TEST ONLY: a password hasher that costs microseconds instead of argon2id's tens of milliseconds, for tests that
// need users but are not about hashing (the HTTP and browser suites create one user per role for every app).
// It lives under test/ so that nothing in src/ or its configuration can reach it; production always uses argon2id.
// Tests whose subject is hashing or the sign-in throttle keep argon2idHasher.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { PasswordHasher } from '../../src/accounts/password.ts';

const PREFIX = '$test-sha256$';
const digest = (salt: string, password: string) => createHash('sha256').update(`${salt}:${password}`).digest('base64url');

export const fastTestHasher: PasswordHasher = {
  async hash(password) {
    const salt = randomBytes(12).toString('base64url');
    return `${PREFIX}${salt}$${digest(salt, password)}`;
  },
  async verify(hash, password) {
    if (!hash.startsWith(PREFIX)) return false;
    const [salt, stored] = hash.slice(PREFIX.length).split('$');
    if (!salt || !stored) return false;
    const given = Buffer.from(digest(salt, password));
    const expected = Buffer.from(stored);
    return given.length === expected.length && timingSafeEqual(given, expected);
  },
};
