// The stored quote as an English page shows it. A quote's lines are stored as they were printed, in Chinese
// (names and notes from the price list and the pricing rules); an English page names each line from the catalog
// instead, and says the notes it can in English. The stored document itself never changes.
import { OFFERING_NAMES, TIER_NAMES, serviceName } from '../../catalog/catalog-names.ts';
import type { IncludedService } from '../../quote/quote-document.ts';
import type { ComputedQuote, QuoteLine } from '../../quote/quote-types.ts';
import type { Quote } from '../../quote/quote-service.ts';
import type { Lang } from '../i18n.ts';

function englishLine(quote: Pick<ComputedQuote, 'offering' | 'tier'>, line: QuoteLine): QuoteLine {
  const tier = TIER_NAMES[quote.tier].en;
  switch (line.kind) {
    case 'tier_fee':
      return { ...line, name: `${OFFERING_NAMES[quote.offering].product.en}: ${tier}`, note: line.note?.replace(/^许可费/, 'Licence') };
    case 'special_service':
      return { ...line, name: serviceName(line.code, 'en', line.name) };
    case 'travel_allowance':
      return { ...line, name: 'Travel allowance', note: `${serviceName(line.code, 'en')}: per trip, not discounted` };
    case 'code_diagnosis_included':
      return { ...line, name: `Code diagnosis (included in ${tier})`, note: undefined };
    case 'code_diagnosis_extra':
      return { ...line, name: `${serviceName(line.code, 'en')} (code diagnosis beyond the quota)`, note: undefined };
    default:
      return line;
  }
}

/** A computed quote (a stored one's document, or the form's preview) with its lines and includes named in `lang`. */
export function documentForPage<D extends ComputedQuote & { includes?: IncludedService[] }>(document: D, lang: Lang): D {
  if (lang === 'zh') return document;
  return {
    ...document,
    lines: document.lines.map((line) => englishLine(document, line)),
    ...(document.includes ? { includes: document.includes.map((i) => ({ ...i, name: serviceName(i.service, 'en', i.name) })) } : {}),
  };
}

/** The quote with its lines and "what this tier includes" named in the page's language. */
export function quoteForPage(quote: Quote, lang: Lang): Quote {
  return lang === 'zh' ? quote : { ...quote, document: documentForPage(quote.document, lang) };
}
