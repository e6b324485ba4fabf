// The policy owners' pages: versions, upload with its errors or diff, activation, downloads, audit.
import type { AuditLog } from '../../audit/audit-log.ts';
import { isEmptyDiff } from '../../policy-workbook/policy-diff.ts';
import type { PolicyService } from '../../policy/policy-service.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { HolidayService } from '../../holidays/holiday-service.ts';
import { toHttpError } from '../http-error.ts';
import { downloadWorkbook, importUpload, parseEffectiveFrom, parseRefusal, type UploadLimits } from '../policy-handlers.ts';
import { stableStringify } from '../../policy/stable-json.ts';
import { clientAddress, principalOf, sendAttachment, versionParam } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { ActivateBody } from '../api/policy-api.ts';
import { formOf } from './contract-form.ts';
import { asApiBody, refusalText, textField } from './form-body.ts';
import { renderPage } from './page-context.ts';


interface Deps {
  policies: PolicyService;
  contracts: ContractService;
  audit: AuditLog;
  /** The version's own holiday readiness joins its warnings: what activating it would leave without holidays. */
  holidays: HolidayService;
  views: Views;
  limits: UploadLimits;
}

export function policyPages(deps: Deps): RouteSpec[] {
  const { policies, views } = deps;
  const uploadMb = Math.round(deps.limits.maxFileBytes / 1024 / 1024);

  async function showVersion(req: Parameters<RouteSpec['handler']>[0], res: Parameters<RouteSpec['handler']>[1], version: number, extra: Record<string, unknown> = {}, status = 200) {
    const detail = await policies.getVersion(version);
    const { diff, against, scope } = await policies.diff(version);
    const impact = await deps.contracts.impactOf(scope);
    renderPage(views, req, res, 'policy-version', 'policies', {
      version: detail,
      summary: detail.summary,
      warnings: [...detail.summary.warnings.filter((w) => w.severity === 'warning'), ...(await deps.holidays.versionWarnings(version))],
      diff,
      against,
      diffEmpty: isEmptyDiff(diff),
      impact,
      ...extra,
    }, status);
  }

  return [
    route({
      method: 'get',
      path: '/',
      permission: null,
      kind: 'page',
      summary: 'Start page',
      handler: (req, res) => res.redirect(303, req.principal ? '/policies' : '/sign-in'),
    }),
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
      path: '/policies/:version',
      permission: 'policy.read',
      kind: 'page',
      summary: 'A version: summary, warnings, diff against the active version, activation',
      handler: async (req, res) => showVersion(req, res, versionParam(req)),
    }),
    route({
      method: 'post',
      path: '/policies/:version/activate',
      permission: 'policy.activate',
      kind: 'page',
      summary: 'Activate a version from the page',
      handler: async (req, res) => {
        const version = versionParam(req);
        const effectiveFrom = formOf(req.body).effectiveFrom;
        try {
          // POST /api/policies/:version/activate's body, checked by its schema.
          const body = asApiBody(ActivateBody, { effectiveFrom: textField(effectiveFrom) });
          await policies.activate(version, principalOf(req).name, parseEffectiveFrom(body.effectiveFrom), clientAddress(req));
        } catch (err) {
          // The form is shown again with the problem, instead of an error page.
          const refusal = toHttpError(err);
          if (refusal && refusal.status !== 404) {
            return showVersion(req, res, version, { activateError: refusalText(refusal, req.lang ?? 'zh', { effectiveFrom: { zh: '生效日期', en: 'Effective from' } }), effectiveFrom }, refusal.status);
          }
          throw err;
        }
        res.redirect(303, `/policies/${version}`);
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
      path: '/audit',
      permission: 'audit.read',
      kind: 'page',
      summary: 'The audit log',
      handler: async (req, res) => {
        const before = Number(req.query.before);
        const entries = await deps.audit.list({ limit: 100, before: Number.isInteger(before) && before > 0 ? before : undefined });
        // Details (a customer's contacts before and after, say) as indented JSON text; the template escapes it.
        const shown = entries.map((e) => ({ ...e, detailsText: e.details ? JSON.stringify(e.details, null, 2) : null }));
        renderPage(views, req, res, 'audit', 'audit', { entries: shown, nextBefore: entries.length === 100 ? entries.at(-1)!.id : null });
      },
    }),
  ];
}

