// The moment a run by hand stands for: a date means "as the schedule would have run that day", so
// `--date 2026-11-28` sends what the 07:00 run of that day sends. Shared by the CLI and the managers' button.
import { InvalidInstantError, parseInstant } from '../policy/effective-date.ts';
import { DomainError } from '../shared/domain-error.ts';
import type { ReportJob } from './report-types.ts';

export class SlotError extends DomainError<'VALIDATION_FAILED'> {}

/** The default schedules' times of day, in Asia/Shanghai. */
const TIME_OF_DAY: Record<Exclude<ReportJob, 'at-risk'>, string> = { yearly: '07:00', monthly: '08:00' };

export function manualSlot(job: ReportJob, date: string | undefined, now: Date): Date {
  const text = date?.trim();
  if (!text) return now;
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
      if (job === 'at-risk') throw new SlotError('VALIDATION_FAILED', '即将超时提醒需要一个时间点,如 2026-11-27T10:30+08:00', 'at-risk needs an instant, e.g. 2026-11-27T10:30+08:00', [{ field: 'date', message: 'an instant' }]);
      parseInstant(text);
      return parseInstant(`${text}T${TIME_OF_DAY[job]}:00+08:00`);
    }
    return parseInstant(text);
  } catch (err) {
    if (!(err instanceof InvalidInstantError)) throw err;
    throw new SlotError('VALIDATION_FAILED', `日期无效:${text},应为 YYYY-MM-DD`, `Not a date: ${text}; expected YYYY-MM-DD`, [{ field: 'date', message: 'YYYY-MM-DD' }]);
  }
}
