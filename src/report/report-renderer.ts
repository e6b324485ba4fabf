// Report e-mails: Handlebars templates under templates/reports/ — a shared layout and partials, and each kind's
// body (<kind>.hbs, <kind>.txt.hbs) for every kind of REPORT_KINDS — read and compiled once when the renderer is
// made. HTML templates escape every value; the text twins are compiled with noEscape, since an entity in a
// plain-text part is shown to the reader as written. Each environment has its own helpers and partials. What a
// body shows is the kind's own prepare().
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import type { Offering, Tier } from '../catalog/catalog-codes.ts';
import type { ComplianceFigures } from './report-types.ts';
import { formatBasisPointsPercent, formatHours, formatInstant, offeringName, tierName } from './report-format.ts';
import { figureLine } from './report-email-parts.ts';
import { reportText, type ReportLang } from './report-i18n.ts';
import type { PreparedReport, ReportRendering, ReportValue } from './report-kind.ts';
import { REPORT_KINDS, reportKind, type Report } from './report-kinds.ts';

export type ReportRenderer = ReportRendering;

type Flavour = 'html' | 'text';

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
    const bodies = new Map<string, Handlebars.TemplateDelegate>(REPORT_KINDS.map((kind) => [kind.name, hbs.compile(read(`${kind.name}${suffix}`), options)]));
    return (prepared: PreparedReport, kind: string): string => {
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

function tidyText(text: string): string {
  return `${text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}

/** A report made ready for its kind's templates; a report of no kind (a stored row gone wrong) throws. */
function prepare(report: ReportValue, lang: ReportLang): PreparedReport {
  return reportKind(report.kind).prepare(report as Report, lang);
}
