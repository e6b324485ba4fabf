// When a report is owed, and the instant its figures are fixed at (its cut-off). A yearly report is owed once its
// contract year has ended, at the yearly slot of the next day (07:00 Shanghai by default); the monthly one at the
// monthly slot on the 1st (08:00). Every run — scheduled, caught up, by hand — and every later look at the report
// computes at that cut-off, so the figures never depend on when someone looks. Shared by the jobs, the managers'
// page, the API and the CLI: the rule that refuses a run before its reports are owed lives here, once.
import { InvalidInstantError, formatShanghai, parseInstant, shanghaiDate } from '../policy/effective-date.ts';
import { addDays } from '../calendar/shanghai-time.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { ReportJob } from './report-types.ts';

export class SlotError extends DomainError<'VALIDATION_FAILED' | 'NOT_YET_OWED'> {}

/** The scheduled times of day (Asia/Shanghai, HH:MM:SS) of the yearly and monthly runs: their reports' cut-offs. */
export interface ReportTimes {
  yearly: string;
  monthly: string;
}

/** The default schedules' times of day (REPORT_YEARLY_CRON 0 7 * * *, REPORT_MONTHLY_CRON 0 8 1 * *). */
export const DEFAULT_REPORT_TIMES: ReportTimes = { yearly: '07:00:00', monthly: '08:00:00' };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const at = (date: string, time: string) => parseInstant(`${date}T${time}+08:00`);

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The month before the Shanghai date `date`, as YYYY-MM: what the run on the 1st reports. */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** The cut-off of the yearly report of a contract year ending on `yearEnd`: the yearly slot of the next day. */
export function yearlyCutoff(yearEnd: string, times: ReportTimes = DEFAULT_REPORT_TIMES): Date {
  return at(addDays(yearEnd, 1), times.yearly);
}

/** The cut-off of the monthly report of `month`: the monthly slot on the 1st of the next month. */
export function monthlyCutoff(month: string, times: ReportTimes = DEFAULT_REPORT_TIMES): Date {
  return at(`${nextMonth(month)}-01`, times.monthly);
}

/** The last day of the contract years a yearly run at `slot` reports: the day before the slot's date, never later. */
export function yearEndOfRun(slot: Date): string {
  return addDays(shanghaiDate(slot), -1);
}

/** The instant a run's reports are fixed at: for yearly and monthly the cut-off of what the slot's date reports, for at-risk the slot itself. */
export function cutoffOfRun(job: ReportJob, slot: Date, times: ReportTimes = DEFAULT_REPORT_TIMES): Date {
  if (job === 'yearly') return yearlyCutoff(yearEndOfRun(slot), times);
  if (job === 'monthly') return monthlyCutoff(previousMonth(shanghaiDate(slot)), times);
  return slot;
}

/**
 * The moment a run by hand stands for. A date means "as the schedule runs that day": `--date 2026-11-28` sends
 * what that day's yearly slot sends. Without a date, a yearly or monthly run stands for the latest slot that has
 * come (before 07:00 that is yesterday's, so what it sends is owed); at-risk runs at the moment asked for, or now.
 */
export function manualSlot(job: ReportJob, date: string | undefined, now: Date, times: ReportTimes = DEFAULT_REPORT_TIMES): Date {
  const text = date?.trim();
  if (!text) {
    if (job === 'at-risk') return now;
    const today = shanghaiDate(now);
    if (job === 'yearly') {
      const slot = at(today, times.yearly);
      return slot <= now ? slot : at(addDays(today, -1), times.yearly);
    }
    const slot = at(`${today.slice(0, 7)}-01`, times.monthly);
    return slot <= now ? slot : at(`${previousMonth(today)}-01`, times.monthly);
  }
  try {
    if (DATE.test(text)) {
      if (job === 'at-risk') throw new SlotError('VALIDATION_FAILED', '即将超时提醒需要一个时间点,如 2026-11-27T10:30+08:00', 'at-risk needs an instant, e.g. 2026-11-27T10:30+08:00', [{ field: 'date', message: 'an instant' }]);
      parseInstant(text);
      return at(text, job === 'yearly' ? times.yearly : times.monthly);
    }
    return parseInstant(text);
  } catch (err) {
    if (!(err instanceof InvalidInstantError)) throw err;
    throw new SlotError('VALIDATION_FAILED', `日期无效:${text},应为 YYYY-MM-DD`, `Not a date: ${text}; expected YYYY-MM-DD`, [{ field: 'date', message: 'YYYY-MM-DD' }]);
  }
}

/** Whether a run at `slot` reaches past `now`: its reports are not owed yet, and only a dry run may look. */
export function looksAhead(job: ReportJob, slot: Date, now: Date, times: ReportTimes = DEFAULT_REPORT_TIMES): boolean {
  return slot.getTime() > now.getTime() || cutoffOfRun(job, slot, times).getTime() > now.getTime();
}

/**
 * The one rule for runs that store or send: nothing before it is owed. A date after today (Asia/Shanghai) is
 * refused, and so is today before its slot: the figures could not be fixed at a cut-off that has not come.
 * A dry run may look ahead; its outcome says so.
 */
export function assertOwed(job: ReportJob, slot: Date, dryRun: boolean, now: Date, times: ReportTimes = DEFAULT_REPORT_TIMES): void {
  if (dryRun || !looksAhead(job, slot, now, times)) return;
  const today = shanghaiDate(now);
  const day = shanghaiDate(slot);
  const when = formatShanghai(cutoffOfRun(job, slot, times).toISOString());
  const dryHint = { zh: '如只想预览,请试运行(页面上勾选“试运行”,命令行加 --dry-run)。', en: 'To preview it, run it dry (tick “dry run” on the page, or add --dry-run on the command line).' };
  if (day > today) {
    throw new SlotError(
      'NOT_YET_OWED',
      `${day} 在今天(${today},北京时间)之后:报告尚未到期,不能保存或发送。${dryHint.zh}`,
      `${day} is after today (${today}, Beijing time): its reports are not owed yet and cannot be stored or sent. ${dryHint.en}`,
      [{ field: 'date', message: `after today (${today})` }],
    );
  }
  throw new SlotError(
    'NOT_YET_OWED',
    `报告的截止时间 ${when}(北京时间)尚未到达:报告尚未到期,不能保存或发送;请在此之后运行。${dryHint.zh}`,
    `The reports' cut-off, ${when} (Beijing time), has not come yet: they are not owed and cannot be stored or sent; run it after then. ${dryHint.en}`,
    [{ field: 'date', message: `cut-off ${when} not yet reached` }],
  );
}
