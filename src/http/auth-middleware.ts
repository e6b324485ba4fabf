// Who is asking (a bearer token or a session cookie), whether they may, and whether a form really came from us.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { AccountService } from '../accounts/account-service.ts';
import { can, type Permission } from '../accounts/roles.ts';
import { HttpError, csrfRejected, forbidden, unauthenticated } from './http-error.ts';
import { ANON_CSRF_COOKIE, SESSION_COOKIE } from './request-context.ts';

export function authenticate(accounts: AccountService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const token = match ? await accounts.verifyToken(match[1]!) : null;
      if (!token) return next(new HttpError(401, 'INVALID_TOKEN', 'API 令牌无效或已撤销', 'The API token is invalid or revoked'));
      req.principal = { kind: 'token', name: `token:${token.id}`, role: token.role, csrfToken: null, sessionToken: null };
      return next();
    }
    const sessionToken: unknown = req.signedCookies?.[SESSION_COOKIE];
    if (typeof sessionToken === 'string' && sessionToken) {
      const session = await accounts.session(sessionToken);
      if (session) {
        req.principal = { kind: 'user', name: session.user.username, role: session.user.role, csrfToken: session.csrfToken, sessionToken };
      }
    }
    next();
  };
}

/** Pages send a stranger to the sign-in page; the API answers 401. */
export function authorize(permission: Permission | null, kind: 'api' | 'page'): RequestHandler {
  return (req, res, next) => {
    if (permission === null) return next();
    if (!req.principal) {
      if (kind === 'page' && req.method === 'GET') return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return next(unauthenticated());
    }
    if (!can(req.principal.role, permission)) return next(forbidden());
    next();
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function submittedCsrf(req: Request): string | null {
  const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
  const value = fromBody ?? req.query._csrf ?? req.get('x-csrf-token');
  return typeof value === 'string' ? value : null;
}

/**
 * A signed-in browser must send back its session's token with every change. Bearer tokens are not
 * sent by browsers on their own, so API clients using them need none.
 */
export const requireCsrf: RequestHandler = (req, _res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.principal?.kind === 'token') return next();
  const expected = req.principal?.csrfToken ?? anonymousCsrfCookie(req);
  const submitted = submittedCsrf(req);
  if (!expected || !submitted || !same(expected, submitted)) return next(csrfRejected());
  next();
};

function anonymousCsrfCookie(req: Request): string | null {
  const value: unknown = req.signedCookies?.[ANON_CSRF_COOKIE];
  return typeof value === 'string' && value ? value : null;
}

/** For forms shown before sign-in: a double-submit token in a signed cookie. */
export function anonymousCsrf(req: Request, res: Response, secure: boolean): string {
  const existing = anonymousCsrfCookie(req);
  if (existing) return existing;
  const token = randomBytes(24).toString('base64url');
  res.cookie(ANON_CSRF_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, signed: true, path: '/' });
  return token;
}

export function sessionCookieOptions(secure: boolean, maxAgeMs: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure, signed: true, path: '/', maxAge: maxAgeMs };
}

export { SESSION_COOKIE };
