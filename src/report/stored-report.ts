// A report kept as JSON (in the outbox, or in the review queue), read back as the value the renderers take.
// Rows stored before reports had a cut-off carry `generatedAt`, the moment they were made: that was their cut-off.
import type { ReportValue } from './report-kind.ts';

/** The report a row holds; the caller names the kind it knows the row to be of (a yearly review, any outbox row). */
export function parseStoredReport<R extends ReportValue>(json: string): R {
  const value = JSON.parse(json) as R & { generatedAt?: string };
  if (typeof value.cutoff !== 'string' && typeof value.generatedAt === 'string') value.cutoff = value.generatedAt;
  delete value.generatedAt;
  return value;
}
