// The customers list (paged, sorted and searched by the database), and a customer's page: its name and contacts,
// and its contracts. The contact list is edited without JavaScript: blank rows add a contact, a ticked "remove"
// drops one, and the whole list is saved at once.
import type { Request, Response } from 'express';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { Customer } from '../../contracts/contract-store.ts';
import { z } from 'zod';
import { serviceName } from '../../catalog/catalog-names.ts';
import { CUSTOMER_SORTS } from '../../contracts/contract-store.ts';
import { CustomerUpdate } from '../api/contract-api.ts';
import type { HttpError } from '../http-error.ts';
import type { Lang } from '../i18n.ts';
import { actorOf, idParam } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { formOf, onFormFields, type FormBody } from './contract-form.ts';
import { asApiBody, textField } from './form-body.ts';
import { pageProblems, type FieldNames } from './form-problems.ts';
import { pagerOf, readListQuery } from './list-view.ts';
import { formRefusal, renderPage } from './page-context.ts';

const text = z.string().max(200).optional();
const ListQuery = z.object({ q: text, page: text, sort: text });

/** A customer's contracts on its page, a page at a time: most customers have a handful. */
const CONTRACTS_PER_PAGE = 20;

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

/** The customer form's fields as it labels them, per contact row (1-based in the names people read). */
function customerFieldNames(rows: ContactRowView[]): FieldNames {
  const names: FieldNames = { name: { zh: '客户名称', en: 'Customer name' } };
  for (const r of rows) {
    names[`contact_${r.index}_name`] = { zh: `第 ${r.number} 位联系人的姓名`, en: `Contact ${r.number}’s name` };
    names[`contact_${r.index}_email`] = { zh: `第 ${r.number} 位联系人的邮箱`, en: `Contact ${r.number}’s e-mail` };
    names[`contact_${r.index}_role`] = { zh: `第 ${r.number} 位联系人的角色`, en: `Contact ${r.number}’s role` };
  }
  return names;
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

/**
 * The refusal on the form's controls, in the page's language: the domain counts `contacts.N` over the kept rows,
 * and the page shows each problem on the row it came from.
 */
function placeProblems(view: CustomerFormView, rows: ContactRowView[], kept: ContactRowView[], refusal: HttpError, lang: Lang) {
  const placed = onFormFields(refusal, (field) => {
    const m = /^contacts\.(\d+)\.(name|email|role)$/.exec(field);
    const row = m ? kept[Number(m[1])] : undefined;
    return row && m ? `contact_${row.index}_${m[2]}` : null;
  });
  const { summary, problems, byField } = pageProblems(placed, lang, customerFieldNames(rows));
  view.nameError = byField.name ?? null;
  for (const r of rows) {
    for (const part of ['name', 'email', 'role'] as const) r.errors[part] = byField[`contact_${r.index}_${part}`] ?? null;
  }
  return { summary, problems };
}

export function customerPages(deps: { contracts: ContractService; views: Views }): RouteSpec[] {
  const { contracts, views } = deps;

  async function showCustomer(req: Request, res: Response, customer: Customer, form: CustomerFormView, extra: Record<string, unknown> = {}, status = 200) {
    const lang = req.lang ?? 'zh';
    const basePath = `/customers/${customer.id}`;
    const list = readListQuery(req.query, { sorts: ['newest'] as const, defaultSort: 'newest', filters: [], pageSize: CONTRACTS_PER_PAGE });
    const { items, total } = await contracts.pageContracts({ customerId: customer.id, offset: list.offset, limit: list.pageSize });
    const rows = items.map((c) => ({ ...c, services: c.services.map((s) => ({ ...s, name: serviceName(s.service, lang) })) }));
    renderPage(views, req, res, 'customer', 'customerPage', { customer, form, contracts: rows, pager: pagerOf(basePath, list, total), ...extra }, status);
  }

  async function showList(req: Request, res: Response) {
    const list = readListQuery(req.query, { sorts: CUSTOMER_SORTS, defaultSort: 'name', filters: [] });
    const { items, total } = await contracts.pageCustomers({ search: list.q || undefined, sort: list.sort, offset: list.offset, limit: list.pageSize });
    const rows = items.map((c) => ({ ...c, csm: c.contacts.filter((p) => p.role === 'csm').map((p) => p.name), others: c.contacts.filter((p) => p.role !== 'csm').map((p) => p.name) }));
    const sorts = CUSTOMER_SORTS.map((value) => ({ value, key: value === 'name' ? 'sortName' : 'sortNewest', selected: value === list.sort }));
    renderPage(views, req, res, 'customers', 'customers', { rows, list, sorts, pager: pagerOf('/customers', list, total), filtered: list.q !== '' });
  }

  return [
    route({
      method: 'get',
      path: '/customers',
      permission: 'contract.read',
      kind: 'page',
      query: ListQuery,
      summary: 'Customers (paged, searched by name and sorted by the database)',
      handler: (req, res) => showList(req, res),
    }),
    route({
      method: 'get',
      path: '/customers/:id',
      permission: 'contract.read',
      kind: 'page',
      query: z.object({ page: text }),
      summary: 'A customer: name, contacts and contracts (paged)',
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
          const view: CustomerFormView = { name: form.name ?? '', nameError: null, contacts: rows };
          const formProblems = placeProblems(view, rows, kept, refusal, req.lang ?? 'zh');
          return showCustomer(req, res, customer, view, { formProblems }, refusal.status);
        }
        res.redirect(303, `/customers/${id}`);
      },
    }),
  ];
}
