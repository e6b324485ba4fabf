// Pages for the support desk and sales: contracts, a new contract, bulk import, and what a contract has;
// editing a contract and a customer's page are their own modules, mounted with these.
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { can } from '../../accounts/roles.ts';
import type { ContractImport } from '../../contracts/contract-import.ts';
import type { UsageService } from '../../contracts/usage-service.ts';
import { ContractError } from '../../contracts/contract-refusals.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import { ContractBody, CustomerBody, UsageBody } from '../api/contract-api.ts';
import { HttpError, toHttpError } from '../http-error.ts';
import { parseRefusal, type UploadLimits } from '../policy-handlers.ts';
import { actorOf, clientAddress, idParam, principalOf, safeFilename, sendAttachment, XLSX_TYPE } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { contractEditPages } from './contract-edit-pages.ts';
import { contractFormFrom, contractProblems, formOf, servicesOf, type ContractFormView, type FormBody } from './contract-form.ts';
import { contractListView, contractListWorkbook } from './contract-list.ts';
import { contractPageView, usageProblems } from './contract-view.ts';
import { customerPages } from './customer-pages.ts';
import { asApiBody, numberField, textField } from './form-body.ts';
import { wantsWorkbook } from './list-view.ts';
import { formRefusal, renderPage } from './page-context.ts';

/** The list's query string (list-view.ts reads it tolerantly) and the customer picker's. */
const text = z.string().max(200).optional();
const ListQuery = z.object({ q: text, search: text, page: text, sort: text, offering: text, tier: text, state: text, service: text, format: text, forCustomer: text });

/** How many customers the new-contract form's picker offers for what was typed. */
const PICKER_MATCHES = 20;

interface Deps {
  contracts: ContractService;
  usage: UsageService;
  contractImport: ContractImport;
  views: Views;
  limits: UploadLimits;
}

type Req = Parameters<RouteSpec['handler']>[0];
type Res = Parameters<RouteSpec['handler']>[1];

/** The new-contract form's customer fields as typed, and the picker's choice among existing customers. */
interface CustomerPick {
  customerName: string;
  contactName: string;
  contactEmail: string;
  customerId: string;
}

const pickOf = (form: FormBody): CustomerPick => ({
  customerName: form.customerName ?? '',
  contactName: form.contactName ?? '',
  contactEmail: form.contactEmail ?? '',
  customerId: form.customerId ?? '',
});

/** POST /api/customers names the customer's fields `name` and `contacts.0.*`; the form's are these. */
function customerControl(field: string): string | null {
  if (field === 'name') return 'customerName';
  if (field === 'contacts.0.name') return 'contactName';
  if (field === 'contacts.0.email') return 'contactEmail';
  if (field === 'contacts' || field.startsWith('contacts.')) return 'contactName';
  return null;
}

/** A customer that does not exist is null; anything else (the database away, say) goes on to the error page. */
function unlessMissing(err: unknown): null {
  if (err instanceof ContractError && err.code === 'CUSTOMER_NOT_FOUND') return null;
  throw err;
}

export function contractPages(deps: Deps): RouteSpec[] {
  const { contracts, views } = deps;

  /** The customers whose names hold what was typed, for the picker; the chosen one stays chosen. */
  async function matchesFor(pick: CustomerPick) {
    const typed = pick.customerName.trim();
    if (!typed) return null;
    const { items, total } = await contracts.pageCustomers({ search: typed, sort: 'name', offset: 0, limit: PICKER_MATCHES });
    return {
      typed,
      total,
      more: total > items.length,
      exact: items.some((c) => c.name === typed),
      items: items.map((c) => ({ id: c.id, name: c.name, contracts: c.contracts, chosen: String(c.id) === pick.customerId })),
      newChosen: pick.customerId === '',
    };
  }

  async function showList(req: Req, res: Res, extra: Record<string, unknown> = {}, status = 200) {
    const lang = req.lang ?? 'zh';
    const list = await contractListView(contracts, req.query, lang);
    const form = (extra.form as ContractFormView | undefined) ?? contractFormFrom({}, lang);
    renderPage(views, req, res, 'contracts', 'contracts', { ...list, form, pick: pickOf({}), ...extra }, status);
  }

  /** The form as sent, with the refusal beside its fields (or only the picker's matches, when finding). */
  async function showForm(req: Req, res: Res, form: FormBody, refusal: HttpError | null) {
    const lang = req.lang ?? 'zh';
    const pick = pickOf(form);
    const placed = refusal ? contractProblems(refusal, form, lang, customerControl) : null;
    const errors = placed?.byField ?? {};
    await showList(
      req,
      res,
      { form: contractFormFrom(form, lang, errors), pick, pickErrors: errors, formProblems: placed?.view ?? null, matches: await matchesFor(pick) },
      refusal?.status ?? 200,
    );
  }

  /** The customer the form names: the one picked, else the one of exactly the typed name, else null (a new one). */
  async function customerOf(pick: CustomerPick) {
    if (pick.customerId !== '') {
      const id = Number(pick.customerId);
      const found = /^[1-9]\d{0,8}$/.test(pick.customerId) ? await contracts.getCustomer(id).catch(unlessMissing) : null;
      if (!found) {
        throw new HttpError(400, 'VALIDATION_FAILED', '所选客户不存在', 'The chosen customer does not exist', [
          { field: 'customerName', message: 'the chosen customer no longer exists: find the customer again', messageZh: '所选客户已不存在:请重新查找客户' },
        ]);
      }
      return found;
    }
    const name = pick.customerName.trim();
    return name ? await contracts.customerNamed(name) : null;
  }

  return [
    ...contractEditPages({ contracts, views }),
    ...customerPages({ contracts, views }),
    route({
      method: 'get',
      path: '/contracts',
      permission: 'contract.read',
      kind: 'page',
      query: ListQuery,
      summary: 'Contracts list (paged, sorted, filtered; ?format=xlsx exports the view), new-contract form and bulk import',
      handler: async (req, res) => {
        const lang = req.lang ?? 'zh';
        if (wantsWorkbook(req.query)) {
          const bytes = await contractListWorkbook(contracts, req.query, lang);
          return sendAttachment(res, bytes, `contracts-${new Date().toISOString().slice(0, 10)}.xlsx`, XLSX_TYPE);
        }
        // From a customer's page: the new-contract form with that customer chosen.
        const forCustomer = typeof req.query.forCustomer === 'string' && /^[1-9]\d{0,8}$/.test(req.query.forCustomer) ? req.query.forCustomer : null;
        const customer = forCustomer ? await contracts.getCustomer(Number(forCustomer)).catch(unlessMissing) : null;
        if (!customer) return showList(req, res);
        const pick = { customerName: customer.name, contactName: '', contactEmail: '', customerId: String(customer.id) };
        await showList(req, res, { pick, matches: await matchesFor(pick) });
      },
    }),
    route({
      method: 'post',
      path: '/contracts',
      permission: 'contract.write',
      kind: 'page',
      summary: 'Create a contract for a customer found with the picker, or for a new customer, from the form',
      handler: async (req, res) => {
        const form = formOf(req.body);
        // 查找客户: the form comes back as typed, with the customers whose names hold the text to choose from.
        if (form.intent === 'findCustomer') return showForm(req, res, form, null);
        try {
          // The form is the two API calls POST /api/customers (when the customer is new) and POST /api/contracts,
          // checked by their schemas first, and the contract by the domain before a new customer is stored.
          const pick = pickOf(form);
          const contactName = textField(pick.contactName);
          const contactEmail = textField(pick.contactEmail);
          const customerBody = asApiBody(CustomerBody, {
            name: pick.customerName,
            contacts: contactName !== undefined || contactEmail !== undefined ? [{ name: contactName ?? '', email: contactEmail ?? null }] : [],
          });
          const terms = asApiBody(ContractBody.omit({ customerId: true }), { offering: form.offering ?? '', tier: form.tier ?? '', startsOn: form.startsOn?.trim() ?? '', endsOn: form.endsOn?.trim() ?? '', services: servicesOf(form) });
          let customer = await customerOf(pick);
          if (!customer) {
            await contracts.checkContractTerms(terms);
            customer = await contracts.createCustomer(customerBody, actorOf(req));
          }
          const contract = await contracts.createContract({ ...terms, customerId: customer.id }, actorOf(req));
          res.redirect(303, `/contracts/${contract.id}`);
        } catch (err) {
          await showForm(req, res, form, formRefusal(err));
        }
      },
    }),
    route({
      method: 'post',
      path: '/contracts/import',
      permission: 'contract.write',
      kind: 'page',
      upload: 'file',
      summary: 'Import contracts from an xlsx or CSV file',
      handler: async (req, res) => {
        let outcome;
        try {
          outcome = await deps.contractImport.importFile(req.file!.buffer, safeFilename(req.file!.originalname), { name: principalOf(req).name, address: clientAddress(req) }, deps.limits);
        } catch (err) {
          const refusal = parseRefusal(err, res);
          if (!refusal) throw err;
          return showList(req, res, { importIssues: refusal.issues, importFile: req.file!.originalname }, refusal.status);
        }
        if (outcome.status === 'rejected') {
          return showList(req, res, { importIssues: outcome.issues.filter((i) => i.severity === 'error'), importFile: req.file!.originalname }, 422);
        }
        // Imported, with what needs attention (a 尊享 customer without a customer-success manager, say).
        await showList(req, res, { imported: outcome.contractIds.length, importWarnings: outcome.warnings });
      },
    }),
    route({
      method: 'post',
      path: '/contracts/:id/usage',
      permission: 'usage.record',
      kind: 'page',
      summary: 'Record one use of a quota from the contract page',
      handler: async (req, res) => {
        const id = idParam(req);
        const form = formOf(req.body);
        const principal = principalOf(req);
        try {
          // The fields as POST /api/usage takes them, refused by its schema as the API refuses them.
          const body = asApiBody(UsageBody, {
            contractId: id,
            service: form.service ?? '',
            personDays: numberField(form.personDays),
            // A ticked checkbox sends its value; an unticked one sends nothing.
            onsite: form.onsite !== undefined && form.onsite !== '' && form.onsite !== '0' ? true : undefined,
            note: textField(form.note),
            override: textField(form.overrideReason) === undefined ? undefined : { reason: textField(form.overrideReason) },
          });
          await deps.usage.record(
            {
              contractId: body.contractId,
              service: body.service,
              personDays: body.personDays,
              onsite: body.onsite ?? false,
              at: new Date(),
              note: body.note ?? null,
              override: body.override ?? null,
              // The form's one-time token makes a double-submitted form record once.
              idempotencyKey: form.formId ? `form:${form.formId.slice(0, 80)}` : null,
            },
            { name: principal.name, address: clientAddress(req), mayOverride: can(principal.role, 'usage.override') },
          );
        } catch (err) {
          // OVERRIDE_NOT_ALLOWED (403) too is shown beside the form: the person can take the reason out.
          const refusal = toHttpError(err);
          if (!refusal || refusal.status >= 500 || refusal.status === 404) throw err;
          const lang = req.lang ?? 'zh';
          const view = await contracts.entitlements(id, new Date());
          const shown = contractPageView(view, await contracts.warnings(view.contract), lang);
          return renderPage(views, req, res, 'contract', 'contracts', { ...shown, usageProblems: usageProblems(refusal, lang), usageForm: form, formId: randomUUID() }, refusal.status);
        }
        res.redirect(303, `/contracts/${id}`);
      },
    }),
    route({
      method: 'get',
      path: '/contracts/:id',
      permission: 'contract.read',
      kind: 'page',
      summary: 'What a contract has: every service’s decision now',
      handler: async (req, res) => {
        const id = Number(req.params.id);
        if (!Number.isInteger(id) || id < 1) return void res.redirect(303, '/contracts');
        const view = await contracts.entitlements(id, new Date());
        // Shown until fixed: a 尊享 customer without a customer-success manager (NO_CSM).
        const shown = contractPageView(view, await contracts.warnings(view.contract), req.lang ?? 'zh');
        renderPage(views, req, res, 'contract', 'contracts', { ...shown, formId: randomUUID() });
      },
    }),
  ];
}
