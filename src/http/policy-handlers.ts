// Handlers and readers shared by the policy API and the policy pages.
import type { Request, RequestHandler, Response } from 'express';
import type { ImportIssue } from '../workbook/import-issue.ts';
import { ParseRefusedError } from '../workbook/parse-pool.ts';
import { InvalidInstantError, parseInstant } from '../calendar/instants.ts';
import type { ImportOutcome, PolicyService } from '../policy/policy-service.ts';
import { z } from 'zod';
import { HttpError, toHttpError } from './http-error.ts';
import { XLSX_TYPE, clientAddress, principalOf, safeFilename, sendAttachment, versionParam } from './request-helpers.ts';

/** An optional effective date as typed: empty means now; anything unreadable is the caller's 400. */
export function parseEffectiveFrom(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  try {
    return parseInstant(value);
  } catch (err) {
    if (!(err instanceof InvalidInstantError)) throw err;
    throw new HttpError(400, 'VALIDATION_FAILED', '生效时间应为 YYYY-MM-DD 或带时区的时间', 'effectiveFrom must be YYYY-MM-DD or an ISO-8601 instant with offset', [
      { field: 'effectiveFrom', message: 'must be a date such as 2027-01-01, or an ISO-8601 instant with offset', messageZh: '应为 2027-01-01 这样的日期,或带时区的时间' },
    ]);
  }
}

export interface UploadLimits {
  maxFileBytes: number;
  maxUncompressedBytes: number;
}

/** The uploaded workbook imported as a draft; the API and the page differ only in how they answer. */
export async function importUpload(req: Request, policies: PolicyService, limits: UploadLimits): Promise<Exclude<ImportOutcome, { status: 'dry_run' }>> {
  const outcome = await policies.importWorkbook({
    bytes: req.file!.buffer,
    filename: safeFilename(req.file!.originalname),
    actor: principalOf(req).name,
    address: clientAddress(req),
    limits,
  });
  if (outcome.status === 'dry_run') throw new Error('an upload is never a dry run');
  return outcome;
}

/**
 * A file the parse pool refused (too much memory or time, busy), as the upload pages show it: beside the form,
 * as the one problem of the file, with the API's status and Retry-After. Anything else is not handled here.
 */
export function parseRefusal(err: unknown, res: Response): { issues: ImportIssue[]; status: number } | null {
  if (!(err instanceof ParseRefusedError)) return null;
  const answer = toHttpError(err)!;
  if (answer.retryAfterSeconds !== null) res.set('Retry-After', String(answer.retryAfterSeconds));
  return { issues: [err.asIssue()], status: answer.status };
}

export function downloadWorkbook(policies: PolicyService): RequestHandler {
  return async (req, res) => {
    const version = versionParam(req);
    const record = await policies.getVersion(version);
    sendAttachment(res, await policies.getWorkbook(version), record.filename, XLSX_TYPE);
  };
}

/** ?lang= of an export: zh (the default) or en; anything else is refused rather than quietly given in Chinese. */
export const ExportQuery = z.object({
  lang: z.enum(['zh', 'en']).default('zh').describe('`zh` (the default): headers and the words the export writes in Chinese; `en`: in English'),
});

/** A version written back as a workbook in either language (what `entitle export --lang` writes); re-importing it gives the same rules. */
export function downloadExport(policies: PolicyService): RequestHandler {
  return async (req, res) => {
    const version = versionParam(req);
    const { lang } = req.query as z.infer<typeof ExportQuery>;
    sendAttachment(res, await policies.exportWorkbook(version, lang), `policy-v${version}-${lang}.xlsx`, XLSX_TYPE);
  };
}
