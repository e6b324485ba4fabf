// Builds what every page template gets: language, who is signed in, their CSRF token and permissions.
import type { Request, RequestHandler, Response } from 'express';
import { PERMISSIONS, can, type Permission } from '../../accounts/roles.ts';
import { toHttpError, type HttpError } from '../http-error.ts';
import { translate, type Lang, type MessageKey } from '../i18n.ts';
import { LANG_COOKIE } from '../request-context.ts';
import type { ViewContext, Views } from '../views.ts';

export const chooseLanguage: RequestHandler = (req, res, next) => {
  const asked = req.query.lang;
  if (asked === 'en' || asked === 'zh') {
    res.cookie(LANG_COOKIE, asked, { httpOnly: true, sameSite: 'lax', path: '/', maxAge: 365 * 86400_000 });
    req.lang = asked;
  } else {
    req.lang = req.cookies?.[LANG_COOKIE] === 'en' ? 'en' : 'zh';
  }
  next();
};

/** The navigation's sections, the more specific first: a page below one (/requests/5) marks its link too. */
const NAV_SECTIONS = ['/policies', '/contracts', '/customers', '/requests', '/quotes', '/approvals', '/reports/reviews', '/reports', '/outbox', '/audit', '/admin'];

export function navSection(path: string): string | null {
  return NAV_SECTIONS.find((s) => path === s || path.startsWith(`${s}/`)) ?? null;
}

export function pageContext(req: Request, titleKey: MessageKey, data: Record<string, unknown> = {}, csrfToken?: string): ViewContext {
  const lang: Lang = req.lang ?? 'zh';
  const principal = req.principal ?? null;
  const permissions = Object.fromEntries(
    (Object.keys(PERMISSIONS) as Permission[]).map((p) => [p.replace('.', '_'), principal ? can(principal.role, p) : false]),
  );
  return {
    lang,
    otherLang: lang === 'zh' ? 'en' : 'zh',
    title: translate(titleKey, lang),
    principal: principal ? { name: principal.name, role: principal.role } : null,
    // Until the first password is changed every other page leads back to that one: no menu to offer.
    navigation: principal !== null && !principal.mustChangePassword,
    csrfToken: csrfToken ?? principal?.csrfToken ?? null,
    can: permissions,
    path: req.path,
    section: navSection(req.path),
    // Set by holiday-banner.ts for admins and managers (every page) and on the policy pages.
    holidayBanner: req.holidayBanner ?? null,
    // Set by approval-badge.ts for those who may approve: the count beside 审批 in the navigation.
    approvalsWaiting: req.approvalsWaiting ?? null,
    ...data,
  };
}

export function renderPage(views: Views, req: Request, res: Response, page: string, titleKey: MessageKey, data: Record<string, unknown> = {}, status = 200, csrfToken?: string): void {
  res.status(status).type('html').send(views.render(page, pageContext(req, titleKey, data, csrfToken)));
}

/**
 * A refusal a person can fix, to show beside the form they filled in; anything else (a server fault, a
 * missing sign-in or permission) is rethrown for the error page.
 */
export function formRefusal(err: unknown): HttpError {
  const refusal = toHttpError(err);
  if (!refusal || refusal.status >= 500 || refusal.status === 401 || refusal.status === 403) throw err;
  return refusal;
}
