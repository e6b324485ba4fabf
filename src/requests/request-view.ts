// A stored request as people and programs read it: the response judged against its window in business time, and
// the resolution measured without the time the request waited for the customer (the clock pauses then).
import { businessTimeBetween } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import { formatShanghaiIso, HOUR_MS } from '../calendar/shanghai-time.ts';
import { nextStates, type RequestState } from './request-lifecycle.ts';
import type { RequestPause, StoredRequest } from './request-store.ts';

/** At risk: less than this share of the window is left, in business time. */
export const AT_RISK_SHARE = 0.25;

/** The response against its window: open (at risk when little is left), then met or breached. */
export type RequestStatus = 'open' | 'at_risk' | 'met' | 'breached';

export interface ServiceRequestView extends Omit<StoredRequest, 'respondBy' | 'idempotencyKey'> {
  /** ISO-8601 with +08:00, as decisions give it. */
  respondBy: string | null;
  status: RequestStatus;
  /** Open requests: working hours left until the deadline. */
  workingHoursLeft: number | null;
  /** Answered requests: working hours from arrival to response. */
  workingHoursToRespond: number | null;
  /** Wall-clock milliseconds spent waiting for the customer, the pause under way included. */
  pausedTotalMs: number;
  /**
   * Resolved (or closed after resolving): working hours from arrival to resolution on the request's calendar,
   * less the working hours it waited for the customer. Recorded, not judged: the catalog has no resolution target.
   */
  workingHoursToResolve: number | null;
  /** Where the status form may take it. */
  nextStates: readonly RequestState[];
}

const hours = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;

export function viewOf(r: StoredRequest, now: number, calendar: Calendar | null, pauses: RequestPause[] | null = null): ServiceRequestView {
  const { idempotencyKey: _key, respondBy, ...rest } = r;
  const deadline = respondBy === null ? null : Date.parse(respondBy);
  let status: RequestStatus;
  let workingHoursLeft: number | null = null;
  let workingHoursToRespond: number | null = null;
  if (r.respondedAt !== null) {
    status = deadline === null || Date.parse(r.respondedAt) <= deadline ? 'met' : 'breached';
    if (calendar) workingHoursToRespond = hours(businessTimeBetween(calendar, Date.parse(r.openedAt), Date.parse(r.respondedAt)));
  } else if (deadline === null || calendar === null) {
    status = 'open';
  } else if (now >= deadline) {
    status = 'breached';
    workingHoursLeft = 0;
  } else {
    const left = businessTimeBetween(calendar, now, deadline);
    workingHoursLeft = hours(left);
    status = r.windowMs !== null && left < AT_RISK_SHARE * r.windowMs ? 'at_risk' : 'open';
  }
  const pausedTotalMs = r.pausedMs + (r.pausedSince === null ? 0 : Math.max(0, now - Date.parse(r.pausedSince)));
  let workingHoursToResolve: number | null = null;
  if (r.resolvedAt !== null && calendar && pauses) {
    const resolvedAt = Date.parse(r.resolvedAt);
    const waited = pauses.reduce((sum, p) => {
      const start = Date.parse(p.startedAt);
      const end = Math.min(p.endedAt === null ? resolvedAt : Date.parse(p.endedAt), resolvedAt);
      return end > start ? sum + businessTimeBetween(calendar, start, end) : sum;
    }, 0);
    workingHoursToResolve = hours(Math.max(0, businessTimeBetween(calendar, Date.parse(r.openedAt), resolvedAt) - waited));
  }
  return {
    ...rest,
    respondBy: deadline === null ? null : formatShanghaiIso(deadline),
    status,
    workingHoursLeft,
    workingHoursToRespond,
    pausedTotalMs,
    workingHoursToResolve,
    nextStates: nextStates(r.state),
  };
}
