// The yearly service report as a report kind: daily at 07:00 (REPORT_YEARLY_CRON), for the contract years that
// ended the day before, its figures fixed at that slot; a server that was down catches up the last 31 days.
import { missedWithinDays } from '../../../jobs/cron-slots.ts';
import { addDays } from '../../../calendar/shanghai-time.ts';
import { shanghaiDate } from '../../../calendar/instants.ts';
import type { ReportKind } from '../../report-kind.ts';
import { atShanghai, defaultTimeOf, type SlotRule } from '../../report-slot.ts';
import { prepareYearly } from './yearly-email.ts';
import { runYearly } from './yearly-job.ts';
import type { YearlyReport } from './yearly-report.ts';

const MINUTE_MS = 60_000;

/** A run a day: the figures of the years that ended yesterday are fixed at today's slot. */
const DAILY: SlotRule = {
  cutoffOfRun: (slot, time) => atShanghai(shanghaiDate(slot), time),
  latestSlot(now, time) {
    const today = shanghaiDate(now);
    const slot = atShanghai(today, time);
    return slot <= now ? slot : atShanghai(addDays(today, -1), time);
  },
  takesDate: true,
};

export const YEARLY_REPORT: ReportKind<YearlyReport> = {
  name: 'yearly',
  label: { zh: '年度服务报告', en: 'Yearly service report' },
  schedule: { default: '0 7 * * *', leaseMs: 15 * MINUTE_MS, catchUp: missedWithinDays(31) },
  slot: DAILY,
  run: runYearly,
  prepare: prepareYearly,
};

/** The cut-off of the yearly report of a contract year ending on `yearEnd`: the yearly slot of the next day. */
export function yearlyCutoff(yearEnd: string, time: string = defaultTimeOf(YEARLY_REPORT)): Date {
  return atShanghai(addDays(yearEnd, 1), time);
}
