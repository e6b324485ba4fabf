// What the contract forms (new and edit) send and show. Without JavaScript, a refused form must come back
// as the user typed it, with each of the domain's field problems next to the field it concerns.
import type { Contract } from '../../contracts/contract-store.ts';
import { OFFERINGS, SPECIAL_SERVICES, TIERS } from '../../catalog/catalog-codes.ts';
import { numberField } from './form-body.ts';

/** A urlencoded form: only string values count (a JSON body may carry anything). */
export type FormBody = Record<string, string | undefined>;

export interface FieldProblem {
  field: string;
  message: string;
}

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
  specials: { code: string; name: string; checked: boolean; days: string; error: string | null }[];
  errors: Record<Field, string | null>;
}

const selectedCodes = (form: FormBody) => SPECIAL_SERVICES.filter((s) => form[`service_${s.code}`]).map((s) => s.code);

/** The special services ticked on the form, in catalog order: the order the domain's `services.N` details count in. */
export function servicesOf(form: FormBody): { service: string; personDays: number | string }[] {
  // A blank days field means none bought yet; text that is not a number is left for the API's schema to refuse.
  return selectedCodes(form).map((code) => ({ service: code, personDays: numberField(form[`days_${code}`]) ?? 0 }));
}

function view(values: Record<Field, string>, checked: Map<string, string>, problems: FieldProblem[], selected: string[]): ContractFormView {
  const errors = Object.fromEntries(FIELDS.map((f) => [f, null])) as Record<Field, string | null>;
  const serviceErrors = new Map<string, string>();
  for (const p of problems) {
    if ((FIELDS as readonly string[]).includes(p.field)) errors[p.field as Field] ??= p.message;
    const code = selected[Number(/^services\.(\d+)\./.exec(p.field)?.[1] ?? -1)];
    if (code && !serviceErrors.has(code)) serviceErrors.set(code, p.message);
  }
  return {
    ...values,
    offerings: OFFERINGS.map((o) => ({ value: o, selected: o === values.offering })),
    tiers: TIERS.map((t) => ({ value: t, selected: t === values.tier })),
    specials: SPECIAL_SERVICES.map((s) => ({
      code: s.code,
      name: s.names[0] ?? s.code,
      checked: checked.has(s.code),
      days: checked.get(s.code) ?? '',
      error: serviceErrors.get(s.code) ?? null,
    })),
    errors,
  };
}

/** The form filled from a stored contract. */
export function contractFormOf(contract: Contract): ContractFormView {
  const checked = new Map(contract.services.map((s) => [s.service, String(s.personDays)]));
  return view(contract, checked, [], []);
}

/** The form as it was sent, with the problems the domain found in it. */
export function contractFormFrom(form: FormBody, problems: FieldProblem[] = []): ContractFormView {
  const selected = selectedCodes(form);
  const checked = new Map(selected.map((code) => [code, form[`days_${code}`] ?? '']));
  const values = Object.fromEntries(FIELDS.map((f) => [f, form[f] ?? ''])) as Record<Field, string>;
  return view(values, checked, problems, selected);
}
