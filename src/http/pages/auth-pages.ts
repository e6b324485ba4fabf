// Sign-in and sign-out pages.
import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.ts';
import { SESSION_TTL_MS } from '../../accounts/account-service.ts';
import { anonymousCsrf, sessionCookieOptions } from '../auth-middleware.ts';
import { SESSION_COOKIE } from '../request-context.ts';
import { clientAddress } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { renderPage } from './page-context.ts';

const SignInForm = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(200),
  next: z.string().max(500).optional(),
  _csrf: z.string().optional(),
});

/** Only paths on this site: an open redirect would let a link sign someone in and send them elsewhere. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/policies';
}

export function authPages(deps: { accounts: AccountService; views: Views }): RouteSpec[] {
  const { accounts, views } = deps;
  return [
    route({
      method: 'get',
      path: '/sign-in',
      permission: null,
      kind: 'page',
      summary: 'Sign-in page',
      handler: (req, res) => {
        if (req.principal?.kind === 'user') return res.redirect(303, safeNext(req.query.next));
        const csrf = anonymousCsrf(req, res, req.secure);
        renderPage(views, req, res, 'sign-in', 'signIn', { next: safeNext(req.query.next) }, 200, csrf);
      },
    }),
    route({
      method: 'post',
      path: '/sign-in',
      permission: null,
      kind: 'page',
      summary: 'Sign in with username and password',
      handler: async (req, res) => {
        const form = SignInForm.safeParse(req.body);
        const csrf = anonymousCsrf(req, res, req.secure);
        if (!form.success) return renderPage(views, req, res, 'sign-in', 'signIn', { error: 'badCredentials' }, 400, csrf);
        const result = await accounts.signIn(form.data.username, form.data.password, clientAddress(req));
        if (!result.ok) {
          const status = result.reason === 'rate_limited' ? 429 : 401;
          const error = result.reason === 'rate_limited' ? 'rateLimited' : 'badCredentials';
          return renderPage(views, req, res, 'sign-in', 'signIn', { error, username: form.data.username, next: safeNext(form.data.next) }, status, csrf);
        }
        res.cookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(req.secure, SESSION_TTL_MS));
        res.redirect(303, safeNext(form.data.next));
      },
    }),
    route({
      method: 'post',
      path: '/sign-out',
      permission: 'policy.read',
      kind: 'page',
      summary: 'Sign out',
      handler: async (req, res) => {
        if (req.principal?.sessionToken) await accounts.signOut(req.principal.sessionToken, { name: req.principal.name, address: clientAddress(req) });
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.redirect(303, '/sign-in');
      },
    }),
  ];
}
