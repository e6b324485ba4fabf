// Server-rendered pages: Handlebars templates under templates/, loaded once when the app is built.
// Every value is escaped ({{…}}); the only triple-stash is the layout's body, which is our own rendering.
import fs from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { formatShanghai } from '../calendar/instants.ts';
import { serviceName } from '../catalog/catalog-names.ts';
import { translate, type Lang } from './i18n.ts';
import { LABELS } from './labels.ts';
import { formatBasisPoints, formatYuan } from '../quote/money.ts';

export interface ViewContext {
  lang: Lang;
  title: string;
  principal: { name: string; role: string } | null;
  csrfToken: string | null;
  can: Record<string, boolean>;
  [key: string]: unknown;
}

export interface Views {
  render(page: string, context: ViewContext): string;
  /** A whole document from templates/ (e.g. quote.hbs), without the site's layout: for print and PDF. */
  renderDocument(name: string, context: ViewContext): string;
}

export function createViews(templatesDir: string): Views {
  const hbs = Handlebars.create();
  hbs.registerHelper('t', function (this: unknown, key: string, options: Handlebars.HelperOptions) {
    const root = options.data.root as ViewContext;
    return translate(key, root.lang, options.hash as Record<string, unknown>);
  });
  hbs.registerHelper('label', (group: keyof typeof LABELS, value: string, options: Handlebars.HelperOptions) => {
    const entry = (LABELS[group] as Record<string, Record<Lang, string>>)[value];
    return entry ? entry[(options.data.root as ViewContext).lang] : value;
  });
  // A service by its catalog name in the page's language (the code when the catalog has no name for it).
  hbs.registerHelper('nameOfService', (code: unknown, options: Handlebars.HelperOptions) => (typeof code === 'string' ? serviceName(code, (options.data.root as ViewContext).lang) : ''));
  hbs.registerHelper('time', (iso: unknown) => (typeof iso === 'string' && iso ? formatShanghai(iso) : '—'));
  hbs.registerHelper('yuan', (fen: unknown) => (typeof fen === 'number' ? formatYuan(fen) : ''));
  hbs.registerHelper('percent', (bp: unknown) => (typeof bp === 'number' ? formatBasisPoints(bp) : ''));
  hbs.registerHelper('array', (...args: unknown[]) => args.slice(0, -1));
  hbs.registerHelper('includes', (list: unknown, value: unknown) => Array.isArray(list) && list.includes(value));
  hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hbs.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
  hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));

  const read = (...parts: string[]) => fs.readFileSync(path.join(templatesDir, ...parts), 'utf8');
  for (const file of fs.readdirSync(path.join(templatesDir, 'partials'))) {
    if (file.endsWith('.hbs')) hbs.registerPartial(file.slice(0, -4), read('partials', file));
  }
  const layout = hbs.compile(read('layouts', 'main.hbs'), { strict: false });
  const pages = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of fs.readdirSync(path.join(templatesDir, 'pages'))) {
    if (file.endsWith('.hbs')) pages.set(file.slice(0, -4), hbs.compile(read('pages', file)));
  }

  const documents = new Map<string, Handlebars.TemplateDelegate>();
  for (const file of fs.readdirSync(templatesDir)) {
    if (file.endsWith('.hbs')) documents.set(file.slice(0, -4), hbs.compile(read(file)));
  }

  return {
    renderDocument(name, context) {
      const template = documents.get(name);
      if (!template) throw new Error(`No document template ${name}`);
      return template(context);
    },
    render(page, context) {
      const template = pages.get(page);
      if (!template) throw new Error(`No page template ${page}`);
      return layout({ ...context, body: template(context) });
    },
  };
}
