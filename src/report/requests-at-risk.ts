// The requests at risk of missing their deadline at an instant: the at-risk alerts send one per request, and the
// monthly report lists them as of its cut-off. The stored at-risk instant narrows the rows; the calendar decides,
// as the request queue does.
import { businessTimeBetween } from '../calendar/business-time.ts';
import { shanghaiDate } from '../calendar/instants.ts';
import { AT_RISK_SHARE } from '../requests/request-service.ts';
import { roundHours } from './compliance.ts';
import type { ReportDataStore, RequestWithContract } from './report-data-store.ts';
import type { ReportLookups } from './report-lookups.ts';
import type { OpenRequestLine } from './report-types.ts';

/** Rows read per query when a report walks requests. */
export const REQUEST_PAGE = 2000;

export interface ManagerReportDeps {
  store: ReportDataStore;
  lookups: ReportLookups;
}

/**
 * Requests unanswered at `now` with less than a quarter of their window left in business time, the nearest deadline
 * first. `now` is the report's cut-off, which may be past. The stored at-risk instant narrows the rows; the calendar decides, as the request queue does.
 */
export async function requestsAtRisk(deps: ManagerReportDeps, now: Date): Promise<OpenRequestLine[]> {
  const nowMs = now.getTime();
  const lines: OpenRequestLine[] = [];
  for (let afterId = 0; ; ) {
    const page = await deps.store.atRiskCandidates({ now: now.toISOString(), afterId, limit: REQUEST_PAGE });
    for (const r of page) {
      const line = await atRiskLine(deps, r, nowMs);
      if (line) lines.push(line);
    }
    if (page.length < REQUEST_PAGE) break;
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
