// One error type for every refusal the HTTP layer makes, carrying Chinese and English.
import { AccountError } from '../accounts/account-service.ts';
import { EntitlementError } from '../entitlement/entitlement-service.ts';
import { ContractError } from '../contracts/contract-service.ts';
import { UsageError } from '../contracts/usage-service.ts';
import { PolicyError, PolicyStorageError } from '../policy/policy-service.ts';
import { RequestError } from '../requests/request-error.ts';
import { QuoteError } from '../quote/quote-error.ts';
import { ReportError } from '../report/report-error.ts';
import { SlotError } from '../report/report-slot.ts';

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
const USAGE_STATUS: Record<UsageError['code'], number> = { QUOTA_EXHAUSTED: 409, NOT_ENTITLED: 422, NO_QUOTA: 422, OVERRIDE_NOT_ALLOWED: 403 };
const REQUEST_STATUS: Record<RequestError['code'], number> = { VALIDATION_FAILED: 400, NOT_ENTITLED: 422, REQUEST_NOT_FOUND: 404, ALREADY_RESPONDED: 409, INVALID_TIME: 422, IDEMPOTENCY_KEY_REUSED: 409 };
const QUOTE_STATUS: Record<QuoteError['code'], number> = { QUOTE_REFUSED: 422, ON_PREMISE_ONLY: 422, QUOTE_NOT_FOUND: 404, NOT_PENDING: 409, NO_PRICE_LIST: 422, NO_ACTIVE_POLICY: 422, VALIDATION_FAILED: 400, OWN_QUOTE: 403, QUOTE_EXPIRED: 409 };
const REPORT_STATUS: Record<ReportError['code'], number> = { VALIDATION_FAILED: 400, CONTRACT_NOT_FOUND: 404, NOT_A_YEAR_END: 404, TIER_WITHOUT_REPORT: 404, RUN_NOT_FOUND: 404 };
const POLICY_STATUS: Record<PolicyError['code'], number> = { VERSION_NOT_FOUND: 404, EFFECTIVE_DATE_IN_PAST: 422 };

/** Domain errors become HTTP errors here, so handlers can simply let them through. */
export function toHttpError(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  if (err instanceof PolicyError) return new HttpError(POLICY_STATUS[err.code], err.code, err.messageZh, err.message);
  if (err instanceof PolicyStorageError) return new HttpError(503, 'STORAGE_FAILED', err.messageZh, err.message);
  if (err instanceof EntitlementError) return new HttpError(400, err.code, err.messageZh, err.message, err.details);
  if (err instanceof ContractError) return new HttpError(CONTRACT_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof UsageError) return new HttpError(USAGE_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof QuoteError) return new HttpError(QUOTE_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof RequestError) return new HttpError(REQUEST_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof ReportError) return new HttpError(REPORT_STATUS[err.code], err.code, err.messageZh, err.message, err.details);
  if (err instanceof SlotError) return new HttpError(400, err.code, err.messageZh, err.message, err.details);
  if (err instanceof AccountError) {
    const status = err.code === 'USER_NOT_FOUND' || err.code === 'TOKEN_NOT_FOUND' ? 404 : err.code === 'USER_EXISTS' ? 409 : 422;
    return new HttpError(status, err.code, err.messageZh, err.message, err.field ? { field: err.field } : null);
  }
  return null;
}

export const notFound = () => new HttpError(404, 'NOT_FOUND', '找不到该页面或资源', 'Not found');
export const unauthenticated = () => new HttpError(401, 'UNAUTHENTICATED', '请先登录', 'Sign in first');
export const forbidden = () => new HttpError(403, 'FORBIDDEN', '您的角色无权执行此操作', 'Your role may not do this');
export const csrfRejected = () =>
  new HttpError(403, 'CSRF_REJECTED', '表单已过期或来源不明,请刷新页面后重试', 'The form is stale or did not come from this site; reload the page and try again');
