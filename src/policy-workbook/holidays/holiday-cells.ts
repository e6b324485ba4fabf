// The spellings people type into the 节假日 sheet: dates and 休/班. Pure text handling, like the calendar cells,
// so a bad cell is reported with what was expected; the holiday pages read the same spellings.
import { matchKey, normalizeCellText } from '../../workbook/cell-text.ts';

const DATE_FORMS = [/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/u, /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/u];
// A year outside this range is a slip (a time-only cell reads as 1899/1900), not a holiday someone means.
const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** 'YYYY-MM-DD' for a date a person typed (Excel date cells arrive as 'YYYY-MM-DD'), or null. */
export function parseHolidayDate(text: string): string | null {
  const norm = normalizeCellText(text).replace(/\s+/gu, '');
  for (const form of DATE_FORMS) {
    const m = form.exec(norm);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(year, month - 1, day));
    // Date.UTC rolls 2月30日 over into March: only a date that reads back the same is real.
    if (year < FIRST_YEAR || year > LAST_YEAR || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
    return date.toISOString().slice(0, 10);
  }
  return null;
}

export const DATE_EXPECTED = { zh: `${FIRST_YEAR}–${LAST_YEAR} 年间的日期,如“2026-02-16”、“2026/2/16”或“2026年2月16日”`, en: `a date in ${FIRST_YEAR}–${LAST_YEAR}, e.g. 2026-02-16, 2026/2/16 or 2026年2月16日` };

// Compared by matchKey: letters in any case, spaces ignored ("Day off" is "dayoff").
const OFF_WORDS = new Set(
  ['休', '休息', '放假', '休假', '假', 'off', 'holiday', 'public holiday', 'day off', 'rest day', 'closed', 'non-working day'].map(matchKey),
);
const WORK_WORDS = new Set(
  [
    ...['班', '上班', '调休上班', '补班', '调休', 'work', 'working', 'working day', 'workday', 'business day'],
    ...['make-up day', 'makeup day', 'make-up workday', 'makeup workday', 'make-up working day', 'makeup working day', 'adjusted working day'],
  ].map(matchKey),
);

export function parseHolidayKind(text: string): 'off' | 'work' | null {
  const key = matchKey(text);
  return OFF_WORDS.has(key) ? 'off' : WORK_WORDS.has(key) ? 'work' : null;
}

export const KIND_EXPECTED = {
  zh: '“休”(休息、放假、Holiday、Day off)或“班”(上班、调休上班、补班、Working day、Make-up day)',
  en: 'Holiday or 休 (a day off: Day off, 休息, 放假) or Working day or 班 (a make-up working day: Make-up day, 上班, 调休上班, 补班)',
};

