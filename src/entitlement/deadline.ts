// The respond-by instant of an entitled decision with a response window, with its proof: the working
// intervals counted, the holidays skipped, the make-up days worked, and one sentence in Chinese and English.
import type { Calendar } from '../calendar/calendar-types.ts';
import { explainDeadline, type DeadlineProof } from '../calendar/deadline-proof.ts';
import type { ResponseWindow } from '../catalog/catalog.ts';

/** The proof as decisions and service requests carry it (the deadline itself is `respondBy`). */
export type DeadlineProofView = Omit<DeadlineProof, 'at' | 'respondBy' | 'calendar'>;

export interface DeadlineAnswer {
  /** ISO-8601 with +08:00. */
  respondBy: string;
  calendar: string;
  proof: DeadlineProofView;
}

export function deadlineFor(calendar: Calendar, window: ResponseWindow, receivedAt: Date): DeadlineAnswer {
  const { at: _at, respondBy, calendar: name, ...proof } = explainDeadline(calendar, receivedAt.getTime(), window);
  return { respondBy, calendar: name, proof };
}
