// The managers' reports: monthly response-time compliance per offering × tier, and the requests at risk of
// missing their deadline now. Rows are read page by page; only tallies and the worst cases are kept.
import { businessTimeBetween } from '../calendar/business-time.ts';
import { OFFERINGS, TIERS, type Offering, type Tier } from '../policy/catalog-codes.ts';
import { shanghaiDate } from '../policy/effective-date.ts';
import { addDays } from '../calendar/shanghai-time.ts';
import { AT_RISK_SHARE } from '../requests/request-service.ts';
import { judge, roundHours, Tally } from './compliance.ts';
import type { ReportDataStore, RequestWithContract } from './report-data-store.ts';
import type { ReportLookups } from './report-lookups.ts';
import type { BreachLine, MonthlyReport, OpenRequestLine } from './report-types.ts';
import { dayStartIso } from './yearly-report.ts';
import { nextMonth } from './report-slot.ts';

const PAGE = 2000;
const WORST = 10;

export interface ManagerReportDeps {
  store: ReportDataStore;
  lookups: ReportLookups;
}

export { previousMonth } from './report-slot.ts';

/**
 * The month's report with every figure as of `cutoff` (the monthly slot on the 1st of the next month): hours late
 * of what was still unanswered then, and the requests at risk then. `provisional` marks a month not over yet.
 */
export async function buildMonthlyReport(deps: ManagerReportDeps, month: string, cutoff: Date, provisional = false): Promise<MonthlyReport> {
  const from = dayStartIso(`${month}-01`);
  const to = dayStartIso(`${nextMonth(month)}-01`);
  const policy = await deps.lookups.policyOn(addDays(`${nextMonth(month)}-01`, -1));
  const groups = new Map<string, Tally>(OFFERINGS.flatMap((o) => TIERS.map((t) => [`${o}|${t}`, new Tally()] as const)));
  const total = new Tally();
  let worst: BreachLine[] = [];
  const cutoffMs = cutoff.getTime();

  for (let afterId = 0; ; ) {
    const page = await deps.store.requestsOpened({ from, to, afterId, limit: PAGE });
    for (const r of page) {
      const j = judge(r, await deps.lookups.calendar(r.policyVersion, r.calendar), cutoffMs);
      total.add(j);
      groups.get(`${r.offering}|${r.tier}`)?.add(j);
      if (j.verdict === 'breached') {
        worst.push({ ...breachOf(j.request, r, deps.lookups.serviceName(policy, r.offering, r.service)), hoursLate: j.hoursLate });
        if (worst.length > WORST * 4) worst = worstOf(worst);
      }
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }

  return {
    kind: 'monthly',
    month,
    cutoff: cutoff.toISOString(),
    ...(provisional ? { provisional: true } : {}),
    groups: OFFERINGS.flatMap((offering: Offering) => TIERS.map((tier: Tier) => ({ offering, tier, ...groups.get(`${offering}|${tier}`)!.figures() }))),
    totals: total.figures(),
    worst: worstOf(worst),
    atRisk: await requestsAtRisk(deps, cutoff),
  };
}

/** The most hours late first; among equals, the earliest. */
function worstOf(lines: BreachLine[]): BreachLine[] {
  return [...lines].sort((a, b) => b.hoursLate - a.hoursLate || a.openedAt.localeCompare(b.openedAt)).slice(0, WORST);
}

/** `judged` is the request as it stood at the cut-off (its response dropped when recorded later). */
function breachOf(judged: { respondedAt: string | null }, r: RequestWithContract, serviceName: string): Omit<BreachLine, 'hoursLate'> {
  return {
    requestId: r.id,
    customerName: r.customerName,
    offering: r.offering,
    tier: r.tier,
    service: r.service,
    serviceName,
    openedAt: r.openedAt,
    respondBy: r.respondBy!,
    respondedAt: judged.respondedAt,
  };
}

/**
 * Requests unanswered at `now` with less than a quarter of their window left in business time, the nearest deadline
 * first. `now` is the report's cut-off, which may be past. The stored at-risk instant narrows the rows; the calendar decides, as the request queue does.
 */
export async function requestsAtRisk(deps: ManagerReportDeps, now: Date): Promise<OpenRequestLine[]> {
  const nowMs = now.getTime();
  const lines: OpenRequestLine[] = [];
  for (let afterId = 0; ; ) {
    const page = await deps.store.atRiskCandidates({ now: now.toISOString(), afterId, limit: PAGE });
    for (const r of page) {
      const line = await atRiskLine(deps, r, nowMs);
      if (line) lines.push(line);
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  return lines.sort((a, b) => a.respondBy.localeCompare(b.respondBy) || a.requestId - b.requestId);
}

/** The request as an at-risk line when it is at risk at `nowMs`, else null. */
export async function atRiskLine(deps: ManagerReportDeps, r: RequestWithContract, nowMs: number): Promise<OpenRequestLine | null> {
  // A response recorded for a moment after nowMs had not happened at nowMs.
  if ((r.respondedAt !== null && Date.parse(r.respondedAt) <= nowMs) || r.respondBy === null || r.windowMs === null) return null;
  if (Date.parse(r.openedAt) > nowMs) return null;
  const deadline = Date.parse(r.respondBy);
  if (nowMs >= deadline) return null;
  const calendar = await deps.lookups.calendar(r.policyVersion, r.calendar);
  if (!calendar) return null;
  const left = businessTimeBetween(calendar, nowMs, deadline);
  if (left >= AT_RISK_SHARE * r.windowMs) return null;
  const policy = await deps.lookups.policyOn(shanghaiDate(new Date(r.openedAt)));
  return {
    requestId: r.id,
    contractId: r.contractId,
    customerName: r.customerName,
    offering: r.offering,
    tier: r.tier,
    service: r.service,
    serviceName: deps.lookups.serviceName(policy, r.offering, r.service),
    summary: r.summary,
    openedAt: r.openedAt,
    respondBy: r.respondBy,
    workingHoursLeft: roundHours(left),
    windowHours: roundHours(r.windowMs),
  };
}
