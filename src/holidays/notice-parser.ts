// Reads the State Council's yearly notice (国务院办公厅关于YYYY年部分节假日安排的通知) into days off (休) and
// make-up working days (班), each with its holiday's name. It reads only what it can read for certain: every
// sentence of a holiday's line is either understood, recognised as saying nothing about days (共3天, 与周末连休,
// 不调休), or listed as not read; a stated weekday that does not match its date, a count of days that does not
// match the range, a range crossing the year without its years written out, are problems to fix, never guessed.
import { dayOfDate, isoWeekdayOfDay } from '../calendar/shanghai-time.ts';

export type NoticeDayKind = 'off' | 'work';

export interface NoticeDay {
  /** YYYY-MM-DD. */
  date: string;
  kind: NoticeDayKind;
  /** 春节 for a day off, 春节调休上班 for a make-up day; two holidays on one line keep both names (国庆节、中秋节). */
  name: string;
  /** The holiday line it was read from (1-based line of the pasted text) and the sentence, as pasted. */
  line: number;
  sentence: string;
}

export interface NoticeSection {
  line: number;
  /** The heading's holiday names as written: ['国庆节', '中秋节']. */
  names: string[];
  /** The names as one name, as the notice writes them: 国庆节、中秋节. */
  holiday: string;
  off: string[];
  work: string[];
}

export type NoticeProblemCode =
  | 'YEAR_UNKNOWN'
  | 'YEAR_MISMATCH'
  | 'NO_HOLIDAY_LINES'
  | 'NO_DAYS_OFF'
  | 'BAD_DATE'
  | 'MONTH_MISSING'
  | 'RANGE_REVERSED'
  | 'RANGE_CROSSES_YEAR'
  | 'WEEKDAY_MISMATCH'
  | 'DAY_COUNT_MISMATCH'
  | 'DATE_CONFLICT'
  | 'DUPLICATE_DATE'
  | 'MAKE_UP_DAY_ON_WEEKDAY'
  | 'UNREAD_SENTENCE'
  | 'UNREAD_NOTE'
  | 'FEW_HOLIDAYS';

export interface NoticeProblem {
  /** An error blocks saving what was read; a warning is shown beside it. */
  severity: 'error' | 'warning';
  code: NoticeProblemCode;
  /** 1-based line of the pasted text, when the problem has one. */
  line: number | null;
  /** The sentence or note concerned, as pasted. */
  text: string | null;
  message: { zh: string; en: string };
}

export interface NoticeReading {
  year: number | null;
  /** Where the year came from: the notice's title or first paragraph, or the year given beside it. */
  yearFrom: 'text' | 'given' | null;
  sections: NoticeSection[];
  /** Every day read, by date; a date is listed once. */
  days: NoticeDay[];
  problems: NoticeProblem[];
  /** Sentences on holiday lines that say something other than days (鼓励…安排职工在除夕休息): shown, not read. */
  unread: { line: number; text: string; reason: { zh: string; en: string } }[];
  /** Lines that are no holiday's line (title, salutation, closing paragraph, signature): shown, not read. */
  otherLines: { line: number; text: string }[];
}

const WEEKDAY_CHARS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };
const WEEKDAY_ZH = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];
const WEEKDAY_EN = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Full-width digits and punctuation to half-width (NFKC), and no spaces or invisible characters at all. */
export function normalizeNoticeText(text: string): string {
  return text.normalize('NFKC').replace(/[\s\u200B-\u200D\u2060\uFEFF]+/gu, '');
}

// A heading: an optional number (一、 or 1.), the holiday names, a colon, and a body that names a day.
const HEADING = /^(?:[一二三四五六七八九十]{1,3}、|\d{1,2}[、.])?([^:,。;()]{1,60}):(.*)$/u;
const MENTIONS_DAY = /\d{1,2}日/u;
// The year of the notice: its title (关于2026年部分节假日安排的通知) or its first paragraph (现将2026年元旦、…).
const YEAR_IN_TEXT = [/关于(\d{4})年(?:部分)?节假日/u, /现将(\d{4})年/u, /^(\d{4})年(?:部分)?节假日安排/u];

interface DateToken {
  year: number | null;
  month: number | null;
  day: number;
  note: string | null;
  text: string;
}

interface Cursor {
  s: string;
  at: number;
}

const DATE_TOKEN = /(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\(([^()]*)\))?/y;

function readDate(c: Cursor): DateToken | null {
  DATE_TOKEN.lastIndex = c.at;
  const m = DATE_TOKEN.exec(c.s);
  if (!m) return null;
  c.at = DATE_TOKEN.lastIndex;
  return { year: m[1] ? Number(m[1]) : null, month: m[2] ? Number(m[2]) : null, day: Number(m[3]), note: m[4] ?? null, text: m[0] };
}

function readWord(c: Cursor, word: RegExp): RegExpExecArray | null {
  const sticky = new RegExp(word.source, 'uy');
  sticky.lastIndex = c.at;
  const m = sticky.exec(c.s);
  if (m) c.at = sticky.lastIndex;
  return m;
}

function countOf(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 1) return CN_DIGITS[text] ?? null;
  if (/^十[一二三四五六七八九]$/u.test(text)) return 10 + CN_DIGITS[text[1]!]!;
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 2000 || year > 2099 || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

function weekdayOf(date: string): number {
  return isoWeekdayOfDay(dayOfDate(date)!);
}

function nextDate(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** What one sentence of a holiday's line said. */
type SentenceReading =
  | { kind: 'off'; dates: string[] }
  | { kind: 'work'; dates: string[] }
  | { kind: 'unread'; reason: { zh: string; en: string } }
  | { kind: 'failed' };

interface LineContext {
  year: number;
  line: number;
  sentence: string;
  problems: NoticeProblem[];
}

function problem(ctx: { line: number; sentence?: string }, severity: NoticeProblem['severity'], code: NoticeProblemCode, zh: string, en: string, text?: string): NoticeProblem {
  return { severity, code, line: ctx.line, text: text ?? ctx.sentence ?? null, message: { zh, en } };
}

/**
 * The date a token stands for: its own year and month when written, else those of the date before it on the
 * line (the start of a range, the previous day of a list), else the notice's year. Null when it is no date.
 */
function resolve(ctx: LineContext, token: DateToken, previous: { year: number; month: number } | null): { date: string; year: number; month: number } | null {
  const month = token.month ?? previous?.month ?? null;
  if (month === null) {
    ctx.problems.push(problem(ctx, 'error', 'MONTH_MISSING', `“${token.text}”没有写月份,无法确定是哪一天。`, `"${token.text}" has no month, so the day cannot be told.`));
    return null;
  }
  const year = token.year ?? previous?.year ?? ctx.year;
  const date = isoDate(year, month, token.day);
  if (!date) {
    ctx.problems.push(problem(ctx, 'error', 'BAD_DATE', `“${token.text}”不是${year}年的有效日期。`, `"${token.text}" is not a real date in ${year}.`));
    return null;
  }
  checkNote(ctx, token, date);
  return { date, year, month };
}

/** The note in brackets after a date: a weekday to check (周四, 星期日), a lunar date (农历除夕), nothing else. */
function checkNote(ctx: LineContext, token: DateToken, date: string): void {
  if (token.note === null) return;
  for (const part of token.note.split(/[、,]/u).filter(Boolean)) {
    const weekday = /^(?:周|星期|礼拜)([一二三四五六日天])$/u.exec(part);
    if (weekday) {
      const stated = WEEKDAY_CHARS[weekday[1]!]!;
      const actual = weekdayOf(date);
      if (stated !== actual) {
        ctx.problems.push(
          problem(
            ctx,
            'error',
            'WEEKDAY_MISMATCH',
            `${date} 是${WEEKDAY_ZH[actual]},通知却写“${part}”(“${token.text}”):请检查年份和日期。`,
            `${date} is a ${WEEKDAY_EN[actual]}, but the notice says ${part} (${WEEKDAY_EN[stated]}) at "${token.text}": check the year and the date.`,
          ),
        );
      }
      continue;
    }
    // The lunar date cannot be checked without a lunar calendar; it is shown with the sentence, and not needed.
    if (/^农历/u.test(part) || /^(?:除夕|初[一二三四五六七八九十]|正月|腊月)/u.test(part)) continue;
    ctx.problems.push(problem(ctx, 'warning', 'UNREAD_NOTE', `括号中的“${part}”未能识别,未作检查。`, `The note "${part}" in brackets was not understood and not checked.`, token.text));
  }
}

/**
 * Clauses that follow a holiday's days and say nothing more about which days: 共3天 (its count, to check),
 * 与周末连休, 不调休. Null when a clause is something else: the sentence is then not read at all.
 */
function readTrailingClauses(c: Cursor): { text: string; count: number | null }[] | null {
  const totals: { text: string; count: number | null }[] = [];
  while (c.at < c.s.length) {
    if (!readWord(c, /,/)) return null;
    const total = readWord(c, /共(\d+|[一二两三四五六七八九十]{1,2})天/);
    if (total) {
      totals.push({ text: total[0], count: countOf(total[1]!) });
      continue;
    }
    if (readWord(c, /与周末连休|不调休|调休/)) continue;
    return null;
  }
  return totals;
}

/** 1月1日(周四)至3日(周六)放假调休,共3天 · 6月10日放假,与周末连休 · 1月1日(周三)放假1天,不调休 */
function readDaysOff(ctx: LineContext, s: string): SentenceReading | null {
  // The grammar first, so that a sentence that is not read leaves no problems about its dates behind.
  const c: Cursor = { s, at: 0 };
  const first = readDate(c);
  if (!first) return null;
  let last: DateToken | null = null;
  if (readWord(c, /至|到|~|-|—|–/)) {
    last = readDate(c);
    if (!last) return null;
  }
  if (!readWord(c, /放假(?:调休|公休)?/)) return null;
  const stated = readWord(c, /(\d+|[一二两三四五六七八九十]{1,2})天/);
  const totals = readTrailingClauses(c);
  if (!totals) return null;
  if (stated) totals.unshift({ text: `放假${stated[0]}`, count: countOf(stated[1]!) });

  const start = resolve(ctx, first, null);
  const end = last ? resolve(ctx, last, start && { year: start.year, month: start.month }) : start;
  if (!start || !end) return { kind: 'failed' };
  if (last && last.year === null && first.year === null && end.date < start.date && last.month !== null && last.month < start.month) {
    ctx.problems.push(
      problem(ctx, 'error', 'RANGE_CROSSES_YEAR', `“${first.text}至${last.text}”跨越年份:请写明年份(如 2030年12月31日至2031年1月2日)。`, `"${first.text}至${last.text}" crosses the year: write the years out (e.g. 2030年12月31日至2031年1月2日).`),
    );
    return { kind: 'failed' };
  }
  if (end.date < start.date) {
    ctx.problems.push(problem(ctx, 'error', 'RANGE_REVERSED', `“${first.text}至${last!.text}”的结束早于开始。`, `"${first.text}至${last!.text}" ends before it starts.`));
    return { kind: 'failed' };
  }
  const dates: string[] = [];
  for (let d = start.date; d <= end.date; d = nextDate(d)) dates.push(d);
  for (const total of totals) {
    if (total.count === dates.length) continue;
    ctx.problems.push(
      problem(ctx, 'error', 'DAY_COUNT_MISMATCH', `“${total.text}”与读到的 ${dates.length} 天不一致:请检查日期。`, `"${total.text}" (${total.count ?? '?'} days) does not match the ${dates.length} day(s) read: check the dates.`),
    );
  }
  return { kind: 'off', dates };
}

/** 1月4日(周日)上班 · 2月14日(周六)、2月28日(周六)上班 */
function readWorkingDays(ctx: LineContext, s: string): SentenceReading | null {
  const c: Cursor = { s, at: 0 };
  const tokens: DateToken[] = [];
  for (;;) {
    const token = readDate(c);
    if (!token) return null;
    tokens.push(token);
    if (!readWord(c, /[、,]/)) break;
  }
  if (!readWord(c, /(?:调休)?(?:上班|补班)$/)) return null;
  const dates: string[] = [];
  let previous: { year: number; month: number } | null = null;
  let failed = false;
  for (const token of tokens) {
    const resolved = resolve(ctx, token, previous);
    if (!resolved) {
      failed = true;
      continue;
    }
    previous = { year: resolved.year, month: resolved.month };
    dates.push(resolved.date);
  }
  return failed ? { kind: 'failed' } : { kind: 'work', dates };
}

function readSentence(ctx: LineContext, s: string): SentenceReading {
  const off = readDaysOff(ctx, s);
  if (off) return off;
  const work = readWorkingDays(ctx, s);
  if (work) return work;
  if (/^鼓励/u.test(s)) {
    return { kind: 'unread', reason: { zh: '建议性安排,不是法定放假日,未读取', en: 'a recommendation, not a public holiday: not read' } };
  }
  if (MENTIONS_DAY.test(s)) {
    return { kind: 'unread', reason: { zh: '提到了日期,但无法读取为放假或上班:请核对,必要时逐行添加', en: 'names a day but cannot be read as a day off or a working day: check it, and add it row by row if needed' } };
  }
  return { kind: 'unread', reason: { zh: '未提到日期,未读取', en: 'names no day: not read' } };
}

function yearOfText(lines: string[]): number | null {
  for (const pattern of YEAR_IN_TEXT) {
    for (const line of lines) {
      const m = pattern.exec(line);
      if (m) return Number(m[1]);
    }
  }
  return null;
}

/**
 * Splits a notice pasted as one paragraph before each numbered holiday (…上班。二、春节:…), so that its lines
 * read the same as when pasted with line breaks.
 */
function linesOf(text: string): { line: number; raw: string; norm: string }[] {
  const out: { line: number; raw: string; norm: string }[] = [];
  text.split(/\r\n|\r|\n/u).forEach((raw, i) => {
    const pieces = raw.split(/(?<=[。.;])(?=\s*[一二三四五六七八九十]{1,3}、[^:：,，。]{1,60}[:：])/u);
    for (const piece of pieces) {
      const norm = normalizeNoticeText(piece);
      if (norm) out.push({ line: i + 1, raw: piece.trim(), norm });
    }
  });
  return out;
}

/** Reads a pasted notice. `year`: the year to assume when the text does not say (its title was not pasted). */
export function parseHolidayNotice(text: string, options: { year?: number } = {}): NoticeReading {
  const lines = linesOf(text);
  const problems: NoticeProblem[] = [];
  const textYear = yearOfText(lines.map((l) => l.norm));
  let year: number | null = textYear ?? options.year ?? null;
  const yearFrom = textYear !== null ? 'text' : options.year !== undefined ? 'given' : null;
  if (textYear !== null && options.year !== undefined && options.year !== textYear) {
    problems.push({
      severity: 'error',
      code: 'YEAR_MISMATCH',
      line: null,
      text: null,
      message: { zh: `通知写的是 ${textYear} 年,所选年份却是 ${options.year} 年:请选择正确的年份或粘贴正确的通知。`, en: `The notice is for ${textYear}, but ${options.year} was chosen: choose the right year or paste the right notice.` },
    });
    year = null;
  }

  const sections: NoticeSection[] = [];
  const unread: NoticeReading['unread'] = [];
  const otherLines: NoticeReading['otherLines'] = [];
  const byDate = new Map<string, NoticeDay>();
  const headed = lines.map((l) => ({ ...l, heading: HEADING.exec(l.norm) })).map((l) => ({ ...l, isHoliday: l.heading !== null && MENTIONS_DAY.test(l.heading[2]!) }));

  if (year === null && problems.length === 0) {
    problems.push({
      severity: 'error',
      code: 'YEAR_UNKNOWN',
      line: null,
      text: null,
      message: { zh: '无法确定年份:请连同标题(国务院办公厅关于YYYY年部分节假日安排的通知)一起粘贴,或选择年份。', en: 'The year is unknown: paste the notice with its title (国务院办公厅关于YYYY年部分节假日安排的通知), or choose the year.' },
    });
  }

  for (const l of headed) {
    if (!l.isHoliday) {
      otherLines.push({ line: l.line, text: l.raw });
      // A line that talks of days off or working days but is not laid out as a holiday's line is not skipped silently.
      if (MENTIONS_DAY.test(l.norm) && /放假|上班/u.test(l.norm)) {
        problems.push(
          problem(
            { line: l.line },
            'warning',
            'UNREAD_SENTENCE',
            '这一行提到了放假或上班的日期,但不是“一、元旦:…”这样的节日行,未读取:请核对。',
            'This line names days off or working days but is not laid out as a holiday line ("一、元旦:…"), so it was not read: check it.',
            l.raw,
          ),
        );
      }
      continue;
    }
    if (year === null) continue;
    const names = l.heading![1]!.split(/、/u).filter(Boolean);
    const section: NoticeSection = { line: l.line, names, holiday: names.join('、'), off: [], work: [] };
    sections.push(section);
    // Sentences end with 。, or with ; or . in a notice typed with half-width punctuation.
    for (const sentence of l.heading![2]!.split(/[。;.]/u).filter(Boolean)) {
      const ctx: LineContext = { year, line: l.line, sentence, problems };
      const reading = readSentence(ctx, sentence);
      if (reading.kind === 'unread') {
        unread.push({ line: l.line, text: sentence, reason: reading.reason });
        if (MENTIONS_DAY.test(sentence) && !/^鼓励/u.test(sentence)) {
          problems.push(problem(ctx, 'warning', 'UNREAD_SENTENCE', `“${section.holiday}”这一句提到了日期,但未能读取:请核对。`, `A sentence of ${section.holiday} names a day but could not be read: check it.`));
        }
        continue;
      }
      if (reading.kind === 'failed') continue;
      for (const date of reading.dates) {
        const day: NoticeDay = { date, kind: reading.kind, name: reading.kind === 'off' ? section.holiday : `${section.holiday}调休上班`, line: l.line, sentence };
        const seen = byDate.get(date);
        if (seen && seen.kind !== day.kind) {
          problems.push(problem(ctx, 'error', 'DATE_CONFLICT', `${date} 既是放假日(${seen.kind === 'off' ? seen.name : day.name})又是上班日。`, `${date} is read both as a day off and as a working day.`));
          continue;
        }
        if (seen) {
          problems.push(problem(ctx, 'warning', 'DUPLICATE_DATE', `${date} 出现了两次,以第一次(${seen.name})为准。`, `${date} appears twice; the first (${seen.name}) stands.`));
          continue;
        }
        byDate.set(date, day);
        (reading.kind === 'off' ? section.off : section.work).push(date);
        if (reading.kind === 'work' && weekdayOf(date) <= 5) {
          problems.push(problem(ctx, 'warning', 'MAKE_UP_DAY_ON_WEEKDAY', `${date} 是${WEEKDAY_ZH[weekdayOf(date)]},本来就上班:请核对。`, `${date} is a ${WEEKDAY_EN[weekdayOf(date)]} and worked anyway: check it.`));
        }
      }
    }
    if (section.off.length === 0 && !problems.some((p) => p.line === l.line && p.severity === 'error')) {
      problems.push(problem({ line: l.line }, 'error', 'NO_DAYS_OFF', `“${section.holiday}”这一行没有读到放假日期。`, `No day off was read on the line of ${section.holiday}.`, l.raw));
    }
  }

  if (year !== null && sections.length === 0) {
    problems.push({
      severity: 'error',
      code: 'NO_HOLIDAY_LINES',
      line: null,
      text: null,
      message: { zh: '没有找到“一、元旦:1月1日放假……”这样的节日行。', en: 'No holiday line such as "一、元旦:1月1日放假……" was found.' },
    });
  }
  const offNames = new Set(sections.filter((s) => s.off.length > 0).map((s) => s.holiday));
  if (sections.length > 0 && offNames.size < 3) {
    problems.push({
      severity: 'warning',
      code: 'FEW_HOLIDAYS',
      line: null,
      text: null,
      message: {
        zh: `只读到 ${offNames.size} 个节日的放假安排:一年的安排至少有 3 个节日,否则该年仍按“没有节假日数据”处理。`,
        en: `Days off were read for ${offNames.size} holiday(s) only: a year's schedule names at least 3, or the year still counts as having no holiday data.`,
      },
    });
  }
  const days = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { year, yearFrom, sections, days, problems, unread, otherLines };
}
