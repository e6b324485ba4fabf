// The resolution clock: intake fixes resolve-by as if the request never waited; the clock then stands still while
// the request waits for the customer (JSM's and ServiceNow's "paused" SLA), and while it stood resolved before a
// reopen, so each such span moves resolve-by later by its working time on the request's calendar. A span that
// began after resolve-by had passed moves nothing: a breach is not undone by waiting.
//
// Beside resolve-by intake stores the at-risk point, from which less than AT_RISK_SHARE of the target is left, so
// that the queue finds at-risk resolutions by a query (resolve_at_risk_from < now < resolve_by) that agrees with
// the request page's judgement (request-view.ts judgeResolution).
import { addBusinessTime, businessTimeBetween, nextWorkingMoment } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import { AT_RISK_SHARE } from './request-view.ts';

/** resolve-by and the at-risk point, UTC ISO-8601; either null where there is none. */
export interface ResolutionInstants {
  resolveBy: string | null;
  resolveAtRiskFrom: string | null;
}

/**
 * The last instant at which `durationMs` of working time from `startMs` have not yet all passed. It is the
 * deadline itself, except where that falls at the end of a working period (12:00, 18:00): then it is the start
 * of the next one, since until then no working time passes and the time left is still a full quarter. So
 * "now > this point" is exactly judgeResolution's "less than a quarter left", in the lunch break and overnight too.
 */
function lastMomentBefore(calendar: Calendar, startMs: number, durationMs: number): string {
  return new Date(nextWorkingMoment(calendar, addBusinessTime(calendar, startMs, durationMs).at)).toISOString();
}

/** Intake: the at-risk point of a resolution target of `resolutionMs` working milliseconds counted from the arrival. */
export function resolveAtRiskFrom(calendar: Calendar, openedAt: number, resolutionMs: number): string {
  return lastMomentBefore(calendar, openedAt, (1 - AT_RISK_SHARE) * resolutionMs);
}

/**
 * resolve-by and the at-risk point after a span in which the clock stood still: both move by the span's working
 * time, or neither does, so the at-risk point stays "resolve-by less a quarter of the target" in working time.
 * That holds for a stop that began after the at-risk point too: on resuming, the time left is what it was when
 * the stop began (less than a quarter), so the request is still at risk, and the moved point is at or before the
 * resumption (it moved by the span's working time, no more than lies between it and the resumption), so
 * "now > moved point" still says so. A stop that began at or after resolve-by moves neither: the request is
 * breached, which the at-risk filter leaves to the breached one. A row from before migration 027 has no at-risk
 * point and keeps none.
 */
export function resolutionAfterStop(calendar: Calendar | null, instants: ResolutionInstants, from: string | null, to: string): ResolutionInstants {
  const { resolveBy, resolveAtRiskFrom: atRisk } = instants;
  if (calendar === null || resolveBy === null || from === null) return instants;
  const due = Date.parse(resolveBy);
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(start < due) || !(end > start)) return instants;
  const stood = businessTimeBetween(calendar, start, end);
  if (!(stood > 0)) return instants;
  return {
    resolveBy: new Date(addBusinessTime(calendar, due, stood).at).toISOString(),
    resolveAtRiskFrom: atRisk === null ? null : lastMomentBefore(calendar, Date.parse(atRisk), stood),
  };
}
