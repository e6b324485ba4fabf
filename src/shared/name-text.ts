// The one rule for a name people type (a customer, a contact): printable text of bounded length. Control
// characters are refused, CR, LF and NUL above all: a contact's name becomes a display name in e-mail
// headers, and a line break there is header injection; names also go into logs, files and spreadsheets.
// Bidirectional overrides are refused too: they make a name read differently from what it stores.

// C0 and C1 controls and DEL; U+2028/U+2029 (line and paragraph separators); bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The columns' widths, customers.name and customer_contacts.name: the longest names kept (the e-mail rule knows its own). */
export const CUSTOMER_NAME_MAX = 200;
export const CONTACT_NAME_MAX = 100;

export type NameProblem = 'empty' | 'too_long' | 'control_character';

/** What is wrong with a name (already trimmed by the caller), or null. */
export function nameProblem(name: string, max: number): NameProblem | null {
  if (name === '') return 'empty';
  if ([...name].length > max) return 'too_long';
  // A lone surrogate is not text: MySQL refuses it, and it prints as garbage everywhere else.
  if (FORBIDDEN.test(name) || LONE_SURROGATE.test(name)) return 'control_character';
  return null;
}

/** The message for a problem, in English (the API's details) and Chinese. */
export function nameProblemText(problem: NameProblem, max: number): { zh: string; en: string } {
  switch (problem) {
    case 'empty':
      return { zh: '不能为空', en: 'must not be empty' };
    case 'too_long':
      return { zh: `不能超过 ${max} 个字符`, en: `must be at most ${max} characters` };
    case 'control_character':
      return { zh: '含有换行、制表符或其他控制字符', en: 'must not contain line breaks, tabs or other control characters' };
  }
}

/** A stored value as it can be shown on a terminal or page: quoted, with every control character escaped. */
export function shownSafely(value: string): string {
  return JSON.stringify(value).replace(/[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
