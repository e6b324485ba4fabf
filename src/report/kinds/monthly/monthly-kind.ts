// The monthly response-time report as a report kind: on the 1st at 08:00 (REPORT_MONTHLY_CRON), for the month
// before, to the service managers (REPORT_MANAGERS), its figures fixed at that slot; a server that was down
// catches up the last two months.
import { missedWithinMonths } from '../../../jobs/cron-slots.ts';
import type { JobOutcome } from '../../../jobs/job-types.ts';
import { shanghaiDate } from '../../../calendar/instants.ts';
import { cutoffLine, figureLine, oneLine } from '../../report-email-parts.ts';
import { offeringName, tierName } from '../../report-format.ts';
import { reportText, type ReportLang } from '../../report-i18n.ts';
import type { PreparedReport, ReportJobContext, ReportKind, ReportRun } from '../../report-kind.ts';
import { NO_MANAGERS } from '../../report-recipients.ts';
import { atShanghai, defaultTimeOf, type SlotRule } from '../../report-slot.ts';
import { buildMonthlyReport, nextMonth, previousMonth, type MonthlyReport } from './monthly-report.ts';

const MINUTE_MS = 60_000;

/** A run a month: the previous month's figures are fixed at the slot on the 1st. */
const MONTHLY: SlotRule = {
  cutoffOfRun: (slot, time) => atShanghai(`${shanghaiDate(slot).slice(0, 7)}-01`, time),
  latestSlot(now, time) {
    const today = shanghaiDate(now);
    const slot = atShanghai(`${today.slice(0, 7)}-01`, time);
    return slot <= now ? slot : atShanghai(`${previousMonth(today)}-01`, time);
  },
  takesDate: true,
};

async function runMonthly(context: ReportJobContext, run: ReportRun): Promise<JobOutcome> {
  const month = previousMonth(shanghaiDate(run.slot));
  const outcome = run.outcome({ zh: month, en: month });
  if (context.managers.length === 0) return { ...outcome, skipped: NO_MANAGERS };
  const report = await buildMonthlyReport({ store: context.store, lookups: context.lookups() }, month, run.cutoff);
  const message = { job: 'monthly', periodKey: month, recipient: 'managers', ...context.content(report, run.options.dryRun), recipients: { to: context.managers, cc: [] } };
  outcome.messages.push(...(await context.deliver('monthly', [message], run.options.dryRun)));
  return outcome;
}

function prepareMonthly(report: MonthlyReport, lang: ReportLang): PreparedReport {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(key, lang, vars);
  const subject = oneLine(t('monthlySubject', { month: report.month }));
  const hasRequests = report.totals.requests > 0;
  const context = {
    lang,
    report,
    hasRequests,
    groupRows: report.groups.map((g) => ({ ...g, label: `${offeringName(g.offering, lang)} · ${tierName(g.tier, lang)}` })),
  };
  const preheader = hasRequests ? figureLine(report.totals, lang) : t('zeroRequestsMonth');
  return { subject, context, layout: { lang, subject, kindLabel: t('monthlyKind'), periodText: report.month, preheader, cutoffLine: cutoffLine(report, lang) } };
}

export const MONTHLY_REPORT: ReportKind<MonthlyReport> = {
  name: 'monthly',
  label: { zh: '响应时效月报', en: 'Monthly compliance' },
  schedule: { default: '0 8 1 * *', leaseMs: 15 * MINUTE_MS, catchUp: missedWithinMonths(2) },
  slot: MONTHLY,
  run: runMonthly,
  prepare: prepareMonthly,
};

/** The cut-off of the monthly report of `month`: the monthly slot on the 1st of the next month. */
export function monthlyCutoff(month: string, time: string = defaultTimeOf(MONTHLY_REPORT)): Date {
  return atShanghai(`${nextMonth(month)}-01`, time);
}
