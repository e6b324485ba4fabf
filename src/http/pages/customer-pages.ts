// A customer's page: its name and contacts, and its contracts. The contact list is edited without
// JavaScript: blank rows add a contact, a ticked "remove" drops one, and the whole list is saved at once.
import type { Request, Response } from 'express';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { Customer } from '../../contracts/contract-store.ts';
import { CustomerUpdate } from '../api/contract-api.ts';
import { actorOf, idParam } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { formOf, type FieldProblem, type FormBody } from './contract-form.ts';
import { asApiBody, textField } from './form-body.ts';
import { formRefusal, renderPage } from './page-context.ts';

/** Blank rows offered for new contacts; more can be added after saving. */
const BLANK_ROWS = 2;
const ROLES = ['contact', 'csm'] as const;
const ROW_FIELD = /^contact_(\d{1,2})_(?:name|email|role|remove)$/;

interface ContactRowView {
  index: number;
  /** 1-based, for the row's labels. */
  number: number;
  name: string;
  email: string;
  roles: { value: string; selected: boolean }[];
  remove: boolean;
  errors: { name: string | null; email: string | null; role: string | null };
}

interface CustomerFormView {
  name: string;
  nameError: string | null;
  contacts: ContactRowView[];
}

function row(index: number, name: string, email: string, role: string, remove = false): ContactRowView {
  return { index, number: index + 1, name, email, roles: ROLES.map((r) => ({ value: r, selected: r === role })), remove, errors: { name: null, email: null, role: null } };
}

function formOfCustomer(customer: Customer): CustomerFormView {
  const rows = customer.contacts.map((c, i) => row(i, c.name, c.email ?? '', c.role));
  for (let i = 0; i < BLANK_ROWS; i++) rows.push(row(rows.length, '', '', 'contact'));
  return { name: customer.name, nameError: null, contacts: rows };
}

/** The rows as sent, in order; a row counts when anything was typed in it and it is not marked for removal. */
function rowsSent(form: FormBody): { rows: ContactRowView[]; kept: ContactRowView[] } {
  const last = Math.max(-1, ...Object.keys(form).map((k) => Number(ROW_FIELD.exec(k)?.[1] ?? -1)));
  const rows = Array.from({ length: last + 1 }, (_, i) => {
    const at = (field: string) => form[`contact_${i}_${field}`] ?? '';
    return row(i, at('name'), at('email'), at('role') || 'contact', at('remove') !== '');
  });
  return { rows, kept: rows.filter((r) => !r.remove && (r.name.trim() !== '' || r.email.trim() !== '')) };
}

/** The domain counts `contacts.N` over the kept rows; the page shows each problem on the row it came from. */
function placeProblems(view: CustomerFormView, kept: ContactRowView[], problems: FieldProblem[]): void {
  for (const p of problems) {
    if (p.field === 'name') view.nameError ??= p.message;
    const m = /^contacts\.(\d+)\.(name|email|role)$/.exec(p.field);
    const target = m ? kept[Number(m[1])] : undefined;
    if (target && m) target.errors[m[2] as 'name' | 'email' | 'role'] ??= p.message;
  }
}

export function customerPages(deps: { contracts: ContractService; views: Views }): RouteSpec[] {
  const { contracts, views } = deps;

  async function showCustomer(req: Request, res: Response, customer: Customer, form: CustomerFormView, extra: Record<string, unknown> = {}, status = 200) {
    const list = await contracts.listContracts({ customerId: customer.id, limit: 200, offset: 0 });
    renderPage(views, req, res, 'customer', 'customerPage', { customer, form, contracts: list, ...extra }, status);
  }

  return [
    route({
      method: 'get',
      path: '/customers/:id',
      permission: 'contract.read',
      kind: 'page',
      summary: 'A customer: name, contacts and contracts',
      handler: async (req, res) => {
        const customer = await contracts.getCustomer(idParam(req));
        await showCustomer(req, res, customer, formOfCustomer(customer));
      },
    }),
    route({
      method: 'post',
      path: '/customers/:id',
      permission: 'contract.write',
      kind: 'page',
      summary: 'Rename a customer and replace its contacts from the form (the same rules as PUT /api/customers/:id)',
      handler: async (req, res) => {
        const id = idParam(req);
        const customer = await contracts.getCustomer(id);
        const form = formOf(req.body);
        const { rows, kept } = rowsSent(form);
        try {
          // PUT /api/customers/:id's body, checked by its schema; the change is audited as this person's.
          const body = asApiBody(CustomerUpdate, {
            name: form.name ?? '',
            contacts: kept.map((r) => ({ name: r.name, email: textField(r.email) ?? null, role: form[`contact_${r.index}_role`] || 'contact' })),
          });
          await contracts.updateCustomer(id, body, actorOf(req));
        } catch (err) {
          const refusal = formRefusal(err);
          if (refusal.status === 404) throw err;
          const details = Array.isArray(refusal.details) ? (refusal.details as FieldProblem[]) : [];
          const view: CustomerFormView = { name: form.name ?? '', nameError: null, contacts: rows };
          placeProblems(view, kept, details);
          return showCustomer(req, res, customer, view, { formError: refusal.bilingual(), formDetails: details }, refusal.status);
        }
        res.redirect(303, `/customers/${id}`);
      },
    }),
  ];
}
