// Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact for every date
// a response window can reach, and much cheaper than Intl on each call.
import { parseInstant, shanghaiDate } from './instants.ts';

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Days since 1970-01-01 of the Shanghai calendar date holding `ms`. */
export function dayOf(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** The instant of local midnight starting `day`. */
export function dayStartMs(day: number): number {
  return day * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** 1 = Monday … 7 = Sunday; day 0 (1970-01-01) was a Thursday. */
export function isoWeekdayOfDay(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function dateOfDay(day: number): string {
  return shanghaiDate(new Date(dayStartMs(day)));
}

/** The day index of a 'YYYY-MM-DD' date, or null when it is not a real date in that form. */
export function dayOfDate(date: string): number | null {
  if (!DATE_ONLY.test(date)) return null;
  try {
    return dayOf(parseInstant(date).getTime());
  } catch {
    return null;
  }
}

/** A calendar date `days` later (or earlier), as YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

export function firstDayOfYear(year: number): number {
  return Date.UTC(year, 0, 1) / DAY_MS;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Wall-clock parts of an instant; arithmetic rather than Date, as proofs format many instants. */
function parts(ms: number): { date: string; clock: string; seconds: string; millis: number } {
  const day = dayOf(ms);
  const t = ms - dayStartMs(day);
  const millis = Math.floor(t % 1000);
  return {
    date: dateOfDay(day),
    clock: `${pad2(Math.floor(t / HOUR_MS))}:${pad2(Math.floor((t % HOUR_MS) / MINUTE_MS))}`,
    seconds: pad2(Math.floor((t % MINUTE_MS) / 1000)),
    millis,
  };
}

/** ISO-8601 with the +08:00 offset, e.g. 2026-02-24T17:00:00+08:00 (milliseconds only when there are some). */
export function formatShanghaiIso(ms: number): string {
  const p = parts(ms);
  return `${p.date}T${p.clock}:${p.seconds}${p.millis === 0 ? '' : `.${String(p.millis).padStart(3, '0')}`}+08:00`;
}

/** Local clock time, HH:mm, with seconds only when there are some. */
const clock = (p: ReturnType<typeof parts>) => (p.seconds === '00' ? p.clock : `${p.clock}:${p.seconds}`);

/** 2026年2月24日 17:00 */
export function formatZh(ms: number): string {
  const p = parts(ms);
  return `${Number(p.date.slice(0, 4))}年${Number(p.date.slice(5, 7))}月${Number(p.date.slice(8, 10))}日 ${clock(p)}`;
}

/** 2026-02-24 17:00 */
export function formatEn(ms: number): string {
  const p = parts(ms);
  return `${p.date} ${clock(p)}`;
}

/** 2月15日, or 2027年1月1日 when the year is not `contextYear`. */
export function formatDateZh(date: string, contextYear: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y === contextYear ? '' : `${y}年`}${m}月${d}日`;
}

/** Feb 15, or Jan 1, 2027 when the year is not `contextYear`. */
export function formatDateEn(date: string, contextYear: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${MONTHS_EN[m - 1]} ${d}${y === contextYear ? '' : `, ${y}`}`;
}
