// Pages for the support desk and sales: contracts, a new contract, bulk import, and what a contract has;
// editing a contract and a customer's page are their own modules, mounted with these.
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { can } from '../../accounts/roles.ts';
import type { ContractImport } from '../../contracts/contract-import.ts';
import type { UsageService } from '../../contracts/usage-service.ts';
import { ContractError, type ContractService } from '../../contracts/contract-service.ts';
import { toHttpError } from '../http-error.ts';
import type { UploadLimits } from '../policy-handlers.ts';
import { clientAddress, principalOf, safeFilename } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { contractEditPages } from './contract-edit-pages.ts';
import { contractFormFrom, formOf, servicesOf } from './contract-form.ts';
import { customerPages } from './customer-pages.ts';
import { renderPage } from './page-context.ts';

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
        const services = servicesOf(form);
        try {
          const name = (form.customerName ?? '').trim();
          const existing = name ? (await contracts.listCustomers({ search: name, limit: 50, offset: 0 })).find((c) => c.name === name) : undefined;
          const customer = existing ?? (await contracts.createCustomer({ name, contacts: form.contactName ? [{ name: form.contactName, email: form.contactEmail || null }] : [] }));
          const contract = await contracts.createContract({ customerId: customer.id, offering: form.offering ?? '', tier: form.tier ?? '', startsOn: form.startsOn ?? '', endsOn: form.endsOn ?? '', services });
          res.redirect(303, `/contracts/${contract.id}`);
        } catch (err) {
          const refusal = toHttpError(err);
          if (!(err instanceof ContractError) || !refusal) throw err;
          const details = err.details ?? [];
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
        const outcome = await deps.contractImport.importFile(req.file!.buffer, safeFilename(req.file!.originalname), { name: principalOf(req).name, address: clientAddress(req) }, deps.limits);
        if (outcome.status === 'rejected') {
          return showList(req, res, { importIssues: outcome.issues.filter((i) => i.severity === 'error'), importFile: req.file!.originalname }, 422);
        }
        await showList(req, res, { imported: outcome.contractIds.length });
      },
    }),
    route({
      method: 'post',
      path: '/contracts/:id/usage',
      permission: 'usage.record',
      kind: 'page',
      summary: 'Record one use of a quota from the contract page',
      handler: async (req, res) => {
        const id = Number(req.params.id);
        const form = req.body as Record<string, string | undefined>;
        const principal = principalOf(req);
        const reason = form.overrideReason?.trim();
        try {
          await deps.usage.record(
            {
              contractId: id,
              service: form.service ?? '',
              personDays: Number(form.personDays || 0) || 1,
              at: new Date(),
              note: form.note?.trim().slice(0, 500) || null,
              override: reason ? { reason: reason.slice(0, 500) } : null,
              // The form's one-time token makes a double-submitted form record once.
              idempotencyKey: form.formId ? `form:${form.formId.slice(0, 80)}` : null,
            },
            { name: principal.name, address: clientAddress(req), mayOverride: can(principal.role, 'usage.override') },
          );
        } catch (err) {
          const refusal = toHttpError(err);
          if (!refusal || refusal.status >= 500 || refusal.status === 404) throw err;
          const view = await contracts.entitlements(id, new Date());
          return renderPage(views, req, res, 'contract', 'contracts', { ...view, usageError: refusal.bilingual(), formId: randomUUID() }, refusal.status);
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
        renderPage(views, req, res, 'contract', 'contracts', { ...view, formId: randomUUID() });
      },
    }),
  ];
}
