// How requests fared against their deadlines, judged at one moment (the report's cut-off), in working hours on the
// calendar each deadline was computed with. Pure: the builders fetch rows and calendars and hand them here.
import { businessTimeBetween } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar-types.ts';
import { HOUR_MS, SHANGHAI_OFFSET_MS } from '../calendar/shanghai-time.ts';
import type { ComplianceFigures, MonthBar } from './report-types.ts';

/** A stored request as the reports need it. */
export interface RequestFacts {
  id: number;
  contractId: number;
  service: string;
  openedAt: string;
  respondBy: string | null;
  respondedAt: string | null;
  windowMs: number | null;
  calendar: string | null;
  policyVersion: number;
}

export type Verdict = 'met' | 'breached' | 'open' | 'without_window';

export interface JudgedRequest {
  request: RequestFacts;
  verdict: Verdict;
  /** Working hours from arrival to response; null while unanswered or without a calendar. */
  hoursToRespond: number | null;
  /** Working hours past the deadline, for breaches. */
  hoursLate: number;
}

/** Two decimals: what people read, and what the tests compare. */
export const roundHours = (ms: number) => Math.round((ms / HOUR_MS) * 100) / 100;

/**
 * The request as it stood at `cutoffMs`: a response recorded for a later moment had not happened yet, so the
 * request counts as unanswered and its lateness runs to the cut-off. The same rows give the same verdicts
 * whenever they are judged.
 */
export function judge(request: RequestFacts, calendar: Calendar | null, cutoffMs: number): JudgedRequest {
  const opened = Date.parse(request.openedAt);
  const answeredAt = request.respondedAt === null ? null : Date.parse(request.respondedAt);
  const responded = answeredAt !== null && answeredAt <= cutoffMs ? answeredAt : null;
  const asOfCutoff = responded === null && request.respondedAt !== null ? { ...request, respondedAt: null } : request;
  const hoursToRespond = responded !== null && calendar ? roundHours(businessTimeBetween(calendar, opened, responded)) : null;
  if (request.respondBy === null) return { request: asOfCutoff, verdict: 'without_window', hoursToRespond, hoursLate: 0 };
  const deadline = Date.parse(request.respondBy);
  const judgedAt = responded ?? cutoffMs;
  if (judgedAt <= deadline) return { request: asOfCutoff, verdict: responded === null ? 'open' : 'met', hoursToRespond, hoursLate: 0 };
  const lateMs = calendar ? businessTimeBetween(calendar, deadline, judgedAt) : judgedAt - deadline;
  return { request: asOfCutoff, verdict: 'breached', hoursToRespond, hoursLate: roundHours(lateMs) };
}

/** A running tally: the builders add requests as they stream past and read the figures at the end. */
export class Tally {
  requests = 0;
  met = 0;
  breached = 0;
  open = 0;
  withoutWindow = 0;
  private readonly hours: number[] = [];

  add(j: JudgedRequest): void {
    this.requests++;
    if (j.verdict === 'met') this.met++;
    else if (j.verdict === 'breached') this.breached++;
    else if (j.verdict === 'open') this.open++;
    else this.withoutWindow++;
    if (j.hoursToRespond !== null) this.hours.push(j.hoursToRespond);
  }

  figures(): ComplianceFigures {
    const judged = this.met + this.breached;
    return {
      requests: this.requests,
      met: this.met,
      breached: this.breached,
      open: this.open,
      withoutWindow: this.withoutWindow,
      metBasisPoints: judged === 0 ? null : Math.round((this.met * 10_000) / judged),
      medianHoursToRespond: median(this.hours),
    };
  }
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 100) / 100;
}

/** YYYY-MM of an instant in Shanghai. */
export function shanghaiMonth(iso: string): string {
  return new Date(Date.parse(iso) + SHANGHAI_OFFSET_MS).toISOString().slice(0, 7);
}

/** The months a period of dates touches, in order: the chart's rows. */
export function monthsBetween(startDate: string, endDate: string): string[] {
  const months: string[] = [];
  let [y, m] = startDate.split('-').map(Number) as [number, number];
  const last = endDate.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last || months.length > 240) return months;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** The chart's rows: counts per month and bar widths relative to the busiest month. */
export function monthBars(months: string[], judged: Iterable<JudgedRequest>): MonthBar[] {
  const rows = new Map(months.map((month) => [month, { month, requests: 0, met: 0, breached: 0, open: 0, withoutWindow: 0 }]));
  for (const j of judged) {
    const row = rows.get(shanghaiMonth(j.request.openedAt));
    if (!row) continue;
    row.requests++;
    if (j.verdict === 'met') row.met++;
    else if (j.verdict === 'breached') row.breached++;
    else if (j.verdict === 'open') row.open++;
    else row.withoutWindow++;
  }
  const busiest = Math.max(0, ...[...rows.values()].map((r) => r.requests));
  const width = (n: number) => (busiest === 0 ? 0 : Math.round((n * 100) / busiest));
  return [...rows.values()].map((r) => {
    const metWidth = width(r.met);
    const breachedWidth = width(r.breached);
    // The grey part takes what is left of the bar, so rounding never makes a bar longer than its count says.
    const otherWidth = Math.max(0, width(r.requests) - metWidth - breachedWidth);
    return { ...r, metWidth, breachedWidth, otherWidth };
  });
}
