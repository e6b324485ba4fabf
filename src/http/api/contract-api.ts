// /api/customers, /api/contracts and /api/usage: the support desk's and sales' records.
import { z } from 'zod';
import { instant } from './instant-schema.ts';
import { can } from '../../accounts/roles.ts';
import { OFFERINGS, TIERS } from '../../catalog/catalog-codes.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import { CONTRACT_SORTS, CONTRACT_STATES, CUSTOMER_SORTS } from '../../contracts/contract-store.ts';
import type { UsageService } from '../../contracts/usage-service.ts';
import { HttpError } from '../http-error.ts';
import { actorOf, clientAddress, idParam, principalOf, safeFilename } from '../request-helpers.ts';
import type { ContractImport } from '../../contracts/contract-import.ts';
import type { UploadLimits } from '../policy-handlers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { IdempotencyService } from '../../idempotency/idempotency-service.ts';
import { IDEMPOTENCY_HEADER, sendIdempotent } from '../idempotent-response.ts';

const Contact = z.object({ name: z.string().max(100), email: z.string().max(200).nullable().optional(), role: z.enum(['contact', 'csm']).default('contact') });
export const CustomerBody = z.object({ name: z.string().max(200), contacts: z.array(Contact).max(50).optional() });
export const CustomerUpdate = CustomerBody.partial();
export const ContractBody = z.object({
  customerId: z.number().int().positive(),
  offering: z.string().max(16),
  tier: z.string().max(16),
  startsOn: z.string().max(10).describe('YYYY-MM-DD'),
  endsOn: z.string().max(10).describe('YYYY-MM-DD'),
  services: z.array(z.object({ service: z.string().max(64), personDays: z.number('应为数字,例如 2.5 / must be a number such as 2.5').optional() })).max(50).optional(),
});
const Page = { limit: z.coerce.number().int().min(1).max(500).default(100), offset: z.coerce.number().int().min(0).default(0) };
export const CustomerQuery = z.object({ search: z.string().max(100).optional(), sort: z.enum(CUSTOMER_SORTS).optional().describe('name (default) or newest'), ...Page });
export const ContractQuery = z.object({
  customerId: z.coerce.number().int().positive().optional(),
  search: z.string().max(100).optional().describe('part of the customer’s name'),
  offering: z.enum(OFFERINGS).optional(),
  tier: z.enum(TIERS).optional(),
  state: z.enum(CONTRACT_STATES).optional().describe('in force, not yet started or ended, today in Asia/Shanghai'),
  service: z.string().max(64).optional().describe('a special service the contract bought'),
  sort: z.enum(CONTRACT_SORTS).optional().describe('newest (default), customer, startsOn (latest first), endsOn (soonest first)'),
  ...Page,
});
export const AtQuery = z.object({ at: instant().optional().describe('ISO-8601 instant; default now') });
/** Person-days of one use: a finite number above 0, at most 1000, in the tenths the database keeps (DECIMAL(8,1)). */
export const PersonDays = z
  .number({ error: '应为数字,例如 1.5 / must be a number such as 1.5' })
  .gt(0, '应大于 0 / must be above 0')
  .max(1000, '一次最多登记 1000 人天 / at most 1000 person-days at a time')
  .refine((v) => Math.abs(v * 10 - Math.round(v * 10)) < 1e-9, '最多一位小数,例如 1.5 / at most one decimal, such as 1.5');
export const UsageBody = z.object({
  contractId: z.number().int().positive(),
  service: z.string().max(64),
  personDays: PersonDays,
  at: instant().optional(),
  onsite: z.boolean().optional().describe('delivered on site (现场); default false. A grant marked 非现场 refuses it without an override'),
  note: z.string().max(500).optional(),
  override: z
    .object({ reason: z.string().trim().min(2).max(500) })
    .optional()
    .describe('managers only: record beyond the grant (the year’s uses, its person-days per use, 非现场, the person-days bought), audited'),
});

export function contractApiRoutes(deps: { contracts: ContractService; usage: UsageService; contractImport: ContractImport; limits: UploadLimits; idempotency: IdempotencyService }): RouteSpec[] {
  const { contracts } = deps;
  return [
    route({ method: 'get', path: '/api/customers', permission: 'contract.read', kind: 'api', query: CustomerQuery, summary: 'List customers, with how many contracts each holds; `total` counts every page', handler: async (req, res) => {
      const { items, total } = await contracts.pageCustomers(req.query as unknown as z.infer<typeof CustomerQuery>);
      res.json({ customers: items, total });
    } }),
    route({ method: 'post', path: '/api/customers', permission: 'contract.write', kind: 'api', body: CustomerBody, successStatus: 201, summary: 'Create a customer with contacts', handler: async (req, res) => {
      res.status(201).json({ customer: await contracts.createCustomer(req.body as z.infer<typeof CustomerBody>, actorOf(req)) });
    } }),
    route({ method: 'get', path: '/api/customers/:id', permission: 'contract.read', kind: 'api', summary: 'One customer', handler: async (req, res) => {
      res.json({ customer: await contracts.getCustomer(idParam(req)) });
    } }),
    route({ method: 'put', path: '/api/customers/:id', permission: 'contract.write', kind: 'api', body: CustomerUpdate, summary: 'Rename a customer or replace its contacts', handler: async (req, res) => {
      res.json({ customer: await contracts.updateCustomer(idParam(req), req.body as z.infer<typeof CustomerUpdate>, actorOf(req)) });
    } }),
    route({ method: 'get', path: '/api/contracts', permission: 'contract.read', kind: 'api', query: ContractQuery, summary: 'List contracts (newest first unless sorted), filtered; `total` counts every page', handler: async (req, res) => {
      const { items, total } = await contracts.pageContracts(req.query as unknown as z.infer<typeof ContractQuery>);
      res.json({ contracts: items, total });
    } }),
    route({ method: 'post', path: '/api/contracts', permission: 'contract.write', kind: 'api', body: ContractBody, successStatus: 201, summary: 'Create a contract; `warnings` lists what is wrong without refusing it (NO_CSM)', handler: async (req, res) => {
      const contract = await contracts.createContract(req.body as z.infer<typeof ContractBody>, actorOf(req));
      res.status(201).json({ contract, warnings: await contracts.warnings(contract) });
    } }),
    route({ method: 'post', path: '/api/contracts/import', permission: 'contract.write', kind: 'api', upload: 'file', successStatus: 201, summary: 'Import contracts from an xlsx or CSV file (multipart field `file`): all rows or none', handler: async (req, res) => {
      const principal = principalOf(req);
      const outcome = await deps.contractImport.importFile(req.file!.buffer, safeFilename(req.file!.originalname), { name: principal.name, address: clientAddress(req) }, deps.limits);
      if (outcome.status === 'rejected') {
        const errors = outcome.issues.filter((i) => i.severity === 'error').length;
        throw new HttpError(422, 'FILE_REJECTED', `文件有 ${errors} 处错误,未导入任何合同`, `The file has ${errors} error(s); no contract was imported`, { issues: outcome.issues });
      }
      res.status(201).json(outcome);
    } }),
    route({ method: 'get', path: '/api/contracts/:id', permission: 'contract.read', kind: 'api', summary: 'One contract, with its warnings (NO_CSM) until they are fixed', handler: async (req, res) => {
      const contract = await contracts.getContract(idParam(req));
      res.json({ contract, warnings: await contracts.warnings(contract) });
    } }),
    route({ method: 'put', path: '/api/contracts/:id', permission: 'contract.write', kind: 'api', body: ContractBody, summary: 'Replace a contract; `warnings` as for a new one', handler: async (req, res) => {
      const contract = await contracts.updateContract(idParam(req), req.body as z.infer<typeof ContractBody>, actorOf(req));
      res.json({ contract, warnings: await contracts.warnings(contract) });
    } }),
    route({ method: 'get', path: '/api/contracts/:id/entitlements', permission: 'contract.read', kind: 'api', query: AtQuery, summary: 'Every service’s decision for a contract at an instant', handler: async (req, res) => {
      const { at } = req.query as z.infer<typeof AtQuery>;
      res.json(await contracts.entitlements(idParam(req), at ? new Date(at) : new Date()));
    } }),
    route({ method: 'post', path: '/api/usage', permission: 'usage.record', kind: 'api', body: UsageBody, successStatus: 201, idempotent: true, summary: 'Record one use of a quota, or draw person-days bought on the contract (Idempotency-Key header supported)', handler: async (req, res) => {
      const body = req.body as z.infer<typeof UsageBody>;
      const principal = principalOf(req);
      // With an Idempotency-Key, a retry gets the first response (201 and its body) and another use under the key a 409.
      await sendIdempotent(deps.idempotency, req, res, 'POST /api/usage', body, async () => {
        const result = await deps.usage.record(
          { contractId: body.contractId, service: body.service, personDays: body.personDays, onsite: body.onsite ?? false, at: body.at ? new Date(body.at) : new Date(), note: body.note ?? null, override: body.override ?? null, idempotencyKey: req.get(IDEMPOTENCY_HEADER) ?? null },
          { name: principal.name, address: clientAddress(req), mayOverride: can(principal.role, 'usage.override') },
        );
        return { status: 201, body: result };
      });
    } }),
  ];
}
