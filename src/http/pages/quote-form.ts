// The new-quote form as text fields in, a quote draft out, with each unreadable field named.
import { isOffering, isTier, SPECIAL_SERVICES, type Offering } from '../../policy/catalog-codes.ts';
import { parseYuan } from '../../quote/money.ts';
import type { QuoteDraft } from '../../quote/quote-service.ts';
import { HttpError } from '../http-error.ts';

export type QuoteForm = Record<string, string | undefined>;

/** The special services the form offers for an offering: a cloud form never lists the on-premise-only ones. */
export function offeredServices(offering: Offering, form: QuoteForm = {}) {
  return SPECIAL_SERVICES.filter((s) => offering === 'on_premise' || !s.onPremiseOnly).map((s) => ({
    code: s.code,
    name: s.names[0],
    onPremiseOnly: s.onPremiseOnly,
    checked: Boolean(form[`service_${s.code}`]),
    quantity: form[`quantity_${s.code}`] ?? '',
    trips: form[`trips_${s.code}`] ?? '',
    travel: s.code === 'onsite_support',
  }));
}

/** '12.5' (percent) → 1250 basis points; at most two decimals. */
function percentToBasisPoints(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/%$/, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

export function draftFromForm(form: QuoteForm): QuoteDraft {
  const problems: { field: string; message: string }[] = [];
  const offering = form.offering ?? '';
  const tier = form.tier ?? '';
  if (!isOffering(offering)) problems.push({ field: 'offering', message: 'cloud or on_premise' });
  if (!isTier(tier)) problems.push({ field: 'tier', message: 'basic, preferred or premium' });
  const termYears = Number(form.termYears ?? '1');
  if (!Number.isInteger(termYears) || termYears < 1 || termYears > 10) problems.push({ field: 'termYears', message: '1–10 years' });
  let licenceFen: number | null = null;
  if (form.licence?.trim()) {
    const parsed = parseYuan(form.licence);
    if (parsed.ok) licenceFen = parsed.fen;
    else problems.push({ field: 'licence', message: parsed.message });
  }
  const discount = form.discount?.trim() ? percentToBasisPoints(form.discount) : 0;
  if (discount === null || discount > 10_000) problems.push({ field: 'discount', message: '0–100, at most two decimals' });
  const uses = form.codeDiagnosisUses?.trim() ? Number(form.codeDiagnosisUses) : 0;
  if (!Number.isInteger(uses) || uses < 0 || uses > 100) problems.push({ field: 'codeDiagnosisUses', message: '0–100' });
  // Every ticked service is read, offered or not: a cloud form that somehow sends db_migration is refused by
  // the sales rules (ON_PREMISE_ONLY), never quietly dropped.
  const specialServices = isOffering(offering)
    ? offeredServices('on_premise', form)
        .filter((s) => s.checked)
        .map((s) => {
          const quantity = Number(s.quantity || '1');
          const trips = s.trips ? Number(s.trips) : undefined;
          if (!(quantity > 0)) problems.push({ field: `quantity_${s.code}`, message: 'a positive quantity' });
          if (trips !== undefined && !(Number.isInteger(trips) && trips >= 0)) problems.push({ field: `trips_${s.code}`, message: 'a whole number of trips' });
          return { service: s.code, quantity, ...(trips !== undefined ? { trips } : {}) };
        })
    : [];
  const customerId = form.customerId ? Number(form.customerId) : null;
  const customerName = form.customerName?.trim() || null;
  if (!customerId && !customerName) problems.push({ field: 'customerName', message: 'choose a customer or give a new name' });
  if (problems.length > 0) {
    throw new HttpError(400, 'VALIDATION_FAILED', `表单内容无效:${problems.map((p) => p.field).join('、')}`, `Invalid form: ${problems.map((p) => p.field).join(', ')}`, problems);
  }
  return {
    customerId,
    customerName,
    offering: offering as Offering,
    tier: tier as QuoteDraft['tier'],
    termYears,
    licenceFen,
    specialServices,
    discountBasisPoints: discount ?? 0,
    codeDiagnosisUses: uses || null,
    notes: form.notes?.slice(0, 2000),
  };
}
