// Every check of a password — signing in, or confirming one's own before changing it — goes through here:
// the attempt is recorded before the password is looked at, so parallel guesses on every server instance
// see one another, and the throttle decides from what the shared database holds.
import { createHmac, randomBytes } from 'node:crypto';
import type { AuditLog } from '../audit/audit-log.ts';
import type { AccountStore, UserRecord } from './account-store.ts';
import { SIGN_IN_LIMITS, decideAttempt, type ThrottleDecision } from './sign-in-throttle.ts';

/** What the audit log says instead of a name that is no user's: it may be a password typed in the wrong field. */
export const UNKNOWN_USER = '(未知用户)';

export type GuardOutcome = { allowed: true; attemptId: number } | { allowed: false; retryAt: Date };

export function createSignInGuard(store: AccountStore, audit: AuditLog, clock: () => Date, unknownUserKey: string = randomBytes(32).toString('hex')) {
  // A refused flood is audited once per account and address in a window, per instance: enough to see it.
  const refusalsAudited = new Map<string, number>();

  /**
   * How an attempt is named in the audit log: the user, or "(未知用户) #1a2b3c4d". The suffix is a keyed hash, so
   * that repeated tries of one unknown name can be told apart from a spray, and nothing typed can be read back.
   */
  function actorFor(user: UserRecord | null, typed: string): string {
    if (user) return user.username;
    return `${UNKNOWN_USER} #${createHmac('sha256', unknownUserKey).update(`unknown-username\u0000${typed}`).digest('hex').slice(0, 8)}`;
  }

  async function auditRefusal(user: UserRecord | null, typed: string, address: string, decision: Extract<ThrottleDecision, { allowed: false }>): Promise<void> {
    const t = clock().getTime();
    const key = `${user?.id ?? '-'}|${address}`;
    const last = refusalsAudited.get(key);
    if (last !== undefined && t - last < SIGN_IN_LIMITS.windowMs) return;
    if (refusalsAudited.size > 10_000) refusalsAudited.clear();
    refusalsAudited.set(key, t);
    const actor = actorFor(user, typed);
    await audit.record({ actor, action: 'auth.sign_in_failed', target: actor, details: { reason: 'rate_limited', by: decision.by, retryAt: decision.retryAt.toISOString() }, address });
  }

  return {
    actorFor,

    /** Counts the attempt, then asks the throttle; a refused attempt is taken back, since no password was checked. */
    async begin(user: UserRecord | null, typed: string, address: string): Promise<GuardOutcome> {
      const t = clock().getTime();
      const iso = (ms: number) => new Date(ms).toISOString();
      await store.pruneLoginFailures(iso(t - SIGN_IN_LIMITS.failedAddressMemoryMs));
      const attemptId = await store.recordLoginAttempt({ userId: user?.id ?? null, address, at: iso(t) });
      const since = iso(t - SIGN_IN_LIMITS.windowMs);
      const [byAddress, remembered, byAccount] = await Promise.all([
        store.loginFailures({ address }, since, attemptId, SIGN_IN_LIMITS.address.block),
        store.loginFailures({ address }, iso(t - SIGN_IN_LIMITS.failedAddressMemoryMs), attemptId, 1),
        user ? store.loginFailures({ userId: user.id }, since, attemptId, 1) : null,
      ]);
      const decision = decideAttempt({ address: byAddress, addressHasFailed: remembered.count > 0, account: byAccount }, clock());
      if (decision.allowed) return { allowed: true, attemptId };
      await store.deleteLoginAttempt(attemptId);
      await auditRefusal(user, typed, address, decision);
      return { allowed: false, retryAt: decision.retryAt };
    },

    /** The password was wrong: the attempt stays as a failure. */
    async failed(user: UserRecord | null, typed: string, address: string): Promise<void> {
      const actor = actorFor(user, typed);
      await audit.record({ actor, action: 'auth.sign_in_failed', target: actor, details: { reason: 'invalid' }, address });
    },

    /** The password was right: the attempt, and the person's own earlier slips from this address, are forgiven. */
    async succeeded(user: UserRecord, attemptId: number, address: string): Promise<void> {
      await store.deleteLoginAttempt(attemptId);
      await store.clearLoginFailures({ userId: user.id, address });
    },
  };
}

export type SignInGuard = ReturnType<typeof createSignInGuard>;
