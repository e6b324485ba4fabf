// Response windows, resolution targets and coverage as tier cells state them, per language (docs/domain.md,
// "Cell vocabulary"). Phrases are templates over compact text (compactCell: no spaces, lower case), so
// "Response within 1 working day" and "1 工作日 响应" are matched the same way.

import { TIMES, normalizeCellText } from '../workbook/cell-text.ts';
import { CELL_LANGUAGES, NUMBER_WORDS, compactCell, numberPattern, parseCellNumber, phrase, type CellLanguage } from './cell-words.ts';

export type WindowUnit = 'working_day' | 'working_hour';

// About three months of working time: no service commitment is longer, so a longer window is a typo
// (and an absurd one, like 99999999999999999999999, would break every deadline computed from it).
export const MAX_WINDOW: Record<WindowUnit, number> = { working_day: 60, working_hour: 480 };

interface WindowWords {
  /** Regex sources of each unit's words, compact. A bare 小时 or "hours" in a window still means working hours. */
  units: Record<WindowUnit, readonly string[]>;
  /** Whole-cell templates of a response window; {window} is a number followed by a unit. */
  response: readonly string[];
  /** Whole-cell templates of a resolution target: a window without the word for "response". */
  resolution: readonly string[];
  /** A short compact cell this language means as a response window, even when its unit or number is wrong. */
  meantAsResponse: RegExp;
}

export const WINDOW_WORDS: Record<CellLanguage, WindowWords> = {
  zh: {
    units: { working_day: ['工作日'], working_hour: ['工作小时', '小时'] },
    response: ['{window} 内? 响应'],
    resolution: ['{window} 内? (?:解决|修复|恢复)?'],
    meantAsResponse: /^.{0,10}响应$/u,
  },
  en: {
    units: {
      // "workday" too: the phrases are read without spaces.
      working_day: ['working days?', 'business days?', 'work days?'],
      working_hour: ['working hours?', 'business hours?', 'work hours?', 'hours?', 'hrs?', 'h'],
    },
    response: ['respon(?:se|ds?) (?:within|in)? {window}', '(?:within)? {window} (?:response)?'],
    resolution: ['(?:resolved|resolution|resolve|fixed|fix|restored|restore)? (?:within|in)? {window}'],
    meantAsResponse: /^respon(?:se|ds?)(?:within|in).{1,24}$/u,
  },
};

const unitSource = (words: readonly string[]) => words.map((w) => w.replace(/\s/gu, '')).join('|');

function windowSource(language: CellLanguage): string {
  const { plusHalf, counter } = NUMBER_WORDS[language];
  const { units } = WINDOW_WORDS[language];
  return (
    `(?<n>${numberPattern(language)})(?<half>${plusHalf})?(?:${counter})?` +
    `(?:(?<day>${unitSource(units.working_day)})|(?<hour>${unitSource(units.working_hour)}))`
  );
}

type Phrases = { language: CellLanguage; re: RegExp }[];

function compile(pick: (words: WindowWords) => readonly string[]): Phrases {
  return CELL_LANGUAGES.flatMap((language) =>
    pick(WINDOW_WORDS[language]).map((template) => ({ language, re: phrase(template, { window: windowSource(language) }) })),
  );
}

const RESPONSE = compile((w) => w.response);
const RESOLUTION = compile((w) => w.resolution);

export type WindowRead = { amount: number; unit: WindowUnit } | { tooLong: WindowUnit };

/** The window the first matching phrase states, `{ tooLong }` beyond MAX_WINDOW, or null when none states one. */
function readWindow(compact: string, phrases: Phrases): WindowRead | null {
  for (const { language, re } of phrases) {
    // Every window template has its number and unit groups, so a match always has them.
    const groups = re.exec(compact)?.groups;
    if (!groups) continue;
    // No number (两十) is NaN, which fails amount > 0 below. "一个半工作日", "one and a half working days" add a half.
    const amount = (parseCellNumber(groups.n!, language) ?? Number.NaN) + (groups.half === undefined ? 0 : 0.5);
    if (!(amount > 0)) return null;
    const unit: WindowUnit = groups.day === undefined ? 'working_hour' : 'working_day';
    if (!(amount <= MAX_WINDOW[unit])) return { tooLong: unit };
    return { amount, unit };
  }
  return null;
}

/** A response window ("1工作日响应", "Response within 4 working hours"), `{ tooLong }`, or null. */
export function parseResponseWindow(text: string): WindowRead | null {
  return readWindow(compactCell(text), RESPONSE);
}

/**
 * A resolution target as a 解决时限 cell states it ("2个工作日", "8工作小时内解决", "一个半工作日", "Resolved within 2
 * working days", "2 working days"): the same numbers, units and bounds as a response window, without the word 响应.
 */
export function parseResolutionTarget(text: string): WindowRead | null {
  return readWindow(compactCell(text), RESOLUTION);
}

/** A window stated either way, as a response window or as a target. */
export function parseStatedWindow(text: string): WindowRead | null {
  return parseResponseWindow(text) ?? parseResolutionTarget(text);
}

/** A cell meant as a response window even though it is none: "3工作周响应", "Response within a week". */
export function looksLikeResponseWindow(text: string): boolean {
  const compact = compactCell(text);
  return CELL_LANGUAGES.some((language) => WINDOW_WORDS[language].meantAsResponse.test(compact));
}

interface CoverageWords {
  days: readonly string[];
  hours: readonly string[];
  /** Whole cells that mean every hour of every day. */
  always: readonly string[];
}

export const COVERAGE_WORDS: Record<CellLanguage, CoverageWords> = {
  // h, as in 7*24h, is listed once, under English: the lists of all languages are read together.
  zh: {
    days: ['天'],
    hours: ['小时'],
    // Stryker disable next-line ArrayDeclaration: an empty list; a made-up word in it changes nothing a cell says.
    always: [],
  },
  en: { days: ['days?', 'd'], hours: ['hours?', 'hrs?', 'h'], always: ['24/7', '24x7', '24×7', '24*7'] },
};

const allOf = (pick: (words: CoverageWords) => readonly string[]) => CELL_LANGUAGES.flatMap((l) => pick(COVERAGE_WORDS[l]));
const COVERAGE_SOURCE = `^(\\d+)(?:${allOf((w) => w.days).join('|')})?${TIMES}(\\d+)(?:${allOf((w) => w.hours).join('|')})?$`;
// Stryker disable next-line StringLiteral: the pattern holds no character outside the BMP nor any \p class, so u changes nothing.
const COVERAGE = new RegExp(COVERAGE_SOURCE, 'u');
const ALWAYS = new Set(allOf((w) => w.always));

export type Coverage = { daysPerWeek: number; hoursPerDay: number };

function withinWeek(daysPerWeek: number, hoursPerDay: number): Coverage | null {
  if (daysPerWeek < 1 || daysPerWeek > 7 || hoursPerDay < 1 || hoursPerDay > 24) return null;
  return { daysPerWeek, hoursPerDay };
}

/** Days a week × hours a day ("5*8小时", "7 x 12 hours", "24/7"); null for anything else or beyond 1–7 × 1–24. */
export function parseCoverage(text: string): Coverage | null {
  const compact = compactCell(text);
  if (ALWAYS.has(compact)) return { daysPerWeek: 7, hoursPerDay: 24 };
  const m = COVERAGE.exec(compact);
  return m ? withinWeek(Number(m[1]), Number(m[2])) : null;
}

/** A cell shaped as coverage, whether or not its numbers are in bounds ("8*25小时"). */
export function looksLikeCoverage(text: string): boolean {
  return COVERAGE.test(compactCell(text));
}

// An item whose name opens with its coverage, as the catalog names them: 7*24自助运维, 7×24电话支持, 7*8在线IM服务.
// The name has been normalised (＊ is already *); the days and hours must be followed by the item's words
// (7*24小时电话支持 too: 小时 is no digit).
const NAME_COVERAGE_SOURCE = `^(\\d+)\\s?${TIMES}\\s?(\\d+)(?=\\D)`;
// Stryker disable next-line StringLiteral: the pattern holds no character outside the BMP nor any \p class, so u changes nothing.
const NAME_COVERAGE = new RegExp(NAME_COVERAGE_SOURCE, 'u');

/**
 * The coverage an item's name states ("7*24电话支持" → 7 days × 24 hours), or null: a name that merely starts with
 * digits, or days beyond 1–7 and hours beyond 1–24, states none. The tier cell, when it states coverage, wins.
 */
export function coverageFromName(name: string): Coverage | null {
  const m = NAME_COVERAGE.exec(normalizeCellText(name));
  return m ? withinWeek(Number(m[1]), Number(m[2])) : null;
}
