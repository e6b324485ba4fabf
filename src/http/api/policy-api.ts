// The JSON API for policy versions; it mirrors the policy owners' pages.
import { z } from 'zod';
import type { AuditAction, AuditLog } from '../../audit/audit-log.ts';
import { TARGET_KINDS } from '../../audit/audit-target.ts';
import { instant } from './instant-schema.ts';
import type { PolicyService } from '../../policy/policy-service.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { HolidayService } from '../../holidays/holiday-service.ts';
import { stableStringify } from '../../policy/stable-json.ts';
import { HttpError } from '../http-error.ts';
import { clientAddress, principalOf, versionParam } from '../request-helpers.ts';
import { downloadExport, downloadWorkbook, ExportQuery, importUpload, parseEffectiveFrom, type UploadLimits } from '../policy-handlers.ts';
import { route, type RouteSpec } from '../route-table.ts';

export const ActivateBody = z.object({
  effectiveFrom: z
    .string()
    .trim()
    .max(40, '生效时间应为 YYYY-MM-DD 或带时区的时间 / effectiveFrom is YYYY-MM-DD or an ISO-8601 instant with offset')
    .optional()
    .describe('YYYY-MM-DD (midnight Asia/Shanghai) or an ISO-8601 instant with offset; default now'),
});

export const DiffQuery = z.object({
  against: z
    .union([z.literal('active'), z.literal('scheduled'), z.string().regex(/^\d+$/, 'active, scheduled or a version number')])
    .default('active')
    .describe('`active`, `scheduled` (the next version scheduled; the active one when none is) or a version number'),
});

export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  before: z.coerce.number().int().positive().optional().describe('entries with a smaller id: the next page after the last id seen'),
  actor: z.string().max(100).optional().describe('who acted'),
  action: z.string().max(64).optional().describe('one action, e.g. contract.update'),
  kind: z.enum(TARGET_KINDS).optional().describe('the kind of target'),
  target: z.string().max(255).optional().describe('one target, e.g. contract:3 (with its contract years), a quote number, a user name'),
  from: instant().optional().describe('entries at or after this instant (ISO-8601 with offset)'),
  to: instant().optional().describe('entries before this instant'),
});

export function policyApiRoutes(deps: { policies: PolicyService; contracts: ContractService; audit: AuditLog; holidays: HolidayService; limits: UploadLimits }): RouteSpec[] {
  const { policies } = deps;
  return [
    route({
      method: 'get',
      path: '/api/policies',
      permission: 'policy.read',
      kind: 'api',
      summary: 'List policy versions with status and effective date',
      handler: async (_req, res) => {
        res.json({ versions: await policies.listVersions() });
      },
    }),
    route({
      method: 'post',
      path: '/api/policies',
      permission: 'policy.upload',
      kind: 'api',
      upload: 'workbook',
      successStatus: 201,
      summary: 'Upload a workbook (multipart field `workbook`): 201 with the draft version, or 422 with every cell error',
      handler: async (req, res) => {
        const outcome = await importUpload(req, policies, deps.limits);
        if (outcome.status === 'rejected') {
          const errors = outcome.issues.filter((i) => i.severity === 'error').length;
          throw new HttpError(422, 'WORKBOOK_REJECTED', `工作簿有 ${errors} 处错误,未保存`, `The workbook has ${errors} error(s); nothing was stored`, {
            issues: outcome.issues,
          });
        }
        const { diff, against, scope } = await policies.diff(outcome.version.version);
        const impact = await deps.contracts.impactOf(scope);
        // The version's own holiday readiness: what activating it would leave without holidays (judged today).
        const summary = { ...outcome.summary, warnings: [...outcome.summary.warnings, ...(await deps.holidays.versionWarnings(outcome.version.version))] };
        res.status(outcome.status === 'created' ? 201 : 200).json({ status: outcome.status, version: outcome.version, summary, diff, against, impact });
      },
    }),
    route({
      method: 'get',
      path: '/api/policies/:version',
      permission: 'policy.read',
      kind: 'api',
      summary: 'One version with its import summary and rules',
      handler: async (req, res) => {
        const version = versionParam(req);
        res.json({ version: await policies.getVersion(version), rules: await policies.getRules(version) });
      },
    }),
    route({
      method: 'get',
      path: '/api/policies/:version/rules',
      permission: 'policy.read',
      kind: 'api',
      summary: 'The rules JSON of a version, as reviewed in rules/',
      handler: async (req, res) => {
        res.type('application/json').send(stableStringify(await policies.getRules(versionParam(req))));
      },
    }),
    route({
      method: 'get',
      path: '/api/policies/:version/diff',
      permission: 'policy.read',
      kind: 'api',
      query: DiffQuery,
      summary: 'What the version changes against the active version (or another one)',
      handler: async (req, res) => {
        const { against } = req.query as z.infer<typeof DiffQuery>;
        const { against: base, diff, scope } = await policies.diff(versionParam(req), against === 'active' || against === 'scheduled' ? against : Number(against));
        res.json({ against: base, diff, impact: await deps.contracts.impactOf(scope) });
      },
    }),
    route({
      method: 'post',
      path: '/api/policies/:version/activate',
      permission: 'policy.activate',
      kind: 'api',
      body: ActivateBody,
      summary: 'Activate a version from a date (default now); a past date only when moving in (no other version in force before it, nothing decided since under another)',
      handler: async (req, res) => {
        const from = parseEffectiveFrom((req.body as z.infer<typeof ActivateBody>).effectiveFrom);
        const version = versionParam(req);
        const activation = await policies.activate(version, principalOf(req).name, from, clientAddress(req));
        res.json({ activation, version: await policies.getVersion(version) });
      },
    }),
    route({
      method: 'post',
      path: '/api/policies/:version/withdraw',
      permission: 'policy.activate',
      kind: 'api',
      summary: 'Withdraw the version’s scheduled activation before it takes effect (409 ALREADY_IN_EFFECT once it has, NOT_SCHEDULED when none is); the activation stays in history, marked withdrawn',
      handler: async (req, res) => {
        const version = versionParam(req);
        const withdrawn = await policies.withdraw(version, principalOf(req).name, clientAddress(req));
        res.json({ withdrawn, version: await policies.getVersion(version) });
      },
    }),
    route({
      method: 'get',
      path: '/api/policies/:version/workbook',
      permission: 'policy.read',
      kind: 'api',
      summary: 'The original workbook of a version, as an attachment',
      handler: downloadWorkbook(policies),
    }),
    route({
      method: 'get',
      path: '/api/policies/:version/export',
      permission: 'policy.read',
      kind: 'api',
      query: ExportQuery,
      summary: 'A version written back as a workbook (?lang=zh, the default, or en), as an attachment; re-importing it gives the same rules',
      handler: downloadExport(policies),
    }),
    route({
      method: 'get',
      path: '/api/audit',
      permission: 'audit.read',
      kind: 'api',
      query: AuditQuery,
      summary: 'The audit log, newest first, filtered by actor, action, kind of target, target and instants; `total` counts every match',
      handler: async (req, res) => {
        const q = req.query as unknown as z.infer<typeof AuditQuery>;
        const iso = (text: string | undefined) => (text ? new Date(text).toISOString() : undefined);
        const { items, total } = await deps.audit.search({ actor: q.actor, action: q.action as AuditAction | undefined, targetKind: q.kind, target: q.target, fromAt: iso(q.from), beforeAt: iso(q.to), beforeId: q.before, offset: 0, limit: q.limit });
        res.json({ entries: items, total });
      },
    }),
  ];
}
