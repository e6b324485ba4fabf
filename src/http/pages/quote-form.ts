// The new-quote form as text fields in, a quote draft out, with each unreadable field named.
import { isOffering, SPECIAL_SERVICES, type Offering } from '../../catalog/catalog-codes.ts';
import { parseYuan } from '../../quote/money.ts';
import type { QuoteDraft } from '../../quote/quote-service.ts';
import { QuoteBody, quoteDraftOf } from '../api/quote-api.ts';
import { HttpError } from '../http-error.ts';
import { integerField, numberField, textField } from './form-body.ts';


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

/** Where a schema issue's path points on the form: `specialServices.0.quantity` is the first ticked service's field. */
function formField(path: PropertyKey[], services: { service: string }[]): string {
  const [head, index, leaf] = path.map(String);
  if (head === 'specialServices' && index !== undefined && leaf) return `${leaf}_${services[Number(index)]?.service ?? index}`;
  return { licenceFen: 'licence', discountBasisPoints: 'discount' }[head ?? ''] ?? path.join('.');
}

/**
 * The form as POST /api/quotes's body, validated by its schema and its customer rule: the page refuses what the
 * API refuses, with the same code. What cannot become a number at all (money, a percentage) is named here first;
 * everything else, ranges included, is the schema's to refuse.
 */
export function draftFromForm(form: QuoteForm): QuoteDraft {
  const problems: { field: string; message: string }[] = [];
  const offering = form.offering ?? '';
  let licenceFen: number | undefined;
  if (form.licence?.trim()) {
    const parsed = parseYuan(form.licence);
    if (parsed.ok) licenceFen = parsed.fen;
    else problems.push({ field: 'licence', message: parsed.message });
  }
  const discount = form.discount?.trim() ? percentToBasisPoints(form.discount) : 0;
  if (discount === null) problems.push({ field: 'discount', message: '折扣应为 0–100,最多两位小数 / 0–100, at most two decimals' });
  // Every ticked service is read, offered or not: a cloud form that somehow sends db_migration is refused by
  // the sales rules (ON_PREMISE_ONLY), never quietly dropped. Nothing typed is ignored or guessed either.
  const specialServices: { service: string; quantity: number | string | undefined; trips?: number | string | undefined }[] = [];
  for (const s of isOffering(offering) ? offeredServices('on_premise', form) : []) {
    const quantity = s.quantity.trim();
    const trips = s.trips.trim();
    if (!s.checked) {
      if (quantity || trips) problems.push({ field: `quantity_${s.code}`, message: `${s.name}:填写了数量但未勾选 / a quantity for ${s.code}, which is not ticked` });
      continue;
    }
    specialServices.push({ service: s.code, quantity: numberField(quantity), ...(trips ? { trips: numberField(trips) } : {}) });
  }
  const body = {
    customerId: integerField(form.customerId),
    customerName: textField(form.customerName),
    offering,
    tier: form.tier ?? '',
    termYears: numberField(form.termYears) ?? 1,
    licenceFen,
    specialServices,
    discountBasisPoints: discount ?? 0,
    codeDiagnosisUses: numberField(form.codeDiagnosisUses),
    notes: form.notes,
  };
  const result = QuoteBody.safeParse(body);
  if (!result.success) problems.push(...result.error.issues.map((i) => ({ field: formField(i.path, specialServices), message: i.message })));
  if (problems.length > 0) {
    throw new HttpError(400, 'VALIDATION_FAILED', `表单内容无效:${problems.map((p) => p.field).join('、')}`, `Invalid form: ${problems.map((p) => p.field).join(', ')}`, problems);
  }
  const draft = quoteDraftOf(result.data!);
  return { ...draft, customerId: draft.customerId ?? null, customerName: draft.customerName ?? null, licenceFen: draft.licenceFen ?? null, codeDiagnosisUses: draft.codeDiagnosisUses || null };
}
