// Cell text as a person means it: invisible characters, full-width forms, stray spaces and line breaks
// removed, so equal meanings compare equal. Shared by the cell vocabulary and header matching.

// Copied from web pages and phones: these carry no meaning but break equality.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]|\uFE0E|\uFE0F/gu;
// NFKC turns ① into a bare "1", which would glue the list number onto the item text.
const CIRCLED = /[\u2460-\u2473\u2776-\u2793]/gu;
// Characters whose neighbouring spaces are typing noise: CJK text never separates words with
// spaces, and a space next to punctuation (or a multiplication sign) changes nothing.
const TIGHT =
  '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}\\p{P}' +
  '\\x21-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7E\u00D7\u2715\u2716\u2217';
const LOOSE_SPACE = new RegExp(` (?=[${TIGHT}])|(?<=[${TIGHT}]) `, 'gu');
export const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/u;
// Multiplication signs people use in "5*8" and "7×24"; ＊ is already * after NFKC.
export const TIMES = '[*×xX✕✖∗]';

function circledToParen(raw: string): string {
  return raw.replace(CIRCLED, (c) => {
    const cp = c.codePointAt(0) ?? 0;
    const n = cp <= 0x2473 ? cp - 0x2460 + 1 : ((cp - 0x2776) % 10) + 1;
    return `(${n})`;
  });
}

// A workbook repeats the same few texts thousands of times (✓, 1工作日响应, header names); caching the
// normalised forms keeps large imports fast. Bounded so a hostile workbook cannot grow it without limit.
const CACHE_LIMIT = 20_000;

function memoize(fn: (s: string) => string): (s: string) => string {
  const cache = new Map<string, string>();
  return (s) => {
    let out = cache.get(s);
    if (out === undefined) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      out = fn(s);
      cache.set(s, out);
    }
    return out;
  };
}

export function normalizeCellText(raw: string): string {
  return normalizeCached(raw);
}

export function matchKey(text: string): string {
  return matchKeyCached(text);
}

const TIMES_BETWEEN_DIGITS = new RegExp(`(?<=\\d)${TIMES}(?=\\d)`, 'gu');

const normalizeCached = memoize((raw) =>
  circledToParen(raw.replace(INVISIBLE, ''))
    .normalize('NFKC')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(LOOSE_SPACE, ''),
);

const matchKeyCached = memoize((text) => normalizeCellText(text).replace(/\s+/gu, '').replace(TIMES_BETWEEN_DIGITS, '*').toLowerCase());
