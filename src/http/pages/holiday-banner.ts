// The holiday-data banner: while this year, or next year from the lead date on, has no holiday data, admins and
// managers see it on every page, and everyone sees it on the policy pages. It links to the holiday page.
import type { RequestHandler } from 'express';
import { readinessMessage } from '../../holidays/holiday-readiness.ts';
import type { HolidayService } from '../../holidays/holiday-service.ts';
import { safeErrorMessage } from '../../logger.ts';

export interface HolidayBanner {
  years: number[];
  zh: string;
  en: string;
  href: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    /** Set for pages that show the holiday-data banner (see holiday-banner.ts). */
    holidayBanner?: HolidayBanner | null;
  }
}

const EVERY_PAGE_ROLES: ReadonlySet<string> = new Set(['admin', 'manager']);

export function holidayBanner(holidays: Pick<HolidayService, 'readiness'>): RequestHandler {
  return (req, _res, next) => {
    const principal = req.principal;
    const policyPage = req.path === '/policies' || req.path.startsWith('/policies/');
    if (!principal || principal.mustChangePassword || !(EVERY_PAGE_ROLES.has(principal.role) || policyPage)) return next();
    holidays.readiness().then(
      (readiness) => {
        const message = readinessMessage(readiness);
        req.holidayBanner = message ? { years: readiness.missing, ...message, href: `/policies/holidays?year=${readiness.missing[0]}` } : null;
        next();
      },
      // The page itself does not depend on it: shown without the banner, and the cause logged (codes only).
      (err: unknown) => {
        req.log.warn({ error: safeErrorMessage(err) }, 'holiday readiness unavailable: page shown without the banner');
        next();
      },
    );
  };
}
