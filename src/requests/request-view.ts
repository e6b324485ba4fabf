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

/**
 * The resolution against the policy's 解决时限: none when it sets no target (or the request was closed unresolved);
 * paused while the request waits for the customer; otherwise as the response is judged.
 */
export type ResolutionStatus = 'none' | 'open' | 'at_risk' | 'paused' | 'met' | 'breached';

export interface ServiceRequestView extends Omit<StoredRequest, 'respondBy' | 'resolveBy' | 'idempotencyKey'> {
  /** ISO-8601 with +08:00, as decisions give it. */
  respondBy: string | null;
  /** ISO-8601 with +08:00; null without a resolution target. */
  resolveBy: string | null;
  resolutionStatus: ResolutionStatus;
  /** Unresolved with a target: working hours left until resolve-by (while paused, as they stood when the wait began). */
  workingHoursLeftToResolve: number | null;
  status: RequestStatus;
  /** Open requests: working hours left until the deadline. */
  workingHoursLeft: number | null;
  /** Answered requests: working hours from arrival to response. */
  workingHoursToRespond: number | null;
  /** Wall-clock milliseconds spent waiting for the customer, the pause under way included. */
  pausedTotalMs: number;
  /**
   * Resolved (or closed after resolving): working hours from arrival to resolution on the request's calendar,
   * less the working hours it waited for the customer. Judged against resolve-by when the policy sets a target.
   */
  workingHoursToResolve: number | null;
  /** Where the status form may take it. */
  nextStates: readonly RequestState[];
}

const hours = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;

export function viewOf(r: StoredRequest, now: number, calendar: Calendar | null, pauses: RequestPause[] | null = null): ServiceRequestView {
  const { idempotencyKey: _key, respondBy, resolveBy, ...rest } = r;
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
  const resolution = judgeResolution(r, now, calendar);
  return {
    ...rest,
    respondBy: deadline === null ? null : formatShanghaiIso(deadline),
    resolveBy: resolveBy === null ? null : formatShanghaiIso(Date.parse(resolveBy)),
    resolutionStatus: resolution.status,
    workingHoursLeftToResolve: resolution.left,
    status,
    workingHoursLeft,
    workingHoursToRespond,
    pausedTotalMs,
    workingHoursToResolve,
    nextStates: nextStates(r.state),
  };
}

function judgeResolution(r: StoredRequest, now: number, calendar: Calendar | null): { status: ResolutionStatus; left: number | null } {
  if (r.resolveBy === null || calendar === null) return { status: 'none', left: null };
  const due = Date.parse(r.resolveBy);
  if (r.resolvedAt !== null) return { status: Date.parse(r.resolvedAt) <= due ? 'met' : 'breached', left: null };
  if (r.state === 'closed') return { status: 'none', left: null };
  // Waiting for the customer, the clock stands still where the wait began.
  const paused = r.state === 'waiting_customer' && r.pausedSince !== null;
  const at = paused ? Date.parse(r.pausedSince!) : now;
  if (at >= due) return { status: 'breached', left: 0 };
  const left = businessTimeBetween(calendar, at, due);
  if (paused) return { status: 'paused', left: hours(left) };
  return { status: r.resolutionMs !== null && left < AT_RISK_SHARE * r.resolutionMs ? 'at_risk' : 'open', left: hours(left) };
}
