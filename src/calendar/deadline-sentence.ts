// The one-sentence explanation of a deadline, in Chinese and in English, that a customer can check by hand.
import type { ResponseWindow } from '../catalog/catalog.ts';
import type { BilingualText, Calendar, CalendarWarning } from './calendar-types.ts';
import { dayOf, formatDateEn, formatDateZh, formatEn, formatZh, HOUR_MS, yearOfDay } from './shanghai-time.ts';

export interface HolidayRun {
  name: string;
  /** Consecutive dates, ascending. */
  dates: string[];
}

export interface SentenceFacts {
  calendar: Calendar;
  startMs: number;
  clockStart: number;
  at: number;
  duration: number | ResponseWindow;
  durationMs: number;
  runs: readonly HolidayRun[];
  makeUpDates: readonly string[];
  warnings: readonly CalendarWarning[];
}

const amount = (n: number) => String(Math.round(n * 100) / 100);
const plural = (n: number, word: string) => `${amount(n)} ${word}${n === 1 ? '' : 's'}`;

/** The window as the policy states it: 1 个工作日（8 工作小时）, 4 个工作小时. */
function windowText(duration: number | ResponseWindow, durationMs: number): BilingualText {
  const hours = durationMs / HOUR_MS;
  if (typeof duration !== 'number' && duration.unit === 'working_day') {
    return {
      zh: `${amount(duration.amount)} 个工作日（${amount(hours)} 工作小时）`,
      en: `${plural(duration.amount, 'working day')} (${plural(hours, 'working hour')})`,
    };
  }
  return { zh: `${amount(hours)} 个工作小时`, en: plural(hours, 'working hour') };
}

function rangeZh(run: HolidayRun, year: number): string {
  const first = formatDateZh(run.dates[0]!, year);
  return run.dates.length === 1 ? first : `${first}—${formatDateZh(run.dates.at(-1)!, year)}`;
}

function rangeEn(run: HolidayRun, year: number): string {
  const first = formatDateEn(run.dates[0]!, year);
  return run.dates.length === 1 ? first : `${first} – ${formatDateEn(run.dates.at(-1)!, year)}`;
}

/**
 * e.g. 2026年2月14日 17:00 受理，按标准工作日计 1 个工作日（8 工作小时），计入调休上班日 2月14日，
 * 跳过春节（2月15日—2月23日），应于 2026年2月24日 17:00 前响应。
 */
export function deadlineSentence(facts: SentenceFacts): BilingualText {
  const { calendar, startMs, clockStart, at, runs, makeUpDates, warnings } = facts;
  // Dates in the sentence drop the year when it is the year of arrival.
  const year = yearOfDay(dayOf(startMs));
  const window = windowText(facts.duration, facts.durationMs);
  const calendarEn = calendar.nameEn ? `${calendar.nameEn} (${calendar.name})` : calendar.name;

  const zh: string[] = [`${formatZh(startMs)} 受理`];
  const en: string[] = [`Received ${formatEn(startMs)} (Asia/Shanghai)`];
  if (clockStart !== startMs) {
    zh.push(`自 ${formatZh(clockStart)} 起计时`);
    en.push(`the clock starts at ${formatEn(clockStart)}`);
  }
  zh.push(`按${calendar.name}计 ${window.zh}`);
  en.push(`${window.en} on the ${calendarEn} calendar`);
  if (makeUpDates.length > 0) {
    zh.push(`计入调休上班日 ${makeUpDates.map((d) => formatDateZh(d, year)).join('、')}`);
    en.push(`counting the make-up working ${makeUpDates.length === 1 ? 'day' : 'days'} ${makeUpDates.map((d) => formatDateEn(d, year)).join(', ')}`);
  }
  if (runs.length > 0) {
    zh.push(`跳过${runs.map((r) => `${r.name}（${rangeZh(r, year)}）`).join('、')}`);
    en.push(`skipping ${runs.map((r) => `${calendar.holidayNamesEn.get(r.name) ?? r.name} (${rangeEn(r, year)})`).join(', ')}`);
  }
  // A year without holiday data is said in the sentence itself, so that no copy of it can drop the caveat.
  return {
    zh: [`${zh.join('，')}，应于 ${formatZh(at)} 前响应。`, ...warnings.map((w) => w.message.zh)].join(''),
    en: [`${en.join(', ')}; respond by ${formatEn(at)}.`, ...warnings.map((w) => w.message.en)].join(' '),
  };
}
