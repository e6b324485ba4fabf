// The spellings people type into the 服务时间 sheet's calendars: weekdays, working hours and whether public holidays
// are kept. Pure text handling, like cell-vocabulary.ts, so a bad cell is reported with what was expected.
import { matchKey, normalizeCellText } from '../../workbook/cell-text.ts';

export type WeekdayKey = '1' | '2' | '3' | '4' | '5' | '6' | '7';
export interface Period {
  start: string;
  end: string;
}

const DAY_CHARS = '一二三四五六日';
const WEEKDAY_ALIASES: Record<string, readonly number[]> = {
  每天: [1, 2, 3, 4, 5, 6, 7],
  每日: [1, 2, 3, 4, 5, 6, 7],
  全周: [1, 2, 3, 4, 5, 6, 7],
  天天: [1, 2, 3, 4, 5, 6, 7],
  工作日: [1, 2, 3, 4, 5],
  周末: [6, 7],
  双休日: [6, 7],
};
const RANGE = new RegExp(`^周([${DAY_CHARS}])[至到~\\-–—]周?([${DAY_CHARS}])$`, 'u');
const DAYS = new RegExp(`^周([${DAY_CHARS}]+)$`, 'u');
const BARE_DAYS = new RegExp(`^[${DAY_CHARS}]+$`, 'u');
const dayOf = (ch: string) => DAY_CHARS.indexOf(ch) + 1;

// English weekday words, as an international office types them, become the Chinese forms before the cell is read,
// so both languages go through one grammar: "Monday to Friday" is 周一至周五, "Mon, Wed & Fri" 周一、周三、周五.
// Checked in order, the longer phrases first; each pattern matches whole words of a lower-cased cell.
const ENGLISH_WEEKDAY_WORDS: readonly (readonly [string, string])[] = [
  ['every ?day|daily|all week|7 days a week|seven days a week', '每天'],
  ['week ?days|working days|work ?days|business days', '工作日'],
  ['week ?ends?', '周末'],
  ['mondays?|mon', '周一'],
  ['tuesdays?|tues|tue', '周二'],
  ['wednesdays?|wed', '周三'],
  ['thursdays?|thurs|thur|thu', '周四'],
  ['fridays?|fri', '周五'],
  ['saturdays?|sat', '周六'],
  ['sundays?|sun', '周日'],
  ['to|through|thru|till|until', '至'],
  ['and|&', '、'],
];
const ENGLISH_WEEKDAYS = ENGLISH_WEEKDAY_WORDS.map(([words, zh]) => [new RegExp(`\\s*(?<![a-z])(?:${words})(?![a-z])\\s*`, 'gu'), zh] as const);

function fromEnglish(norm: string): string {
  if (!/[a-z]/iu.test(norm)) return norm;
  return ENGLISH_WEEKDAYS.reduce((text, [re, zh]) => text.replace(re, zh), norm.toLowerCase());
}

/** ISO weekdays, ascending, for 周一至周五, 每天, 周一、周三、周五, 周一、三、五, 周六日, 星期一…; null when unreadable or empty. */
export function parseWeekdays(text: string): number[] | null {
  const norm = fromEnglish(normalizeCellText(text)).replace(/星期|礼拜/gu, '周').replace(/周天/gu, '周日').replace(/(?<=[周至到~\-–—])天/gu, '日');
  const days = new Set<number>();
  const items = norm.split(/[、,;/\s和及与]+/u).filter((item) => item !== '');
  for (const item of items) {
    // Own keys only: a cell saying "constructor" must not find Object's (the fuzz suite's find: a TypeError, not an issue).
    const alias = Object.hasOwn(WEEKDAY_ALIASES, item) ? WEEKDAY_ALIASES[item] : undefined;
    const range = RANGE.exec(item);
    const list = DAYS.exec(item);
    if (alias) alias.forEach((d) => days.add(d));
    else if (range) {
      const [from, to] = [dayOf(range[1]!), dayOf(range[2]!)];
      // 周五至周一 could mean the weekend shift or a typo; it must be written out either way.
      if (from > to) return null;
      for (let d = from; d <= to; d++) days.add(d);
    } else if (list) [...list[1]!].forEach((ch) => days.add(dayOf(ch)));
    // 周一、三、五: after the first item, 周 may be left out.
    else if (days.size > 0 && BARE_DAYS.test(item)) [...item].forEach((ch) => days.add(dayOf(ch)));
    else return null;
  }
  return days.size === 0 ? null : [...days].sort((a, b) => a - b);
}

export const WEEKDAYS_EXPECTED = {
  zh: '工作日,如“周一至周五”、“每天”、“周一、周三、周五”、“周六日”、“Mon-Fri”或“Monday to Friday”',
  en: 'the working weekdays, e.g. Mon-Fri, Monday to Friday, Every day, Mon, Wed, Fri, 周一至周五 or 每天',
};

const NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** The weekdays as a person writes them; parseWeekdays reads it back to the same days. */
export function formatWeekdays(days: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < days.length; ) {
    let j = i;
    while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
    if (j - i >= 2) parts.push(`${NAMES[days[i]!]}至${NAMES[days[j]!]}`);
    else for (let k = i; k <= j; k++) parts.push(NAMES[days[k]!]!);
    i = j + 1;
  }
  return parts.join('、');
}

export type HoursParse = { ok: true; periods: Period[] } | { ok: false; problem: 'unreadable' | 'reversed' | 'overlapping'; detail: string };

const PERIOD = /^(\d{1,2})(?::(\d{2}))?[-–—~至到](\d{1,2})(?::(\d{2}))?$/u;
const ALL_DAY = new Set(['全天', '24小时', '全天24小时', 'all day', '24 hours', '24h', '24 hrs', 'around the clock', 'round the clock'].map(matchKey));
// "9am-6pm", "9:30 am to 6 pm": the 12-hour clock as 24-hour text; "to" as a range dash.
const TWELVE_HOUR = /(\d{1,2})(?::(\d{2}))?\s?([ap])\.?m\.?(?![a-z])/giu;
const RANGE_WORD = /\s*(?<![a-z])(?:to|until|till)(?![a-z])\s*/giu;

function from12Hour(norm: string): string {
  // "to" first: "9 a.m.to 6 p.m." (a space beside a full stop is dropped) would leave a.m. glued to it.
  return norm.replace(RANGE_WORD, '-').replace(TWELVE_HOUR, (_all, h: string, m: string | undefined, half: string) => {
    const hour = (Number(h) % 12) + (half.toLowerCase() === 'p' ? 12 : 0);
    return `${hour}:${m ?? '00'}`;
  });
}

function clock(hours: string, minutes: string | undefined, isEnd: boolean): string | null {
  const [h, m] = [Number(hours), Number(minutes ?? '0')];
  if (m > 59 || h > 24 || (h === 24 && (m !== 0 || !isEnd))) return null;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Working periods for '09:00-12:00、13:00-18:00', '9:00–12:00, 13:00–18:00', '08:00-20:00', 全天; sorted. */
export function parseWorkingHours(text: string): HoursParse {
  const norm = from12Hour(normalizeCellText(text));
  if (ALL_DAY.has(matchKey(norm))) return { ok: true, periods: [{ start: '00:00', end: '24:00' }] };
  const periods: Period[] = [];
  for (const item of norm.split(/[、,;\s]+/u).filter((i) => i !== '')) {
    const m = PERIOD.exec(item);
    const start = m && clock(m[1]!, m[2], false);
    const end = m && clock(m[3]!, m[4], true);
    if (!start || !end) return { ok: false, problem: 'unreadable', detail: item };
    // 'HH:MM' compares in time order as text.
    if (start >= end) return { ok: false, problem: 'reversed', detail: item };
    periods.push({ start, end });
  }
  if (periods.length === 0) return { ok: false, problem: 'unreadable', detail: norm };
  periods.sort((a, b) => (a.start < b.start ? -1 : 1));
  for (let i = 1; i < periods.length; i++) {
    const [before, after] = [periods[i - 1]!, periods[i]!];
    if (before.end > after.start) return { ok: false, problem: 'overlapping', detail: `${formatPeriod(before)}、${formatPeriod(after)}` };
  }
  return { ok: true, periods };
}

export const HOURS_EXPECTED = {
  zh: '不重叠的工作时段,如“09:00-12:00、13:00-18:00”、“08:00-20:00”或“All day”(开始早于结束,结束最晚 24:00)',
  en: 'working periods that do not overlap, e.g. 09:00-12:00, 13:00-18:00, 08:00-20:00, 9am-6pm or All day (start before end, end at most 24:00)',
};

const formatPeriod = (p: Period) => `${p.start}-${p.end}`;

export function formatPeriods(periods: readonly Period[]): string {
  return periods.map(formatPeriod).join('、');
}

const OBSERVES = new Set(
  ['', '休息', '休', '是', '放假', '休假', '✓', '√', 'y', 'yes', 'true', 'observed', 'off', 'day off', 'days off', 'holidays off', 'closed', 'rest'].map(matchKey),
);
const IGNORES = new Set(
  ['照常', '上班', '否', '不休', '照常上班', '不休息', '不放假', '×', 'n', 'no', 'false', 'not observed', 'as usual', 'business as usual', 'open', 'working', 'work'].map(matchKey),
);

/** 法定节假日: whether public holidays are days off; blank means they are. */
export function parseObservesHolidays(text: string): boolean | null {
  const key = matchKey(text);
  return OBSERVES.has(key) ? true : IGNORES.has(key) ? false : null;
}

export const OBSERVES_EXPECTED = {
  zh: '“休息”或“Yes”(法定节假日休息、调休上班日上班,留空同此)或“照常”或“No”(节假日照常工作)',
  en: 'Yes or 休息 (public holidays off, make-up days worked; also when blank) or No or 照常 (holidays worked as usual)',
};
