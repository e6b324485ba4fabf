// The one table from a refusal's code to its HTTP status. A code means one status wherever it is thrown, so a
// module adds its codes here (the table is a Record over every DomainError subclass's codes, so tsc refuses a
// code without a status) and toHttpError needs no branch for it. test/http/refusal-status.test.ts checks that
// every DomainError subclass in src is listed in `Refusal` below.
import type { AccountError } from '../accounts/account-error.ts';
import type { BackupError } from '../db/backup-error.ts';
import type { ContractError } from '../contracts/contract-refusals.ts';
import type { UsageError } from '../contracts/usage-service.ts';
import type { EntitlementError } from '../entitlement/entitlement-service.ts';
import type { HolidayError } from '../holidays/holiday-error.ts';
import type { IdempotencyError } from '../idempotency/idempotency-service.ts';
import type { PolicyChangedError } from '../policy/moving-in.ts';
import type { PolicyError, PolicyStorageError } from '../policy/policy-error.ts';
import type { QuoteError } from '../quote/quote-error.ts';
import type { ReportError } from '../report/report-error.ts';
import type { ReviewError } from '../report/reviews/report-reviews.ts';
import type { SlotError } from '../report/report-slot.ts';
import type { RequestError } from '../requests/request-error.ts';
import type { ParseRefusedError } from '../workbook/parse-pool.ts';

/** Every DomainError subclass the HTTP layer may be handed. */
type Refusal =
  | AccountError
  | BackupError
  | ContractError
  | UsageError
  | EntitlementError
  | HolidayError
  | IdempotencyError
  | PolicyChangedError
  | PolicyError
  | PolicyStorageError
  | QuoteError
  | ReportError
  | ReviewError
  | SlotError
  | RequestError
  | ParseRefusedError;

export type RefusalCode = Refusal['code'];

export const REFUSAL_STATUS: Record<RefusalCode, number> = {
  // The request as sent is malformed.
  VALIDATION_FAILED: 400,
  IDEMPOTENCY_KEY_INVALID: 400,
  UNKNOWN_SERVICE: 400,
  INVALID_CONTRACT: 400,

  OVERRIDE_NOT_ALLOWED: 403,
  OWN_QUOTE: 403,

  CUSTOMER_NOT_FOUND: 404,
  CONTRACT_NOT_FOUND: 404,
  REQUEST_NOT_FOUND: 404,
  QUOTE_NOT_FOUND: 404,
  RUN_NOT_FOUND: 404,
  MESSAGE_NOT_FOUND: 404,
  REVIEW_NOT_FOUND: 404,
  VERSION_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  NOT_A_YEAR_END: 404,
  TIER_WITHOUT_REPORT: 404,

  // The state of things stands in the way: another key, another decision, another version.
  CUSTOMER_EXISTS: 409,
  USER_EXISTS: 409,
  // Disabling or demoting the last enabled admin would lock every administrator out.
  LAST_ADMIN: 409,
  QUOTA_EXHAUSTED: 409,
  IDEMPOTENCY_KEY_REUSED: 409,
  IDEMPOTENCY_KEY_IN_USE: 409,
  ALREADY_RESPONDED: 409,
  // A service request moved meanwhile (another desk user), or cannot make this move from where it is.
  INVALID_TRANSITION: 409,
  REQUEST_CHANGED: 409,
  NOT_PENDING: 409,
  QUOTE_EXPIRED: 409,
  NOT_ISSUED: 409,
  REVIEW_PENDING: 409,
  REISSUE_CONFLICT: 409,
  // A resend only of a failed message no worker holds: a sent one must not go twice.
  MESSAGE_SENT: 409,
  MESSAGE_NOT_FAILED: 409,
  MESSAGE_SENDING: 409,
  REVIEW_DECIDED: 409,
  POLICY_CHANGED: 409,
  // A holiday draft with no base named and none active.
  NO_ACTIVE_POLICY: 409,

  // A file too big to read in the memory or time allowed.
  PARSE_MEMORY_LIMIT: 413,
  PARSE_TIME_LIMIT: 413,

  // Well-formed, but the product refuses it.
  ON_PREMISE_ONLY: 422,
  NOT_A_SPECIAL_SERVICE: 422,
  NOT_ENTITLED: 422,
  NO_QUOTA: 422,
  PERSON_DAYS_OVER_GRANT: 422,
  PERSON_DAYS_OVER_USE: 422,
  ONSITE_NOT_GRANTED: 422,
  INVALID_TIME: 422,
  NO_CONTACT_ADDRESS: 422,
  NOT_A_SUPPORT_USER: 422,
  QUOTE_REFUSED: 422,
  NO_PRICE_LIST: 422,
  QUOTE_NO_ACTIVE_POLICY: 422,
  NO_RECIPIENTS: 422,
  // A run before its reports are owed is a refusal of the request as made, not a malformed one.
  NOT_YET_OWED: 422,
  EFFECTIVE_DATE_IN_PAST: 422,
  // The version's own 测试用例 decide otherwise than they expect: the version is stored, and stays a draft.
  TEST_CASES_FAILED: 422,
  // A scheduled activation withdrawn too late, or none to withdraw: the version's state, not the request, is in the way.
  ALREADY_IN_EFFECT: 409,
  NOT_SCHEDULED: 409,
  HOLIDAY_ROWS_INVALID: 422,
  NO_HOLIDAY_CHANGES: 422,
  NOTICE_UNREADABLE: 422,
  HOLIDAY_DRAFT_REJECTED: 422,
  INVALID_USERNAME: 422,
  INVALID_ROLE: 422,
  WEAK_PASSWORD: 422,
  SAME_PASSWORD: 422,
  WRONG_PASSWORD: 422,
  PASSWORDS_DIFFER: 422,
  USER_DISABLED: 422,
  // One the readers failed on.
  PARSE_FAILED: 422,

  SIGN_IN_THROTTLED: 429,

  // Come back later: a full parse queue or a stopping server (with Retry-After), a store that refused a write.
  PARSE_BUSY: 503,
  PARSE_STOPPED: 503,
  STORAGE_FAILED: 503,

  // `entitle backup` and `restore` are CLI commands; their codes are here so that each means one status should an
  // HTTP route ever carry them: what is missing, what stands in the way, what cannot be used, what failed.
  BACKUP_NOT_FOUND: 404,
  DATABASE_NOT_FOUND: 404,
  BACKUP_EXISTS: 409,
  DATABASE_IN_USE: 409,
  NOT_A_BACKUP: 422,
  BACKUP_NEWER_SCHEMA: 422,
  BACKUP_TOOL_MISSING: 503,
  BACKUP_FAILED: 503,
  RESTORE_FAILED: 503,
};

/**
 * Codes sent under another name. The API has always answered NO_ACTIVE_POLICY with 409 for a holiday draft and
 * with 422 for a quote; clients see both and must keep seeing them, so the quote's refusal has its own code
 * inside and is sent under the old one.
 */
export const SENT_AS: Partial<Record<RefusalCode, string>> = { QUOTE_NO_ACTIVE_POLICY: 'NO_ACTIVE_POLICY' };

/** The status of a code, or undefined for one no DomainError subclass declares (a programming error: a 500). */
export function refusalStatus(code: string): number | undefined {
  return Object.hasOwn(REFUSAL_STATUS, code) ? REFUSAL_STATUS[code as RefusalCode] : undefined;
}
