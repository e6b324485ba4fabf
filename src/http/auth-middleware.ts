// Who is asking (a bearer token or a session cookie), whether they may, and whether a form really came from us.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler, Response } from 'express';
import type { AccountService } from '../accounts/account-service.ts';
import { PERSONAL_PERMISSIONS, can, type Permission } from '../accounts/roles.ts';
import { runVia } from '../audit/audit-context.ts';
import { HttpError, csrfRejected, forbidden, passwordChangeRequired, tokenWithoutOwner, unauthenticated } from './http-error.ts';
import { ANON_CSRF_COOKIE, SESSION_COOKIE } from './request-context.ts';

/** Where a person who must change their first password may still go. */
export const PASSWORD_PAGE = '/account/password';
const OPEN_DURING_PASSWORD_CHANGE = new Set([PASSWORD_PAGE, '/sign-out']);

export function authenticate(accounts: AccountService): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const token = match ? await accounts.verifyToken(match[1]!) : null;
      if (!token) return next(new HttpError(401, 'INVALID_TOKEN', 'API 令牌无效或已撤销', 'The API token is invalid or revoked'));
      // A token acts as its owner; one without an owner is named after itself.
      req.principal = {
        kind: 'token',
        name: token.owner ?? `token:${token.id}`,
        role: token.role,
        tokenId: token.id,
        ownerless: token.owner === null,
        mustChangePassword: false,
        csrfToken: null,
        sessionToken: null,
      };
      return next();
    }
    const sessionToken: unknown = req.signedCookies?.[SESSION_COOKIE];
    if (typeof sessionToken === 'string' && sessionToken) {
      const session = await accounts.session(sessionToken);
      if (session) {
        req.principal = {
          kind: 'user',
          name: session.user.username,
          role: session.user.role,
          tokenId: null,
          ownerless: false,
          mustChangePassword: session.user.mustChangePassword,
          csrfToken: session.csrfToken,
          sessionToken,
        };
      }
    }
    next();
  };
}

/**
 * Pages send a stranger to the sign-in page; the API answers 401. A person who must still change their
 * first password is sent to do that (pages) or refused (API) everywhere else.
 */
export function authorize(permission: Permission | null, kind: 'api' | 'page'): RequestHandler {
  return (req, res, next) => {
    if (permission === null) return next();
    const principal = req.principal;
    if (!principal) {
      if (kind === 'page' && req.method === 'GET') return res.redirect(303, `/sign-in?next=${encodeURIComponent(req.originalUrl)}`);
      return next(unauthenticated());
    }
    if (principal.mustChangePassword && !OPEN_DURING_PASSWORD_CHANGE.has(req.path)) {
      return kind === 'page' ? res.redirect(303, PASSWORD_PAGE) : next(passwordChangeRequired());
    }
    if (!can(principal.role, permission)) return next(forbidden());
    if (principal.ownerless && PERSONAL_PERMISSIONS.includes(permission)) return next(tokenWithoutOwner());
    next();
  };
}

/**
 * Runs a route's handler so that what it audits says through which token the person acted. Wrapping the
 * handler itself (not an earlier middleware) matters: the multipart parser's callbacks would lose the context.
 */
export function attributed(handler: RequestHandler): RequestHandler {
  return (req, res, next) => {
    const tokenId = req.principal?.tokenId;
    return tokenId ? runVia(`token:${tokenId}`, () => handler(req, res, next)) : handler(req, res, next);
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
