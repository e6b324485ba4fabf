// The administrators' forms show a refusal beside the control it concerns: the account use cases name one field
// (AccountError's `{ field }`), which this turns into the shape pageProblems reads; the page then puts it beside
// the control and in the summary at the top, in the page's language only.
import type { Request } from 'express';
import { ROLES, ROLE_NAMES } from '../../accounts/roles.ts';
import { HttpError } from '../http-error.ts';
import type { Lang } from '../i18n.ts';
import { pageProblems, type FieldNames, type PageProblems } from './form-problems.ts';
import { formRefusal } from './page-context.ts';

export const ADMIN_FIELDS: FieldNames = {
  username: { zh: '用户名', en: 'Username' },
  role: { zh: '角色', en: 'Role' },
  user: { zh: '归属用户', en: 'Owner' },
  name: { zh: '用途说明', en: 'Label' },
};

/** A refusal a person can fix, with its one field as pageProblems expects; anything else is rethrown. */
export function adminProblems(err: unknown, lang: Lang): { status: number; problems: PageProblems } {
  const refusal = formRefusal(err);
  const details = refusal.details as { field?: unknown } | unknown[] | null;
  const field = details && !Array.isArray(details) && typeof details.field === 'string' ? details.field : null;
  const placed = field ? new HttpError(refusal.status, refusal.code, refusal.messageZh, refusal.message, [{ field, message: refusal.message, messageZh: refusal.messageZh }]) : refusal;
  return { status: refusal.status, problems: pageProblems(placed, lang, ADMIN_FIELDS) };
}

/** The roles as a select's options, by name, with one selected. */
export function roleOptions(selected: string | null, lang: Lang): Array<{ value: string; name: string; selected: boolean }> {
  return ROLES.map((value) => ({ value, name: ROLE_NAMES[value][lang], selected: value === selected }));
}

/** A form field as sent: one trimmed string, '' when missing. */
export function formText(req: Request, name: string): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const value = body[name];
  return typeof value === 'string' ? value.trim().slice(0, 200) : '';
}

/** One-time secrets are answered once: no cache, no referrer carrying the page onward. */
export function noStore(res: { set(name: string, value: string): unknown }): void {
  res.set('Cache-Control', 'no-store');
  res.set('Referrer-Policy', 'no-referrer');
}
