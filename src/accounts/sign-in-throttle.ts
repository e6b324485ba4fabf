// When a sign-in attempt may check its password, after OWASP's advice on guessing attacks: failures from an
// address slow that address down and then block it; failures against an account slow the account down
// progressively, but only for addresses that have failed themselves, so nobody can lock an owner out of
// their account from an address that has done nothing wrong. Pure: the account service feeds it what the
// database holds and acts on the answer.

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const SIGN_IN_LIMITS = {
  /** Failures older than this no longer count. */
  windowMs: 15 * MINUTE,
  /** An address with a failure this recent has "failed": the accounts it tries are throttled for it. */
  failedAddressMemoryMs: 24 * 60 * MINUTE,
  address: {
    /** Failures in the window before any delay. */
    free: 5,
    /** The first delay; each further failure doubles it, up to maxDelayMs. */
    firstDelayMs: 1 * SECOND,
    maxDelayMs: 1 * MINUTE,
    /** Failures in the window that block the address until the oldest of them leave the window. */
    block: 20,
  },
  account: {
    free: 5,
    firstDelayMs: 1 * SECOND,
    /** The longest an account makes a failed address wait: 2^10 s would be more. */
    maxDelayMs: 15 * MINUTE,
  },
} as const;

/** What the database holds about earlier attempts, the attempt being decided excluded. */
export interface FailureHistory {
  /** Failures from this address in the window: how many, and the newest first (at least `address.block` of them). */
  address: { count: number; newest: string[] };
  /** Whether this address failed within failedAddressMemoryMs (for any account). */
  addressHasFailed: boolean;
  /** Failures against the account in the window, or null when the name typed is no user's. */
  account: { count: number; newest: string[] } | null;
}

export type ThrottleDecision =
  | { allowed: true }
  | { allowed: false; retryAt: Date; by: 'address_blocked' | 'address_delay' | 'account_delay' };

/** first × 2^(failures − free), capped: 1 s, 2 s, 4 s … */
function delayMs(failures: number, rule: { free: number; firstDelayMs: number; maxDelayMs: number }): number {
  const doublings = Math.min(failures - rule.free, 30);
  return Math.min(rule.firstDelayMs * 2 ** doublings, rule.maxDelayMs);
}

const later = (a: Date, b: Date) => (a > b ? a : b);

export function decideAttempt(history: FailureHistory, now: Date, limits = SIGN_IN_LIMITS): ThrottleDecision {
  let refusal: ThrottleDecision | null = null;
  const refuse = (retryAt: Date, by: 'address_blocked' | 'address_delay' | 'account_delay') => {
    // When several rules refuse, the person is told the latest moment, when all of them allow.
    if (!refusal || refusal.allowed || retryAt > refusal.retryAt) refusal = { allowed: false, retryAt, by };
  };

  const { address } = history;
  if (address.count >= limits.address.block) {
    // Blocked until enough failures leave the window that fewer than `block` remain.
    const pivot = address.newest[limits.address.block - 1] ?? address.newest.at(-1)!;
    refuse(new Date(Date.parse(pivot) + limits.windowMs), 'address_blocked');
  } else if (address.count >= limits.address.free) {
    const retryAt = new Date(Date.parse(address.newest[0]!) + delayMs(address.count, limits.address));
    if (retryAt > now) refuse(retryAt, 'address_delay');
  }

  // The account's delay holds only for addresses that have failed: an owner at an address with a clean
  // record always gets to try their password, whatever others are doing to the account.
  const account = history.account;
  if (account && history.addressHasFailed && account.count >= limits.account.free) {
    const retryAt = new Date(Date.parse(account.newest[0]!) + delayMs(account.count, limits.account));
    if (retryAt > now) refuse(retryAt, 'account_delay');
  }
  return refusal ?? { allowed: true };
}

/** The moment a refused person may try again, never earlier than a second from now. */
export function retryAfterSeconds(retryAt: Date, now: Date): number {
  return Math.max(1, Math.ceil((later(retryAt, now).getTime() - now.getTime()) / SECOND));
}
