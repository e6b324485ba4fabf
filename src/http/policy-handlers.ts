// Handlers and readers shared by the policy API and the policy pages.
import type { RequestHandler } from 'express';
import { InvalidInstantError, parseInstant } from '../policy/effective-date.ts';
import type { PolicyService } from '../policy/policy-service.ts';
import { HttpError } from './http-error.ts';
import { XLSX_TYPE, sendAttachment, versionParam } from './request-helpers.ts';

/** An optional effective date as typed: empty means now; anything unreadable is the caller's 400. */
export function parseEffectiveFrom(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  try {
    return parseInstant(value);
  } catch (err) {
    if (!(err instanceof InvalidInstantError)) throw err;
    throw new HttpError(400, 'VALIDATION_FAILED', '生效时间应为 YYYY-MM-DD 或带时区的时间', 'effectiveFrom must be YYYY-MM-DD or an ISO-8601 instant with offset', [
      { field: 'effectiveFrom', message: 'invalid date' },
    ]);
  }
}

export function downloadWorkbook(policies: PolicyService): RequestHandler {
  return async (req, res) => {
    const version = versionParam(req);
    const record = await policies.getVersion(version);
    sendAttachment(res, await policies.getWorkbook(version), record.filename, XLSX_TYPE);
  };
}
