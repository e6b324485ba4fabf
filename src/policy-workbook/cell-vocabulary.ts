// The spellings people type into a policy workbook's tier cells (docs/domain.md, "Cell vocabulary"), and
// what each one means. Everything here is pure text handling so the importer can report a bad cell
// with its address and the form it expected.

import type { ServiceKind } from '../catalog/catalog-codes.ts';
import { LINE_BREAK, TIMES, normalizeCellText } from '../workbook/cell-text.ts';

export type CellMeaning =
  | { kind: 'none' }
  | { kind: 'included' }
  | { kind: 'dedicated' }
  | { kind: 'response_window'; amount: number; unit: 'working_day' | 'working_hour' }
  | { kind: 'coverage'; daysPerWeek: number; hoursPerDay: number }
  | { kind: 'quota'; item: string; perYear: number; personDaysEach: number; onsite: boolean }
  | { kind: 'deliverables'; items: string[] };

export type CellParse =
  | { ok: true; meaning: CellMeaning }
  | { ok: false; expected: string; expectedEn: string };

const CN_DIGITS: Record<string, number> = {
  零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
// The shapes a number takes inside a cell phrase; parseChineseNumber decides whether it is valid.
const NUM = '(?:\\d+(?:\\.\\d+)?|\\.\\d+|[零〇一二两三四五六七八九十半]+)';

export function parseChineseNumber(text: string): number | null {
  const t = normalizeCellText(text).replace(/\s+/gu, '');
  if (/^(?:\d+(?:\.\d+)?|\.\d+)$/u.test(t)) return Number(t);
  if (t === '半') return 0.5;
  // Own keys only: "constructor" is no digit.
  const single = Object.hasOwn(CN_DIGITS, t) ? CN_DIGITS[t] : undefined;
  if (single !== undefined) return single;
  // 两 reads as a count on its own but is not written inside 十-compounds.
  const compound = /^([一二三四五六七八九])?十([一二三四五六七八九])?$/u.exec(t);
  if (!compound) return null;
  const tens = compound[1] === undefined ? 1 : (CN_DIGITS[compound[1]] ?? 0);
  const units = compound[2] === undefined ? 0 : (CN_DIGITS[compound[2]] ?? 0);
  return tens * 10 + units;
}

// Only whole-cell tokens; compared lower-cased so y/Y, N/A/n/a are one spelling.
const NONE_TOKENS = new Set(['', '×', '✗', '✕', '✘', '无', '否', '/', 'n/a', 'na', 'no', 'n', 'none', '不包含']);
const DASHES = /^[-‐‑‒–—―−]+$/u;
const INCLUDED_TOKENS = new Set(['✓', '√', '✔', '☑', '✅', '是', 'y', 'yes', '有', '包含']);
// 座席 and 坐席 are both standard spellings of "agent seat".
const DEDICATED_TOKENS = new Set(['专属坐席', '专属座席']);

function isNone(norm: string): boolean {
  return NONE_TOKENS.has(norm.toLowerCase()) || DASHES.test(norm);
}

function parseMark(norm: string): CellMeaning | null {
  const lower = norm.toLowerCase();
  if (INCLUDED_TOKENS.has(lower)) return { kind: 'included' };
  if (DEDICATED_TOKENS.has(norm)) return { kind: 'dedicated' };
  return null;
}

const RESPONSE = new RegExp(`^(${NUM})(个半|个)?(工作日|工作小时|小时)内?响应$`, 'u');

type WindowUnit = 'working_day' | 'working_hour';

// About three months of working time: no service commitment is longer, so a longer window is a typo
// (and an absurd one, like 99999999999999999999999, would break every deadline computed from it).
const MAX_WINDOW: Record<WindowUnit, number> = { working_day: 60, working_hour: 480 };

/**
 * The window a match of RESPONSE or RESOLUTION states (groups: number, 个半/个, unit), `{ tooLong }` when it exceeds
 * MAX_WINDOW, or null when it is no window at all.
 */
function windowOf(m: RegExpExecArray | null): { amount: number; unit: WindowUnit } | { tooLong: WindowUnit } | null {
  if (!m?.[1] || !m[3]) return null;
  const base = parseChineseNumber(m[1]);
  if (base === null) return null;
  // "一个半工作日" is one and a half working days.
  const amount = m[2] === '个半' ? base + 0.5 : base;
  if (!(amount > 0)) return null;
  const unit = m[3] === '工作日' ? 'working_day' : 'working_hour';
  if (!(amount <= MAX_WINDOW[unit])) return { tooLong: unit };
  return { amount, unit };
}

function parseResponseWindow(norm: string): Extract<CellMeaning, { kind: 'response_window' }> | { tooLong: WindowUnit } | null {
  const window = windowOf(RESPONSE.exec(norm));
  return window === null || 'tooLong' in window ? window : { kind: 'response_window', ...window };
}

const RESOLUTION = new RegExp(`^(${NUM})(个半|个)?(工作日|工作小时|小时)(?:内)?(?:解决|修复|恢复)?$`, 'u');

/**
 * A resolution target as a 解决时限 cell states it ("2个工作日", "8工作小时内解决", "一个半工作日"): the same
 * numbers, units and bounds as a response window, without the word 响应.
 */
export function parseResolutionTarget(text: string): { amount: number; unit: WindowUnit } | { tooLong: WindowUnit } | null {
  return windowOf(RESOLUTION.exec(normalizeCellText(text).replace(/\s+/gu, '')));
}

/** The most a response window or resolution target may say, per unit (about three months of working time). */
export const MAX_TARGET = MAX_WINDOW;

// A short cell that ends in 响应 was meant as a response window, even if the unit is wrong.
function looksLikeResponseWindow(norm: string): boolean {
  return /响应$/u.test(norm) && norm.length <= 12;
}

const COVERAGE = new RegExp(`^(\\d+)\\s?天?\\s?${TIMES}\\s?(\\d+)\\s?(?:小时|h)?$`, 'iu');

function parseCoverage(norm: string): CellMeaning | null {
  const m = COVERAGE.exec(norm);
  if (!m) return null;
  const daysPerWeek = Number(m[1]);
  const hoursPerDay = Number(m[2]);
  if (daysPerWeek < 1 || daysPerWeek > 7 || hoursPerDay < 1 || hoursPerDay > 24) return null;
  return { kind: 'coverage', daysPerWeek, hoursPerDay };
}

// An item whose name opens with its coverage, as the catalog names them: 7*24自助运维, 7×24电话支持, 7*8在线IM服务.
// The name has been normalised (＊ is already *); the days and hours must be followed by the item's words.
const NAME_COVERAGE = new RegExp(`^(\\d+)\\s?${TIMES}\\s?(\\d+)\\s?(?:小时|h)?(?=\\D)`, 'iu');

/**
 * The coverage an item's name states ("7*24电话支持" → 7 days × 24 hours), or null: a name that merely starts with
 * digits, or days beyond 1–7 and hours beyond 1–24, states none. The tier cell, when it states coverage, wins.
 */
export function coverageFromName(name: string): { daysPerWeek: number; hoursPerDay: number } | null {
  const m = NAME_COVERAGE.exec(normalizeCellText(name));
  if (!m) return null;
  const daysPerWeek = Number(m[1]);
  const hoursPerDay = Number(m[2]);
  if (daysPerWeek < 1 || daysPerWeek > 7 || hoursPerDay < 1 || hoursPerDay > 24) return null;
  return { daysPerWeek, hoursPerDay };
}

const QUOTA = /^(.*\S)\(([^()]*)\)$/u;
const PER_YEAR = [
  new RegExp(`限?(?:每|一)?年(?:限|最多)?(${NUM})次`, 'u'),
  new RegExp(`限?(${NUM})次/年`, 'u'),
];
const PERSON_DAYS = new RegExp(`(?:每次)?(${NUM})个?人[天日](?:/次|每次)?`, 'u');
const OFFSITE = /非现场|远程|线上/u;
const ONSITE_WORD = /非现场|远程|线上|现场/gu;

function parseQuota(norm: string): CellMeaning | null {
  const m = QUOTA.exec(norm);
  if (!m?.[1] || m[2] === undefined) return null;
  let rest = m[2];
  let perYear: number | null = null;
  for (const re of PER_YEAR) {
    const c = re.exec(rest);
    if (c?.[1] === undefined) continue;
    perYear = parseChineseNumber(c[1]);
    rest = rest.replace(c[0], ' ');
    break;
  }
  const pd = PERSON_DAYS.exec(rest);
  if (pd?.[1] === undefined) return null;
  const personDaysEach = parseChineseNumber(pd[1]);
  rest = rest.replace(pd[0], ' ');
  // Off-site is the default: the vendor's catalog only ever says 现场 when someone travels.
  const onsite = /现场/u.test(m[2]) && !OFFSITE.test(m[2]);
  rest = rest.replace(ONSITE_WORD, ' ');
  // Any clause left over is something this parser does not understand; refuse rather than drop it.
  if (!/^[\s,;、/]*$/u.test(rest)) return null;
  if (perYear === null || !Number.isInteger(perYear) || perYear < 1) return null;
  if (personDaysEach === null || !(personDaysEach > 0)) return null;
  return { kind: 'quota', item: m[1], perYear, personDaysEach, onsite };
}

function looksLikeQuota(norm: string): boolean {
  const m = QUOTA.exec(norm);
  return m?.[2] !== undefined && /人[天日]|[年]\S*次|次\/年/u.test(m[2]);
}

// A list number: "1、" "1." "1)" "(1)"; not the "2" of "2.0" nor the "2" of "12、".
const MARKER = /(?<!\d)(?:\((\d{1,2})\)|(\d{1,2})(?:、|\.(?!\d)|\)))/gu;
// The first number of a list must not sit inside a word ("第1、") to count as a list.
const LIST_START_AFTER = /[\n :;,。]/u;
const TRAILING_SEPARATORS = /[\s,;:、]+$/u;
const BULLET = /^[•·▪●◦‣*-]\s?/u;

function splitNumbered(joined: string): string[] | null {
  const cuts: { start: number; end: number }[] = [];
  let expected = 1;
  for (const m of joined.matchAll(MARKER)) {
    if (Number(m[1] ?? m[2]) !== expected) continue;
    const at = m.index;
    const before = joined[at - 1];
    if (expected === 1 && before !== undefined && !LIST_START_AFTER.test(before)) continue;
    cuts.push({ start: at, end: at + m[0].length });
    expected += 1;
  }
  const first = cuts[0];
  if (!first) return null;
  const preamble = joined.slice(0, first.start).split('\n');
  const items = cuts.map((cut, i) => joined.slice(cut.end, cuts[i + 1]?.start ?? joined.length));
  return [...preamble, ...items].map((item) => normalizeCellText(item).replace(TRAILING_SEPARATORS, '')).filter((item) => item !== '');
}

export function splitDeliverables(text: string): string[] {
  const lines = text.split(LINE_BREAK).map(normalizeCellText).filter((line) => line !== '');
  return splitNumbered(lines.join('\n')) ?? lines.map((line) => line.replace(BULLET, '')).filter((line) => line !== '');
}

interface Expectation {
  expected: string;
  expectedEn: string;
}

const BLANK_ZH = '留空或“-”表示不包含';
const BLANK_EN = 'blank or “-” for not included';

const EXPECT: Record<Exclude<ServiceKind, 'any'> | 'response_window_days' | 'response_window_hours', Expectation> = {
  inclusion: { expected: '“✓”表示包含,留空或“-”表示不包含', expectedEn: `“✓” for included; ${BLANK_EN}` },
  channel: {
    expected: `“✓”表示包含,“专属坐席”表示由专属坐席提供,${BLANK_ZH}`,
    expectedEn: `“✓” for included, “专属坐席” for a dedicated agent; ${BLANK_EN}`,
  },
  response_window: {
    expected: `响应时限(大于0),如“1工作日响应”、“0.5工作日响应”或“4工作小时响应”;${BLANK_ZH}`,
    expectedEn: `a response window greater than 0, e.g. “1工作日响应” (1 working day), “0.5工作日响应” or “4工作小时响应” (4 working hours); ${BLANK_EN}`,
  },
  coverage: {
    expected: `服务时段“每周天数*每天小时数”,如“5*8小时”或“7*12小时”(天数1-7,小时数1-24);${BLANK_ZH}`,
    expectedEn: `service hours as “days a week * hours a day”, e.g. “5*8小时” or “7*12小时” (1-7 days, 1-24 hours); ${BLANK_EN}`,
  },
  quota: {
    expected: `次数限制,如“代码诊断(限一年两次,2人天/次,非现场)”;${BLANK_ZH}`,
    expectedEn: `a yearly quota, e.g. “代码诊断(限一年两次,2人天/次,非现场)” (twice a year, 2 person-days each, off-site); ${BLANK_EN}`,
  },
  response_window_days: {
    expected: `不超过${MAX_WINDOW.working_day}个工作日的响应时限,如“1工作日响应”;${BLANK_ZH}`,
    expectedEn: `a response window of at most ${MAX_WINDOW.working_day} working days, e.g. “1工作日响应”; ${BLANK_EN}`,
  },
  response_window_hours: {
    expected: `不超过${MAX_WINDOW.working_hour}个工作小时的响应时限,如“4工作小时响应”;${BLANK_ZH}`,
    expectedEn: `a response window of at most ${MAX_WINDOW.working_hour} working hours, e.g. “4工作小时响应”; ${BLANK_EN}`,
  },
  deliverables: {
    expected: `交付内容,如“1、产品更新升级技术指导 2、提供服务工具”,或“✓”;${BLANK_ZH}`,
    expectedEn: `the deliverables, e.g. “1、产品更新升级技术指导 2、提供服务工具”, or “✓”; ${BLANK_EN}`,
  },
};

function ok(meaning: CellMeaning): CellParse {
  return { ok: true, meaning };
}

function fail(expectation: Expectation): CellParse {
  return { ok: false, ...expectation };
}

function deliverables(text: string): CellParse {
  const items = splitDeliverables(text);
  return items.length > 0 ? ok({ kind: 'deliverables', items }) : fail(EXPECT.deliverables);
}

function responseWindow(norm: string): CellParse | null {
  const window = parseResponseWindow(norm);
  if (window === null) return null;
  if ('tooLong' in window) return fail(window.tooLong === 'working_day' ? EXPECT.response_window_days : EXPECT.response_window_hours);
  return ok(window);
}

export function parseTierCell(text: string, kind: ServiceKind): CellParse {
  const norm = normalizeCellText(text);
  if (isNone(norm)) return ok({ kind: 'none' });
  const mark = parseMark(norm);
  switch (kind) {
    case 'inclusion':
      return mark?.kind === 'included' ? ok(mark) : fail(EXPECT.inclusion);
    case 'channel':
      return mark ? ok(mark) : fail(EXPECT.channel);
    case 'response_window':
      return responseWindow(norm) ?? fail(EXPECT.response_window);
    case 'coverage': {
      const meaning = parseCoverage(norm);
      return meaning ? ok(meaning) : fail(EXPECT.coverage);
    }
    case 'quota': {
      const meaning = parseQuota(norm);
      return meaning ? ok(meaning) : fail(EXPECT.quota);
    }
    case 'deliverables':
      return mark ? ok(mark) : deliverables(text);
    case 'any':
      return parseAny(text, norm, mark);
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown service kind: ${String(unknown)}`);
    }
  }
}

// A new item has no declared kind, so the cell's own shape decides; a cell that has the shape of a
// structured value but fails its rules is an error, not free text, so typos surface.
function parseAny(text: string, norm: string, mark: CellMeaning | null): CellParse {
  if (mark) return ok(mark);
  const response = responseWindow(norm);
  if (response) return response;
  if (looksLikeResponseWindow(norm)) return fail(EXPECT.response_window);
  const coverage = parseCoverage(norm);
  if (coverage) return ok(coverage);
  if (COVERAGE.test(norm)) return fail(EXPECT.coverage);
  const quota = parseQuota(norm);
  if (quota) return ok(quota);
  if (looksLikeQuota(norm)) return fail(EXPECT.quota);
  return deliverables(text);
}
