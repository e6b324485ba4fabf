// The one way words are put into pages, e-mails and documents. Each module keeps its own table of words (the
// pages' in src/http/words, the reports' in src/report/report-i18n.ts), every entry in Chinese and English, and
// reads it through this helper, so that every table has the same placeholder syntax and the same rule for a key
// that is not in it.
//
// - Placeholders are `{name}`, filled in one pass: a value that itself looks like a placeholder stays as written.
//   A placeholder whose value is absent, undefined or null is left empty.
// - A key that is not in the table throws, in tests and in production alike: a page or an e-mail showing a bare
//   key is a bug, and one rule everywhere means a test finds it. The keys the templates name are checked against
//   their tables by test/shared/words.test.ts, so no template can reach production with a missing one.
export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** A table of words: each key in Chinese and English. */
export type Words = Record<string, Record<Lang, string>>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** Fills `{name}` placeholders from `vars` in one pass; a missing value is left empty. */
export function fill(template: string, vars: Record<string, unknown> = {}): string {
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    return value === undefined || value === null ? '' : String(value);
  });
}

/** The names of the placeholders in a template, in order of appearance. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

function missing(table: string, key: string): never {
  throw new Error(`No ${table} words for "${key}"`);
}

export type Translate<K extends string> = (key: K, lang: Lang, vars?: Record<string, unknown>) => string;

/**
 * The translator of one table: `t(key, lang, vars)`. It takes any string, for keys that come from templates;
 * `name` says which table in the error or warning for a missing key.
 */
export function translator(name: string, words: Words): Translate<string> {
  return (key, lang, vars = {}) => (Object.hasOwn(words, key) ? fill(words[key]![lang], vars) : missing(name, key));
}
