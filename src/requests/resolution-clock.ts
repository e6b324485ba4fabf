// The resolution clock: intake fixes resolve-by as if the request never waited; the clock then stands still while
// the request waits for the customer (JSM's and ServiceNow's "paused" SLA), and while it stood resolved before a
// reopen, so each such span moves resolve-by later by its working time on the request's calendar. A span that
// began after resolve-by had passed moves nothing: a breach is not undone by waiting.
import { addBusinessTime, businessTimeBetween } from '../calendar/business-time.ts';
import type { Calendar } from '../calendar/calendar-types.ts';

/** resolve-by after a span in which the clock stood still, [from, to) as UTC ISO-8601; unchanged when nothing moves it. */
export function resolveByAfterStop(calendar: Calendar | null, resolveBy: string | null, from: string | null, to: string): string | null {
  if (calendar === null || resolveBy === null || from === null) return resolveBy;
  const due = Date.parse(resolveBy);
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!(start < due) || !(end > start)) return resolveBy;
  const stood = businessTimeBetween(calendar, start, end);
  return stood > 0 ? new Date(addBusinessTime(calendar, due, stood).at).toISOString() : resolveBy;
}
