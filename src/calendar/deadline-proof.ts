// The proof of a deadline: which working time was counted, which holidays were skipped, which make-up days
// were worked, and one sentence a customer can check by hand. A deadline nobody can explain will be disputed.
// Building it costs far more than the deadline itself, so addBusinessTime never does.
import type { ResponseWindow } from '../catalog/catalog.ts';
import { addBusinessTime, nextWorkingMoment, windowToWorkingMs } from './business-time.ts';
import type { BilingualText, Calendar, CalendarWarning } from './calendar-types.ts';
import { deadlineSentence, type HolidayRun } from './deadline-sentence.ts';
import { dayOf, dayStartMs, formatShanghaiIso, HOUR_MS, isoWeekdayOfDay } from './shanghai-time.ts';

export interface ProofInterval {
  /** ISO-8601 with +08:00. */
  start: string;
  end: string;
  /** Working hours counted in this interval. */
  hours: number;
}

export interface NamedDate {
  date: string;
  name: string;
}

export interface DeadlineProof {
  /** The deadline, epoch ms. */
  at: number;
  /** The deadline, ISO-8601 with +08:00. */
  respondBy: string;
  calendar: string;
  receivedAt: string;
  /** Where the clock started: `receivedAt`, or the next working moment when it arrived outside working time. */
  clockStartsAt: string;
  workingHours: number;
  intervals: ProofInterval[];
  /** Holiday days between arrival and deadline, for each holiday that would otherwise have cost working time. */
  holidaysSkipped: NamedDate[];
  /** Make-up working days whose hours were counted. */
  makeUpDaysCounted: NamedDate[];
  sentence: BilingualText;
  warnings: readonly CalendarWarning[];
}

/** Hours without floating-point dust (1 min = 0.016667 h). */
const roundHours = (ms: number) => Math.round((ms / HOUR_MS) * 1e6) / 1e6;

function countedIntervals(calendar: Calendar, clockStart: number, at: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  if (at <= clockStart) return out;
  const day = dayOf(clockStart);
  let table = calendar.tables.forDay(day);
  let k = table.dayFirstPeriod[day - table.firstDay]!;
  for (;;) {
    if (k >= table.periodStart.length) {
      table = calendar.tables.forYear(table.year + 1);
      k = 0;
      continue;
    }
    const start = Math.max(table.periodStart[k]!, clockStart);
    if (start >= at) return out;
    const end = Math.min(table.periodEnd[k]!, at);
    if (end > start) out.push({ start, end });
    k++;
  }
}

/** Runs of consecutive holiday days with one name that overlap (startMs, at) and cost a working day. */
function skippedHolidays(calendar: Calendar, startMs: number, at: number): HolidayRun[] {
  const runs: HolidayRun[] = [];
  let current: (HolidayRun & { costsWork: boolean; lastDay: number }) | null = null;
  const close = () => {
    if (current?.costsWork) runs.push({ name: current.name, dates: current.dates });
    current = null;
  };
  for (let day = dayOf(startMs), last = dayOf(at); day <= last; day++) {
    if (!(dayStartMs(day) < at && dayStartMs(day + 1) > startMs)) continue;
    const date = calendar.tables.dateOf(day);
    const name = calendar.holidays.get(date);
    if (name === undefined) {
      close();
      continue;
    }
    if (current === null || current.name !== name || current.lastDay !== day - 1) {
      close();
      current = { name, dates: [], costsWork: false, lastDay: day };
    }
    current.dates.push(date);
    current.lastDay = day;
    // A holiday falling on days off anyway skipped no working time, so it explains nothing.
    if ((calendar.week[isoWeekdayOfDay(day)]?.length ?? 0) > 0) current.costsWork = true;
  }
  close();
  return runs;
}

/**
 * The deadline of `duration` (working ms, or a response window as the policy states it, which the sentence
 * then repeats) from `startMs`, with its proof. The deadline is the one addBusinessTime gives.
 */
export function explainDeadline(calendar: Calendar, startMs: number, duration: number | ResponseWindow): DeadlineProof {
  const durationMs = typeof duration === 'number' ? duration : windowToWorkingMs(calendar, duration);
  const { at, warnings } = addBusinessTime(calendar, startMs, durationMs);
  const clockStart = nextWorkingMoment(calendar, startMs);

  const intervals = countedIntervals(calendar, clockStart, at);
  const makeUpDaysCounted: NamedDate[] = [];
  for (const interval of intervals) {
    const date = calendar.tables.dateOf(dayOf(interval.start));
    const makeUp = calendar.makeUpDays.get(date);
    if (makeUp && makeUpDaysCounted.at(-1)?.date !== date) makeUpDaysCounted.push({ date, name: makeUp.name });
  }
  const runs = skippedHolidays(calendar, startMs, at);

  return {
    at,
    respondBy: formatShanghaiIso(at),
    calendar: calendar.name,
    receivedAt: formatShanghaiIso(startMs),
    clockStartsAt: formatShanghaiIso(clockStart),
    workingHours: roundHours(durationMs),
    intervals: intervals.map((i) => ({ start: formatShanghaiIso(i.start), end: formatShanghaiIso(i.end), hours: roundHours(i.end - i.start) })),
    holidaysSkipped: runs.flatMap((run) => run.dates.map((date) => ({ date, name: run.name }))),
    makeUpDaysCounted,
    sentence: deadlineSentence({ calendar, startMs, clockStart, at, duration, durationMs, runs, makeUpDates: makeUpDaysCounted.map((m) => m.date), warnings }),
    warnings,
  };
}
