// A report kept as JSON (in the outbox, or in the review queue), read back as the value the renderers take.
// Rows stored before reports had a cut-off carry `generatedAt`, the moment they were made: that was their cut-off.
import type { Report } from './report-types.ts';

export function parseStoredReport(json: string): Report {
  const value = JSON.parse(json) as Report & { generatedAt?: string };
  if (typeof value.cutoff !== 'string' && typeof value.generatedAt === 'string') value.cutoff = value.generatedAt;
  delete value.generatedAt;
  return value;
}
