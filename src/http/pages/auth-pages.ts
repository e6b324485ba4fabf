// Sign-in, sign-out, and changing one's own password (forced for the first admin's generated one).
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.ts';
import { AccountError, SESSION_TTL_MS } from '../../accounts/account-service.ts';
import { retryAfterSeconds } from '../../accounts/sign-in-throttle.ts';
import { PASSWORD_PAGE, anonymousCsrf, sessionCookieOptions } from '../auth-middleware.ts';
import { translate, type Lang } from '../i18n.ts';
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

const PasswordForm = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
  confirmPassword: z.string().min(1).max(200),
});

/** Only paths on this site: an open redirect would let a link sign someone in and send them elsewhere. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) ? next : '/';
}

const SHANGHAI_OFFSET_MS = 8 * 3600_000;

/** When to come back, in words: "2026-12-04 10:31:07" (Shanghai) and "about 8 seconds". */
function retryWords(retryAt: Date, now: Date, lang: Lang): { at: string; wait: string; seconds: number } {
  const seconds = retryAfterSeconds(retryAt, now);
  const wait = seconds < 120 ? translate('waitSeconds', lang, { n: seconds }) : translate('waitMinutes', lang, { n: Math.ceil(seconds / 60) });
  const at = new Date(Math.max(retryAt.getTime(), now.getTime()) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
  return { at, wait, seconds };
}

/** A refused attempt says when to try again, to people (the page) and to clients (Retry-After). */
function throttled(req: Request, res: Response, retryAt: Date): { at: string; wait: string } {
  const words = retryWords(retryAt, new Date(), req.lang ?? 'zh');
  res.set('Retry-After', String(words.seconds));
  return words;
}

export function authPages(deps: { accounts: AccountService; views: Views; sso?: { label: string | null } | null }): RouteSpec[] {
  const { accounts, views } = deps;
  // The single sign-on button above the password form, when a provider is configured (oidc-pages.ts).
  const ssoFor = (next: string) => (deps.sso ? { ...deps.sso, href: `/sign-in/oidc?next=${encodeURIComponent(next)}` } : null);
  const passwordPage = (req: Request, res: Response, data: Record<string, unknown>, status = 200) =>
    renderPage(views, req, res, 'account-password', 'changePassword', { mustChange: req.principal?.mustChangePassword ?? false, ...data }, status);

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
        renderPage(views, req, res, 'sign-in', 'signIn', { sso: ssoFor(safeNext(req.query.next)), next: safeNext(req.query.next) }, 200, csrf);
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
        if (!form.success) return renderPage(views, req, res, 'sign-in', 'signIn', { sso: ssoFor('/'), error: 'badCredentials' }, 400, csrf);
        const result = await accounts.signIn(form.data.username, form.data.password, clientAddress(req));
        if (!result.ok) {
          const again = { username: form.data.username, next: safeNext(form.data.next) };
          if (result.reason === 'rate_limited') return renderPage(views, req, res, 'sign-in', 'signIn', { sso: ssoFor(again.next), ...again, retry: throttled(req, res, result.retryAt) }, 429, csrf);
          return renderPage(views, req, res, 'sign-in', 'signIn', { sso: ssoFor(again.next), ...again, error: 'badCredentials' }, 401, csrf);
        }
        res.cookie(SESSION_COOKIE, result.sessionToken, sessionCookieOptions(req.secure, SESSION_TTL_MS));
        res.redirect(303, result.user.mustChangePassword ? PASSWORD_PAGE : safeNext(form.data.next));
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
    route({
      method: 'get',
      path: PASSWORD_PAGE,
      permission: 'policy.read',
      kind: 'page',
      summary: 'Change one’s own password (the only page open until a generated first password is changed)',
      handler: (req, res) => passwordPage(req, res, { changed: req.query.changed === '1' }),
    }),
    route({
      method: 'post',
      path: PASSWORD_PAGE,
      permission: 'policy.read',
      kind: 'page',
      summary: 'Change one’s own password: the current one, the new one twice',
      handler: async (req, res) => {
        const lang = req.lang ?? 'zh';
        const refuse = (err: AccountError, status: number) => passwordPage(req, res, { error: lang === 'zh' ? err.messageZh : err.message, field: err.field }, status);
        const form = PasswordForm.safeParse(req.body);
        if (!form.success) {
          const field = String(form.error.issues[0]?.path[0] ?? 'currentPassword');
          return refuse(new AccountError('WEAK_PASSWORD', '请填写当前密码和两次新密码', 'Fill in the current password and the new one twice', field), 400);
        }
        const sessionToken = req.principal?.sessionToken;
        if (!sessionToken) return refuse(new AccountError('USER_NOT_FOUND', '请在浏览器中登录后修改自己的密码', 'Sign in with a browser to change your own password', 'currentPassword'), 400);
        if (form.data.newPassword !== form.data.confirmPassword) {
          return refuse(new AccountError('PASSWORDS_DIFFER', '两次输入的新密码不一致', 'The two new passwords differ', 'confirmPassword'), 422);
        }
        try {
          await accounts.changeOwnPassword({ username: req.principal!.name, current: form.data.currentPassword, next: form.data.newPassword, sessionToken, address: clientAddress(req) });
        } catch (err) {
          if (!(err instanceof AccountError)) throw err;
          if (err.code === 'SIGN_IN_THROTTLED') {
            const words = throttled(req, res, err.retryAt!);
            return passwordPage(req, res, { error: translate('rateLimited', lang, words), field: err.field }, 429);
          }
          return refuse(err, 422);
        }
        res.redirect(303, `${PASSWORD_PAGE}?changed=1`);
      },
    }),
  ];
}
