// The at-risk alert as a report kind: every half hour (REPORT_AT_RISK_CRON), one alert per unanswered request with
// less than a quarter of its window left, to the service managers — only in working time on the working calendar
// (none on 春节, alerts on a make-up Saturday). A server that was down runs only the current slot: an alert about an
// hour long gone is noise.
import { currentSlotWithin } from '../../../jobs/cron-slots.ts';
import type { JobOutcome } from '../../../jobs/job-types.ts';
import { isWorkingTime } from '../../../calendar/business-time.ts';
import { formatShanghai } from '../../../calendar/instants.ts';
import { cutoffLine, oneLine } from '../../report-email-parts.ts';
import { formatHours, formatInstant, offeringName, tierName } from '../../report-format.ts';
import { reportText, type ReportLang } from '../../report-i18n.ts';
import type { PreparedReport, ReportJobContext, ReportKind, ReportRun } from '../../report-kind.ts';
import { NO_MANAGERS } from '../../report-recipients.ts';
import type { SlotRule } from '../../report-slot.ts';
import type { OpenRequestLine } from '../../report-types.ts';
import { requestsAtRisk } from '../../requests-at-risk.ts';
import type { NewOutboxMessage } from '../../outbox/outbox-store.ts';
import { atRiskRobotMessages, breachesAt, breachRobotMessages } from './robot-alerts.ts';

const MINUTE_MS = 60_000;

export interface AtRiskAlert {
  kind: 'at-risk';
  /** The slot the alert was made at: its hours left are counted to this instant. */
  cutoff: string;
  request: OpenRequestLine;
}

/** Runs at an instant: the hours left are counted to the slot itself; a run by hand needs an instant, or is now. */
const INSTANT: SlotRule = {
  cutoffOfRun: (slot) => slot,
  latestSlot: (now) => now,
  takesDate: false,
};

async function runAtRisk(context: ReportJobContext, run: ReportRun): Promise<JobOutcome> {
  const { slot, options } = run;
  const outcome = run.outcome({ zh: `${formatShanghai(slot.toISOString())} 的工作时间`, en: `working time at ${formatShanghai(slot.toISOString())}` });
  const lookups = context.lookups();
  if (!isWorkingTime(await lookups.workingCalendar(slot), slot.getTime())) {
    return { ...outcome, skipped: { zh: '非工作时间(按工作日历,含节假日与调休):不发送提醒', en: 'Outside working time on the working calendar (holidays and make-up days included): no alerts' } };
  }
  const robots = context.robots;
  if (context.managers.length === 0 && robots.channels.length === 0) return { ...outcome, skipped: NO_MANAGERS };
  const lines = await requestsAtRisk({ store: context.store, lookups }, slot);
  const messages: NewOutboxMessage[] = [];
  for (const request of lines) {
    const alert: AtRiskAlert = { kind: 'at-risk', cutoff: slot.toISOString(), request };
    // One alert per request, ever: the request is the period; each robot is a recipient of its own.
    if (context.managers.length > 0) messages.push({ job: 'at-risk', periodKey: `request:${request.requestId}`, recipient: 'managers', ...context.content(alert, options.dryRun), recipients: { to: context.managers, cc: [] } });
    messages.push(...atRiskRobotMessages(robots, request));
  }
  // Breaches go to the robots only: the managers read them in the queue and the monthly report.
  if (robots.channels.length > 0) for (const breach of await breachesAt({ store: context.store, lookups }, slot)) messages.push(...breachRobotMessages(robots, breach));
  outcome.messages.push(...(await context.deliver('at-risk', messages, options.dryRun)));
  return outcome;
}

function prepareAtRisk(report: AtRiskAlert, lang: ReportLang): PreparedReport {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(key, lang, vars);
  const r = report.request;
  const subject = oneLine(
    t('atRiskSubject', { id: r.requestId, customer: oneLine(r.customerName), service: oneLine(r.serviceName), respondBy: formatInstant(r.respondBy) }),
  );
  const window = formatHours(r.windowHours);
  // The alert is sent ahead of the deadline, but a delayed send must not claim hours that are gone.
  const hoursLeftSentence = r.workingHoursLeft > 0 ? t('hoursLeftSentence', { left: formatHours(r.workingHoursLeft), window }) : t('deadlineReached', { window });
  const context = {
    lang,
    report,
    requestLabel: `#${r.requestId}`,
    offeringName: offeringName(r.offering, lang),
    tierName: tierName(r.tier, lang),
    hoursLeftSentence,
  };
  return { subject, context, layout: { lang, subject, kindLabel: t('atRiskKind'), periodText: null, preheader: hoursLeftSentence, cutoffLine: cutoffLine(report, lang) } };
}

export const AT_RISK_ALERT: ReportKind<AtRiskAlert> = {
  name: 'at-risk',
  label: { zh: '即将超时提醒', en: 'At-risk alerts' },
  schedule: { default: '0,30 * * * *', leaseMs: 5 * MINUTE_MS, catchUp: currentSlotWithin(24 * 60 * MINUTE_MS), workingTimeOnly: true },
  slot: INSTANT,
  run: runAtRisk,
  prepare: prepareAtRisk,
};
