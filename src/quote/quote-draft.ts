// A stored quote as the draft it was made from: 复制 starts a new quote from it and 修订 a revision, so sales
// change what differs instead of typing the whole quote again.
import type { Quote, QuoteDraft } from './quote-service.ts';
import type { SpecialServiceOrder } from './quote-types.ts';

/** The special services a quote's lines show, for quotes stored before the draft itself was (no document.asked). */
function servicesFromLines(quote: Quote): SpecialServiceOrder[] {
  const orders = new Map<string, SpecialServiceOrder>();
  for (const line of quote.document.lines) {
    if (line.kind === 'special_service') {
      orders.set(line.code, { ...orders.get(line.code), service: line.code, quantity: line.quantity.numerator / line.quantity.denominator });
    }
  }
  for (const line of quote.document.lines) {
    const order = orders.get(line.code);
    if (line.kind === 'travel_allowance' && order) order.trips = line.quantity.numerator / line.quantity.denominator;
  }
  return [...orders.values()];
}

/** The draft a copy or revision of this quote starts from: the same customer, offering, tier and lines. */
export function draftOfQuote(quote: Quote): QuoteDraft {
  const asked = quote.document.asked;
  return {
    customerId: quote.customerId,
    customerName: quote.customerName,
    offering: quote.offering,
    tier: quote.tier,
    termYears: quote.termYears,
    licenceFen: asked?.licenceFen ?? null,
    specialServices: asked ? asked.specialServices.map((o) => ({ ...o })) : servicesFromLines(quote),
    discountBasisPoints: quote.discountBasisPoints,
    codeDiagnosisUses: asked?.codeDiagnosisUses ?? null,
    notes: quote.document.notes,
  };
}
