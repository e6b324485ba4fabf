// Phrases more than one kind's e-mail uses: a figures line, a one-line subject, the cut-off sentence. The kinds'
// prepare functions and the renderer's helpers take them from here so that every e-mail says them alike.
import type { ComplianceFigures } from './report-types.ts';
import { NOT_AVAILABLE, formatBasisPointsPercent, formatHours, formatInstant } from './report-format.ts';
import { reportText, type ReportLang } from './report-i18n.ts';

/** A period's figures in one sentence: requests, met, breached, open, without a window, met %, median. */
export function figureLine(f: ComplianceFigures, lang: ReportLang): string {
  return reportText('figureLine', lang, {
    requests: f.requests,
    met: f.met,
    breached: f.breached,
    open: f.open,
    withoutWindow: f.withoutWindow,
    percent: formatBasisPointsPercent(f.metBasisPoints),
    median: f.medianHoursToRespond === null ? NOT_AVAILABLE : reportText('workingHours', lang, { hours: formatHours(f.medianHoursToRespond) }),
  });
}

/** A subject is one header line: names typed with line breaks or control characters must not split it. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

/** The foot line: the instant the figures are fixed at; for a period still running, that they will change. */
export function cutoffLine(report: { cutoff: string; provisional?: boolean }, lang: ReportLang): string {
  return reportText(report.provisional ? 'provisionalLine' : 'cutoffLine', lang, { time: formatInstant(report.cutoff) });
}
