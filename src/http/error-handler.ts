// Turns every failure into the API's one error shape or a friendly page. Never a stack trace.
import type { ErrorRequestHandler } from 'express';
import { HttpError, toHttpError } from './http-error.ts';
import { pageContext } from './pages/page-context.ts';
import type { Views } from './views.ts';
import type { Logger } from '../logger.ts';

const CLIENT_ERRORS: Record<number, [string, string, string]> = {
  400: ['BAD_REQUEST', '请求格式不正确', 'The request is malformed'],
  413: ['BODY_TOO_LARGE', '请求内容过大', 'The request body is too large'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容类型或编码', 'Unsupported content type or encoding'],
};

/** Errors from body parsers, URL decoding and multipart parsing carry a 4xx status meant for the client. */
function clientError(err: unknown): HttpError | null {
  const e = err as { status?: number; statusCode?: number; type?: string; expose?: boolean };
  if (e.type === 'entity.parse.failed') return new HttpError(400, 'INVALID_JSON', '请求内容不是有效的 JSON', 'The request body is not valid JSON');
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const [code, zh, en] = CLIENT_ERRORS[status] ?? CLIENT_ERRORS[400]!;
    return new HttpError(status in CLIENT_ERRORS ? status : 400, code, zh, en);
  }
  return null;
}

/** The references a refusal gives people (a parse refusal's own, or those of a rejected upload's issues). */
function referencesOf(details: unknown): string[] {
  const d = details as { reference?: unknown; issues?: unknown } | null;
  const issues = Array.isArray(d?.issues) ? (d.issues as { reference?: unknown }[]) : [];
  return [d?.reference, ...issues.map((issue) => issue?.reference)].filter((r): r is string => typeof r === 'string');
}

/**
 * What the client is told about a failure; anything unforeseen is logged here and told only "500". A
 * database outage is logged too, in one line of codes (the logger keeps SQL and bound values out). Each line says
 * what happens next (`next`), and carries the request id through the request's logger.
 */
export function answerFor(err: unknown, log: Logger): HttpError {
  const known = toHttpError(err) ?? clientError(err);
  if (known?.code === 'DATABASE_UNAVAILABLE') {
    log.error({ err, status: 503, next: `answered 503 with Retry-After: ${known.retryAfterSeconds} s; nothing half-done was stored, so the client's retry is safe` }, 'database unavailable');
  }
  // A refused upload's reference ties this request (its id) to the parse pool's line that says why, logged without one.
  const references = known ? referencesOf(known.details) : [];
  if (known && references.length > 0) {
    log.warn({ code: known.code, references, status: known.status, next: `answered ${known.status} ${known.code}; the person was given the reference, and the parse pool's line with it says why` }, 'upload refused');
  }
  if (known) return known;
  log.error({ err, status: 500, next: 'answered 500 INTERNAL; the server does not retry it: the client may try again' }, 'request failed');
  return new HttpError(500, 'INTERNAL', '服务器内部错误,请稍后重试', 'Internal server error; try again later');
}

export function errorHandler(views: Views): ErrorRequestHandler {
  // Express 5 forwards rejected promises here.
  return (err, req, res, _next) => {
    const httpError = answerFor(err, req.log);
    if (httpError.retryAfterSeconds !== null) res.set('Retry-After', String(httpError.retryAfterSeconds));
    if (req.path.startsWith('/api/') || req.get('authorization') || !req.accepts('html')) {
      res.status(httpError.status).json(httpError.toJSON());
      return;
    }
    const context = pageContext(req, 'errorTitle', { error: { code: httpError.code, zh: httpError.messageZh, en: httpError.message, status: httpError.status } });
    res.status(httpError.status).type('html').send(views.render('error', context));
  };
}
