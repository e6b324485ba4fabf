// Small readers of request values shared by API routes and pages.
import type { Request, Response } from 'express';
import { HttpError } from './http-error.ts';
import type { Principal } from './request-context.ts';

/** A path parameter that must be a positive integer written plainly (not 1.0, not 0x1). */
function positiveIntParam(req: Request, name: string, refuse: () => HttpError): number {
  const raw = String(req.params[name]);
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw refuse();
  return Number(raw);
}

export function versionParam(req: Request): number {
  return positiveIntParam(req, 'version', () => new HttpError(400, 'BAD_VERSION', '版本号应为正整数', 'A version is a positive integer', { field: 'version' }));
}

export function idParam(req: Request): number {
  return positiveIntParam(req, 'id', () => new HttpError(400, 'BAD_ID', 'id 应为正整数', 'id must be a positive integer', { field: 'id' }));
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new HttpError(401, 'UNAUTHENTICATED', '请先登录', 'Sign in first');
  return req.principal;
}

export function clientAddress(req: Request): string {
  return (req.ip ?? req.socket.remoteAddress ?? 'unknown').slice(0, 64);
}

/** Who is acting, as the audit log names them: the signed-in person (or a token's owner) and the client's address. */
export function actorOf(req: Request): { name: string; address: string } {
  return { name: principalOf(req).name, address: clientAddress(req) };
}

/** An uploaded name is shown and stored, never used as a path: keep it short and printable. */
export function safeFilename(name: string | undefined): string {
  const cleaned = [...(name ?? '')]
    .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? '_' : ch))
    .join('')
    .trim()
    .slice(-200);
  return cleaned || 'workbook.xlsx';
}

/** Downloads are attachments with a fixed type, so a browser never renders or runs them. */
export function sendAttachment(res: Response, bytes: Buffer | string, filename: string, type: string): void {
  res.set('Content-Type', type);
  res.set('X-Content-Type-Options', 'nosniff');
  res.attachment(filename);
  res.send(bytes);
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A contract number as typed in a path or the lookup form: a plain positive integer (not 1e2, not 0x10). */
export function contractIdOf(raw: unknown): number {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!/^[1-9]\d{0,8}$/.test(text)) throw new HttpError(400, 'VALIDATION_FAILED', '合同编号应为正整数', 'A contract number is a positive integer', [{ field: 'contractId', message: 'a positive integer' }]);
  return Number(text);
}
