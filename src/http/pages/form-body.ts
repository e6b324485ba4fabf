// A page's form and its API twin are refused by the same rule: the form's text fields are turned into the API
// body's shape (numbers where the API takes numbers, blank fields left out), then validated with the API
// route's own zod schema. A refusal is therefore the API's, with its code and its details, field by field.
import type { z } from 'zod';
import type { HttpError } from '../http-error.ts';
import { validationFailed } from '../mount-routes.ts';
import type { Lang } from '../i18n.ts';
import { pageProblems, type FieldNames } from './form-problems.ts';

/** A plain decimal as typed: digits with an optional fraction, sign and exponent (not 0x10, not 1_000). */
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Blank is absent, as a JSON body would leave the field out; anything else is sent as typed. */
export function textField(text: string | undefined): string | undefined {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' ? undefined : trimmed;
}

/**
 * A number field: blank is absent; a decimal (or Infinity, which the schema refuses as not finite) becomes a
 * number; other text stays text, so that the schema refuses it as "not a number" rather than it being guessed.
 */
export function numberField(text: string | undefined): number | string | undefined {
  const trimmed = textField(text);
  if (trimmed === undefined) return undefined;
  if (DECIMAL.test(trimmed) || /^[+-]?Infinity$/.test(trimmed)) return Number(trimmed);
  return trimmed;
}

/** A whole-number field (an id in a select): as numberField. */
export const integerField = numberField;

/** The converted form validated with the API's schema: the API's value, or the API's 400 VALIDATION_FAILED. */
export function asApiBody<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationFailed(result.error, 'body', value);
  return result.data;
}

/** A refusal in one line for a page without a field list: in the page's language only, as pageProblems tells it. */
export function refusalText(refusal: HttpError, lang: Lang, names?: FieldNames): string {
  return pageProblems(refusal, lang, names).problems.map((p) => p.message).join(lang === 'zh' ? ';' : '; ');
}
