// One error type for every refusal the HTTP layer makes, carrying Chinese and English. Domain refusals
// (DomainError) become one here, their status read from the one table in refusal-status.ts.
import { DomainError } from '../shared/domain-error.ts';
import { isDatabaseUnavailable } from '../db/database-errors.ts';
import { SENT_AS, refusalStatus, type RefusalCode } from './refusal-status.ts';

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

/** Seconds a client should wait before retrying while the database is unavailable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The answer while the database cannot be reached or used: the client may retry; nothing is half-stored. */
export function databaseUnavailable(): HttpError {
  const error = new HttpError(503, 'DATABASE_UNAVAILABLE', '数据库暂时不可用,请稍后重试', 'The database is temporarily unavailable; try again shortly');
  error.retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;
  return error;
}

/** Domain errors become HTTP errors here, so handlers can simply let them through. */
export function toHttpError(err: unknown): HttpError | null {
  if (err instanceof HttpError) return err;
  // Before the domain errors: a storage failure that wraps a lost connection is an outage, not a refusal.
  if (isDatabaseUnavailable(err)) return databaseUnavailable();
  if (err instanceof DomainError) {
    const status = refusalStatus(err.code);
    if (status === undefined) return null;
    const refusal = new HttpError(status, SENT_AS[err.code as RefusalCode] ?? err.code, err.messageZh, err.message, err.details);
    refusal.retryAfterSeconds = err.retryAfterSeconds;
    return refusal;
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
