// Pages for the support desk and sales: contracts, a new contract, bulk import, and what a contract has;
// editing a contract and a customer's page are their own modules, mounted with these.
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { can } from '../../accounts/roles.ts';
import type { ContractImport } from '../../contracts/contract-import.ts';
import type { UsageService } from '../../contracts/usage-service.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import { ContractBody, CustomerBody, UsageBody } from '../api/contract-api.ts';
import { toHttpError } from '../http-error.ts';
import { parseRefusal, type UploadLimits } from '../policy-handlers.ts';
import { actorOf, clientAddress, idParam, principalOf, safeFilename } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { contractEditPages } from './contract-edit-pages.ts';
import { contractFormFrom, formOf, servicesOf } from './contract-form.ts';
import { customerPages } from './customer-pages.ts';
import { asApiBody, numberField, textField } from './form-body.ts';
import { formRefusal, renderPage } from './page-context.ts';

const ListQuery = z.object({ search: z.string().max(100).optional() });

interface Deps {
  contracts: ContractService;
  usage: UsageService;
  contractImport: ContractImport;
  views: Views;
  limits: UploadLimits;
}

export function contractPages(deps: Deps): RouteSpec[] {
  const { contracts, views } = deps;

  async function showList(req: Parameters<RouteSpec['handler']>[0], res: Parameters<RouteSpec['handler']>[1], extra: Record<string, unknown> = {}, status = 200) {
    const search = typeof req.query.search === 'string' ? req.query.search.trim().slice(0, 100) : '';
    const list = await contracts.listContracts({ search: search || undefined, limit: 200, offset: 0 });
    renderPage(views, req, res, 'contracts', 'contracts', { contracts: list, search, form: contractFormFrom({}), ...extra }, status);
  }

  return [
    ...contractEditPages({ contracts, views }),
    ...customerPages({ contracts, views }),
    route({ method: 'get', path: '/contracts', permission: 'contract.read', kind: 'page', query: ListQuery, summary: 'Contracts list, new-contract form and bulk import', handler: (req, res) => showList(req, res) }),
    route({
      method: 'post',
      path: '/contracts',
      permission: 'contract.write',
      kind: 'page',
      summary: 'Create a customer (if new) and a contract from the form',
      handler: async (req, res) => {
        const form = formOf(req.body);
        try {
          // The form is the two API calls POST /api/customers (when the customer is new) and POST /api/contracts,
          // checked by their schemas first, and the contract by the domain before a new customer is stored.
          const contactName = textField(form.contactName);
          const contactEmail = textField(form.contactEmail);
          const customerBody = asApiBody(CustomerBody, {
            name: form.customerName ?? '',
            contacts: contactName !== undefined || contactEmail !== undefined ? [{ name: contactName ?? '', email: contactEmail ?? null }] : [],
          });
          const terms = asApiBody(ContractBody.omit({ customerId: true }), { offering: form.offering ?? '', tier: form.tier ?? '', startsOn: form.startsOn?.trim() ?? '', endsOn: form.endsOn?.trim() ?? '', services: servicesOf(form) });
          const name = customerBody.name.trim();
          let customer = name ? await contracts.customerNamed(name) : null;
          if (!customer) {
            await contracts.checkContractTerms(terms);
            customer = await contracts.createCustomer(customerBody, actorOf(req));
          }
          const contract = await contracts.createContract({ ...terms, customerId: customer.id });
          res.redirect(303, `/contracts/${contract.id}`);
        } catch (err) {
          const refusal = formRefusal(err);
          const details = Array.isArray(refusal.details) ? (refusal.details as { field: string; message: string }[]) : [];
          const typed = { ...contractFormFrom(form, details), customerName: form.customerName, contactName: form.contactName, contactEmail: form.contactEmail };
          await showList(req, res, { formError: refusal.bilingual(), formDetails: details, form: typed }, refusal.status);
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
          const view = await contracts.entitlements(id, new Date());
          const usageDetails = Array.isArray(refusal.details) ? refusal.details : [];
          const warnings = await contracts.warnings(view.contract);
          return renderPage(views, req, res, 'contract', 'contracts', { ...view, warnings, usageError: refusal.bilingual(), usageDetails, usageForm: form, formId: randomUUID() }, refusal.status);
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
        renderPage(views, req, res, 'contract', 'contracts', { ...view, warnings: await contracts.warnings(view.contract), formId: randomUUID() });
      },
    }),
  ];
}
