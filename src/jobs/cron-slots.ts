// Cron slot arithmetic for the scheduler and for the jobs' owners: which slots an expression has in a window, the
// newest one before now, its first time of day (the reports' cut-off), and the catch-up rules jobs declare.
import { parse, validateDetailed, type ParsedFields, type ScheduledTask } from 'node-cron';
import type { CatchUp } from './job-types.ts';

export const SCHEDULE_TIMEZONE = 'Asia/Shanghai';

export const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Catch up every missed slot of the last `days` days (and retry failed ones). */
export function missedWithinDays(days: number): CatchUp {
  return { kind: 'missed', windowStart: (now) => new Date(now.getTime() - days * DAY_MS) };
}

/** Catch up every missed slot of the last `months` calendar months (and retry failed ones). */
export function missedWithinMonths(months: number): CatchUp {
  return {
    kind: 'missed',
    windowStart: (now) => {
      const d = new Date(now);
      d.setUTCMonth(d.getUTCMonth() - months);
      return d;
    },
  };
}

/** Catch up only the current slot, when it came within the last `ms`. */
export function currentSlotWithin(ms: number): CatchUp {
  return { kind: 'current', withinMs: ms };
}

/** Throws an Error naming the job and the expression when node-cron would refuse it. */
export function validateSchedule(job: string, expression: string): void {
  const result = validateDetailed(expression);
  if (result.valid) return;
  const why = result.errors.map((e) => e.message).join('; ');
  throw new Error(`The ${job} report's schedule "${expression}" is not a valid cron expression${why ? `: ${why}` : ''}`);
}

/**
 * The first time of day (HH:MM:SS, Asia/Shanghai) an expression fires: the yearly and monthly reports' cut-off
 * (report-slot.ts). `0 7 * * *` is 07:00:00; `30 6,18 * * *` is 06:30:00.
 */
export function firstTimeOfDay(expression: string): string {
  const fields = parse(expression);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.min(...fields.hour))}:${two(Math.min(...fields.minute))}:${two(Math.min(...fields.second))}`;
}

/**
 * The expression's slots in (after, upTo], oldest first. Asia/Shanghai has kept UTC+8 since 1991, so a UTC minute
 * is the local minute and the minute field rules out most minutes before node-cron's matcher (slow: it formats
 * the date in the time zone) is asked; the second field is independent of the others, so one match per minute does.
 */
export function slotsBetween(task: ScheduledTask, fields: ParsedFields, after: Date, upTo: Date): Date[] {
  const minutes = new Set(fields.minute);
  const seconds = [...fields.second].sort((a, b) => a - b);
  const slots: Date[] = [];
  for (let m = Math.floor(after.getTime() / MINUTE_MS) * MINUTE_MS; m <= upTo.getTime(); m += MINUTE_MS) {
    if (!minutes.has(new Date(m).getUTCMinutes()) || !task.match(new Date(m + seconds[0]! * 1000))) continue;
    for (const s of seconds) {
      const at = m + s * 1000;
      if (at > after.getTime() && at <= upTo.getTime()) slots.push(new Date(at));
    }
  }
  return slots;
}

/** The newest slot at or before `now`, within `lookbackMs`. */
export function currentSlot(task: ScheduledTask, fields: ParsedFields, now: Date, lookbackMs: number): Date | null {
  const minutes = new Set(fields.minute);
  const seconds = [...fields.second].sort((a, b) => b - a);
  for (let m = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS; m > now.getTime() - lookbackMs; m -= MINUTE_MS) {
    if (!minutes.has(new Date(m).getUTCMinutes()) || !task.match(new Date(m + seconds.at(-1)! * 1000))) continue;
    const s = seconds.find((sec) => m + sec * 1000 <= now.getTime());
    if (s !== undefined) return new Date(m + s * 1000);
  }
  return null;
}
