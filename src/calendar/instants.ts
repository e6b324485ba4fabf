// Instants as people type and read them: a date in China or an ISO instant turned into a UTC instant (effective
// dates, contract dates, report runs), and instants written back as Shanghai dates and times. General time, used
// from the calendar up; the calendar's own day arithmetic is shanghai-time.ts.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export class InvalidInstantError extends Error {
  constructor(
    readonly input: string,
    reason = 'is not a date (YYYY-MM-DD) or an ISO-8601 instant with an offset',
  ) {
    super(`"${input}" ${reason}`);
    this.name = 'InvalidInstantError';
  }
}

/**
 * Instants the product reasons about: contracts, holidays and deadlines of this century. Anything else is
 * a typo (2206 for 2026) that would only fill calendar tables and print nonsense.
 */
export const SUPPORTED_YEARS = { from: 2000, to: 2099 } as const;
const SUPPORTED_MS = [Date.UTC(SUPPORTED_YEARS.from, 0, 1), Date.UTC(SUPPORTED_YEARS.to + 1, 0, 1)] as const;

export function isSupportedInstant(date: Date): boolean {
  const ms = date.getTime();
  return ms >= SUPPORTED_MS[0] && ms < SUPPORTED_MS[1];
}

export const UNSUPPORTED_INSTANT = `must lie in the years ${SUPPORTED_YEARS.from}–${SUPPORTED_YEARS.to}`;

/** `2026-12-01` means midnight in Asia/Shanghai; an instant must carry its offset (or Z). */
export function parseInstant(input: string): Date {
  const trimmed = input.trim();
  const date = DATE_ONLY.exec(trimmed);
  if (date) {
    const [, y, m, d] = date.map(Number) as [number, number, number, number];
    const utc = Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
    const check = new Date(utc + SHANGHAI_OFFSET_MS);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new InvalidInstantError(input);
    return supported(new Date(utc), input);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) throw new InvalidInstantError(input);
  const parsed = new Date(trimmed);
  if (Number.isNaN(parsed.getTime())) throw new InvalidInstantError(input);
  // Date accepts 24:00 and rolls it into the next day; people mean no such thing.
  const [, hh, mm, ss] = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(trimmed)!.map(Number) as [number, number, number, number];
  if (hh > 23 || mm > 59 || (ss ?? 0) > 59) throw new InvalidInstantError(input);
  return supported(parsed, input);
}

function supported(date: Date, input: string): Date {
  if (!isSupportedInstant(date)) throw new InvalidInstantError(input, UNSUPPORTED_INSTANT);
  return date;
}

// Decisions format an instant and a date for every answer; Date#toISOString is most of a decision's cost.
// Days repeat (a year has 365 of them), so their text is cached by day number; the time of day is arithmetic.
const DAY_MS = 86_400_000;
const dayText = new Map<number, string>();

function isoDateOfDay(day: number): string {
  let text = dayText.get(day);
  if (text === undefined) {
    if (dayText.size >= 200_000) dayText.clear();
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    dayText.set(day, text);
  }
  return text;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
/** 0001-01-01 and 9999-12-31: outside them toISOString writes six-digit years, which it alone knows how to. */
const FOUR_DIGIT_YEARS = [-62_135_596_800_000, 253_402_300_799_999] as const;

/** The same text as `date.toISOString()`, faster. */
export function toUtcIso(date: Date): string {
  const ms = date.getTime();
  if (!(ms >= FOUR_DIGIT_YEARS[0] && ms <= FOUR_DIGIT_YEARS[1])) return date.toISOString();
  const day = Math.floor(ms / DAY_MS);
  const r = ms - day * DAY_MS;
  return `${isoDateOfDay(day)}T${pad2(Math.floor(r / 3_600_000))}:${pad2(Math.floor(r / 60_000) % 60)}:${pad2(Math.floor(r / 1000) % 60)}.${pad3(r % 1000)}Z`;
}

/** `2026-11-27 21:05` in Asia/Shanghai, for people. */
export function formatShanghai(iso: string): string {
  const d = new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

/** The calendar date of an instant in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDate(instant: Date): string {
  const ms = instant.getTime();
  if (!(ms >= FOUR_DIGIT_YEARS[0] && ms <= FOUR_DIGIT_YEARS[1])) return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
  return isoDateOfDay(Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS));
}
