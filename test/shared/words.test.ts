// The one i18n helper (src/shared/i18n.ts) and the tables read through it: `{name}` placeholders filled in one
// pass, a missing value left empty, a missing key thrown; and, since a missing key throws in production too, every
// key a template or the code names literally is in its table.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fill, placeholdersOf, translator } from '../../src/shared/i18n.ts';
import { MESSAGES, PAGE_WORD_AREAS, translate } from '../../src/http/i18n.ts';
import { REPORT_TEXT, reportText } from '../../src/report/report-i18n.ts';
import { REMINDER_WORDS } from '../../src/holidays/reminder-words.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function filesUnder(dir: string, ext: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name), ext) : e.name.endsWith(ext) ? [path.join(dir, e.name)] : []));
}

/** The keys a template names with its `t` helper, as `{{t "key" …}}` or `(t "key" …)`. */
function templateKeys(file: string): string[] {
  return [...fs.readFileSync(file, 'utf8').matchAll(/[{(]t\s+["'](\w+)["']/g)].map((m) => m[1]!);
}

describe('the i18n helper', () => {
  it('fills placeholders in one pass and leaves an absent, undefined or null value empty', () => {
    expect(fill('{a} and {b}', { a: '{b}', b: 2 })).toBe('{b} and 2');
    expect(fill('[{a}|{b}|{c}]', { b: undefined, c: null })).toBe('[||]');
    expect(fill('{toString}')).toBe('');
    expect(placeholdersOf('{a} {b} {a}')).toEqual(['a', 'b', 'a']);
  });

  it('throws for a key not in its table, naming the table and the key', () => {
    const t = translator('test', { hello: { zh: '你好,{name}', en: 'Hello, {name}' } });
    expect(t('hello', 'en', { name: 'Wang' })).toBe('Hello, Wang');
    expect(() => t('bye', 'zh')).toThrow('No test words for "bye"');
    expect(() => t('constructor', 'zh')).toThrow(/constructor/);
    expect(() => translate('noSuchKey', 'zh')).toThrow(/page words for "noSuchKey"/);
    expect(() => reportText('noSuchKey', 'en')).toThrow(/report words for "noSuchKey"/);
  });
});

describe("the pages' words", () => {
  it('define each key in one area only', () => {
    const keys = PAGE_WORD_AREAS.flatMap((area) => Object.keys(area));
    expect(keys.filter((key, i) => keys.indexOf(key) !== i)).toEqual([]);
    expect(Object.keys(MESSAGES)).toHaveLength(keys.length);
  });

  it('have every key the page templates and the web code name', () => {
    const pages = filesUnder(path.join(ROOT, 'templates'), '.hbs').filter((f) => !f.includes(`${path.sep}reports${path.sep}`) && !f.includes(`${path.sep}holidays${path.sep}`));
    const named = pages.flatMap((file) => templateKeys(file).map((key) => `${path.relative(ROOT, file)}: ${key}`));
    const inCode = filesUnder(path.join(ROOT, 'src/http'), '.ts').flatMap((file) => [...fs.readFileSync(file, 'utf8').matchAll(/translate\('(\w+)'/g)].map((m) => `${path.relative(ROOT, file)}: ${m[1]!}`));
    expect(named.length).toBeGreaterThan(100);
    expect([...named, ...inCode].filter((where) => !Object.hasOwn(MESSAGES, where.split(': ')[1]!))).toEqual([]);
  });
});

describe("the reports' words", () => {
  it('have every key the report templates and the report code name', () => {
    const named = filesUnder(path.join(ROOT, 'templates/reports'), '.hbs').flatMap((file) => templateKeys(file).map((key) => `${path.relative(ROOT, file)}: ${key}`));
    const inCode = filesUnder(path.join(ROOT, 'src/report'), '.ts').flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/(?:\bt|reportText)\('(\w+)'/g)].map((m) => `${path.relative(ROOT, file)}: ${m[1]!}`),
    );
    expect(named.length).toBeGreaterThan(20);
    expect(inCode.length).toBeGreaterThan(20);
    expect([...named, ...inCode].filter((where) => !Object.hasOwn(REPORT_TEXT, where.split(': ')[1]!))).toEqual([]);
  });
});

describe("the holiday reminder's words", () => {
  it('have every key the reminder names', () => {
    const source = fs.readFileSync(path.join(ROOT, 'src/holidays/holiday-reminder.ts'), 'utf8');
    const named = [...source.matchAll(/\bt\('(\w+)'/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(8);
    expect(named.filter((key) => !Object.hasOwn(REMINDER_WORDS, key))).toEqual([]);
  });
});
