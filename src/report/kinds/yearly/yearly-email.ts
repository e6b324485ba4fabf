// The yearly report's e-mail: its subject (【更正版】 for a correction), and what templates/reports/yearly.hbs
// shows — the grants, quotas, figures by service, breaches, the month chart as table cells, and the advice under
// the heading that says whose it is.
import { adviceHeading, barCells, formatInstant, offeringName, textBar, tierName, type BarCell } from '../../report-format.ts';
import { cutoffLine, figureLine, oneLine } from '../../report-email-parts.ts';
import { reportText, type ReportLang } from '../../report-i18n.ts';
import type { PreparedReport } from '../../report-kind.ts';
import type { YearlyReport } from './yearly-report.ts';

const BAR_COLOURS: Record<BarCell['kind'], string> = { met: '#2e7d32', breached: '#c62828', other: '#9aa5b1', rest: '#eef1f4' };

export function prepareYearly(report: YearlyReport, lang: ReportLang): PreparedReport {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(key, lang, vars);
  const { contract, period } = report;
  const periodText = t('dateRange', { start: period.start, end: period.end });
  const revision = report.revision ?? 1;
  const subjectVars = { customer: oneLine(contract.customerName), start: period.start, end: period.end, revision };
  const subject = oneLine(t(revision > 1 ? 'yearlySubjectCorrected' : 'yearlySubject', subjectVars));
  const { advice } = report;
  // A legacy report (from before reviews) headed 'expert' has no reviewer: it is shown as it was sent, without a name.
  const reviewer = advice.heading === 'expert' && advice.reviewer ? t('reviewedBy', { name: advice.reviewer.name, time: formatInstant(advice.reviewer.at) }) : null;
  const hasRequests = report.totals.requests > 0;
  const context = {
    lang,
    report,
    periodText,
    offeringName: offeringName(contract.offering, lang),
    tierName: tierName(contract.tier, lang),
    contractLabel: `#${contract.id} (${t('dateRange', { start: contract.startsOn, end: contract.endsOn })})`,
    hasRequests,
    serviceRows: report.byService.map((s) => ({ ...s, label: s.name })),
    months: report.months.map((m) => {
      const cells = barCells(m);
      return { ...m, other: m.requests - m.met - m.breached, cells: cells.map((c) => ({ ...c, color: BAR_COLOURS[c.kind] })), textBar: textBar(cells) };
    }),
    adviceHeading: adviceHeading(advice, lang),
    adviceLines: advice.lines.map((line, i) => ({ n: i + 1, text: line[lang] })),
    reviewer,
    systemNote: advice.heading === 'system' || advice.heading === 'draft' ? t('systemAdviceNote') : null,
    correctedNote: revision > 1 ? t('correctedNote', { revision }) : null,
  };
  const preheader = hasRequests ? `${periodText} · ${figureLine(report.totals, lang)}` : `${periodText} · ${t('zeroRequestsYear')}`;
  return { subject, context, layout: { lang, subject, kindLabel: t('yearlyKind'), periodText, preheader, cutoffLine: cutoffLine(report, lang) } };
}
