// The navigation's count of quotes waiting for approval, beside 审批, for those who may approve (managers and
// admins): one count over quotes_status_created_at_index per page they open. Nobody else pays for it.
import type { RequestHandler } from 'express';
import { can } from '../../accounts/roles.ts';
import { safeErrorMessage } from '../../logger.ts';
import type { QuoteService } from '../../quote/quote-service.ts';

declare module 'express-serve-static-core' {
  interface Request {
    /** How many quotes wait for approval, for the navigation's badge; set for approvers only (approval-badge.ts). */
    approvalsWaiting?: number | null;
  }
}

export function approvalsBadge(quotes: Pick<QuoteService, 'waitingCount'>): RequestHandler {
  return (req, _res, next) => {
    const principal = req.principal;
    if (!principal || principal.mustChangePassword || !can(principal.role, 'quote.approve')) return next();
    quotes.waitingCount().then(
      (n) => {
        req.approvalsWaiting = n;
        next();
      },
      // The page does not depend on it: shown without the badge (a database fault shows on the page itself).
      (err: unknown) => {
        req.log.warn({ error: safeErrorMessage(err) }, 'approvals count unavailable: page shown without the badge');
        next();
      },
    );
  };
}
