// The quote form as text fields in, a quote draft out, with each unreadable field named. One form serves both
// offerings: on a cloud quote the on-premise-only services are hidden and held under `keep_…` names (posted,
// never sold), so switching 私有云 ↔ 公有云 and back loses nothing typed, with or without the page's script.
import { isOffering, SPECIAL_SERVICES, type Offering } from '../../catalog/catalog-codes.ts';
import { serviceName } from '../../catalog/catalog-names.ts';
import { parseYuan } from '../../quote/money.ts';
import type { QuoteDraft, QuoteFormCatalog } from '../../quote/quote-service.ts';
import { QuoteBody, quoteDraftOf } from '../api/quote-api.ts';
import { HttpError } from '../http-error.ts';
import type { Lang } from '../i18n.ts';
import { integerField, numberField, textField } from './form-body.ts';

export type QuoteForm = Record<string, string | undefined>;

const SERVICE_FIELDS = ['service', 'quantity', 'trips'] as const;
const ON_PREMISE_ONLY = new Set(SPECIAL_SERVICES.filter((s) => s.onPremiseOnly).map((s) => s.code));

export function offeringOf(form: QuoteForm): Offering {
  return isOffering(form.offering ?? '') ? (form.offering as Offering) : 'on_premise';
}

/**
 * The form as the chosen offering shows it. A cloud form holds the on-premise-only services it was sent under
 * `keep_…` (hold: the re-rendering after a switch without the script); an on-premise form takes back what was
 * held. What is held is never part of the draft.
 */
export function settleOffering(form: QuoteForm, options: { hold: boolean }): QuoteForm {
  const out: QuoteForm = { ...form };
  const cloud = offeringOf(form) === 'cloud';
  for (const code of ON_PREMISE_ONLY) {
    const [from, to] = cloud ? ['', 'keep_'] : ['keep_', ''];
    if (cloud && !options.hold) continue;
    if (!SERVICE_FIELDS.some((f) => out[`${from}${f}_${code}`] !== undefined)) continue;
    for (const f of SERVICE_FIELDS) {
      out[`${to}${f}_${code}`] = out[`${from}${f}_${code}`];
      delete out[`${from}${f}_${code}`];
    }
  }
  return out;
}

export interface ServiceRow {
  code: string;
  name: string;
  onPremiseOnly: boolean;
  /** On a cloud form: hidden, and its fields named keep_… so they are posted back but not sold. */
  held: boolean;
  prefix: '' | 'keep_';
  checked: boolean;
  quantity: string;
  trips: string;
  travel: boolean;
  /** 人天 or 项, as the price list counts the service for the offering shown (the on-premise one when held). */
  unit: string | null;
}

/** Every special service, in the catalog's order; a cloud form hides (and holds) the on-premise-only ones. */
export function serviceRows(form: QuoteForm, catalog: QuoteFormCatalog, lang: Lang): ServiceRow[] {
  const offering = offeringOf(form);
  return catalog.services.map((s) => {
    const held = offering === 'cloud' && s.onPremiseOnly;
    const prefix = held ? 'keep_' : '';
    return {
      code: s.code,
      name: serviceName(s.code, lang),
      onPremiseOnly: s.onPremiseOnly,
      held,
      prefix,
      checked: Boolean(form[`${prefix}service_${s.code}`]),
      quantity: form[`${prefix}quantity_${s.code}`] ?? '',
      trips: form[`${prefix}trips_${s.code}`] ?? '',
      travel: s.travel,
      unit: s.unit[held ? 'on_premise' : offering] ?? s.unit.on_premise,
    };
  });
}

/** '12.5' (percent) → 1250 basis points; at most two decimals. */
function percentToBasisPoints(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/%$/, ''));
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

const plainYuan = (fen: number) => `${Math.floor(fen / 100)}${fen % 100 ? `.${String(fen % 100).padStart(2, '0')}` : ''}`;
const plainPercent = (bp: number) => `${Math.floor(bp / 100)}${bp % 100 ? `.${String(bp % 100).padStart(2, '0').replace(/0$/, '')}` : ''}`;

/** A stored quote's draft as the form's fields: 复制 and 修订 start from it. */
export function formOfDraft(draft: QuoteDraft): QuoteForm {
  const form: QuoteForm = {
    customerId: draft.customerId ? String(draft.customerId) : undefined,
    customerName: draft.customerName ?? undefined,
    offering: draft.offering,
    tier: draft.tier,
    termYears: String(draft.termYears),
    licence: draft.licenceFen ? plainYuan(draft.licenceFen) : undefined,
    discount: plainPercent(draft.discountBasisPoints),
    codeDiagnosisUses: draft.codeDiagnosisUses ? String(draft.codeDiagnosisUses) : undefined,
    notes: draft.notes,
  };
  for (const order of draft.specialServices) {
    form[`service_${order.service}`] = '1';
    form[`quantity_${order.service}`] = String(order.quantity);
    if (order.trips) form[`trips_${order.service}`] = String(order.trips);
  }
  return form;
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
  const problems: { field: string; message: string; messageZh?: string }[] = [];
  const offering = form.offering ?? '';
  let licenceFen: number | undefined;
  if (form.licence?.trim()) {
    const parsed = parseYuan(form.licence);
    if (parsed.ok) licenceFen = parsed.fen;
    else problems.push({ field: 'licence', message: parsed.message });
  }
  const discount = form.discount?.trim() ? percentToBasisPoints(form.discount) : 0;
  if (discount === null) problems.push({ field: 'discount', message: '折扣应为 0–100,最多两位小数 / 0–100, at most two decimals' });
  // Every ticked service is read, offered or not: a cloud form that sends db_migration under its own name is
  // refused by the sales rules (ON_PREMISE_ONLY), never quietly dropped. Held (keep_…) fields are not sales.
  const specialServices: { service: string; quantity: number | string | undefined; trips?: number | string | undefined }[] = [];
  for (const s of isOffering(offering) ? SPECIAL_SERVICES : []) {
    const quantity = (form[`quantity_${s.code}`] ?? '').trim();
    const trips = (form[`trips_${s.code}`] ?? '').trim();
    if (!form[`service_${s.code}`]) {
      if (quantity || trips) problems.push({ field: `quantity_${s.code}`, message: `${s.names[0]}:填写了数量但未勾选 / a quantity for ${serviceName(s.code, 'en')}, which is not ticked` });
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
