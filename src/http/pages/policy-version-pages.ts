// A version's own pages: the version (its catalog as customers see it, warnings, the diff against the active or the
// scheduled version and what it changes for contracts), the contracts a change touches (paged, exported to xlsx),
// activation with a confirmation step, and withdrawing a scheduled activation. Each write confirms afterwards on the
// version's page (?done=…), which the redirect after the write names.
import type { Request, Response } from 'express';
import { shanghaiDate } from '../../calendar/instants.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { HolidayService } from '../../holidays/holiday-service.ts';
import { isEmptyDiff } from '../../policy-workbook/policy-diff.ts';
import { catalogFromRules } from '../../policy-workbook/rules-document.ts';
import { casesFailed } from '../../policy/case-results.ts';
import type { PolicyService } from '../../policy/policy-service.ts';
import { ActivateBody } from '../api/policy-api.ts';
import { toHttpError } from '../http-error.ts';
import { parseEffectiveFrom } from '../policy-handlers.ts';
import { clientAddress, principalOf, sendAttachment, versionParam, XLSX_TYPE } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { formOf } from './contract-form.ts';
import { asApiBody, refusalText, textField } from './form-body.ts';
import { pagerOf, readListQuery, wantsWorkbook } from './list-view.ts';
import { renderPage } from './page-context.ts';
import { caseChangesView, caseResultsView } from './policy-case-view.ts';
import { catalogView, type CatalogOfferingView } from './policy-catalog-view.ts';
import { changesByPair, impactRows, impactWorkbook, IMPACT_EXPORT_LIMIT } from './policy-impact-view.ts';

interface Deps {
  policies: PolicyService;
  contracts: ContractService;
  /** The version's own holiday readiness joins its warnings: what activating it would leave without holidays. */
  holidays: HolidayService;
  views: Views;
}

type Against = 'active' | 'scheduled';
const againstOf = (req: Request): Against => (req.query.against === 'scheduled' ? 'scheduled' : 'active');
const langOf = (req: Request) => req.lang ?? 'zh';
const FIELD_NAMES = { effectiveFrom: { zh: '生效日期', en: 'Effective from' } };

/** Stored versions never change: each one's catalog view is built once per language (few versions are looked at). */
const KEPT_CATALOGS = 16;

export function policyVersionPages(deps: Deps): RouteSpec[] {
  const { policies, views } = deps;
  const catalogs = new Map<string, Promise<CatalogOfferingView[]>>();
  function catalogOf(version: number, lang: 'zh' | 'en') {
    const key = `${version}:${lang}`;
    let kept = catalogs.get(key);
    if (!kept) {
      kept = policies.getRules(version).then((doc) => catalogView(catalogFromRules(doc), lang));
      kept.catch(() => catalogs.delete(key));
      catalogs.set(key, kept);
      if (catalogs.size > KEPT_CATALOGS) catalogs.delete(catalogs.keys().next().value!);
    }
    return kept;
  }

  async function showVersion(req: Request, res: Response, version: number, extra: Record<string, unknown> = {}, status = 200) {
    const against = againstOf(req);
    const lang = langOf(req);
    const detail = await policies.getVersion(version);
    const { diff, against: base, scope } = await policies.diff(version, against);
    const [impact, { scheduled }, catalog, holidayWarnings] = await Promise.all([deps.contracts.impactOf(scope), policies.activeAndScheduled(), catalogOf(version, lang), deps.holidays.versionWarnings(version)]);
    const done = req.query.done === 'activated' || req.query.done === 'withdrawn' ? req.query.done : null;
    renderPage(views, req, res, 'policy-version', 'policies', {
      version: detail,
      summary: detail.summary,
      warnings: [...detail.summary.warnings.filter((w) => w.severity === 'warning'), ...holidayWarnings],
      diff,
      against: base,
      againstChoice: against,
      // The choice is worth offering when another version than this one is scheduled.
      scheduledOther: scheduled && scheduled.version !== version ? scheduled.version : null,
      diffEmpty: isEmptyDiff(diff),
      impact,
      pairChanges: changesByPair(diff, lang),
      cases: caseResultsView(detail.summary.testCases, lang),
      caseChanges: caseChangesView(diff.testCases, lang),
      catalog,
      done,
      withdrawn: detail.withdrawals[0] ?? null,
      ...extra,
    }, status);
  }

  return [
    route({
      method: 'get',
      path: '/policies/:version',
      permission: 'policy.read',
      kind: 'page',
      summary: 'A version: its catalog as customers see it, warnings, the diff against the active or scheduled version (?against=active|scheduled) and its impact, activation and withdrawal',
      handler: async (req, res) => showVersion(req, res, versionParam(req)),
    }),
    route({
      method: 'get',
      path: '/policies/:version/impact',
      permission: 'policy.read',
      kind: 'page',
      summary: 'The contracts in force a version would change, with what changes for each (paged; ?format=xlsx exports them)',
      handler: async (req, res) => {
        const version = versionParam(req);
        const against = againstOf(req);
        const lang = langOf(req);
        const list = readListQuery(req.query, { sorts: ['newest'] as const, defaultSort: 'newest', filters: ['against'] as const });
        if (wantsWorkbook(req.query)) {
          const { contracts } = await policies.touchedContracts(version, against, 0, IMPACT_EXPORT_LIMIT);
          const bytes = await impactWorkbook(contracts, lang);
          return sendAttachment(res, bytes, `policy-v${version}-impact.xlsx`, XLSX_TYPE);
        }
        const detail = await policies.getVersion(version);
        const page = await policies.touchedContracts(version, against, list.offset, list.pageSize);
        const impact = await deps.contracts.impactOf(page.comparison.scope);
        const base = `/policies/${version}/impact`;
        renderPage(views, req, res, 'policy-impact', 'policies', {
          version: detail,
          against: page.comparison.against,
          baseLabel: page.comparison.against === null ? (lang === 'zh' ? '无生效版本' : 'no active version') : `v${page.comparison.against}`,
          againstChoice: against,
          impact,
          rows: impactRows(page.contracts, lang),
          pager: pagerOf(base, list, impact.contracts),
          exportHref: `${base}?${new URLSearchParams({ ...(against === 'scheduled' ? { against } : {}), format: 'xlsx' }).toString()}`,
          exportCapped: impact.contracts > IMPACT_EXPORT_LIMIT,
          exportLimit: IMPACT_EXPORT_LIMIT,
        });
      },
    }),
    route({
      method: 'get',
      path: '/policies/:version/activate',
      permission: 'policy.activate',
      kind: 'page',
      summary: 'Confirm an activation: the effective date in Asia/Shanghai and the contracts it changes; nothing is written',
      handler: async (req, res) => {
        const version = versionParam(req);
        const typed = typeof req.query.effectiveFrom === 'string' ? req.query.effectiveFrom : '';
        let from: Date | undefined;
        try {
          from = parseEffectiveFrom(asApiBody(ActivateBody, { effectiveFrom: textField(typed) }).effectiveFrom);
        } catch (err) {
          const refusal = toHttpError(err);
          if (!refusal || refusal.status >= 500) throw err;
          return showVersion(req, res, version, { activateError: refusalText(refusal, langOf(req), FIELD_NAMES), effectiveFrom: typed }, refusal.status);
        }
        const detail = await policies.getVersion(version);
        // A version whose 测试用例 fail is refused before anyone confirms, as the activation itself would refuse it.
        const failing = casesFailed(version, detail.summary.testCases);
        if (failing) return showVersion(req, res, version, { activateError: refusalText(toHttpError(failing)!, langOf(req), FIELD_NAMES), effectiveFrom: typed }, 422);
        const { scope } = await policies.diff(version, 'active');
        const impact = await deps.contracts.impactOf(scope);
        // Today's date means now (as the activation reads it); a date before today is moving in, said before it is asked for.
        const now = new Date();
        const today = from !== undefined && shanghaiDate(from) === shanghaiDate(now) && from < now;
        const past = from !== undefined && shanghaiDate(from) < shanghaiDate(now);
        renderPage(views, req, res, 'policy-activate', 'policies', { version: detail, effectiveFrom: typed, effectiveAt: from && !today ? from.toISOString() : null, past, impact });
      },
    }),
    route({
      method: 'post',
      path: '/policies/:version/activate',
      permission: 'policy.activate',
      kind: 'page',
      summary: 'Activate a version from the page (after its confirmation step)',
      handler: async (req, res) => {
        const version = versionParam(req);
        const form = formOf(req.body);
        const effectiveFrom = form.effectiveFrom;
        try {
          // POST /api/policies/:version/activate's body, checked by its schema.
          const body = asApiBody(ActivateBody, { effectiveFrom: textField(effectiveFrom) });
          await policies.activate(version, principalOf(req).name, parseEffectiveFrom(body.effectiveFrom), clientAddress(req));
        } catch (err) {
          // The form is shown again with the problem, instead of an error page.
          const refusal = toHttpError(err);
          if (refusal && refusal.status !== 404) {
            return showVersion(req, res, version, { activateError: refusalText(refusal, langOf(req), FIELD_NAMES), effectiveFrom }, refusal.status);
          }
          throw err;
        }
        // From the confirmation step: the version's page says what was done.
        res.redirect(303, form.confirmed === '1' ? `/policies/${version}?done=activated` : `/policies/${version}`);
      },
    }),
    route({
      method: 'post',
      path: '/policies/:version/withdraw',
      permission: 'policy.activate',
      kind: 'page',
      summary: 'Withdraw a version’s scheduled activation before it takes effect (kept in history, audited)',
      handler: async (req, res) => {
        const version = versionParam(req);
        try {
          await policies.withdraw(version, principalOf(req).name, clientAddress(req));
        } catch (err) {
          const refusal = toHttpError(err);
          if (refusal && refusal.status === 409) return showVersion(req, res, version, { withdrawError: refusalText(refusal, langOf(req), FIELD_NAMES) }, refusal.status);
          throw err;
        }
        res.redirect(303, `/policies/${version}?done=withdrawn`);
      },
    }),
  ];
}
