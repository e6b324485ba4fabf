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

const PAGE = 2000;
const WORST = 10;

export interface ManagerReportDeps {
  store: ReportDataStore;
  lookups: ReportLookups;
}

/** The month before the Shanghai date `date`, as YYYY-MM: what the run on the 1st reports. */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

export async function buildMonthlyReport(deps: ManagerReportDeps, month: string, now: Date): Promise<MonthlyReport> {
  const from = dayStartIso(`${month}-01`);
  const to = dayStartIso(`${nextMonth(month)}-01`);
  const policy = await deps.lookups.policyOn(addDays(`${nextMonth(month)}-01`, -1));
  const groups = new Map<string, Tally>(OFFERINGS.flatMap((o) => TIERS.map((t) => [`${o}|${t}`, new Tally()] as const)));
  const total = new Tally();
  let worst: BreachLine[] = [];
  const nowMs = now.getTime();

  for (let afterId = 0; ; ) {
    const page = await deps.store.requestsOpened({ from, to, afterId, limit: PAGE });
    for (const r of page) {
      const j = judge(r, await deps.lookups.calendar(r.policyVersion, r.calendar), nowMs);
      total.add(j);
      groups.get(`${r.offering}|${r.tier}`)?.add(j);
      if (j.verdict === 'breached') {
        worst.push({ ...breachOf(r, deps.lookups.serviceName(policy, r.offering, r.service)), hoursLate: j.hoursLate });
        if (worst.length > WORST * 4) worst = worstOf(worst);
      }
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }

  return {
    kind: 'monthly',
    month,
    generatedAt: now.toISOString(),
    groups: OFFERINGS.flatMap((offering: Offering) => TIERS.map((tier: Tier) => ({ offering, tier, ...groups.get(`${offering}|${tier}`)!.figures() }))),
    totals: total.figures(),
    worst: worstOf(worst),
    atRisk: await requestsAtRisk(deps, now),
  };
}

/** The most hours late first; among equals, the earliest. */
function worstOf(lines: BreachLine[]): BreachLine[] {
  return [...lines].sort((a, b) => b.hoursLate - a.hoursLate || a.openedAt.localeCompare(b.openedAt)).slice(0, WORST);
}

function breachOf(r: RequestWithContract, serviceName: string): Omit<BreachLine, 'hoursLate'> {
  return {
    requestId: r.id,
    customerName: r.customerName,
    offering: r.offering,
    tier: r.tier,
    service: r.service,
    serviceName,
    openedAt: r.openedAt,
    respondBy: r.respondBy!,
    respondedAt: r.respondedAt,
  };
}

/**
 * Unanswered requests with less than a quarter of their window left in business time, the nearest deadline
 * first. The stored at-risk instant narrows the rows; the calendar decides, as the request queue does.
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
  if (r.respondedAt !== null || r.respondBy === null || r.windowMs === null) return null;
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
