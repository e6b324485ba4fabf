// Quotas as tier cells state them, per language: an item followed by its terms in brackets,
// "代码诊断(限一年两次,2人天/次,非现场)" or "Code diagnosis (twice a year, 2 person-days each, remote)"
// (docs/domain.md, "Cell vocabulary"). The terms are read from compact text (no spaces, lower case).

import { CELL_LANGUAGES, compactCell, numberPattern, parseCellNumber, phrase, type CellLanguage } from './cell-words.ts';

interface QuotaWords {
  /** Templates of the count a year, found anywhere in the terms; {n} is the number. */
  perYear: readonly string[];
  /** Templates of the size of each use, in person-days. */
  personDays: readonly string[];
  /**
   * Regex sources of the words that say someone travels, and of those that say nobody does (these win: 非现场
   * contains 现场). Where one word begins another, the longer comes first ("remotely" before "remote").
   */
  onsite: readonly string[];
  offsite: readonly string[];
  /** Words that join terms and mean nothing more. */
  joiners: readonly string[];
  /** Terms that were meant as a quota, even when they fail its rules. */
  meantAsQuota: RegExp;
}

export const QUOTA_WORDS: Record<CellLanguage, QuotaWords> = {
  zh: {
    perYear: ['限? (?:每|一)? 年 (?:限|最多)? {n} 次', '限? {n} 次/年'],
    personDays: ['(?:每次)? {n} 个? 人[天日] (?:/次|每次)?'],
    onsite: ['现场'],
    offsite: ['非现场', '远程', '线上'],
    // Stryker disable next-line ArrayDeclaration: an empty list; a made-up word in it changes nothing a cell says.
    joiners: [],
    meantAsQuota: /人[天日]|年\S*次|次\/年/u,
  },
  en: {
    perYear: [
      '(?:up to|at most|max(?:imum)?|limited to)? {n} (?:times?|x)? (?:per|a|an|each|every|/) year',
      '(?:up to|at most|max(?:imum)?|limited to)? {n} (?:times?|x)? (?:yearly|annually)',
    ],
    personDays: ['{n} (?:person|man)-?days? (?:each|per(?:visit|time|use|session)|/(?:visit|time|use|session))?'],
    onsite: ['on-site', 'onsite', 'in person'],
    offsite: ['off-site', 'offsite', 'remotely', 'remote', 'online'],
    joiners: ['and', '&'],
    meantAsQuota: /(?:person|man)-?days?|year|annually/u,
  },
};

type Clauses = { language: CellLanguage; re: RegExp }[];

function compile(pick: (words: QuotaWords) => readonly string[]): Clauses {
  return CELL_LANGUAGES.flatMap((language) =>
    pick(QUOTA_WORDS[language]).map((template) => ({ language, re: phrase(template, { n: `(?<n>${numberPattern(language)})` }, true) })),
  );
}

const PER_YEAR = compile((w) => w.perYear);
const PERSON_DAYS = compile((w) => w.personDays);

function wordsRegex(pick: (words: QuotaWords) => readonly string[], flags: string): RegExp {
  return new RegExp(CELL_LANGUAGES.flatMap((l) => pick(QUOTA_WORDS[l]).map((w) => w.replace(/\s/gu, ''))).join('|'), flags);
}

// Stryker disable next-line StringLiteral: the words hold no character outside the BMP nor any \p class, so u changes nothing.
const ONSITE = wordsRegex((w) => w.onsite, 'u');
// Stryker disable next-line StringLiteral: as above.
const OFFSITE = wordsRegex((w) => w.offsite, 'u');
const PLACE_OR_JOINER = wordsRegex((w) => [...w.onsite, ...w.offsite, ...w.joiners], 'gu');

/** The first clause's number and the terms without it; null when no clause is there. */
function take(rest: string, clauses: Clauses): { value: number | null; rest: string } | null {
  for (const { language, re } of clauses) {
    const c = re.exec(rest);
    // Every clause template has its number group, so a match always has one.
    if (c) return { value: parseCellNumber(c.groups!.n!, language), rest: rest.replace(c[0], '') };
  }
  return null;
}

// The whole cell: the first match starts at its start without a ^, as .* takes any prefix (a normalised cell has no line break).
const QUOTA = /(.*\S)\(([^()]*)\)$/u;

export type Quota = { item: string; perYear: number; personDaysEach: number; onsite: boolean };

/** A normalised quota cell, or null when it is none or breaks a rule (a count below 1, a clause not understood). */
export function parseQuota(norm: string): Quota | null {
  const m = QUOTA.exec(norm);
  if (!m) return null;
  const terms = compactCell(m[2]!);
  const perYear = take(terms, PER_YEAR);
  const personDays = take(perYear?.rest ?? terms, PERSON_DAYS);
  if (personDays === null) return null;
  // Off-site is the default: the vendor's catalog only ever says 现场 when someone travels.
  const onsite = ONSITE.test(terms) && !OFFSITE.test(terms);
  // Any clause left over is something this parser does not understand; refuse rather than drop it.
  if (!/^[\s,;、/]*$/u.test(personDays.rest.replace(PLACE_OR_JOINER, ''))) return null;
  // No number (半 a year, 两十) is NaN, which fails both tests.
  const perYearCount = perYear?.value ?? Number.NaN;
  if (!Number.isInteger(perYearCount) || perYearCount < 1) return null;
  const personDaysEach = personDays.value ?? Number.NaN;
  if (!(personDaysEach > 0)) return null;
  return { item: m[1]!, perYear: perYearCount, personDaysEach, onsite };
}

/** A normalised cell that has a quota's shape: an item, and terms in brackets that talk of person-days or years. */
export function looksLikeQuota(norm: string): boolean {
  const m = QUOTA.exec(norm);
  if (!m) return false;
  const terms = compactCell(m[2]!);
  return CELL_LANGUAGES.some((l) => QUOTA_WORDS[l].meantAsQuota.test(terms));
}
