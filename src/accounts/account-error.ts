// The refusals of the account use cases, in Chinese and English, naming the field at fault.

export type AccountErrorCode =
  | 'INVALID_USERNAME'
  | 'INVALID_ROLE'
  | 'WEAK_PASSWORD'
  | 'SAME_PASSWORD'
  | 'WRONG_PASSWORD'
  | 'PASSWORDS_DIFFER'
  | 'SIGN_IN_THROTTLED'
  | 'USER_EXISTS'
  | 'USER_NOT_FOUND'
  | 'USER_DISABLED'
  | 'TOKEN_NOT_FOUND';

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    readonly messageZh: string,
    message: string,
    readonly field?: string,
    /** SIGN_IN_THROTTLED: when to try again. */
    readonly retryAt?: Date,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

/** Who asks for a change, as the audit log records them. */
export interface Actor {
  name: string;
  address?: string | null;
}
