// Intake: pick the contract (searched, not listed in full), then one of its offering's services by name; the
// preview shows the decision and the deadline before saving, and refuses what saving would refuse, with the same
// words beside the same field: both run the API's schema and then the service's own checks (RequestService.preview
// and .open share them).
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { serviceName } from '../../catalog/catalog-names.ts';
import type { ContractService } from '../../contracts/contract-service.ts';
import type { Decision } from '../../entitlement/decision.ts';
import { fingerprintOf, type IdempotencyService } from '../../idempotency/idempotency-service.ts';
import type { RequestService } from '../../requests/request-service.ts';
import type { Lang } from '../i18n.ts';
import { actorOf, principalOf } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { RequestBody } from '../api/request-api.ts';
import { asApiBody, integerField } from './form-body.ts';
import { renderPage } from './page-context.ts';
import { asInstantText, localNow, problemsOf } from './request-page-parts.ts';

// Form fields arrive as text; a repeated field (an array) or an oversized one is refused before any use.
const text = (max: number) => z.string().max(max).optional();
const IntakeBody = z.object({ _csrf: text(200), formId: text(100), contractId: text(12), service: text(64), openedAt: text(40), summary: text(2000) });

interface IntakeForm {
  contractId?: string;
  service?: string;
  openedAt?: string;
  summary?: string;
  formId?: string;
}

interface Deps {
  requests: RequestService;
  idempotency: IdempotencyService;
  contracts: ContractService;
  views: Views;
}

/**
 * The intake form as POST /api/requests's body, refused by its schema as the API refuses it (the same code and
 * details, every field at once); a blank time is left out, as the API's default (now) then applies.
 */
function requestDraftOf(form: IntakeForm) {
  const body = asApiBody(RequestBody, { contractId: integerField(form.contractId), service: form.service ?? '', openedAt: asInstantText(form.openedAt), summary: form.summary ?? '' });
  return { contractId: body.contractId, service: body.service, openedAt: body.openedAt ? new Date(body.openedAt) : undefined, summary: body.summary };
}

/** A decision's reasons in the page's language: the reason texts are "中文 / English". */
function decisionView(decision: Decision, lang: Lang) {
  const half = (message: string) => (message.includes(' / ') ? message.split(' / ')[lang === 'zh' ? 0 : 1]! : message);
  return { ...decision, serviceName: serviceName(decision.service, lang), reasons: decision.reasons.map((r) => ({ code: r.code, message: half(r.message) })) };
}

export function requestIntakePages(deps: Deps): RouteSpec[] {
  const { requests, views } = deps;

  async function showIntake(req: Request, res: Response, form: IntakeForm, extra: Record<string, unknown> = {}, status = 200) {
    const lang = req.lang ?? 'zh';
    const q = typeof req.query.contractQ === 'string' ? req.query.contractQ.trim().slice(0, 100) : '';
    const contractId = Number(form.contractId);
    const chosen = Number.isInteger(contractId) && contractId > 0 ? await deps.contracts.getContract(contractId).catch(() => null) : null;
    const found = await deps.contracts.listContracts({ search: q || undefined, limit: 50, offset: 0 });
    const contracts = chosen && !found.some((c) => c.id === chosen.id) ? [chosen, ...found] : found;
    const services = chosen ? await requests.intakeServices(chosen.id) : [];
    const named = services.map((s) => ({ code: s.service, name: serviceName(s.service, lang), entitled: s.entitled, selected: s.service === form.service }));
    renderPage(views, req, res, 'request-new', 'newRequest', {
      form: { formId: randomUUID(), openedAt: localNow(), ...form },
      contractQ: q,
      selectedContract: chosen?.id ?? null,
      chosen,
      contracts,
      entitledServices: named.filter((s) => s.entitled),
      otherServices: named.filter((s) => !s.entitled),
      ...extra,
    }, status);
  }

  /** The refusal beside the form: the summary on top, each field's text beside it. */
  async function showRefused(req: Request, res: Response, form: IntakeForm, err: unknown, extra: Record<string, unknown> = {}) {
    const found = problemsOf(err, req.lang ?? 'zh');
    await showIntake(req, res, form, { problems: found.problems, errors: found.byField, ...extra }, found.status);
  }

  return [
    route({
      method: 'get',
      path: '/requests/new',
      permission: 'request.write',
      kind: 'page',
      summary: 'Intake form: the contract searched (contractQ), then its offering’s services by name',
      handler: async (req, res) => {
        const contractId = typeof req.query.contractId === 'string' ? req.query.contractId.slice(0, 12) : undefined;
        await showIntake(req, res, { contractId });
      },
    }),
    route({
      method: 'post',
      path: '/requests/preview',
      permission: 'request.write',
      kind: 'page',
      body: IntakeBody,
      summary: 'Intake form with the decision and deadline before saving; refuses what saving would refuse',
      handler: async (req, res) => {
        const form = req.body as IntakeForm;
        try {
          // The draft confirming would send, checked by the same schema and the same service checks.
          const decision = await requests.preview(requestDraftOf(form));
          await showIntake(req, res, form, { decision: decisionView(decision, req.lang ?? 'zh') });
        } catch (err) {
          await showRefused(req, res, form, err);
        }
      },
    }),
    route({
      method: 'post',
      path: '/requests',
      permission: 'request.write',
      kind: 'page',
      body: IntakeBody,
      summary: 'Save an intake: refused with the reasons when the contract is not entitled',
      handler: async (req, res) => {
        const form = req.body as IntakeForm;
        const lang = req.lang ?? 'zh';
        try {
          const owner = principalOf(req).name;
          // The form's one-time id is its idempotency key: a double-submitted form opens one request.
          const key = form.formId ? `form:${form.formId}` : null;
          const open = async () => {
            const { request } = await requests.open(requestDraftOf(form), actorOf(req), key);
            return { status: 303, body: { requestId: request.id } };
          };
          const fields = { contractId: form.contractId, service: form.service, openedAt: form.openedAt, summary: form.summary };
          const answer = key ? await deps.idempotency.run({ owner, key, endpoint: 'POST /requests', fingerprint: fingerprintOf('POST /requests', fields) }, open) : await open();
          res.redirect(303, `/requests/${(answer.body as { requestId: number }).requestId}`);
        } catch (err) {
          const found = problemsOf(err, lang);
          // The decision beside the refusal, when the draft gets that far (a draft the schema refuses does not).
          const decision = await Promise.resolve()
            .then(() => requests.preview(requestDraftOf(form)))
            .then((d) => decisionView(d, lang))
            .catch(() => null);
          if (found.code === 'IDEMPOTENCY_KEY_REUSED') {
            // Saved once already, then changed (the back button): a fresh id lets the next save open a new request.
            const problems = [{ field: null, message: lang === 'zh' ? '此表单已保存过;如要按修改后的内容新建服务请求,请再次点击“确认受理”。' : 'This form was already saved; to open a new request with your changes, save again.' }];
            return showIntake(req, res, { ...form, formId: randomUUID() }, { decision, problems }, found.status);
          }
          await showIntake(req, res, form, { decision, problems: found.problems, errors: found.byField }, found.status);
        }
      },
    }),
  ];
}
