// Changing a contract from the pages: its own form page, so that a refused change comes back with what was
// typed and nothing else on the contract page (quota use, decisions) competes with it.
import type { Request, Response } from 'express';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { Contract } from '../../contracts/contract-store.ts';
import { ContractBody } from '../api/contract-api.ts';
import { actorOf, idParam } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { contractFormFrom, contractFormOf, contractProblems, formOf, servicesOf, type ContractFormView } from './contract-form.ts';
import { asApiBody } from './form-body.ts';
import { formRefusal, renderPage } from './page-context.ts';

export function contractEditPages(deps: { contracts: ContractService; views: Views }): RouteSpec[] {
  const { contracts, views } = deps;

  function showForm(req: Request, res: Response, contract: Contract, form: ContractFormView, extra: Record<string, unknown> = {}, status = 200): void {
    renderPage(views, req, res, 'contract-edit', 'editContract', { contract, form, ...extra }, status);
  }

  return [
    route({
      method: 'get',
      path: '/contracts/:id/edit',
      permission: 'contract.write',
      kind: 'page',
      summary: 'Form to change a contract’s offering, tier, dates and special services',
      handler: async (req, res) => {
        const contract = await contracts.getContract(idParam(req));
        showForm(req, res, contract, contractFormOf(contract, req.lang ?? 'zh'));
      },
    }),
    route({
      method: 'post',
      path: '/contracts/:id/edit',
      permission: 'contract.write',
      kind: 'page',
      summary: 'Save a changed contract from the form (the same rules as PUT /api/contracts/:id)',
      handler: async (req, res) => {
        const id = idParam(req);
        const contract = await contracts.getContract(id);
        const form = formOf(req.body);
        try {
          // The customer stays: moving a contract to another customer is not an edit sales make here. The body is
          // PUT /api/contracts/:id's, checked by its schema.
          const body = asApiBody(ContractBody, {
            customerId: contract.customerId,
            offering: form.offering ?? '',
            tier: form.tier ?? '',
            startsOn: form.startsOn?.trim() ?? '',
            endsOn: form.endsOn?.trim() ?? '',
            services: servicesOf(form),
          });
          await contracts.updateContract(id, body, actorOf(req));
        } catch (err) {
          const refusal = formRefusal(err);
          if (refusal.status === 404) throw err;
          const lang = req.lang ?? 'zh';
          const { view, byField } = contractProblems(refusal, form, lang);
          return showForm(req, res, contract, contractFormFrom(form, lang, byField), { formProblems: view }, refusal.status);
        }
        res.redirect(303, `/contracts/${id}`);
      },
    }),
  ];
}
