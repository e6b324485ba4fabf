// What the contract forms (new and edit) send and show. Without JavaScript, a refused form must come back
// as the user typed it, with each problem in the page's language next to the field it concerns (highlighted),
// and listed again in a summary at the top that links to the field.
import type { Contract } from '../../contracts/contract-store.ts';
import { OFFERINGS, SPECIAL_SERVICES, TIERS } from '../../catalog/catalog-codes.ts';
import { serviceName } from '../../catalog/catalog-names.ts';
import { HttpError } from '../http-error.ts';
import type { Lang } from '../i18n.ts';
import { numberField } from './form-body.ts';
import { pageProblems, type FieldNames, type PageProblem } from './form-problems.ts';

/** A urlencoded form: only string values count (a JSON body may carry anything). */
export type FormBody = Record<string, string | undefined>;

export function formOf(body: unknown): FormBody {
  if (!body || typeof body !== 'object') return {};
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

const FIELDS = ['offering', 'tier', 'startsOn', 'endsOn'] as const;
type Field = (typeof FIELDS)[number];

export interface ContractFormView {
  offering: string;
  tier: string;
  startsOn: string;
  endsOn: string;
  offerings: { value: string; selected: boolean }[];
  tiers: { value: string; selected: boolean }[];
  specials: { code: string; name: string; onPremiseOnly: boolean; checked: boolean; days: string; error: string | null; daysError: string | null }[];
  /** The text beside each invalid control, by the control's name (offering, service_CODE, days_CODE…). */
  errors: Record<string, string>;
}

/** A refused form, for the template: the summary's entries and, when it says more than its fields, a sentence. */
export interface FormProblemsView {
  summary: string | null;
  problems: PageProblem[];
}

const selectedCodes = (form: FormBody) => SPECIAL_SERVICES.filter((s) => form[`service_${s.code}`]).map((s) => s.code);

/** The special services ticked on the form, in catalog order: the order the domain's `services.N` details count in. */
export function servicesOf(form: FormBody): { service: string; personDays: number | string }[] {
  // A blank days field means none bought yet; text that is not a number is left for the API's schema to refuse.
  return selectedCodes(form).map((code) => ({ service: code, personDays: numberField(form[`days_${code}`]) ?? 0 }));
}

/** The contract's fields as the form labels them: the summary names them so. */
export function contractFieldNames(): FieldNames {
  const names: FieldNames = {
    offering: { zh: '部署', en: 'Offering' },
    tier: { zh: '服务产品', en: 'Tier' },
    startsOn: { zh: '开始日期', en: 'Starts on' },
    endsOn: { zh: '结束日期', en: 'Ends on' },
    customerName: { zh: '客户', en: 'Customer' },
    customerId: { zh: '客户', en: 'Customer' },
    contactName: { zh: '联系人', en: 'Contact' },
    contactEmail: { zh: '邮箱', en: 'E-mail' },
  };
  for (const s of SPECIAL_SERVICES) {
    const name = { zh: serviceName(s.code, 'zh'), en: serviceName(s.code, 'en') };
    names[`service_${s.code}`] = { zh: `专项服务“${name.zh}”`, en: `Special service ${name.en}` };
    names[`days_${s.code}`] = { zh: `“${name.zh}”的人天`, en: `Person-days of ${name.en}` };
  }
  return names;
}

/**
 * The refusal with its fields renamed to the form's controls: the API counts `services.N` over the ticked
 * services and names the customer's fields as POST /api/customers does; the form's controls are named by code.
 */
export function onFormFields(refusal: HttpError, rename: (field: string) => string | null): HttpError {
  if (!Array.isArray(refusal.details)) return refusal;
  const details = (refusal.details as { field?: unknown }[]).map((d) => {
    const renamed = typeof d.field === 'string' ? rename(d.field) : null;
    return renamed ? { ...d, field: renamed } : d;
  });
  const copy = new HttpError(refusal.status, refusal.code, refusal.messageZh, refusal.message, details);
  copy.retryAfterSeconds = refusal.retryAfterSeconds;
  return copy;
}

/** `services.N.service` and `services.N.personDays` of the sent form as the controls of the service they concern. */
export function contractControl(form: FormBody): (field: string) => string | null {
  const selected = selectedCodes(form);
  return (field) => {
    const m = /^services\.(\d+)(?:\.(service|personDays))?$/.exec(field);
    if (!m) return null;
    const code = selected[Number(m[1])];
    if (!code) return null;
    return m[2] === 'personDays' ? `days_${code}` : `service_${code}`;
  };
}

/** A refused contract form in the page's language: its summary and the text beside each control. */
export function contractProblems(refusal: HttpError, form: FormBody, lang: Lang, rename: (field: string) => string | null = () => null) {
  const control = contractControl(form);
  const placed = onFormFields(refusal, (field) => control(field) ?? rename(field));
  const { summary, problems, byField } = pageProblems(placed, lang, contractFieldNames());
  return { view: { summary, problems } satisfies FormProblemsView, byField };
}

function view(values: Record<Field, string>, checked: Map<string, string>, errors: Record<string, string>, lang: Lang): ContractFormView {
  return {
    ...values,
    offerings: OFFERINGS.map((o) => ({ value: o, selected: o === values.offering })),
    tiers: TIERS.map((t) => ({ value: t, selected: t === values.tier })),
    specials: SPECIAL_SERVICES.map((s) => ({
      code: s.code,
      name: serviceName(s.code, lang),
      onPremiseOnly: s.onPremiseOnly,
      checked: checked.has(s.code),
      days: checked.get(s.code) ?? '',
      error: errors[`service_${s.code}`] ?? null,
      daysError: errors[`days_${s.code}`] ?? null,
    })),
    errors,
  };
}

/** The form filled from a stored contract. */
export function contractFormOf(contract: Contract, lang: Lang): ContractFormView {
  const checked = new Map(contract.services.map((s) => [s.service, String(s.personDays)]));
  return view(contract, checked, {}, lang);
}

/** The form as it was sent, with the text beside each control the refusal concerns. */
export function contractFormFrom(form: FormBody, lang: Lang, errors: Record<string, string> = {}): ContractFormView {
  const selected = selectedCodes(form);
  const checked = new Map(selected.map((code) => [code, form[`days_${code}`] ?? '']));
  const values = Object.fromEntries(FIELDS.map((f) => [f, form[f] ?? ''])) as Record<Field, string>;
  return view(values, checked, errors, lang);
}
