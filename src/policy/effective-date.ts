// Effective dates as people type them (a date in China, or an instant) turned into UTC instants.

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;

export class InvalidInstantError extends Error {
  constructor(readonly input: string) {
    super(`"${input}" is not a date (YYYY-MM-DD) or an ISO-8601 instant with an offset`);
    this.name = 'InvalidInstantError';
  }
}

/** `2026-12-01` means midnight in Asia/Shanghai; an instant must carry its offset (or Z). */
export function parseInstant(input: string): Date {
  const trimmed = input.trim();
  const date = DATE_ONLY.exec(trimmed);
  if (date) {
    const [, y, m, d] = date.map(Number) as [number, number, number, number];
    const utc = Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
    const check = new Date(utc + SHANGHAI_OFFSET_MS);
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new InvalidInstantError(input);
    return new Date(utc);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) throw new InvalidInstantError(input);
  const parsed = new Date(trimmed);
  if (Number.isNaN(parsed.getTime())) throw new InvalidInstantError(input);
  // Date accepts 24:00 and rolls it into the next day; people mean no such thing.
  const [, hh, mm, ss] = /T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(trimmed)!.map(Number) as [number, number, number, number];
  if (hh > 23 || mm > 59 || (ss ?? 0) > 59) throw new InvalidInstantError(input);
  return parsed;
}

export function toUtcIso(date: Date): string {
  return date.toISOString();
}

/** `2026-11-27 21:05` in Asia/Shanghai, for people. */
export function formatShanghai(iso: string): string {
  const d = new Date(new Date(iso).getTime() + SHANGHAI_OFFSET_MS);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}

// Decisions ask for the same few days over and over; formatting a date is most of a decision's cost.
let lastDay = NaN;
let lastDate = '';

/** The calendar date of an instant in Asia/Shanghai, as YYYY-MM-DD. */
export function shanghaiDate(instant: Date): string {
  const day = Math.floor((instant.getTime() + SHANGHAI_OFFSET_MS) / 86_400_000);
  if (day !== lastDay) {
    lastDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
    lastDay = day;
  }
  return lastDate;
}
