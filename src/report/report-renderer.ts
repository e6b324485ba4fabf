// Report e-mails: Handlebars templates under templates/reports/, read and compiled once when the renderer is
// made. HTML templates escape every value; the text twins are compiled with noEscape, since an entity in a
// plain-text part is shown to the reader as written. Each environment has its own helpers and partials.
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Offering, Tier } from '../policy/catalog-codes.ts';
import type { AtRiskAlert, ComplianceFigures, MonthlyReport, RenderedReport, Report, YearlyReport } from './report-types.ts';
import { NOT_AVAILABLE, adviceHeading, barCells, formatBasisPointsPercent, formatHours, formatInstant, offeringName, textBar, tierName, type BarCell } from './report-format.ts';
import { reportText, type ReportLang } from './report-i18n.ts';

export interface ReportRenderer {
  render(report: Report, lang?: ReportLang): RenderedReport;
  /** The subject alone, without rendering the bodies. */
  subject(report: Report, lang?: ReportLang): string;
}

type Flavour = 'html' | 'text';
type Kind = Report['kind'];
const KINDS: readonly Kind[] = ['yearly', 'monthly', 'at-risk'];

const BAR_COLOURS: Record<BarCell['kind'], string> = { met: '#2e7d32', breached: '#c62828', other: '#9aa5b1', rest: '#eef1f4' };

interface LayoutContext {
  lang: ReportLang;
  subject: string;
  kindLabel: string;
  periodText: string | null;
  preheader: string;
  /** The sentence that states the cut-off, at the foot of every report. */
  cutoffLine: string;
}

interface Prepared {
  subject: string;
  layout: LayoutContext;
  context: Record<string, unknown>;
}

export function createReportRenderer(templatesDir: string): ReportRenderer {
  const dir = path.join(templatesDir, 'reports');
  const read = (...parts: string[]) => fs.readFileSync(path.join(dir, ...parts), 'utf8');
  const partialFiles = fs.readdirSync(path.join(dir, 'partials')).sort();

  const build = (flavour: Flavour) => {
    const hbs = Handlebars.create();
    registerHelpers(hbs);
    // strict: a misspelt field throws here instead of leaving a silent blank in a mail to a customer.
    const options: CompileOptions = { strict: true, noEscape: flavour === 'text' };
    const suffix = flavour === 'text' ? '.txt.hbs' : '.hbs';
    for (const file of partialFiles) {
      if (!file.endsWith(suffix) || (flavour === 'html' && file.endsWith('.txt.hbs'))) continue;
      hbs.registerPartial(file.slice(0, -suffix.length), hbs.compile(read('partials', file), options));
    }
    const layout = hbs.compile(read('layouts', `email${suffix}`), options);
    const bodies = new Map<Kind, Handlebars.TemplateDelegate>(KINDS.map((kind) => [kind, hbs.compile(read(`${kind}${suffix}`), options)]));
    return (prepared: Prepared, kind: Kind): string => {
      const body = bodies.get(kind)!(prepared.context);
      return layout({ ...prepared.layout, body });
    };
  };
  const html = build('html');
  const text = build('text');

  return {
    render(report, lang = 'zh') {
      const prepared = prepare(report, lang);
      return {
        subject: prepared.subject,
        html: html(prepared, report.kind),
        text: tidyText(text(prepared, report.kind)),
      };
    },
    subject(report, lang = 'zh') {
      return prepare(report, lang).subject;
    },
  };
}

type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

function registerHelpers(hbs: typeof Handlebars): void {
  const langOf = (options: Handlebars.HelperOptions): ReportLang => ((options.data.root as { lang?: ReportLang }).lang === 'en' ? 'en' : 'zh');
  hbs.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => reportText(key, langOf(options), options.hash as Record<string, unknown>));
  hbs.registerHelper('time', (iso: unknown) => formatInstant(typeof iso === 'string' ? iso : null));
  hbs.registerHelper('hours', (n: unknown) => formatHours(typeof n === 'number' ? n : null));
  hbs.registerHelper('percent', (bp: unknown) => formatBasisPointsPercent(typeof bp === 'number' ? bp : null));
  hbs.registerHelper('offering', (code: Offering, options: Handlebars.HelperOptions) => offeringName(code, langOf(options)));
  hbs.registerHelper('tier', (code: Tier, options: Handlebars.HelperOptions) => tierName(code, langOf(options)));
  hbs.registerHelper('limit', (n: unknown, options: Handlebars.HelperOptions) => (typeof n === 'number' ? String(n) : reportText('unlimited', langOf(options))));
  hbs.registerHelper('responded', (iso: unknown, options: Handlebars.HelperOptions) => (typeof iso === 'string' && iso ? formatInstant(iso) : reportText('unanswered', langOf(options))));
  hbs.registerHelper('figureLine', (f: ComplianceFigures, options: Handlebars.HelperOptions) => figureLine(f, langOf(options)));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}

function figureLine(f: ComplianceFigures, lang: ReportLang): string {
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
function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/ {2,}/g, ' ').trim();
}

function tidyText(text: string): string {
  return `${text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

function prepare(report: Report, lang: ReportLang): Prepared {
  switch (report.kind) {
    case 'yearly':
      return prepareYearly(report, lang);
    case 'monthly':
      return prepareMonthly(report, lang);
    case 'at-risk':
      return prepareAtRisk(report, lang);
    default:
      throw new Error(`Unknown report kind ${(report as { kind: unknown }).kind}`);
  }
}

/** The foot line: the instant the figures are fixed at; for a period still running, that they will change. */
function cutoffLine(report: { cutoff: string; provisional?: boolean }, lang: ReportLang): string {
  return reportText(report.provisional ? 'provisionalLine' : 'cutoffLine', lang, { time: formatInstant(report.cutoff) });
}

function prepareYearly(report: YearlyReport, lang: ReportLang): Prepared {
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

function prepareMonthly(report: MonthlyReport, lang: ReportLang): Prepared {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(key, lang, vars);
  const subject = oneLine(t('monthlySubject', { month: report.month }));
  const hasRequests = report.totals.requests > 0;
  const context = {
    lang,
    report,
    hasRequests,
    groupRows: report.groups.map((g) => ({ ...g, label: `${offeringName(g.offering, lang)} · ${tierName(g.tier, lang)}` })),
  };
  const preheader = hasRequests ? figureLine(report.totals, lang) : t('zeroRequestsMonth');
  return { subject, context, layout: { lang, subject, kindLabel: t('monthlyKind'), periodText: report.month, preheader, cutoffLine: cutoffLine(report, lang) } };
}

function prepareAtRisk(report: AtRiskAlert, lang: ReportLang): Prepared {
  const t = (key: string, vars?: Record<string, unknown>) => reportText(key, lang, vars);
  const r = report.request;
  const subject = oneLine(
    t('atRiskSubject', { id: r.requestId, customer: oneLine(r.customerName), service: oneLine(r.serviceName), respondBy: formatInstant(r.respondBy) }),
  );
  const window = formatHours(r.windowHours);
  // The alert is sent ahead of the deadline, but a delayed send must not claim hours that are gone.
  const hoursLeftSentence = r.workingHoursLeft > 0 ? t('hoursLeftSentence', { left: formatHours(r.workingHoursLeft), window }) : t('deadlineReached', { window });
  const context = {
    lang,
    report,
    requestLabel: `#${r.requestId}`,
    offeringName: offeringName(r.offering, lang),
    tierName: tierName(r.tier, lang),
    hoursLeftSentence,
  };
  return { subject, context, layout: { lang, subject, kindLabel: t('atRiskKind'), periodText: null, preheader: hoursLeftSentence, cutoffLine: cutoffLine(report, lang) } };
}
