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
  if (!isOffering(offering)) problems.push({ field: 'offering', message: '部署应为公有云或私有云 / cloud or on_premise' });
  if (!isTier(tier)) problems.push({ field: 'tier', message: '请选择服务产品 / basic, preferred or premium' });
  const termYears = Number(form.termYears ?? '1');
  if (!Number.isInteger(termYears) || termYears < 1 || termYears > 10) problems.push({ field: 'termYears', message: '服务年限应为 1–10 年 / 1–10 years' });
  let licenceFen: number | null = null;
  if (form.licence?.trim()) {
    const parsed = parseYuan(form.licence);
    if (parsed.ok) licenceFen = parsed.fen;
    else problems.push({ field: 'licence', message: parsed.message });
  }
  const discount = form.discount?.trim() ? percentToBasisPoints(form.discount) : 0;
  if (discount === null || discount > 10_000) problems.push({ field: 'discount', message: '折扣应为 0–100,最多两位小数 / 0–100, at most two decimals' });
  const usesText = form.codeDiagnosisUses?.trim() ?? '';
  const uses = usesText ? Number(usesText) : 0;
  if (usesText && (!/^\d{1,3}$/.test(usesText) || uses > 100)) problems.push({ field: 'codeDiagnosisUses', message: '代码诊断次数应为 0–100 的整数 / a whole number 0–100' });
  // Every ticked service is read, offered or not: a cloud form that somehow sends db_migration is refused by
  // the sales rules (ON_PREMISE_ONLY), never quietly dropped. Nothing typed is ignored or guessed either.
  const specialServices = [];
  for (const s of isOffering(offering) ? offeredServices('on_premise', form) : []) {
    const quantity = s.quantity.trim();
    const trips = s.trips.trim();
    if (!s.checked) {
      if (quantity || trips) problems.push({ field: `quantity_${s.code}`, message: `${s.name}:填写了数量但未勾选 / a quantity for ${s.code}, which is not ticked` });
      continue;
    }
    if (!/^\d{1,6}(\.\d)?$/.test(quantity) || Number(quantity) <= 0) {
      problems.push({ field: `quantity_${s.code}`, message: `${s.name}:请填写数量(人天可到一位小数) / give a quantity for ${s.code} (person-days to one decimal)` });
      continue;
    }
    if (trips && !/^\d{1,4}$/.test(trips)) problems.push({ field: `trips_${s.code}`, message: `${s.name}:出差次数应为整数 / trips for ${s.code} are a whole number` });
    specialServices.push({ service: s.code, quantity: Number(quantity), ...(trips ? { trips: Number(trips) } : {}) });
  }
  const customerId = form.customerId ? Number(form.customerId) : null;
  const customerName = form.customerName?.trim() || null;
  if (!customerId && !customerName) problems.push({ field: 'customerName', message: '请选择已有客户或填写新客户名称 / choose a customer or give a new name' });
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
