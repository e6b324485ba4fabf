// One error type for every refusal the HTTP layer makes, carrying Chinese and English.
import { AccountError } from '../accounts/account-service.ts';
import { EntitlementError } from '../entitlement/entitlement-service.ts';
import { ContractError } from '../contracts/contract-service.ts';
import { UsageError } from '../contracts/usage-service.ts';
import { PolicyError, PolicyStorageError } from '../policy/policy-error.ts';
import { PolicyChangedError } from '../policy/moving-in.ts';
import { RequestError } from '../requests/request-error.ts';
import { QuoteError } from '../quote/quote-error.ts';
import { ReportError } from '../report/report-error.ts';
import { SlotError } from '../report/report-slot.ts';
import { ReviewError } from '../report/report-reviews.ts';
import { ParseRefusedError, type ParseRefusalCode } from '../workbook/parse-pool.ts';
import { IdempotencyError } from '../idempotency/idempotency-service.ts';
import { HolidayError } from '../holidays/holiday-error.ts';
import { isDatabaseUnavailable } from '../db/database-errors.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageZh: string,
    messageEn: string,
    readonly details: unknown = null,
  ) {
    super(messageEn);
    this.name = 'HttpError';
  }

  /** Seconds after which a retry may succeed, sent as `Retry-After` (503s, a key still in use). */
  retryAfterSeconds: number | null = null;

  /** The message as clients see it: Chinese, then English. */
  bilingual(): string {
    return `${this.messageZh} / ${this.message}`;
  }

  /** The API's one error shape: `{"error": {"code", "message", "details"}}`. */
  toJSON() {
    return { error: { code: this.code, message: this.bilingual(), details: this.details } };
  }
}

const CONTRACT_STATUS: Record<ContractError['code'], number> = {
  VALIDATION_FAILED: 400,
  CUSTOMER_NOT_FOUND: 404,
  CONTRACT_NOT_FOUND: 404,
  CUSTOMER_EXISTS: 409,
  ON_PREMISE_ONLY: 422,
  NOT_A_SPECIAL_SERVICE: 422,
};
const USAGE_STATUS: Record<UsageError['code'], number> = {
  QUOTA_EXHAUSTED: 409,
  NOT_ENTITLED: 422,
  NO_QUOTA: 422,
  OVERRIDE_NOT_ALLOWED: 403,
  VALIDATION_FAILED: 400,
  PERSON_DAYS_OVER_GRANT: 422,
  PERSON_DAYS_OVER_USE: 422,
  ONSITE_NOT_GRANTED: 422,
  IDEMPOTENCY_KEY_REUSED: 409,
};
const IDEMPOTENCY_STATUS: Record<IdempotencyError['code'], number> = { IDEMPOTENCY_KEY_REUSED: 409, IDEMPOTENCY_KEY_INVALID: 400, IDEMPOTENCY_KEY_IN_USE: 409 };

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The answer while the database cannot be reached or used: the client may retry; nothing is half-stored. */
export function databaseUnavailable(): HttpError {
  const error = new HttpError(503, 'DATABASE_UNAVAILABLE', '数据库暂时不可用,请稍后重试', 'The database is temporarily unavailable; try again shortly');
  error.retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;
  return error;
}
const REQUEST_STATUS: Record<RequestError['code'], number> = { VALIDATION_FAILED: 400, NOT_ENTITLED: 422, REQUEST_NOT_FOUND: 404, ALREADY_RESPONDED: 409, INVALID_TIME: 422, IDEMPOTENCY_KEY_REUSED: 409 };
const QUOTE_STATUS: Record<QuoteError['code'], number> = { QUOTE_REFUSED: 422, ON_PREMISE_ONLY: 422, QUOTE_NOT_FOUND: 404, NOT_PENDING: 409, NO_PRICE_LIST: 422, NO_ACTIVE_POLICY: 422, VALIDATION_FAILED: 400, OWN_QUOTE: 403, QUOTE_EXPIRED: 409 };
const REPORT_STATUS: Record<ReportError['code'], number> = {
  VALIDATION_FAILED: 400,
  CONTRACT_NOT_FOUND: 404,
  NOT_A_YEAR_END: 404,
  TIER_WITHOUT_REPORT: 404,
  RUN_NOT_FOUND: 404,
  NOT_ISSUED: 409,
  REVIEW_PENDING: 409,
  REISSUE_CONFLICT: 409,
  NO_RECIPIENTS: 422,
};
const REVIEW_STATUS: Record<ReviewError['code'], number> = { VALIDATION_FAILED: 400, REVIEW_NOT_FOUND: 404, REVIEW_DECIDED: 409 };
const POLICY_STATUS: Record<PolicyError['code'], number> = { VERSION_NOT_FOUND: 404, EFFECTIVE_DATE_IN_PAST: 422 };
const HOLIDAY_STATUS: Record<HolidayError['code'], number> = { HOLIDAY_ROWS_INVALID: 422, NO_HOLIDAY_CHANGES: 422, NO_ACTIVE_POLICY: 409, NOTICE_UNREADABLE: 422, HOLIDAY_DRAFT_REJECTED: 422 };

// A file too big to read in the memory or time allowed is a size refusal (413); one the readers failed on, a
// content refusal (422); a full queue or a stopping server, come back later (503 with Retry-After).
const PARSE_STATUS: Record<ParseRefusalCode, number> = { PARSE_MEMORY_LIMIT: 413, PARSE_TIME_LIMIT: 413, PARSE_FAILED: 422, PARSE_BUSY: 503, PARSE_STOPPED: 503 };

/** Domain errors become HTTP errors here, so handlers can simply let them through. */
export function toHttpError(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  // Before the domain errors: a storage failure that wraps a lost connection is an outage, not a refusal.
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  if (err instanceof IdempotencyError) {
    const refusal = new HttpError(IDEMPOTENCY_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
    if (err.code === 'IDEMPOTENCY_KEY_IN_USE') refusal.retryAfterSeconds = 1;
    return refusal;
  }
  if (err instanceof ParseRefusedError) {
    const refusal = new HttpError(PARSE_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
    refusal.retryAfterSeconds = err.retryAfterSeconds;
    return refusal;
  }
  if (err instanceof PolicyError) return new HttpError(POLICY_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof PolicyChangedError) {
    // Nothing was stored; the instance reads the activations again, so a retry decides under the version in force.
    const refusal = new HttpError(409, err.code, err.messageZh, err.message, err.details);
    refusal.retryAfterSeconds = 1;
    return refusal;
  }
  if (err instanceof PolicyStorageError) return new HttpError(503, 'STORAGE_FAILED', err.messageZh, err.message);
  if (err instanceof HolidayError) return new HttpError(HOLIDAY_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof EntitlementError) return new HttpError(400, err.code, err.messageZh, err.message, err.details);
  if (err instanceof ContractError) return new HttpError(CONTRACT_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof UsageError) return new HttpError(USAGE_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof QuoteError) return new HttpError(QUOTE_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof RequestError) return new HttpError(REQUEST_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof ReportError) return new HttpError(REPORT_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  // A run before its reports are owed is a refusal of the request as made (422), not a malformed one.
  if (err instanceof SlotError) return new HttpError(err.code === 'NOT_YET_OWED' ? 422 : 400, err.code, err.messageZh, err.message, err.details);
  if (err instanceof ReviewError) return new HttpError(REVIEW_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof AccountError) {
    const status = err.code === 'USER_NOT_FOUND' || err.code === 'TOKEN_NOT_FOUND' ? 404 : err.code === 'USER_EXISTS' ? 409 : err.code === 'SIGN_IN_THROTTLED' ? 429 : 422;
    return new HttpError(status, err.code, err.messageZh, err.message, err.field ? { field: err.field } : null);
  }
  return null;
}

export const notFound = () => new HttpError(404, 'NOT_FOUND', '找不到该页面或资源', 'Not found');
export const unauthenticated = () => new HttpError(401, 'UNAUTHENTICATED', '请先登录', 'Sign in first');
export const forbidden = () => new HttpError(403, 'FORBIDDEN', '您的角色无权执行此操作', 'Your role may not do this');
export const passwordChangeRequired = () =>
  new HttpError(403, 'PASSWORD_CHANGE_REQUIRED', '请先在 /account/password 修改初始密码', 'Change the initial password at /account/password first');
export const tokenWithoutOwner = () =>
  new HttpError(
    403,
    'TOKEN_WITHOUT_OWNER',
    '此 API 令牌没有归属用户,不能审批:请管理员用 entitle token create --user 用户名 为审批人创建令牌',
    'This API token has no owner and cannot approve: an admin can create one for the approver with entitle token create --user NAME',
  );
export const csrfRejected = () =>
  new HttpError(403, 'CSRF_REJECTED', '表单已过期或来源不明,请刷新页面后重试', 'The form is stale or did not come from this site; reload the page and try again');
