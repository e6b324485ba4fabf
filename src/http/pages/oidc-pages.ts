// Single sign-on's two public routes: the start (off to the provider) and the callback (back with a code). The
// state, nonce and PKCE verifier travel in a signed, short-lived, HttpOnly cookie scoped to these routes: nothing is
// kept server-side, and a callback without the cookie of the browser that started it is refused.
import type { Request, Response } from 'express';
import type { OidcRefusal, OidcSignIn, PendingSignIn } from '../../accounts/oidc-sign-in.ts';
import { SESSION_TTL_MS } from '../../accounts/account-service.ts';
import { PASSWORD_PAGE, anonymousCsrf, sessionCookieOptions } from '../auth-middleware.ts';
import type { MessageKey } from '../i18n.ts';
import { SESSION_COOKIE } from '../request-context.ts';
import { clientAddress } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { renderPage } from './page-context.ts';
import { safeNext } from './auth-pages.ts';

export const OIDC_START = '/sign-in/oidc';
export const OIDC_CALLBACK = '/sign-in/oidc/callback';
const PENDING_COOKIE = 'entitle_oidc';
const PENDING_TTL_MS = 10 * 60_000;

const REFUSAL_WORDS: Record<OidcRefusal, MessageKey> = {
  unavailable: 'ssoUnavailable',
  expired: 'ssoExpired',
  denied: 'ssoDenied',
  bad_token: 'ssoBadToken',
  no_role: 'ssoNoRole',
  disabled: 'ssoDisabled',
  name_taken: 'ssoNameTaken',
  last_admin: 'ssoLastAdmin',
};
const REFUSAL_STATUS: Record<OidcRefusal, number> = { unavailable: 502, expired: 400, denied: 401, bad_token: 401, no_role: 403, disabled: 403, name_taken: 409, last_admin: 409 };

/** What the sign-in page needs to show the SSO button (auth-pages.ts adds its link, with the page's `next`); null without a provider. */
export function ssoButton(oidc: OidcSignIn | null | undefined): { label: string | null } | null {
  return oidc ? { label: oidc.label } : null;
}

function pendingOf(req: Request): PendingSignIn | null {
  const raw: unknown = req.signedCookies?.[PENDING_COOKIE];
  if (typeof raw !== 'string') return null;
  try {
    const value = JSON.parse(raw) as Partial<PendingSignIn>;
    return typeof value.state === 'string' && typeof value.nonce === 'string' && typeof value.verifier === 'string' && typeof value.redirectUri === 'string'
      ? { state: value.state, nonce: value.nonce, verifier: value.verifier, redirectUri: value.redirectUri, next: safeNext(value.next) }
      : null;
  } catch {
    return null;
  }
}

export function oidcPages(deps: { oidc: OidcSignIn | null; views: Views }): RouteSpec[] {
  const { oidc, views } = deps;
  if (!oidc) return [];
  const sso = { ...ssoButton(oidc), href: OIDC_START };
  const refuse = (req: Request, res: Response, reason: OidcRefusal, cause?: unknown) => {
    // The person reads words; the cause (a network error, the failed check) goes to the log only.
    // Through the request's logger, so the line carries the request id the person's browser was answered under.
    req.log.warn({ reason, err: cause, next: 'the sign-in page says why; the person may sign in again (or with a password)' }, 'single sign-on refused');
    res.clearCookie(PENDING_COOKIE, { path: OIDC_START });
    renderPage(views, req, res, 'sign-in', 'signIn', { sso, error: REFUSAL_WORDS[reason], next: '/' }, REFUSAL_STATUS[reason], anonymousCsrf(req, res, req.secure));
  };
  /** OIDC_REDIRECT_URL (or PUBLIC_BASE_URL's) when set; else this request's own address, which the provider must have registered. */
  const redirectUri = (req: Request) => oidc.redirectUrl ?? `${req.protocol}://${req.get('host')}${OIDC_CALLBACK}`;

  return [
    route({
      method: 'get',
      path: OIDC_START,
      permission: null,
      kind: 'page',
      summary: 'Single sign-on: off to the OIDC provider (authorization code with PKCE)',
      handler: async (req, res) => {
        const started = await oidc.start(redirectUri(req), safeNext(req.query.next));
        if (!started.ok) return refuse(req, res, started.reason, started.cause);
        res.cookie(PENDING_COOKIE, JSON.stringify(started.pending), { httpOnly: true, sameSite: 'lax', secure: req.secure, signed: true, path: OIDC_START, maxAge: PENDING_TTL_MS });
        res.redirect(303, started.url);
      },
    }),
    route({
      method: 'get',
      path: OIDC_CALLBACK,
      permission: null,
      kind: 'page',
      summary: 'Single sign-on: back from the OIDC provider; the ID token checked, the user made or updated, the session started',
      handler: async (req, res) => {
        const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
        const result = await oidc.finish(query, pendingOf(req), clientAddress(req));
        if (!result.ok) return refuse(req, res, result.reason, result.cause);
        res.clearCookie(PENDING_COOKIE, { path: OIDC_START });
        res.cookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(req.secure, SESSION_TTL_MS));
        res.redirect(303, result.user.mustChangePassword ? PASSWORD_PAGE : result.next);
      },
    }),
  ];
}
