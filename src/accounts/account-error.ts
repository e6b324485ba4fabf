// The refusals of the account use cases, in Chinese and English, naming the field at fault.
import { DomainError } from '../shared/domain-error.ts';

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
  | 'TOKEN_NOT_FOUND'
  | 'LAST_ADMIN';

/** `details` names the field at fault (`{ field }`), as clients see it. */
export class AccountError extends DomainError<AccountErrorCode, { field: string }> {
  constructor(
    code: AccountErrorCode,
    messageZh: string,
    message: string,
    readonly field?: string,
    /** SIGN_IN_THROTTLED: when to try again (the pages say when; the API sends no Retry-After). */
    readonly retryAt?: Date,
  ) {
    super(code, messageZh, message, field ? { field } : null);
  }
}

/** Who asks for a change, as the audit log records them. */
export interface Actor {
  name: string;
  address?: string | null;
}
