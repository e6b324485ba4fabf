// The whole-cell words of a tier cell, and the numbers cell phrases are written with, per language
// (docs/domain.md, "Cell vocabulary"). Data first: another language is one more entry in each table below.

import { normalizeCellText } from '../workbook/cell-text.ts';

export type CellLanguage = 'zh' | 'en';
export const CELL_LANGUAGES: readonly CellLanguage[] = ['zh', 'en'];

interface MarkWords {
  none: readonly string[];
  included: readonly string[];
  dedicated: readonly string[];
}

// Whole cells, compared lower-cased after normalising, so Yes/YES/yes and N/A/n/a are one spelling each.
// The signs people type whatever their language are listed under 'signs'.
export const MARK_WORDS: Record<'signs' | CellLanguage, MarkWords> = {
  signs: {
    none: ['', '×', '✗', '✕', '✘', '/'],
    included: ['✓', '√', '✔', '☑', '✅'],
    // Stryker disable next-line ArrayDeclaration: an empty list; a made-up word in it changes nothing a cell says.
    dedicated: [],
  },
  // 座席 and 坐席 are both standard spellings of "agent seat".
  zh: { none: ['无', '否', '不包含'], included: ['是', '有', '包含'], dedicated: ['专属坐席', '专属座席'] },
  en: {
    none: ['no', 'n', 'none', 'n/a', 'na', 'not included', 'not applicable', 'excluded', 'false'],
    // TRUE and FALSE are also what a boolean cell reads as.
    included: ['yes', 'y', 'included', 'include', 'includes', 'true'],
    dedicated: ['dedicated', 'dedicated agent', 'dedicated agents', 'dedicated seat'],
  },
};

function wordSet(pick: (words: MarkWords) => readonly string[]): ReadonlySet<string> {
  return new Set(Object.values(MARK_WORDS).flatMap((words) => pick(words).map((w) => normalizeCellText(w).toLowerCase())));
}

const NONE_WORDS = wordSet((w) => w.none);
const INCLUDED_WORDS = wordSet((w) => w.included);
const DEDICATED_WORDS = wordSet((w) => w.dedicated);
// A dash of any width, repeated or not, means "not included" in every language.
const DASHES = /^[-‐‑‒–—―−]+$/u;

export type Mark = { kind: 'included' } | { kind: 'dedicated' };

/** A normalised cell that says "not included". */
export function isNone(norm: string): boolean {
  return NONE_WORDS.has(norm.toLowerCase()) || DASHES.test(norm);
}

/** A normalised cell that says "included" or "dedicated channel"; null for anything else. */
export function parseMark(norm: string): Mark | null {
  const lower = norm.toLowerCase();
  if (INCLUDED_WORDS.has(lower)) return { kind: 'included' };
  if (DEDICATED_WORDS.has(lower)) return { kind: 'dedicated' };
  return null;
}

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};

// Number words as they stand in a compact cell (spaces removed, lower case): "half a working day" is
// "halfaworkingday". The counts (once, twice) are what quotas say; they are numbers like the others.
const EN_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  once: 1, twice: 2, thrice: 3, half: 0.5, halfa: 0.5, halfan: 0.5,
};

interface NumberWords {
  /** A regex source for the number words, without digits. */
  pattern: string;
  /** The words' value, or null when the text is no number of this language. */
  read: (text: string) => number | null;
  /** What follows a number to add a half: 一个半, one and a half. */
  plusHalf: string;
  /** A counter word that may follow a number and means nothing (两个工作日); '' when the language has none. */
  counter: string;
}

export const NUMBER_WORDS: Record<CellLanguage, NumberWords> = {
  zh: { pattern: '[零〇一二两三四五六七八九十半]+', read: parseChineseNumber, plusHalf: '个半', counter: '个' },
  en: {
    // In any order: a number is always followed by more of its phrase, so "half" backtracks to "halfa" where needed.
    pattern: Object.keys(EN_NUMBERS).join('|'),
    read: (text) => (Object.hasOwn(EN_NUMBERS, text) ? (EN_NUMBERS[text] ?? null) : null),
    plusHalf: 'andahalf',
    // Stryker disable next-line StringLiteral: an optional filler; a made-up word in it changes nothing a cell says.
    counter: '',
  },
};

const DECIMAL = /^(?:\d+(?:\.\d+)?|\.\d+)$/u;

/** The regex source of a number in a cell phrase of this language: a decimal or the language's words. */
export function numberPattern(language: CellLanguage): string {
  return `(?:${DECIMAL.source.slice(1, -1)}|${NUMBER_WORDS[language].pattern})`;
}

/** A decimal, or a number word of the language; null when it is neither. */
export function parseCellNumber(text: string, language: CellLanguage): number | null {
  if (DECIMAL.test(text)) return Number(text);
  return NUMBER_WORDS[language].read(text);
}

export function parseChineseNumber(text: string): number | null {
  const t = normalizeCellText(text).replace(/\s/gu, '');
  if (DECIMAL.test(t)) return Number(t);
  if (t === '半') return 0.5;
  // Own keys only: "constructor" is no digit.
  const single = Object.hasOwn(CN_DIGITS, t) ? CN_DIGITS[t] : undefined;
  if (single !== undefined) return single;
  // 两 reads as a count on its own but is not written inside 十-compounds.
  const compound = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/u.exec(t);
  if (!compound) return null;
  const tens = compound[1] === undefined ? 1 : (CN_DIGITS[compound[1]] ?? 0);
  // Stryker disable next-line ConditionalExpression: CN_DIGITS has no "undefined" key, so ?? 0 gives the same 0.
  const units = compound[2] === undefined ? 0 : (CN_DIGITS[compound[2]] ?? 0);
  return tens * 10 + units;
}

/** A cell's text as the phrase patterns read it: normalised, lower case, without any spaces. */
export function compactCell(text: string): string {
  return normalizeCellText(text).replace(/\s/gu, '').toLowerCase();
}

/**
 * A phrase template compiled to a regex over compact text: spaces in the template are only for reading (they are
 * removed, as compactCell removes them from the cell), the rest is regex source. Whole cell unless `part`.
 */
export function phrase(template: string, replacements: Record<string, string>, part = false): RegExp {
  let source = template.replace(/\s/gu, '');
  for (const [name, value] of Object.entries(replacements)) source = source.replaceAll(`{${name}}`, value);
  const whole = part ? source : `^${source}$`;
  // Stryker disable next-line StringLiteral: the phrases hold no character outside the BMP nor any \p class, so u changes nothing.
  return new RegExp(whole, 'u');
}
