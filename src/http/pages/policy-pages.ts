// The policy owners' pages: versions, upload with its errors or diff, activation, downloads (the audit log: audit-pages.ts).
import type { PolicyService } from '../../policy/policy-service.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { HolidayService } from '../../holidays/holiday-service.ts';
import { downloadExport, downloadWorkbook, ExportQuery, importUpload, parseRefusal, type UploadLimits } from '../policy-handlers.ts';
import { stableStringify } from '../../policy/stable-json.ts';
import { sendAttachment, versionParam } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { renderPage } from './page-context.ts';


interface Deps {
  policies: PolicyService;
  contracts: ContractService;
  /** The version's own holiday readiness joins its warnings: what activating it would leave without holidays. */
  holidays: HolidayService;
  views: Views;
  limits: UploadLimits;
}

export function policyPages(deps: Deps): RouteSpec[] {
  const { policies, views } = deps;
  const uploadMb = Math.round(deps.limits.maxFileBytes / 1024 / 1024);

  return [
    route({
      method: 'get',
      path: '/policies',
      permission: 'policy.read',
      kind: 'page',
      summary: 'Versions list and upload form',
      handler: async (req, res) => {
        renderPage(views, req, res, 'policies', 'policies', { versions: await policies.listVersions(), uploadMb });
      },
    }),
    route({
      method: 'post',
      path: '/policies',
      permission: 'policy.upload',
      kind: 'page',
      upload: 'workbook',
      summary: 'Upload a workbook from the page',
      handler: async (req, res) => {
        const rejected = async (errors: unknown[], status: number) =>
          renderPage(views, req, res, 'policies', 'policies', { versions: await policies.listVersions(), uploadMb, rejected: errors, filename: req.file!.originalname }, status);
        let outcome;
        try {
          outcome = await importUpload(req, policies, deps.limits);
        } catch (err) {
          const refusal = parseRefusal(err, res);
          if (!refusal) throw err;
          return rejected(refusal.issues, refusal.status);
        }
        if (outcome.status === 'rejected') return rejected(outcome.issues.filter((i) => i.severity === 'error'), 422);
        res.redirect(303, `/policies/${outcome.version.version}`);
      },
    }),
    route({
      method: 'get',
      path: '/policies/:version/rules.json',
      permission: 'policy.read',
      kind: 'page',
      summary: 'Download a version’s rules JSON',
      handler: async (req, res) => {
        const version = versionParam(req);
        sendAttachment(res, stableStringify(await policies.getRules(version)), `policy-v${version}.rules.json`, 'application/json; charset=utf-8');
      },
    }),
    route({
      method: 'get',
      path: '/policies/:version/workbook',
      permission: 'policy.read',
      kind: 'page',
      summary: 'Download a version’s original workbook',
      handler: downloadWorkbook(policies),
    }),
    route({
      method: 'get',
      path: '/policies/:version/export',
      permission: 'policy.read',
      kind: 'page',
      query: ExportQuery,
      summary: 'Download a version written back as a workbook, in Chinese or (?lang=en) English',
      handler: downloadExport(policies),
    }),
  ];
}

