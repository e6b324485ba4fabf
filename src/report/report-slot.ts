// When a report is owed, and the instant its figures are fixed at (its cut-off). Each report kind says how its
// slots fall (SlotRule: a yearly report is owed at the yearly slot the day after its contract year ends, 07:00
// Shanghai by default; a monthly one at the monthly slot on the 1st); every run — scheduled, caught up, by hand —
// and every later look at the report computes at that cut-off, so the figures never depend on when someone looks.
// Shared by the jobs, the managers' page, the API and the CLI: the rule that refuses a run before its reports are
// owed lives here, once, for every kind.
import { firstTimeOfDay } from '../jobs/cron-slots.ts';
import { InvalidInstantError, formatShanghai, parseInstant, shanghaiDate } from '../calendar/instants.ts';
import { DomainError } from '../shared/domain-error.ts';

export class SlotError extends DomainError<'VALIDATION_FAILED' | 'NOT_YET_OWED'> {}

/** How a kind's runs fall; `time` is the first time of day (HH:MM:SS, Shanghai) of the kind's schedule. */
export interface SlotRule {
  /** The instant the figures of the run at `slot` are fixed at. */
  cutoffOfRun(slot: Date, time: string): Date;
  /** The latest slot that has come by `now`: what a run by hand without a date stands for. */
  latestSlot(now: Date, time: string): Date;
  /** A bare date (YYYY-MM-DD) asked for by hand runs as the schedule would that day; false: the kind needs an instant. */
  takesDate: boolean;
}

/** What the rules here need of a report kind. */
export interface SlotOwner {
  name: string;
  label: { zh: string; en: string };
  schedule: { default: string };
  slot: SlotRule;
}

/**
 * The time of day of a kind's slots when the functions below are not told it: that of its default schedule. The
 * server tells them the configured one (REPORT_<KIND>_CRON); its first time of day is the reports' cut-off.
 */
export const defaultTimeOf = (kind: SlotOwner): string => firstTimeOfDay(kind.schedule.default);

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The instant of a Shanghai date at a Shanghai time of day. */
export const atShanghai = (date: string, time: string): Date => parseInstant(`${date}T${time}+08:00`);

/** The Shanghai midnight starting a date, as UTC ISO: the bounds of a query on stored instants. */
export const dayStartIso = (date: string): string => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString();

/** The instant a run's reports are fixed at. */
export function cutoffOfRun(kind: SlotOwner, slot: Date, time: string = defaultTimeOf(kind)): Date {
  return kind.slot.cutoffOfRun(slot, time);
}

/**
 * The moment a run by hand stands for. A date means "as the schedule runs that day": `--date 2026-11-28` sends
 * what that day's yearly slot sends. Without a date, a run stands for the latest slot that has come (for the yearly
 * report before 07:00 that is yesterday's, so what it sends is owed); a kind that needs an instant runs at the
 * moment asked for, or now.
 */
export function manualSlot(kind: SlotOwner, date: string | undefined, now: Date, time: string = defaultTimeOf(kind)): Date {
  const text = date?.trim();
  if (!text) return kind.slot.latestSlot(now, time);
  try {
    if (DATE.test(text)) {
      if (!kind.slot.takesDate) {
        throw new SlotError('VALIDATION_FAILED', `${kind.label.zh}需要一个时间点,如 2026-11-27T10:30+08:00`, `${kind.name} needs an instant, e.g. 2026-11-27T10:30+08:00`, [{ field: 'date', message: 'an instant' }]);
      }
      parseInstant(text);
      return atShanghai(text, time);
    }
    return parseInstant(text);
  } catch (err) {
    if (!(err instanceof InvalidInstantError)) throw err;
    throw new SlotError('VALIDATION_FAILED', `日期无效:${text},应为 YYYY-MM-DD`, `Not a date: ${text}; expected YYYY-MM-DD`, [{ field: 'date', message: 'must be a date such as 2026-12-31', messageZh: '应为 2026-12-31 这样的日期' }]);
  }
}

/** Whether a run at `slot` reaches past `now`: its reports are not owed yet, and only a dry run may look. */
export function looksAhead(kind: SlotOwner, slot: Date, now: Date, time: string = defaultTimeOf(kind)): boolean {
  return slot.getTime() > now.getTime() || cutoffOfRun(kind, slot, time).getTime() > now.getTime();
}

/**
 * The one rule for runs that store or send: nothing before it is owed. A date after today (Asia/Shanghai) is
 * refused, and so is today before its slot: the figures could not be fixed at a cut-off that has not come.
 * A dry run may look ahead; its outcome says so.
 */
export function assertOwed(kind: SlotOwner, slot: Date, dryRun: boolean, now: Date, time: string = defaultTimeOf(kind)): void {
  if (dryRun || !looksAhead(kind, slot, now, time)) return;
  const today = shanghaiDate(now);
  const day = shanghaiDate(slot);
  const when = formatShanghai(cutoffOfRun(kind, slot, time).toISOString());
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
